// Rule 1 of the import cleanup: half-width punctuation in Chinese text becomes full-width, and
// straight quotes become curly quotes paired as opening and closing marks.
//
// Why: GB/T 15834-2011 (标点符号用法) defines the Chinese marks as full-width characters
// （，。：；？！（））and W3C clreq §3.1.5 says they occupy a full character frame on the
// grid; a half-width comma after a Han character is an input or extraction fault, not a style.
// Chinese quotation marks are the curly “ ” (outer) and ‘ ’ (inner) (GB/T 15834 §4.1.3.2: 双引号
// outside, 单引号 inside), so straight quotes must be resolved into openers and closers.
//
// What is left alone, because it is not Chinese punctuation but part of a Latin or numeric token:
// decimals (27.98%, 2.04平方公里), digit groups (1,000), times and ratios (10:30), URLs and e-mail
// (http://a.b/c?d=1, x@y.cn), codes (CFCP-1720160673, CN31-0062), formulas (1+1>2, 3+1+X, 0-3岁)
// and bracketed Latin such as "see (a)". A paragraph without any Han character is not touched.
//
// The function only ever replaces one character by one character (half-width → full-width,
// straight → curly), never the reverse, so the words of the text cannot change, and it is a fixed
// point: every decision looks only at context that the function itself does not alter (spaces and
// the marks being decided are skipped), so running it twice gives the same result.

import { isAsciiDigit, isCJKContext, isHan, isLatinAlnum, isLatinLetter, isSpace } from './chars';

const HAS_HAN = /[\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\u{20000}-\u{323af}]/u;

/** The half-width marks this rule converts, with their GB/T 15834 full-width forms. */
const FULL: Readonly<Record<string, string>> = { ',': '，', '.': '。', ':': '：', ';': '；', '?': '？', '!': '！' };
const HALF_MARK = new Set(Object.keys(FULL));
/** Marks of either width, and 、: transparent when a bracket looks for its context. */
const ANY_MARK = new Set([...',.:;?!，。：；？！、．']);
const ANY_PAREN = new Set([...'()（）']);

/** What may follow a closing quote directly: pause marks, closing brackets, the ellipsis. */
const AFTER_CLOSE = new Set([...'，。、；：！？,.;:!?）)」』】》〉…—']);
/** What may precede an opening quote directly (so a quote after it is not a closer). */
const OPENERS = new Set([...'（([「『【《〈“‘']);

const cpOf = (ch: string | undefined): number => (ch === undefined ? -1 : ch.codePointAt(0)!);

/** One paragraph's punctuation rule (rule 1). See the file comment for what is left alone. */
export function normalizePunctuation(s: string): string {
  if (!HAS_HAN.test(s)) return s;
  const cs = Array.from(s);
  pairQuotes(cs);
  convertParens(cs);
  convertMarks(cs);
  return cs.join('');
}

// ---------------------------------------------------------------------------------------------
// Quotes

type Frame = { kind: 'D' | 'S'; idx: number; straight: boolean };

/**
 * A straight quote with no open partner, written right after text and right before a pause mark
 * or the paragraph end, is a closer whose opener was lost (`庭",` after a column split).
 */
function closeShape(cs: readonly string[], i: number): boolean {
  const prev = cs[i - 1];
  if (prev === undefined || isSpace(cpOf(prev)) || OPENERS.has(prev)) return false;
  const next = cs[i + 1];
  return next === undefined || AFTER_CLOSE.has(next);
}

/** An apostrophe inside a Latin word: don't, Xi'an, 1990's. */
function isApostrophe(cs: readonly string[], i: number): boolean {
  return isLatinAlnum(cpOf(cs[i - 1])) && isLatinLetter(cpOf(cs[i + 1]));
}

/**
 * Simulates quote pairing over the paragraph with a stack of open quotes (existing curly quotes
 * take part, so `“白领慧庭"` closes correctly). `forceClose` is the index of a straight double
 * quote to be read as a closer whose opener lies outside the paragraph.
 */
function simulateQuotes(cs: readonly string[], forceClose: number): { rep: Map<number, string>; unmatched: number[] } {
  const stack: Frame[] = [];
  let openD = 0;
  const rep = new Map<number, string>();
  const popToLastD = (): void => {
    for (let k = stack.length - 1; k >= 0; k--) {
      if (stack[k]!.kind === 'D') {
        stack.length = k;
        openD--;
        return;
      }
    }
  };
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (c === '“') {
      stack.push({ kind: 'D', idx: i, straight: false });
      openD++;
    } else if (c === '”') {
      if (openD > 0) popToLastD();
    } else if (c === '‘') {
      stack.push({ kind: 'S', idx: i, straight: false });
    } else if (c === '’') {
      if (stack.length && stack[stack.length - 1]!.kind === 'S') stack.pop();
    } else if (c === '"') {
      if (i === forceClose) rep.set(i, '”');
      else if (openD > 0) {
        popToLastD();
        rep.set(i, '”');
      } else if (closeShape(cs, i)) rep.set(i, '”');
      else {
        stack.push({ kind: 'D', idx: i, straight: true });
        openD++;
        rep.set(i, '“');
      }
    } else if (c === "'") {
      if (isApostrophe(cs, i)) continue;
      const top = stack[stack.length - 1];
      if (top && top.kind === 'S') {
        stack.pop();
        rep.set(i, '’');
      } else if (!top && closeShape(cs, i)) rep.set(i, '’');
      else {
        stack.push({ kind: 'S', idx: i, straight: true });
        rep.set(i, '‘');
      }
    }
  }
  return { rep, unmatched: stack.filter((f) => f.kind === 'D' && f.straight).map((f) => f.idx) };
}

/**
 * Straight quotes → curly, nested per GB/T 15834 (“…‘…’…”). When the count does not balance, one
 * quote belongs to a quotation cut by the extraction: either the first quote closes a quotation
 * opened in an earlier column, or the last one opens a quotation that continues elsewhere. The
 * stray mark sits near the cut, so the one nearer its paragraph edge is taken as the unpaired one.
 * (The cleanup reports unbalanced quotes as problems; this only chooses the likelier shape.)
 */
function pairQuotes(cs: string[]): void {
  let first = -1;
  for (let i = 0; i < cs.length; i++) {
    if (cs[i] === '"') {
      first = i;
      break;
    }
  }
  let best = simulateQuotes(cs, -1);
  const lastOpen = best.unmatched[best.unmatched.length - 1];
  // A quote opening the paragraph is never taken as a stray closer: the paragraph boundary is
  // what the rejoin stage decides on, so it must look the same before and after this rule.
  if (first > 0 && lastOpen !== undefined && first < cs.length - 1 - lastOpen) {
    const alt = simulateQuotes(cs, first);
    if (alt.unmatched.length < best.unmatched.length) best = alt;
  }
  for (const [i, q] of best.rep) cs[i] = q;
}

/**
 * UTF-16 offsets of curly double quotes that have no partner in `text` (an opener never closed,
 * or a closer with nothing open). Used by the cleanup to report 'ambiguous' problems.
 */
export function unbalancedQuotes(text: string): number[] {
  const open: number[] = [];
  const bad: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) open.push(i);
    else if (c === 0x201d) {
      if (open.length) open.pop();
      else bad.push(i);
    }
  }
  return [...bad, ...open].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Parentheses

/**
 * ( ) → （ ） when the pair belongs to Chinese text: its content has a Han character
 * (`(特约记者 姚志康)`, `(非)机动车位`), or it stands between Chinese on both sides (or Chinese on
 * one side and the paragraph edge on the other): `老龄化程度(27.98%)高的`. `see (a) below` and
 * `Windows (64-bit)版` keep their Latin brackets. The context skips spaces, marks and other
 * parentheses, whose own width this stage may change, so the decision is stable.
 */
function convertParens(cs: string[]): void {
  const n = cs.length;
  const han = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) han[i + 1] = han[i]! + (isHan(cpOf(cs[i])) ? 1 : 0);
  const transparent = (ch: string): boolean => isSpace(cpOf(ch)) || ANY_MARK.has(ch) || ANY_PAREN.has(ch);
  const left = new Int32Array(n);
  let last = -1;
  for (let i = 0; i < n; i++) {
    left[i] = last;
    if (!transparent(cs[i]!)) last = i;
  }
  const right = new Int32Array(n);
  last = -1;
  for (let i = n - 1; i >= 0; i--) {
    right[i] = last;
    if (!transparent(cs[i]!)) last = i;
  }
  const ctx = (j: number): boolean | null => (j < 0 ? null : isCJKContext(cpOf(cs[j])));

  const stack: number[] = [];
  const convert: number[] = [];
  const lone: number[] = [];
  for (let i = 0; i < n; i++) {
    if (cs[i] === '(') stack.push(i);
    else if (cs[i] === ')') {
      const o = stack.pop();
      if (o === undefined) {
        lone.push(i);
        continue;
      }
      const l = ctx(left[o]!);
      const r = ctx(right[i]!);
      const chinese = han[i]! - han[o + 1]! > 0 || (l !== false && r !== false && (l === true || r === true));
      if (chinese) convert.push(o, i);
    }
  }
  lone.push(...stack);
  for (const i of lone) if (ctx(left[i]!) === true || ctx(right[i]!) === true) convert.push(i);
  for (const i of convert) cs[i] = cs[i] === '(' ? '（' : '）';
}

// ---------------------------------------------------------------------------------------------
// , . : ; ? !

/** The Latin token before `i` (bounded look-back) is URL-, e-mail- or word-like. */
function latinTokenBefore(cs: readonly string[], i: number): boolean {
  let j = i - 1;
  let steps = 0;
  let start = i;
  while (j >= 0 && steps < 64) {
    const ch = cs[j]!;
    const cp = cpOf(ch);
    if (isSpace(cp) || isCJKContext(cp)) break;
    if (ch === '@' || ch === '/') return true;
    start = j;
    j--;
    steps++;
  }
  if (steps >= 64) return true;
  return isLatinLetter(cpOf(cs[start]));
}

/**
 * Each half-width mark is converted when the nearest character on its left or right (skipping
 * spaces and unconverted half-width marks, so `好!?` converts both) is Chinese context; the
 * exceptions below keep marks that are part of a Latin or numeric token.
 */
function convertMarks(cs: string[]): void {
  const n = cs.length;
  const right = new Int32Array(n);
  let last = -1;
  for (let i = n - 1; i >= 0; i--) {
    right[i] = last;
    const ch = cs[i]!;
    if (!isSpace(cpOf(ch)) && !HALF_MARK.has(ch)) last = i;
  }
  let leftIdx = -1; // live: a mark converted on this pass counts as Chinese context
  for (let i = 0; i < n; i++) {
    const c = cs[i]!;
    if (!HALF_MARK.has(c)) {
      if (!isSpace(cpOf(c))) leftIdx = i;
      continue;
    }
    const L = leftIdx >= 0 ? cpOf(cs[leftIdx]) : -1;
    const R = right[i]! >= 0 ? cpOf(cs[right[i]!]) : -1;
    if (shouldConvert(cs, i, c, L >= 0 && isCJKContext(L), R >= 0 && isCJKContext(R), R < 0)) {
      cs[i] = FULL[c]!;
      leftIdx = i;
    }
  }
}

/**
 * Chinese on the far side of the Latin or numeric token next to `i` (bounded scan): in
 * `复评5A,3家创评3A` the comma sits between two tokens that both stand in Chinese text.
 */
function chineseBeyondToken(cs: readonly string[], i: number, dir: 1 | -1): boolean {
  let j = i + dir;
  for (let steps = 0; steps < 32; steps++, j += dir) {
    const ch = cs[j];
    const cp = cpOf(ch);
    if (cp < 0) return false;
    // Skip the token (letters, digits, %), spaces and marks of either width: a mark's width is
    // what this stage changes, so it must not decide the outcome.
    if (isLatinAlnum(cp) || cp === 0x25 || isSpace(cp) || ANY_MARK.has(ch!)) continue;
    return isCJKContext(cp);
  }
  return false;
}

function shouldConvert(cs: readonly string[], i: number, c: string, lC: boolean, rC: boolean, atEnd: boolean): boolean {
  const prev = cpOf(cs[i - 1]);
  const next = cpOf(cs[i + 1]);
  const latinBoth = isLatinAlnum(prev) && isLatinAlnum(next);
  switch (c) {
    case ',':
      // 1,000 / 12,345,678: a comma followed by exactly three digits groups thousands.
      if (isAsciiDigit(prev) && isAsciiDigit(next) && isAsciiDigit(cpOf(cs[i + 2])) && isAsciiDigit(cpOf(cs[i + 3])) && !isAsciiDigit(cpOf(cs[i + 4])))
        return false;
      if (latinBoth) return chineseBeyondToken(cs, i, -1) && chineseBeyondToken(cs, i, 1);
      return lC || rC;
    case '.':
      // 27.98 / 2.04 / www.gov.cn / v1.2 / U.S.: a point inside a Latin or numeric token.
      if (latinBoth) return false;
      // ... or .. : dots written as an ellipsis; GB/T 15834 wants ……, which is a different
      // character count, so they are left for the editor rather than turned into 。。。
      if (cs[i - 1] === '.' || cs[i + 1] === '.') return false;
      if (lC) return true;
      // 增长了5%. / 共计23. at a sentence end before Chinese or the paragraph end (not www.a.cn.).
      if ((isAsciiDigit(prev) || prev === 0x25) && (atEnd || rC) && !latinTokenBefore(cs, i)) return true;
      return false;
    case ':':
      // 10:30, 1:2, http://, mailto:x
      if ((isAsciiDigit(prev) && isAsciiDigit(next)) || latinBoth) return false;
      if (cs[i + 1] === '/' && cs[i + 2] === '/') return false;
      return lC || rC;
    case ';':
      if (latinBoth) return chineseBeyondToken(cs, i, -1) && chineseBeyondToken(cs, i, 1);
      return lC || rC;
    default:
      // ? ! — a.php?id=1 keeps its question mark.
      if (latinBoth) return false;
      return lC || rC;
  }
}
