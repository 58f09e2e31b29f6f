// Character classes for Chinese line composition (W3C clreq §3.1 and §3.2, JIS X 4051 §3 for
// the class names), and the line-start / line-end prohibition tables per level.
import type { Prohibition } from '../model/schema';

/** What a unit of text is, for spacing and breaking. */
export const enum Cls {
  /** Han ideographs, kana, full-width letters and digits, ideographic space. */
  Ideo = 0,
  /** Opening brackets and quotes （《「『【〔〈“‘ and ASCII ( [ {. */
  Open = 1,
  /** Closing brackets and quotes ）》」』】〕〉”’ and ASCII ) ] }. */
  Close = 2,
  /** Pause and stop marks ，、。；：？！ (full-width) and standalone ASCII , . ; : ? !. */
  Pause = 3,
  /** Interpuncts · ・ ‧. */
  Middle = 4,
  /** Connectors ～ 〜 – ‐ and a standalone hyphen. */
  Connector = 5,
  /** Dash —— (one or two U+2014 / U+2015 / U+2500 kept together). */
  Dash = 6,
  /** Ellipsis …… (one or two U+2026 kept together). */
  Ellipsis = 7,
  /** A Latin word or digit run (with its internal + - . / % etc.), unbreakable. */
  Latin = 8,
  /** Postfix marks that GB practice keeps off line starts: ％ ‰ ℃ ° ′ ″. */
  Postfix = 9,
  /** Prefix marks that GB practice keeps off line ends: ￥ ＄ £ № ＃ §. */
  Prefix = 10,
  /** Other symbols: set as they are, breakable on both sides. */
  Other = 11,
}

const OPEN = new Set([...'（〔［｛《〈「『【〖〘〚“‘([{']);
const CLOSE = new Set([...'）〕］｝》〉」』】〗〙〛”’)]}']);
const PAUSE = new Set([...'，、。．；：？！,.;:?!｡､']);
const MIDDLE = new Set([...'·・‧•']);
const CONNECTOR = new Set([...'～〜–‐-~']);
const DASH = new Set([...'—―─']);
const ELLIPSIS = new Set(['…']);
const POSTFIX = new Set([...'％‰℃°′″¢']);
const PREFIX = new Set([...'￥＄£№＃§$¥']);

/** Class of a single character that is not part of a Latin word. */
export function classOf(ch: string, cp: number): Cls {
  // fast path: the unified ideographs hold no punctuation
  if (cp >= 0x4e00 && cp <= 0x9fff) return Cls.Ideo;
  if (OPEN.has(ch)) return Cls.Open;
  if (CLOSE.has(ch)) return Cls.Close;
  if (PAUSE.has(ch)) return Cls.Pause;
  if (DASH.has(ch)) return Cls.Dash;
  if (ELLIPSIS.has(ch)) return Cls.Ellipsis;
  if (MIDDLE.has(ch)) return Cls.Middle;
  if (CONNECTOR.has(ch)) return Cls.Connector;
  if (POSTFIX.has(ch)) return Cls.Postfix;
  if (PREFIX.has(ch)) return Cls.Prefix;
  if (isIdeo(cp)) return Cls.Ideo;
  return Cls.Other;
}

/**
 * Wide characters that sit on the character grid: CJK ideographs (all blocks), kana, Hangul,
 * CJK symbols, full-width forms, the ideographic space.
 */
export function isIdeo(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x3100 && cp <= 0x31ff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xff01 && cp <= 0xff60) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    (cp >= 0x2460 && cp <= 0x24ff)
  );
}

/** Letters and digits that make up Latin words (ASCII, Latin-1 and Latin Extended, Greek, Cyrillic). */
export function isLatinCore(cp: number): boolean {
  return (
    (cp >= 0x30 && cp <= 0x39) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) ||
    (cp >= 0x370 && cp <= 0x4ff)
  );
}

/** Characters kept inside a Latin word when a letter or digit follows: 1+18+7, CFCP-17, 27.98, a/b. */
export const LATIN_JOIN = new Set([...'+-./_@#&\'’:,=*~×']);
/** Characters that may end a Latin word: 27.98%, 100℃, "etc.", "Hi,". */
export const LATIN_TRAIL = new Set([...'%‰℃°.,;:!?\'’']);

/** Can a unit of class `c` start a line at prohibition level `p`? */
export function mayStartLine(c: Cls, p: Prohibition): boolean {
  if (p === 'none') return true;
  switch (c) {
    case Cls.Close:
    case Cls.Pause:
    case Cls.Middle:
    case Cls.Connector:
      return false;
    case Cls.Postfix:
      return p === 'basic';
    case Cls.Dash:
    case Cls.Ellipsis:
      return p !== 'strict';
    default:
      return true;
  }
}

/** Can a unit of class `c` end a line at prohibition level `p`? */
export function mayEndLine(c: Cls, p: Prohibition): boolean {
  if (p === 'none') return true;
  if (c === Cls.Open) return false;
  if (c === Cls.Prefix) return p === 'basic';
  return true;
}

/** Does the class take part in punctuation compression (it may carry a blank half-em)? */
export const isCompressible = (c: Cls): boolean => c === Cls.Open || c === Cls.Close || c === Cls.Pause;
