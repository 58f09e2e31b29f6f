// Stage 2, breakLines: items -> line ranges. Line-start / line-end prohibitions (clreq §3.1.7) are
// resolved by compressing punctuation on the line so the mark fits (preferred), else by pushing
// characters to the next line; hanging punctuation is not used. A paragraph never ends with a
// single character alone on its last line.
//
// Strategy switch: 'first-fit' (the default: predictable, keeps plain text on the character grid)
// or 'optimal' (total fit over the same width model and prohibitions, minimising the looseness
// of the whole paragraph).
import type { Prohibition } from '../model/schema';
import { Cls, isCompressible, mayEndLine, mayStartLine } from './chars';
import { Gap, type Items } from './segment';

export type BreakStrategy = 'first-fit' | 'optimal';

export interface BreakOptions {
  prohibition: Prohibition;
  /** First-line indent, points. */
  indent: number;
  strategy?: BreakStrategy;
}

/** Tolerance for width comparisons, points: absorbs floating-point sums of em fractions. */
export const EPS = 1e-6;

/** Share of a word space or CJK–Latin gap that may be taken away when a line is too long. */
export const GLUE_SHRINK = 0.5;

/** Points removed from the start of item `it` when it begins a line: an opening bracket loses its
 *  leading blank (half an em in SC fonts). */
export const lineStartTrim = (L: Items, i: number): number => (L.cls[i] === Cls.Open ? L.blankStart[i]! : 0);

/** May the line break between items[i-1] and items[i]? */
export function canBreakBefore(L: Items, i: number, p: Prohibition): boolean {
  if (L.glued[i] === 1) return false;
  return mayStartLine(L.cls[i]! as Cls, p) && mayEndLine(L.cls[i - 1]! as Cls, p);
}

/**
 * Break a paragraph. `widthAt(j)` is the measure of line j in points (the flow stage answers from
 * its column slots); the first line's measure is reduced by the indent here. Returns the end
 * index (exclusive) of every line; line j spans [ends[j-1] ?? 0, ends[j]).
 */
export function breakLines(items: Items, widthAt: (line: number) => number, opts: BreakOptions): number[] {
  const ends = (opts.strategy === 'optimal' ? optimalBreaks(items, widthAt, opts) : null) ?? firstFitBreaks(items, widthAt, opts);
  if (ends.length >= 2) avoidLoneLastChar(items, ends, widthAt(ends.length - 1), opts.prohibition);
  return ends;
}

function firstFitBreaks(items: Items, widthAt: (line: number) => number, opts: BreakOptions): number[] {
  const ends: number[] = [];
  const n = items.n;
  let a = 0;
  while (a < n) {
    const w = widthAt(ends.length) - (ends.length === 0 ? opts.indent : 0);
    const e = nextBreak(items, a, w, opts.prohibition);
    ends.push(e);
    a = e;
  }
  return ends;
}

/**
 * Cost of spacing out a line, per (expansion per joint / em)²; of compressing it, per
 * (compression / what the line can compress)². Compression is cheap: it only takes punctuation
 * blanks and glue, and half-width brackets read normally, whereas letter-spacing of 0.15 em is
 * already visible (cost 100 x 0.15² = 2.25, more than compressing a line fully).
 */
const STRETCH_COST = 100;
const SHRINK_COST = 2;
/** Cost of every line, so that of two equally tight settings the shorter one wins. */
const LINE_COST = 1;

/**
 * Total fit (Knuth–Plass style, over the same width model and prohibitions as first fit): the
 * breaks that minimise the summed squared looseness of all lines but the last. Each break
 * position keeps only its best predecessor, so the line index of a position (which selects its
 * measure) is that of its best path. Returns null when no break sequence keeps every line
 * within its shrink limit (an unbreakable unit wider than the measure): first fit handles that.
 */
function optimalBreaks(L: Items, widthAt: (line: number) => number, opts: BreakOptions): number[] | null {
  const n = L.n;
  const p = opts.prohibition;
  const cost = new Float64Array(n + 1).fill(Infinity);
  const prev = new Int32Array(n + 1).fill(-1);
  const line = new Int32Array(n + 1);
  cost[0] = 0;
  for (let a = 0; a < n; a++) {
    if (cost[a] === Infinity) continue;
    const j = line[a]!;
    const w = widthAt(j) - (j === 0 ? opts.indent : 0);
    const em = L.styleOf(a).size;
    let nat = 0;
    let glue = 0;
    let punct = 0;
    for (let b = a + 1; b <= n; b++) {
      const k = b - 1;
      const first = k === a;
      const lead = first ? lineStartTrim(L, k) : 0;
      nat += L.width[k]! + (first ? 0 : L.gap[k]!) - lead;
      if (!first && L.gapKind[k] !== Gap.None) glue += L.gap[k]! * GLUE_SHRINK;
      if (isCompressible(L.cls[k]! as Cls)) punct += L.blankStart[k]! + L.blankEnd[k]! - lead;
      if (nat - glue - punct > w + EPS) break;
      if (b < n && !canBreakBefore(L, b, p)) continue;
      const delta = w - nat;
      let c = LINE_COST;
      if (delta < -EPS) c += SHRINK_COST * (-delta / (glue + punct)) ** 2;
      else if (b < n && delta > EPS) c += STRETCH_COST * (delta / Math.max(1, b - a - 1) / em) ** 2;
      if (cost[a]! + c < cost[b]!) {
        cost[b] = cost[a]! + c;
        prev[b] = a;
        line[b] = j + 1;
      }
    }
  }
  if (cost[n] === Infinity) return null;
  const ends: number[] = [];
  for (let b = n; b > 0; b = prev[b]!) ends.push(b);
  return ends.reverse();
}

/** First fit from item `a` into width `w`: the end (exclusive) of the line. */
export function nextBreak(L: Items, a: number, w: number, p: Prohibition): number {
  const n = L.n;
  let width = 0;
  /** Shrink available from word spaces and CJK–Latin gaps. */
  let glue = 0;
  /** Shrink available from punctuation blanks. */
  let punct = 0;
  let k = a;
  while (k < n) {
    const first = k === a;
    const cls = L.cls[k]! as Cls;
    const lead = first ? lineStartTrim(L, k) : 0;
    const add = L.width[k]! + (first ? 0 : L.gap[k]!) - lead;
    const nat = width + add;
    if (nat <= w + EPS || first) {
      width = nat;
      if (!first && L.gapKind[k] !== Gap.None) glue += L.gap[k]! * GLUE_SHRINK;
      if (isCompressible(cls)) punct += L.blankStart[k]! + L.blankEnd[k]! - lead;
      k++;
      continue;
    }
    const addGlue = L.gapKind[k] === Gap.None ? 0 : L.gap[k]! * GLUE_SHRINK;
    const addPunct = isCompressible(cls) ? L.blankStart[k]! + L.blankEnd[k]! : 0;
    if (
      // Latin text: a word that fits once the line's spaces and gaps close up a little.
      nat - glue - addGlue <= w + EPS ||
      // A mark that may not start a line fits once the line's punctuation is compressed.
      (!mayStartLine(cls, p) && nat - glue - addGlue - punct - addPunct <= w + EPS)
    ) {
      width = nat;
      glue += addGlue;
      punct += addPunct;
      k++;
      continue;
    }
    break;
  }
  if (k >= n) return n;
  // Push back until the break is allowed (opening marks may not end the line, closing marks may
  // not start the next). If no break in the line is allowed, break where the measure ran out.
  let e = k;
  while (e > a && !canBreakBefore(L, e, p)) e--;
  if (e <= a) return Math.max(k, a + 1);
  return pullIn(L, a, e, w, p);
}

/**
 * A line that would have to be spaced out (it ends before the measure is full) takes in what
 * follows if compressing its punctuation and glue makes room (推入 before 推出, clreq §3.8):
 * "本报讯（特约记者 姚" with （ compressed reads better than the same line letter-spaced. Lines
 * that are full with their natural widths are never compressed, so plain text stays on the
 * character grid.
 */
function pullIn(L: Items, a: number, e: number, w: number, p: Prohibition): number {
  const n = L.n;
  let nat = naturalWidth(L, a, e);
  if (nat >= w - EPS) return e;
  let shrink = maxShrink(L, a, e);
  let best = e;
  for (let t = e; t < n; t++) {
    nat += L.width[t]! + L.gap[t]!;
    if (L.gapKind[t] !== Gap.None) shrink += L.gap[t]! * GLUE_SHRINK;
    if (isCompressible(L.cls[t]! as Cls)) shrink += L.blankStart[t]! + L.blankEnd[t]!;
    if (nat - shrink > w + EPS) break;
    if (t + 1 === n || canBreakBefore(L, t + 1, p)) best = t + 1;
  }
  return best;
}

/** Natural width of items [a, b) set as one line, points (line-start trim applied). */
export function naturalWidth(L: Items, a: number, b: number): number {
  let w = 0;
  for (let i = a; i < b; i++) w += L.width[i]! + (i === a ? -lineStartTrim(L, i) : L.gap[i]!);
  return w;
}

/** Largest shrink of items [a, b) as one line, points. */
export function maxShrink(L: Items, a: number, b: number): number {
  let s = 0;
  for (let i = a; i < b; i++) {
    if (i > a && L.gapKind[i] !== Gap.None) s += L.gap[i]! * GLUE_SHRINK;
    if (isCompressible(L.cls[i]! as Cls)) s += L.blankStart[i]! + L.blankEnd[i]! - (i === a ? lineStartTrim(L, i) : 0);
  }
  return s;
}

/** Is the item a base character (not a mark that travels with its neighbour)? */
const isBase = (c: Cls): boolean => !isCompressible(c) && c !== Cls.Middle && c !== Cls.Connector;

/**
 * No paragraph may end with one character (plus its punctuation) alone on the last line: pull
 * one more character down from the line above, moving the break further back if the new break
 * would violate a prohibition. The line above is then justified with the space it gives up.
 */
function avoidLoneLastChar(L: Items, ends: number[], lastWidth: number, p: Prohibition): void {
  const n = ends.length;
  const prevStart = n >= 3 ? ends[n - 3]! : 0;
  const lastStart = ends[n - 2]!;
  const count = L.n;
  let bases = 0;
  let onlyBase = -1;
  for (let i = lastStart; i < count; i++) {
    if (isBase(L.cls[i]! as Cls)) {
      bases++;
      onlyBase = i;
    }
  }
  if (bases !== 1 || L.cls[onlyBase] !== Cls.Ideo) return;
  let e = lastStart - 1;
  while (e > prevStart && !canBreakBefore(L, e, p)) e--;
  if (e <= prevStart + 1) return;
  if (naturalWidth(L, e, count) - maxShrink(L, e, count) > lastWidth + EPS) return;
  ends[n - 2] = e;
}
