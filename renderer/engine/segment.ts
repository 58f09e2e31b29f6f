// Stage 1, segment: a paragraph's runs -> a flat list of unbreakable items (one ideograph or mark,
// one Latin word or digit run, one —— or ……), each with its natural width, the glue before it
// (word space or the quarter-em CJK–Latin gap) and the punctuation blanks that later stages may
// compress. Adjacent punctuation is compressed here, because it does not depend on where lines
// break (clreq §3.1.6; JIS X 4051 §4.3).
import { Cls, LATIN_JOIN, LATIN_TRAIL, classOf, isCompressible, isLatinCore } from './chars';
import type { FontMetrics, ShapedGlyph } from './metrics';
import type { Fill } from './types';

/** Resolved character formatting of a run. Items share these objects; runs group by identity. */
export interface TextStyle {
  font: FontMetrics;
  /** Type size, points. */
  size: number;
  fill: Fill;
  /** Extra advance after every glyph, em (方正 字距 / 1000). */
  tracking: number;
  /** Same size, colour and tracking in other faces, for characters `font` lacks (in order). */
  fallbacks?: readonly TextStyle[];
}

export const enum Gap {
  None = 0,
  /** A word space typed in the copy. */
  Space = 1,
  /** The quarter-em gap clreq puts between Han and Latin letters or digits (§3.2.1). */
  CjkLatin = 2,
}

/**
 * The items of one paragraph as parallel arrays (struct of arrays): a broadsheet page has
 * ~12,000 items, and one object per item made the garbage collector the largest cost of a
 * layout. Index i in every array describes item i; `n` items are in use.
 */
export class Items {
  n = 0;
  /** The paragraph's text; item offsets index into it (UTF-16). */
  readonly text: string;
  readonly cls: Uint8Array;
  readonly gapKind: Uint8Array;
  /** 1 when no line may break before the item (a word split by a style change). */
  readonly glued: Uint8Array;
  /** UTF-16 offsets in `text`, [start, end). */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** Glyph id for single-glyph items; -1 when `shaped[i]` holds the glyphs. */
  readonly gid: Int32Array;
  /** Natural advance in points after adjacent-punctuation trimming. */
  readonly width: Float64Array;
  /** Points already removed from the start / end blank by adjacent-punctuation compression. */
  readonly trimStart: Float64Array;
  readonly trimEnd: Float64Array;
  /** Blank still available for compression at the start / end, points. */
  readonly blankStart: Float64Array;
  readonly blankEnd: Float64Array;
  /** Glue before the item, points (dropped at the start of a line). */
  readonly gap: Float64Array;
  /** Index into `styles` of each item's style. */
  readonly styleIdx: Uint16Array;
  /** The distinct styles of the paragraph (one per run at most). */
  readonly styles: TextStyle[] = [];
  /** Shaped glyphs (em) of Latin words, dashes and ellipses, by item index (sparse). */
  readonly shaped = new Map<number, readonly ShapedGlyph[]>();

  constructor(text: string, capacity: number) {
    this.text = text;
    const c = Math.max(1, capacity);
    // one buffer for all arrays: 6 float64 + 3 int32 + 3 uint8 per item (c rounded up to a
    // multiple of 8 keeps every view aligned)
    const c8 = (c + 7) & ~7;
    const [buf, start] = carve(c8 * (6 * 8 + 3 * 4 + 2 + 3));
    let o = start;
    const f64 = () => {
      const v = new Float64Array(buf, o, c8);
      o += c8 * 8;
      return v;
    };
    this.width = f64();
    this.trimStart = f64();
    this.trimEnd = f64();
    this.blankStart = f64();
    this.blankEnd = f64();
    this.gap = f64();
    this.start = new Uint32Array(buf, o, c8);
    o += c8 * 4;
    this.end = new Uint32Array(buf, o, c8);
    o += c8 * 4;
    this.gid = new Int32Array(buf, o, c8);
    o += c8 * 4;
    this.styleIdx = new Uint16Array(buf, o, c8);
    o += c8 * 2;
    this.cls = new Uint8Array(buf, o, c8);
    o += c8;
    this.gapKind = new Uint8Array(buf, o, c8);
    o += c8;
    this.glued = new Uint8Array(buf, o, c8);
  }

  styleOf(i: number): TextStyle {
    return this.styles[this.styleIdx[i]!]!;
  }

  /** Shaped glyphs of item i, or undefined for single-glyph items (gid >= 0). */
  shapedOf(i: number): readonly ShapedGlyph[] | undefined {
    return this.gid[i]! < 0 ? this.shaped.get(i) : undefined;
  }

  /** Source text of item i. */
  textOf(i: number): string {
    const s = this.start[i]!;
    const e = this.end[i]!;
    if (e - s === 1) return charString(this.text.charCodeAt(s));
    return this.text.slice(s, e);
  }

  /** A copy with other widths and no punctuation blanks (vertical setting measures lengths). */
  withWidths(widths: ArrayLike<number>): Items {
    const c = new Items(this.text, this.n);
    c.n = this.n;
    c.cls.set(this.cls.subarray(0, this.n));
    c.gapKind.set(this.gapKind.subarray(0, this.n));
    c.glued.set(this.glued.subarray(0, this.n));
    c.start.set(this.start.subarray(0, this.n));
    c.end.set(this.end.subarray(0, this.n));
    c.gid.set(this.gid.subarray(0, this.n));
    c.gap.set(this.gap.subarray(0, this.n));
    c.styleIdx.set(this.styleIdx.subarray(0, this.n));
    for (let i = 0; i < this.n; i++) c.width[i] = widths[i]!;
    c.styles.push(...this.styles);
    for (const [k, v] of this.shaped) c.shaped.set(k, v);
    return c;
  }
}

/**
 * Item arrays are carved from shared 512 KiB slabs: one ArrayBuffer per paragraph cost more than
 * segmenting a short paragraph. Carved regions are never reused (a fresh slab is zero-filled); a
 * slab is freed when no cached paragraph uses it any more. Requests above a quarter slab get a
 * buffer of their own.
 */
const SLAB_BYTES = 512 * 1024;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;
function carve(bytes: number): [ArrayBuffer, number] {
  const size = (bytes + 7) & ~7;
  if (size > SLAB_BYTES / 4) return [new ArrayBuffer(size), 0];
  if (slabUsed + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += size;
  return [slab, at];
}

/** Plain view of one item, for tests and debugging. */
export interface ItemView {
  cls: Cls;
  text: string;
  start: number;
  end: number;
  width: number;
  trimStart: number;
  trimEnd: number;
  blankStart: number;
  blankEnd: number;
  gap: number;
  gapKind: Gap;
  glued: boolean;
}

export function viewItems(it: Items): ItemView[] {
  const out: ItemView[] = [];
  for (let i = 0; i < it.n; i++) {
    out.push({
      cls: it.cls[i]! as Cls,
      text: it.textOf(i),
      start: it.start[i]!,
      end: it.end[i]!,
      width: it.width[i]!,
      trimStart: it.trimStart[i]!,
      trimEnd: it.trimEnd[i]!,
      blankStart: it.blankStart[i]!,
      blankEnd: it.blankEnd[i]!,
      gap: it.gap[i]!,
      gapKind: it.gapKind[i]! as Gap,
      glued: it.glued[i] === 1,
    });
  }
  return out;
}

// filled up front so the array keeps fast (non-dictionary) elements
const charStrings: (string | undefined)[] = new Array<string | undefined>(0x10000).fill(undefined);
/** One shared string per UTF-16 unit (a dense table), so glyph texts do not allocate. */
function charString(code: number): string {
  let s = charStrings[code];
  if (s === undefined) {
    s = String.fromCharCode(code);
    charStrings[code] = s;
  }
  return s;
}

/** A run of text with its resolved style. */
export interface StyledRun {
  text: string;
  style: TextStyle;
}

const isSpace = (cp: number) => cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0xa0;

/** Segment one paragraph. Pure; the result depends only on the runs and the fonts. */
export function segment(runs: readonly StyledRun[]): Items {
  const all = runs.length === 1 ? runs[0]!.text : runs.map((r) => r.text).join('');
  const L = new Items(all, all.length);
  let offset = 0;
  let pendingSpace = false;
  let pendingSpaceStyle: TextStyle | null = null;
  for (const run of runs) {
    const { text, style } = run;
    const { font, size } = style;
    const track = style.tracking * size;
    let si = L.styles.indexOf(style);
    if (si < 0) si = L.styles.push(style) - 1;
    let i = 0;
    let firstInRun = true;
    while (i < text.length) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (isSpace(cp)) {
        pendingSpace = L.n > 0;
        pendingSpaceStyle = style;
        i += len;
        firstInRun = false;
        continue;
      }
      const k = L.n;
      let itemSi = si;
      let cls: Cls;
      let next: number;
      if (isLatinCore(cp)) {
        // A Latin word or digit run: letters/digits, joiners followed by a letter/digit,
        // trailing marks. 2020年 keeps 2020 whole; 1+18+7, CFCP-1720160673, 27.98% are one unit.
        let j = i + len;
        while (j < text.length) {
          const c = text.charCodeAt(j);
          if (isLatinCore(c)) { j++; continue; }
          const ch = text[j]!;
          if (LATIN_JOIN.has(ch) && j + 1 < text.length && isLatinCore(text.charCodeAt(j + 1))) { j += 2; continue; }
          if (LATIN_TRAIL.has(ch)) { j++; continue; }
          break;
        }
        cls = Cls.Latin;
        setShaped(L, k, font.shape(text.slice(i, j)), size, track);
        next = j;
      } else {
        const ch = len === 1 ? '' : text.slice(i, i + len);
        cls = len === 1 && cp >= 0x4e00 && cp <= 0x9fff ? Cls.Ideo : classOf(len === 1 ? text[i]! : ch, cp);
        if ((cls === Cls.Dash || cls === Cls.Ellipsis) && text.codePointAt(i + len) === cp) {
          // —— and …… are one unit: never split, never broken inside (clreq §3.1.7).
          setShaped(L, k, font.shape(text.slice(i, i + 2 * len)), size, track);
          next = i + 2 * len;
        } else {
          let g = font.glyph(cp);
          if (g.id === 0 && style.fallbacks) {
            // the face lacks the character: take it from the first fallback face that has it
            for (const fb of style.fallbacks) {
              const h = fb.font.glyph(cp);
              if (h.id === 0) continue;
              g = h;
              itemSi = L.styles.indexOf(fb);
              if (itemSi < 0) itemSi = L.styles.push(fb) - 1;
              break;
            }
          }
          L.gid[k] = g.id;
          L.width[k] = g.advance * size + track;
          if (isCompressible(cls)) {
            L.blankStart[k] = g.blankStart * size;
            L.blankEnd[k] = g.blankEnd * size;
          }
          next = i + len;
        }
      }
      L.cls[k] = cls;
      L.start[k] = offset + i;
      L.end[k] = offset + next;
      L.styleIdx[k] = itemSi;
      L.n = k + 1;
      if (k > 0) {
        if (firstInRun && !pendingSpace && L.cls[k - 1] === Cls.Latin && cls === Cls.Latin) L.glued[k] = 1;
        spaceBetween(L, k, pendingSpace, pendingSpaceStyle);
        compressAdjacent(L, k - 1, k);
      }
      pendingSpace = false;
      firstInRun = false;
      i = next;
    }
    offset += text.length;
  }
  return L;
}

function setShaped(L: Items, k: number, shaped: readonly ShapedGlyph[], size: number, track: number): void {
  let w = 0;
  for (const g of shaped) w += g.advance;
  L.gid[k] = -1;
  L.width[k] = w * size + track * shaped.length;
  L.shaped.set(k, shaped);
}

/** Glue between two items: a typed space, or clreq's quarter em between Han and Latin. */
function spaceBetween(L: Items, k: number, typedSpace: boolean, spaceStyle: TextStyle | null): void {
  const a = L.cls[k - 1];
  const b = L.cls[k];
  const hanLatin = (a === Cls.Ideo && b === Cls.Latin) || (a === Cls.Latin && b === Cls.Ideo);
  if (hanLatin) {
    // One quarter em of the larger size; a typed space here means the same gap, not more.
    L.gap[k] = 0.25 * Math.max(L.styleOf(k - 1).size, L.styleOf(k).size);
    L.gapKind[k] = Gap.CjkLatin;
  } else if (typedSpace) {
    const s = spaceStyle ?? L.styleOf(k - 1);
    L.gap[k] = s.font.spaceAdvance * s.size;
    L.gapKind[k] = Gap.Space;
  }
}

/**
 * Adjacent punctuation (clreq §3.1.6.1): the blank between two marks' inks is removed, except
 * between a mark with a trailing blank and one with a leading blank (closing then opening, as in
 * ）（ or ，“), where half an em stays. 。」 -> 。 half width; ）（ -> one half em between them.
 * The blank is taken from the first mark's end first, then from the second's start.
 */
function compressAdjacent(L: Items, a: number, b: number): void {
  if (L.gap[b] !== 0 || !isCompressible(L.cls[a]! as Cls) || !isCompressible(L.cls[b]! as Cls)) return;
  const aEnd = L.blankEnd[a]!;
  const bStart = L.blankStart[b]!;
  const total = aEnd + bStart;
  if (total <= 0) return;
  const keep = aEnd > 0 && bStart > 0 ? 0.5 * Math.min(L.styleOf(a).size, L.styleOf(b).size) : 0;
  let cut = total - keep;
  if (cut <= 0) return;
  const fromA = Math.min(cut, aEnd);
  L.blankEnd[a] = aEnd - fromA;
  L.trimEnd[a] = L.trimEnd[a]! + fromA;
  L.width[a] = L.width[a]! - fromA;
  cut -= fromA;
  if (cut > 0) {
    const fromB = Math.min(cut, bStart);
    L.blankStart[b] = bStart - fromB;
    L.trimStart[b] = L.trimStart[b]! + fromB;
    L.width[b] = L.width[b]! - fromB;
  }
}
