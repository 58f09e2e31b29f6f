// Rule 3 of the import cleanup: paragraphs that the extraction cut in two are joined again.
//
// A PDF page sets a story in columns; the extractor emits each column as its own block, so a
// paragraph that runs from one column into the next comes out as two "paragraphs"
// ("…全面打造适合儿童的社区生态" / "环境,让儿童与天山社区共同成长。"), sometimes mid-word
// ("…相当的工作经" / "验,我们…"), sometimes with a headline or another story in between.
//
// Decision for each boundary between the paragraph built so far (P) and the next line (N), in
// this order:
//  1. P is a masthead, jump, byline or credit line → keep. Those are whole lines by nature.
//  2. N starts with a mark that cannot start a paragraph (，。、”）…) → join: it is the rest
//     of P's sentence (clreq's line-start prohibition applies to paragraphs a fortiori).
//  3. P ends where a paragraph may end (。！？… ；：, a closing quote after 。, a credit) → keep.
//  4. Is P obviously mid-sentence? Yes when it ends with ，、 or an opening quote or bracket; when
//     it holds a sentence-end mark inside (running text, never a headline); when it is running
//     text longer than a headline (> HEADLINE_MAX word characters, with clause
//     punctuation) and still has no closing mark; when it holds two or more commas (a headline
//     has at most one: "2021,发起加装电梯攻坚战"); or when a comma is followed by only one to three
//     characters ("…作为高校赋能专家,就培"): a clause cut off, not a balanced headline phrase.
//  5. N looks like the start of a paragraph (a byline, credit, jump or masthead line, a dateline
//     本报讯, a lead word such as 近日， 今年， 此外，, or a list marker 一是 （一） 1、) → keep;
//     if P was obviously mid-sentence this is reported as 'ambiguous' (text missing or out of
//     order: the samples have both).
//  6. P obviously mid-sentence → join, unless N is itself a headline-shaped line that will not be
//     continued (then 'ambiguous' and keep: a headline dropped between two columns is common).
//  7. Otherwise P is a short line without closing punctuation, i.e. a headline: keep. If N
//     starts like the tail of a word (one character and a mark: 等。…) report 'ambiguous'.
//
// Every join is reported as a 'rejoined' problem by the cleanup so the desk can check it.
// The stage works on raw or cleaned text alike (punctuation of either width, stray spaces), and a
// paragraph that was kept apart in one run is kept apart when the cleaned text is imported again.
// Work per boundary is bounded (P's statistics are kept incrementally), so the stage is linear.

import type { ParagraphRole } from './types';
import { isLatinAlnum, firstCp, lastCp, measure, nonSpaceAtMost } from './chars';
import { normalizePunctuation } from './punctuation';
import {
  HEADLINE_MAX, PROBE_MAX, classifyParagraph, commaCount, continuesWord, endsClosed, endsOpen, hasClausePunct, startsLikeParagraph,
  startsWithClosingPunct,
} from './roles';

export interface RejoinJoin {
  /** Index of the output paragraph. */
  paragraph: number;
  /** UTF-16 offset in that output paragraph where the joined part starts. */
  offset: number;
  reason: string;
}

export interface RejoinAmbiguity {
  /** Index of the output paragraph that ends undecided. */
  paragraph: number;
  message: string;
}

export interface RejoinReport {
  paragraphs: string[];
  /** `classifyParagraph` of each output paragraph (computed on the way, returned for reuse). */
  roles: ParagraphRole[];
  /** Per output paragraph: its role was given by the caller (`fixed`), not classified. */
  fixed: boolean[];
  joins: RejoinJoin[];
  ambiguous: RejoinAmbiguity[];
}

/** Incremental statistics of the paragraph being built, so a long chain of joins stays linear. */
interface Stats {
  measure: number;
  commas: number;
  clause: boolean;
  /** Holds a sentence-end mark (。！？): running text, never a headline. */
  stop: boolean;
}

/**
 * A full stop of either width that is not inside a Latin or numeric token (2.04, www.a.cn).
 * Counting `.` this way gives the same answer before and after rule 1, which converts exactly
 * such points next to Chinese and keeps the others.
 */
const STOP = /[。．！？!?]|(?<![A-Za-z0-9])\.|\.(?![A-Za-z0-9])/u;

/**
 * Statistics of one line. Every count ignores the width of punctuation, so raw and cleaned text
 * count alike and a join simply adds the counts of its parts.
 */
function statsOf(line: string): Stats {
  const stop = STOP.test(line);
  return { measure: measure(line), commas: commaCount(line), clause: stop || hasClausePunct(line), stop };
}

/**
 * How much of the end of the paragraph being built the end checks see. They look at the last
 * character, a closing run, a credit (at most 48 characters, see roles.ts) and the last clause,
 * so 256 UTF-16 units is ample; a final straight single quote is resolved within it too.
 */
const TAIL = 256;

const collapseSpaces = (s: string): string => s.replace(/\s+/gu, ' ');

/** Paragraphs up to this long are re-punctuated whole when their end has straight quotes. */
const EXACT_END_MAX = 1000;

/**
 * The paragraph as the end checks must see it (`tail` is its last TAIL units, `whole` builds the
 * full text on demand). Only straight quotes among the closing marks at the end are ambiguous
 * (opener or closer). A straight double quote that ends a paragraph always becomes a closer ”
 * under rule 1 (it closes an open quotation, or it has the closer's shape: text before, nothing
 * after) unless it follows an opening bracket or a space; that is decided in O(1). Other straight
 * quotes in the final run depend on the pairing over the paragraph, which is computed exactly for
 * paragraphs up to EXACT_END_MAX units and from the tail beyond that (linear time either way).
 */
function endView(tail: string, len: number, whole: () => string): string {
  const t = tail.trimEnd();
  const run = /["'”’」』）)】》〉\s]*$/u.exec(t)![0];
  if (!/["']/.test(run)) return t;
  if (run === '"') {
    const prev = t[t.length - 2];
    const opener = prev === undefined || /\s/u.test(prev) || '（([「『【《〈“‘'.includes(prev);
    return t.slice(0, -1) + (opener ? '“' : '”');
  }
  return len <= EXACT_END_MAX ? normalizePunctuation(whole().trimEnd()).slice(-TAIL) : normalizePunctuation(t);
}

/** Word characters after the last comma, looked for in the last 16 characters only. */
function lastClauseShort(text: string): boolean {
  const tail = text.slice(-16);
  const k = Math.max(tail.lastIndexOf('，'), tail.lastIndexOf(','));
  if (k < 0) return false;
  const m = measure(tail.slice(k + 1));
  return m >= 1 && m <= 3;
}

function midSentence(text: string, s: Stats): boolean {
  if (endsClosed(text)) return false;
  return endsOpen(text) || s.stop || (s.measure > HEADLINE_MAX && s.clause) || s.commas >= 2 || (s.commas >= 1 && lastClauseShort(text));
}

function startsParagraph(n: string, r: ParagraphRole): boolean {
  return r === 'byline' || r === 'credit' || r === 'jump' || r === 'masthead' || startsLikeParagraph(n);
}

/** Glue between two parts: a space only when a line break separated two Latin words. */
function glue(p: string, n: string): string {
  return isLatinAlnum(lastCp(p)) && isLatinAlnum(firstCp(n)) ? ' ' : '';
}

const snippet = (s: string, fromEnd: boolean): string => {
  const cs = Array.from(fromEnd ? s.slice(-40) : s.slice(0, 40));
  return fromEnd ? (cs.length > 12 ? '…' : '') + cs.slice(-12).join('') : cs.slice(0, 12).join('') + (cs.length > 12 ? '…' : '');
};

/**
 * Rejoins extraction splits and says what it did (see the file comment for the rules).
 * `fixed` (parallel to `paras`) gives lines whose role the source itself states, such as a Word
 * paragraph in a heading style: such a line is never joined to a neighbour and keeps its role.
 */
export function rejoinWithReport(paras: readonly string[], fixed?: readonly (ParagraphRole | undefined)[]): RejoinReport {
  const kept = paras.map((p, i) => ({ text: p.trim(), fixed: fixed?.[i] })).filter((p) => p.text !== '');
  const lines = kept.map((p) => p.text);
  const fixedRole = kept.map((p) => p.fixed);
  const out: string[] = [];
  const roles: ParagraphRole[] = [];
  const fixedOut: boolean[] = [];
  const joins: RejoinJoin[] = [];
  const ambiguous: RejoinAmbiguity[] = [];
  if (!lines.length) return { paragraphs: out, roles, fixed: fixedOut, joins, ambiguous };

  const norm = lines.map(normalizePunctuation);
  const stats = lines.map(statsOf);

  // The paragraph being built. Its text is kept as parts and only joined when it is done; the
  // checks read bounded views of it (its tail, and its whitespace-collapsed text while it is
  // short enough to be anything but body), so a long chain of joins stays linear.
  let parts: string[] = [lines[0]!];
  let len = lines[0]!.length;
  let tail = collapseSpaces(lines[0]!.slice(-TAIL));
  let collapsed: string | null = collapseSpaces(lines[0]!);
  let curEnd = collapseSpaces(norm[0]!); // what the end checks see (exact for a single line)
  let curStats: Stats = { ...stats[0]! };
  let curRole = fixedRole[0] ?? classifyParagraph(lines[0]!);
  let curFixed = fixedRole[0] !== undefined;

  for (let i = 1; i < lines.length; i++) {
    const n = lines[i]!;
    const nRole = fixedRole[i] ?? classifyParagraph(n);
    const nFixed = fixedRole[i] !== undefined;
    const d = curFixed || nFixed ? { join: false, why: '' } : decide(curEnd, curStats, curRole, norm[i]!, nRole, stats[i]!, norm[i + 1]);
    if (d.join) {
      const g = glue(tail, n);
      joins.push({ paragraph: out.length, offset: len + g.length, reason: d.why });
      parts.push(g + n);
      len += g.length + n.length;
      tail = collapseSpaces(tail + g + n.slice(-TAIL)).slice(-TAIL);
      curEnd = endView(tail, len, () => parts.join(''));
      const ns = stats[i]!;
      curStats = { measure: curStats.measure + ns.measure, commas: curStats.commas + ns.commas, clause: curStats.clause || ns.clause, stop: curStats.stop || ns.stop };
      // A paragraph with more than PROBE_MAX non-space characters is body (every other role is
      // shorter, see classifyParagraph); below that, whitespace runs do not change the role.
      collapsed = collapsed === null ? null : collapseSpaces(collapsed + g + n);
      if (collapsed !== null && nonSpaceAtMost(collapsed, PROBE_MAX) > PROBE_MAX) collapsed = null;
      curRole = collapsed === null ? 'body' : classifyParagraph(collapsed);
      continue;
    }
    if (d.why) ambiguous.push({ paragraph: out.length, message: d.why });
    out.push(parts.join(''));
    roles.push(curRole);
    fixedOut.push(curFixed);
    parts = [n];
    len = n.length;
    tail = collapseSpaces(n.slice(-TAIL));
    collapsed = collapseSpaces(n);
    curEnd = collapseSpaces(norm[i]!);
    curStats = { ...stats[i]! };
    curRole = nRole;
    curFixed = nFixed;
  }
  out.push(parts.join(''));
  roles.push(curRole);
  fixedOut.push(curFixed);
  return { paragraphs: out, roles, fixed: fixedOut, joins, ambiguous };
}

/**
 * `p` is the end view of the paragraph so far, `n` and `after` are the next two lines with their
 * punctuation normalised (so raw and cleaned input decide alike).
 */
function decide(p: string, ps: Stats, pRole: ParagraphRole, n: string, nRole: ParagraphRole, ns: Stats, after: string | undefined): { join: boolean; why: string } {
  const cut = `"${snippet(p, true)}" / "${snippet(n, false)}"`;
  if (pRole === 'masthead' || pRole === 'jump' || pRole === 'byline' || pRole === 'credit') return { join: false, why: '' };
  if (startsWithClosingPunct(n)) return { join: true, why: `joined ${cut}: the second part starts with a closing mark (下段以点号开头，已与上段接排)` };
  if (endsClosed(p)) return { join: false, why: '' };
  const mid = midSentence(p, ps);
  if (startsParagraph(n, nRole)) {
    return {
      join: false,
      why: mid ? `paragraph ends mid-sentence but the next one starts a new paragraph: text may be missing or out of order at ${cut} (段末未完，下段另起：可能缺文或错序)` : '',
    };
  }
  if (mid) {
    // nRole is headline or body here (the other roles start a paragraph), and 'headline' is
    // exactly the headline shape.
    const nHeadline = nRole === 'headline' && !midSentence(n, ns) && !(after !== undefined && startsWithClosingPunct(after));
    if (nHeadline)
      return { join: false, why: `paragraph ends mid-sentence and the next line looks like a headline: check ${cut} (段末未完，下行似标题)` };
    return { join: true, why: `joined ${cut}: the first part ends mid-sentence (上段未完，已与下段接排)` };
  }
  if (continuesWord(n)) return { join: false, why: `the next paragraph starts like the rest of a word after a headline-like line: check ${cut} (下段似接续上文)` };
  return { join: false, why: '' };
}

/** Rejoins paragraphs that the extraction split (rule 3); see `rejoinWithReport`. */
export function rejoinParagraphs(paras: string[]): string[] {
  return rejoinWithReport(paras).paragraphs;
}
