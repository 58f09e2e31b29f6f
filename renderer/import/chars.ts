// Character classes and small string helpers shared by the import-cleanup stages.
//
// Everything here works on code points (a Han character of CJK Extension B is one character, not
// two UTF-16 units) and is pure: no DOM, no Node, no I/O.

/** Han ideographs: URO, Extension A, Extensions B–H, compatibility ideographs, 〇 and 々. */
export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x323af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    cp === 0x3007 ||
    cp === 0x3005
  );
}

/** Kana and Hangul: wide letters that behave like Han for spacing. */
function isOtherWideLetter(cp: number): boolean {
  return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x11ff);
}

/**
 * Markers newspapers put in front of bylines and credits (■记者, □记者, ▶ 下转2版, ●, ◆, ★).
 * U+25A0–25FF geometric shapes (□ U+25A1 is also what a PDF extractor writes for a lost glyph)
 * and the two stars.
 */
export function isMarker(cp: number): boolean {
  return (cp >= 0x25a0 && cp <= 0x25ff) || cp === 0x2605 || cp === 0x2606;
}

/**
 * "Strong" CJK characters: wide letters, CJK symbols and punctuation (U+3000–303F), full-width
 * forms (U+FF00–FFEF) and markers. A space touching one of these is never a word space (W3C
 * clreq §3.2.1: Chinese text has no inter-word spaces), so the space stage may delete it.
 */
export function isStrongCJK(cp: number): boolean {
  return (
    isHan(cp) ||
    isOtherWideLetter(cp) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    isMarker(cp)
  );
}

/** Curly quotes U+2018/2019/201C/201D: shared by Chinese (GB/T 15834 §4.1) and English. */
export function isCurlyQuote(cp: number): boolean {
  return cp === 0x2018 || cp === 0x2019 || cp === 0x201c || cp === 0x201d;
}

/**
 * Is this a Chinese-context character for the punctuation rule, i.e. does a half-width mark
 * beside it belong to Chinese text? Strong CJK, curly quotes (in a paragraph that has Han, they
 * are Chinese quotes), the ellipsis … and the dash — (GB/T 15834 省略号 and 破折号).
 */
export function isCJKContext(cp: number): boolean {
  return isStrongCJK(cp) || isCurlyQuote(cp) || cp === 0x2026 || cp === 0x2014;
}

export function isAsciiDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39;
}

/** Latin letters (ASCII, Latin-1, Latin Extended A/B, Greek, Cyrillic). */
export function isLatinLetter(cp: number): boolean {
  return (
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) ||
    (cp >= 0x370 && cp <= 0x4ff)
  );
}

export function isLatinAlnum(cp: number): boolean {
  return isAsciiDigit(cp) || isLatinLetter(cp);
}

/** Whitespace after `normalizeChars` is only U+0020 and U+000A, but raw input may hold any. */
export function isSpace(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0xa0 ||
    cp === 0x3000 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0xfeff
  );
}

/**
 * Characters that count toward a paragraph's length for the role heuristics: letters, digits,
 * and the lost-glyph box □ / U+FFFD (it stands for a character). Punctuation and spaces do not
 * count, so the measure is the same before and after cleanup (idempotency depends on it).
 */
export function isWordChar(cp: number): boolean {
  return isHan(cp) || isOtherWideLetter(cp) || isLatinAlnum(cp) || (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a) || cp === 0x25a1 || cp === 0xfffd;
}

/** Number of word characters in `s`, counting stops once it exceeds `limit` (bounded work). */
export function measureAtMost(s: string, limit: number): number {
  let n = 0;
  for (const ch of s) {
    if (isWordChar(ch.codePointAt(0)!)) {
      n++;
      if (n > limit) return n;
    }
  }
  return n;
}

export function measure(s: string): number {
  return measureAtMost(s, Number.POSITIVE_INFINITY);
}

/** Number of non-space characters, counting stops once it exceeds `limit`. */
export function nonSpaceAtMost(s: string, limit: number): number {
  let n = 0;
  for (const ch of s) {
    if (!isSpace(ch.codePointAt(0)!)) {
      n++;
      if (n > limit) return n;
    }
  }
  return n;
}

/** First code point of `s`, or -1. */
export function firstCp(s: string): number {
  return s.length ? s.codePointAt(0)! : -1;
}

/** Last code point of `s`, or -1 (a trailing surrogate pair is read as one character). */
export function lastCp(s: string): number {
  if (!s.length) return -1;
  const lo = s.charCodeAt(s.length - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && s.length >= 2) {
    const hi = s.charCodeAt(s.length - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return s.codePointAt(s.length - 2)!;
  }
  return lo;
}

/** Code point that ends just before UTF-16 offset `i`, or -1. */
export function cpBefore(s: string, i: number): number {
  return i <= 0 ? -1 : lastCp(s.slice(Math.max(0, i - 2), i));
}

/** Code point starting at UTF-16 offset `i`, or -1. */
export function cpAt(s: string, i: number): number {
  return i >= s.length ? -1 : s.codePointAt(i)!;
}
