// Stage 3, justify: one line's items -> positioned glyph runs. A line that is too long shrinks in
// the order of clreq §3.8 / §6.2.2.3 (挤压处理的优先顺序, "procedures for inter-character spacing
// reduction"): (1) the line-end mark, (2) word spaces, then adjacent-punctuation pairs down to
// one em (clreq §3.1.6.2 lets a pair take one em), (3) interpuncts (fixed here, half an em),
// (4) the outer side of brackets, (5) in-line commas, 顿号, semicolons (and colons), (6) CJK–Latin
// gaps (to 1/8 em), and last (7) in-line full stops, question and exclamation marks. Each step is
// used up before the next starts, so a line with a CJK–Latin gap keeps its 。？！ full width. A
// justified line that is too short grows word spaces, then CJK–Latin gaps, then adds equal space
// between characters (never inside —— or …… — they are single items — and never beside a
// connector). The last line of a paragraph (the only line of a one-line paragraph) is not
// stretched.
import type { Align } from '../model/schema';
import { Cls, isCompressible } from './chars';
import { EPS, GLUE_SHRINK, lineStartTrim } from './breakLines';
import { Gap, type Items } from './segment';
import type { GlyphRun, PlacedGlyph } from './types';
import type { TextStyle } from './segment';

/** How far a word space may grow before inter-character space is used, em. */
const SPACE_STRETCH = 0.5;
/** How far a CJK–Latin gap may grow (a quarter em up to half an em), em. */
const GAP_STRETCH = 0.25;

/** A set line before it is placed: glyph x are relative to the line's x. */
export interface LineContent {
  text: string;
  /** Offset of the first glyph's origin from the slot's left edge (indent + alignment), points. */
  dx: number;
  /** Set width, points. */
  width: number;
  /** Largest type size on the line, points. */
  size: number;
  /** Source offsets [start, end) in the paragraph text. */
  start: number;
  end: number;
  runs: GlyphRun[];
}

export interface JustifyOptions {
  align: Align;
  /** Last line of its paragraph: never stretched. */
  last: boolean;
  /** Indent before the first glyph, points (first lines only). */
  indent: number;
  /** The paragraph's text: when given, the line's text is sliced from it (faster than joining items). */
  source?: string;
}

// Scratch buffers reused by every call (the engine is synchronous): per-item glue before, and
// what is cut from each item's start and end. Grown on demand, never shrunk.
let gapBuf = new Float64Array(256);
let cutSBuf = new Float64Array(256);
let cutEBuf = new Float64Array(256);

/** Set items [a, b) in `measure` points (the measure excludes the indent). */
export function justify(L: Items, a: number, b: number, measure: number, opts: JustifyOptions): LineContent {
  const n = b - a;
  if (gapBuf.length < n) {
    const size = Math.max(n, 2 * gapBuf.length);
    gapBuf = new Float64Array(size);
    cutSBuf = new Float64Array(size);
    cutEBuf = new Float64Array(size);
  }
  const gapAt = gapBuf;
  const cutS = cutSBuf;
  const cutE = cutEBuf;
  gapAt[0] = 0;
  let natural = 0;
  for (let i = 0; i < n; i++) {
    const k = a + i;
    cutS[i] = L.trimStart[k]!;
    cutE[i] = L.trimEnd[k]!;
    if (i === 0) {
      const t = lineStartTrim(L, k);
      cutS[0] = L.trimStart[k]! + t;
      natural += L.width[k]! - t;
    } else {
      gapAt[i] = L.gap[k]!;
      natural += L.width[k]! + L.gap[k]!;
    }
  }
  let delta = measure - natural;
  if (delta < -EPS) delta = shrink(L, a, n, -delta, gapAt, cutS, cutE);
  else if (delta > EPS && opts.align === 'justify' && !opts.last) delta = stretch(L, a, n, delta, gapAt);

  let dx = opts.indent;
  if (delta > EPS && (opts.align === 'center' || opts.align === 'end')) dx += opts.align === 'center' ? delta / 2 : delta;

  // Emit glyphs.
  const runs: GlyphRun[] = [];
  let run: GlyphRun | null = null;
  let runStyle: TextStyle | null = null;
  const src = opts.source;
  let text = '';
  let x = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const k = a + i;
    x += gapAt[i]!;
    if (src === undefined) {
      if (i > 0 && L.gapKind[k] === Gap.Space) text += ' ';
      text += L.textOf(k);
    }
    const st = L.styleOf(k);
    if (st !== runStyle) {
      if (st.size > size) size = st.size;
      if (!run || run.size !== st.size || run.font !== st.font.postscriptName || run.fill !== st.fill) {
        run = { font: st.font.postscriptName, size: st.size, fill: st.fill, glyphs: [] };
        runs.push(run);
      }
      runStyle = st;
    }
    const boxW = L.width[k]! + L.trimStart[k]! + L.trimEnd[k]! - cutS[i]! - cutE[i]!;
    const origin = x - cutS[i]!;
    const shaped = L.shapedOf(k);
    if (!shaped) {
      run!.glyphs.push({ id: L.gid[k]!, x: origin, advance: boxW, text: L.textOf(k) });
    } else {
      const track = st.tracking * st.size;
      let pen = origin;
      for (const g of shaped) {
        const adv = g.advance * st.size + track;
        const pg: PlacedGlyph = { id: g.id, x: pen + g.xOffset * st.size, advance: adv, text: g.text };
        if (g.yOffset !== 0) pg.y = -g.yOffset * st.size;
        run!.glyphs.push(pg);
        pen += adv;
      }
    }
    x += boxW;
  }
  const start = n > 0 ? L.start[a]! : 0;
  const end = n > 0 ? L.end[b - 1]! : 0;
  if (src !== undefined) text = src.slice(start, end);
  return { text, dx, width: x, size, start, end, runs };
}

/** Take `need` points out of the line, in clreq order. Returns the remaining delta (<= 0 if overfull). */
function shrink(L: Items, a: number, n: number, need: number, gapAt: Float64Array, cutS: Float64Array, cutE: Float64Array): number {
  // 1. the line-end mark's trailing blank
  const last = a + n - 1;
  if (isCompressible(L.cls[last]! as Cls) && L.blankEnd[last]! > 0) {
    const t = Math.min(need, L.blankEnd[last]!);
    cutE[n - 1] = cutE[n - 1]! + t;
    need -= t;
  }
  if (need <= EPS) return 0;
  // 2. word spaces, then adjacent-punctuation pairs; 4. brackets; 5. commas, 顿号, semicolons;
  // 6. CJK–Latin gaps; 7. full stops, question and exclamation marks
  need = shrinkGlue(L, a, n, need, gapAt, Gap.Space);
  if (need <= EPS) return 0;
  need = shrinkMarks(L, a, n, need, cutS, cutE, inPair);
  if (need <= EPS) return 0;
  need = shrinkMarks(L, a, n, need, cutS, cutE, (L, k) => L.cls[k] === Cls.Open || L.cls[k] === Cls.Close);
  if (need <= EPS) return 0;
  need = shrinkMarks(L, a, n, need, cutS, cutE, (L, k) => L.cls[k] === Cls.Pause && !isStop(L, k));
  if (need <= EPS) return 0;
  need = shrinkGlue(L, a, n, need, gapAt, Gap.CjkLatin);
  if (need <= EPS) return 0;
  need = shrinkMarks(L, a, n, need, cutS, cutE, (L, k) => L.cls[k] === Cls.Pause && isStop(L, k));
  return need <= EPS ? 0 : -need;
}

/** Full stops, question and exclamation marks: clreq's last resort in mid-line (step 7). */
const STOPS = new Set([...'。．？！.?!｡'].map((c) => c.charCodeAt(0)));
const isStop = (L: Items, k: number): boolean => STOPS.has(L.text.charCodeAt(L.start[k]!));

/** A compressible mark next to another one on the line (。」 ，“ ）（ ...): clreq §3.1.6.2. */
function inPair(L: Items, k: number, a: number, b: number): boolean {
  if (!isCompressible(L.cls[k]! as Cls)) return false;
  return (k > a && isCompressible(L.cls[k - 1]! as Cls)) || (k + 1 < b && isCompressible(L.cls[k + 1]! as Cls));
}

function shrinkGlue(L: Items, a: number, n: number, need: number, gapAt: Float64Array, kind: Gap): number {
  let cap = 0;
  for (let i = 1; i < n; i++) if (L.gapKind[a + i] === kind) cap += L.gap[a + i]! * GLUE_SHRINK;
  if (cap <= 0) return need;
  const r = Math.min(1, need / cap);
  for (let i = 1; i < n; i++) if (L.gapKind[a + i] === kind) gapAt[i] = gapAt[i]! - L.gap[a + i]! * GLUE_SHRINK * r;
  return need - cap * r;
}

/** Remaining blank of a mark on this line (after fixed trims and what earlier steps took). */
function shrinkMarks(
  L: Items,
  a: number,
  n: number,
  need: number,
  cutS: Float64Array,
  cutE: Float64Array,
  which: (L: Items, k: number, a: number, b: number) => boolean,
): number {
  let cap = 0;
  for (let i = 0; i < n; i++) {
    const k = a + i;
    if (!which(L, k, a, a + n)) continue;
    cap += availS(L, k, cutS[i]!) + availE(L, k, cutE[i]!);
  }
  if (cap <= 0) return need;
  const r = Math.min(1, need / cap);
  for (let i = 0; i < n; i++) {
    const k = a + i;
    if (!which(L, k, a, a + n)) continue;
    const s = availS(L, k, cutS[i]!) * r;
    const e = availE(L, k, cutE[i]!) * r;
    cutS[i] = cutS[i]! + s;
    cutE[i] = cutE[i]! + e;
  }
  return need - cap * r;
}

const availS = (L: Items, k: number, cut: number) => Math.max(0, L.trimStart[k]! + L.blankStart[k]! - cut);
const availE = (L: Items, k: number, cut: number) => Math.max(0, L.trimEnd[k]! + L.blankEnd[k]! - cut);

/** Add `extra` points to a justified line. Returns what could not be placed (0 normally). */
function stretch(L: Items, a: number, n: number, extra: number, gapAt: Float64Array): number {
  // 1. word spaces, 2. CJK–Latin gaps, each up to a cap
  for (const [kind, capEm] of STRETCH_STEPS) {
    let cap = 0;
    for (let i = 1; i < n; i++) if (L.gapKind[a + i] === kind) cap += capEm * L.styleOf(a + i).size;
    if (cap <= 0) continue;
    const r = Math.min(1, extra / cap);
    for (let i = 1; i < n; i++) if (L.gapKind[a + i] === kind) gapAt[i] = gapAt[i]! + capEm * L.styleOf(a + i).size * r;
    extra -= cap * r;
    if (extra <= EPS) return 0;
  }
  // 3. equal space between characters, except beside connectors and inside glued words
  let joints = 0;
  for (let i = 1; i < n; i++) if (stretchable(L, a + i)) joints++;
  if (joints > 0) {
    const each = extra / joints;
    for (let i = 1; i < n; i++) if (stretchable(L, a + i)) gapAt[i] = gapAt[i]! + each;
    return 0;
  }
  // nothing else can take it: spread over whatever glue the line has, uncapped
  let glue = 0;
  for (let i = 1; i < n; i++) if (L.gapKind[a + i] !== Gap.None) glue++;
  if (glue === 0) return extra;
  for (let i = 1; i < n; i++) if (L.gapKind[a + i] !== Gap.None) gapAt[i] = gapAt[i]! + extra / glue;
  return 0;
}

const STRETCH_STEPS: readonly (readonly [Gap, number])[] = [
  [Gap.Space, SPACE_STRETCH],
  [Gap.CjkLatin, GAP_STRETCH],
];

/**
 * May inter-character space go between units k-1 and k? Not inside glued words, not beside
 * connectors (clreq §3.8), and never between a mark and what it belongs to: a closing bracket,
 * pause or stop mark, or postfix sign stays with the character before it, an opening bracket or
 * prefix sign with the character after it (JIS X 4051 treats punctuation spacing as fixed). On
 * a sparse line such as "证书编号：" followed by an unbreakable code, this keeps "号：" together,
 * so no gap opens in front of the colon and no reader (or PDF text extractor) sees a line that
 * starts with "：".
 */
function stretchable(L: Items, k: number): boolean {
  const c = L.cls[k];
  const p = L.cls[k - 1];
  if (L.glued[k] === 1 || c === Cls.Connector || p === Cls.Connector) return false;
  if (c === Cls.Close || c === Cls.Pause || c === Cls.Postfix) return false;
  return p !== Cls.Open && p !== Cls.Prefix;
}
