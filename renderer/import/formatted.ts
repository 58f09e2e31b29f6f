// Cleanup of formatted copy (a .docx, see docx.ts): the text goes through exactly the cleanup of
// a .txt (cleanupLines: full-width punctuation, stray spaces, rejoined paragraphs, roles), and the
// faces of the source — bold and 楷 — are carried over onto the cleaned text.
//
// How the faces follow the text: the cleanup's invariant (cleanup.ts, tested) is that it never
// changes, drops, adds or reorders a character other than whitespace: punctuation and quotes are
// replaced one for one (half-width → full-width, straight → curly), and only spaces and line
// breaks are removed, collapsed or inserted. So the k-th non-space character of the cleaned text
// is the k-th non-space character of the source, and takes its face (`carryMarks`). A space in
// the cleaned text takes the face of the characters on both sides of it when they agree (a space
// inside a bold phrase stays bold), and none otherwise. If a later change to the cleanup broke
// the invariant, `carryMarks` resynchronises on the next few matching characters instead of
// shifting every face after the change: formatting is never dropped or moved wholesale.
//
// One policy on top: a face that covers a whole headline, byline, credit or masthead paragraph is
// that paragraph's look (a Word heading is bold, a byline is often set in 楷), which Banmian's
// paragraph style for the role already gives; it is dropped there. In body paragraphs every face
// is kept (an editor's note in 楷, a bold lead paragraph).
//
// Pure: no DOM, no Node; runs in the renderer and in the CLI alike.
import { cleanupLines, normalizeChars } from './cleanup';
import { isSpace } from './chars';
import type { CharMark, CharSpan, ImportResult, ParagraphRole } from './types';

export interface FormattedRun {
  /** May hold '\n' (a line break inside the paragraph) and '\t'. */
  text: string;
  mark?: CharMark;
}

export interface FormattedParagraph {
  runs: readonly FormattedRun[];
  /**
   * The role the source states for the paragraph (a Word heading is 'headline', a table cell
   * 'body'): it keeps that role and is never joined to a neighbour (see cleanupLines). Each of
   * its lines when it holds line breaks.
   */
  role?: ParagraphRole;
}

/** Roles whose paragraph style carries the look; a face over the whole paragraph is dropped there. */
const STYLED_ROLES = new Set<ParagraphRole>(['headline', 'byline', 'credit', 'masthead']);

/** The cleanup of formatted paragraphs: the same result as cleanupText, with `spans` on each paragraph. */
export function cleanupFormatted(paras: readonly FormattedParagraph[]): ImportResult {
  // The source as the lines cleanupText would see (after normalizeChars), with a face per UTF-16 unit.
  let src = '';
  const marks: (CharMark | undefined)[] = [];
  const fixed: (ParagraphRole | undefined)[] = [];
  paras.forEach((p, k) => {
    if (k > 0) {
      src += '\n';
      marks.push(undefined);
    }
    const role = p.role;
    fixed.push(role);
    for (const r of p.runs) {
      const t = normalizeRun(r.text);
      src += t;
      for (let i = 0; i < t.length; i++) {
        marks.push(r.mark);
        if (t.charCodeAt(i) === 0x0a) fixed.push(role);
      }
    }
  });
  const result = cleanupLines(src.split('\n'), fixed);
  const out = result.paragraphs.map((p) => p.text).join('\n');
  const outMarks = carryMarks(src, marks, out);
  let at = 0;
  for (const p of result.paragraphs) {
    const spans = spansOf(outMarks, at, p.text.length);
    at += p.text.length + 1;
    const whole = spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === p.text.length;
    if (spans.length && !(whole && STYLED_ROLES.has(p.role))) p.spans = spans;
  }
  return result;
}

/**
 * normalizeChars of one run, keeping one face per UTF-16 unit. normalizeChars maps each character
 * to one or none, except CRLF (two to one), so a run whose length it leaves unchanged is aligned
 * one for one; otherwise each character is normalised alone (a CR before LF is dropped).
 */
function normalizeRun(text: string): string {
  const whole = normalizeChars(text);
  if (whole.length === text.length) return whole;
  let t = '';
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    t += normalizeChars(text[i]!);
  }
  return t;
}

/** Maximal runs of one face in marks[from, from + len), as spans relative to `from`. */
function spansOf(marks: readonly (CharMark | undefined)[], from: number, len: number): CharSpan[] {
  const spans: CharSpan[] = [];
  for (let i = 0; i < len; ) {
    const m = marks[from + i];
    let j = i + 1;
    while (j < len && marks[from + j] === m) j++;
    if (m !== undefined) spans.push({ start: i, end: j, mark: m });
    i = j;
  }
  return spans;
}

/** The width-neutral form of a character, so the punctuation rule's replacements compare equal. */
const FOLD: Readonly<Record<string, string>> = {
  '，': ',', '。': '.', '：': ':', '；': ';', '？': '?', '！': '!', '（': '(', '）': ')', '“': '"', '”': '"', '‘': "'", '’': "'",
};
const fold = (c: string): string => FOLD[c] ?? c;
const isWs = (cp: number): boolean => isSpace(cp);

/** How far ahead a resynchronisation looks, and how many characters must then agree. */
const RESYNC_WINDOW = 8;
const RESYNC_AGREE = 4;

/**
 * The face of each UTF-16 unit of `out` (the cleaned text), carried from `src` with `marks`
 * (parallel to `src`). See the file comment. Linear in the length of the texts.
 */
export function carryMarks<M>(src: string, marks: readonly (M | undefined)[], out: string): (M | undefined)[] {
  const S: number[] = [];
  for (let i = 0; i < src.length; i++) if (!isWs(src.charCodeAt(i))) S.push(i);
  const O: number[] = [];
  for (let j = 0; j < out.length; j++) if (!isWs(out.charCodeAt(j))) O.push(j);
  const eq = (a: number, b: number): boolean => fold(src[S[a]!]!) === fold(out[O[b]!]!);
  const agree = (a: number, b: number): boolean => {
    for (let t = 0; t < RESYNC_AGREE; t++) {
      const ea = a + t >= S.length;
      const eb = b + t >= O.length;
      if (ea || eb) return ea && eb;
      if (!eq(a + t, b + t)) return false;
    }
    return true;
  };

  const res: (M | undefined)[] = new Array<M | undefined>(out.length).fill(undefined);
  /** Output characters with no partner in the source (only after a resynchronisation). */
  const inserted = new Set<number>();
  let a = 0;
  let b = 0;
  while (b < O.length) {
    if (a >= S.length) {
      inserted.add(O[b++]!);
      continue;
    }
    if (!eq(a, b)) {
      let moved = false;
      for (let k = 1; k <= RESYNC_WINDOW && !moved; k++) {
        if (agree(a + k, b)) {
          a += k; // source characters the output no longer has
          moved = true;
        } else if (agree(a, b + k)) {
          for (let t = 0; t < k; t++) inserted.add(O[b + t]!);
          b += k;
          moved = true;
        }
      }
      if (moved) continue;
      // No resynchronisation in sight: read it as a one-for-one replacement.
    }
    res[O[b]!] = marks[S[a]!];
    a++;
    b++;
  }

  // Spaces (and inserted characters): the face shared by the nearest characters on both sides
  // that have a partner in the source, within the same line; none when they differ.
  const gap = (j: number): boolean => isWs(out.charCodeAt(j)) || inserted.has(j);
  const left: (M | undefined)[] = new Array<M | undefined>(out.length).fill(undefined);
  let cur: M | undefined;
  for (let j = 0; j < out.length; j++) {
    if (out.charCodeAt(j) === 0x0a) cur = undefined;
    else if (!gap(j)) cur = res[j];
    else left[j] = cur;
  }
  cur = undefined;
  for (let j = out.length - 1; j >= 0; j--) {
    if (out.charCodeAt(j) === 0x0a) cur = undefined;
    else if (!gap(j)) cur = res[j];
    else if (cur !== undefined && left[j] === cur) res[j] = cur;
  }
  return res;
}
