// Rule 2 of the import cleanup: stray spaces.
//
// Chinese is written without spaces between words (W3C clreq §3.2.1), so a space next to a Han
// character or a full-width mark in extracted copy is where a printed column line ended
// ("江秋新苑居民区党总支 的"). Between Chinese and Latin letters or digits (SOHO 天山广场,
// 去年 10 月) the text also stores no space: the engine inserts the quarter-em Chinese–Western
// spacing itself (clreq §3.2.3, "西文与汉字之间的间距"), so a typed space would double it.
// A space between two Latin words or numbers (TIAN SHAN) is a real word space and is kept.
//
// Spaces that are not stray, and are kept (each collapsed to one U+0020):
// 1. Bylines and credits (the byline-space rule): exactly one space after each role word
//    (记者, 通讯员, 实习生, 特约记者, 摄影 …) and one between names, because that is how a byline
//    is written and read (`■记者 陈玲 实习生 章臻瑶`, `通讯员 钟丽 记者 郭爽`, `特约记者 姚志康`);
//    a two-character name padded for alignment (`陈 玲`) keeps its space. The spacing is made
//    canonical: `记者陈玲` becomes `记者 陈玲`, and role words cut by a column break are mended
//    (`■记 者 陈玲` → `■记者 陈玲`). This holds for whole byline and credit paragraphs, for the
//    brackets of a dateline (`本报讯（特约记者 姚志康）`) and for a credit at a paragraph's end
//    (`…。 宋昌发 赵凯杰`). A space touching a full-width mark or bracket is still removed there:
//    the mark carries its own blank half.
// 2. The space after a bare dateline (`本报讯 7月25日，…`), which separates the run-in dateline
//    from the text as a bracket would, and the space that sets an unmarked credit apart from the
//    sentence before it (`贡献力量。 宋昌发 赵凯杰`): without it the names would read as text.
// 3. Display lines — headlines, masthead lines, and label lines ("field：value" without clause
//    punctuation, `主导产品：甜瓜、西瓜、大米 品牌：珠`): a space between two phrases of two or
//    more characters is the phrase break Chinese headlines use in place of a comma
//    (`创新社区管理 提高为民服务水平`, `共绘治理“同心圆” 做好社区服务“大文章”`). A space next to a
//    single character is stray letter-spacing or a column break (`天 山社区晨报`, `荣 获`) and goes.

import type { ParagraphRole } from './types';
import { cpAt, cpBefore, isHan, isMarker, isSpace, isStrongCJK } from './chars';
import { classifyParagraph, detectDateline, detectTrailingCredit, hasClausePunct, parseByline } from './roles';

const WS = /\s+/gu;
/** Full-width pause marks: a space beside one is always removed (it has its own blank half). */
const PAUSE = new Set([...'，、。．；：？！…']);
const OPEN_BRACKET = new Set([...'（(「『《〈【〔“‘']);
const CLOSE_BRACKET = new Set([...'）)」』》〉】〕”’']);

const chr = (cp: number): string => (cp < 0 ? '' : String.fromCodePoint(cp));

/** May this character end the left phrase of a display line's phrase break? */
function phraseEnd(cp: number): boolean {
  return isHan(cp) || cp === 0x25a1 || CLOSE_BRACKET.has(chr(cp)) || (isStrongCJK(cp) && !isMarker(cp) && !PAUSE.has(chr(cp)) && !OPEN_BRACKET.has(chr(cp)));
}

/** May this character start the right phrase of a phrase break? */
function phraseStart(cp: number): boolean {
  return isHan(cp) || cp === 0x25a1 || OPEN_BRACKET.has(chr(cp)) || (isStrongCJK(cp) && !isMarker(cp) && !PAUSE.has(chr(cp)) && !CLOSE_BRACKET.has(chr(cp)));
}

/** Does the token (run of non-spaces) from `from` have at least two characters? */
function tokenHasTwo(s: string, from: number, dir: 1 | -1): boolean {
  let n = 0;
  let i = from;
  while (n < 2) {
    const cp = dir === 1 ? cpAt(s, i) : cpBefore(s, i);
    if (cp < 0 || isSpace(cp)) break;
    n++;
    i += dir * (cp > 0xffff ? 2 : 1);
  }
  return n >= 2;
}

/**
 * Spacing inside a byline or credit (rule 2, point 1): the canonical byline spacing of
 * `parseByline` (one space after a role word and between names), else each space run collapsed
 * to one; never a space beside a full-width mark or bracket.
 */
function bylineSpacing(seg: string): string {
  const base = parseByline(seg, { allowBareNames: true })?.text ?? seg.trim();
  return base.replace(WS, (_run: string, a: number, whole: string) => {
    const L = cpBefore(whole, a);
    const R = cpAt(whole, a + _run.length);
    return PAUSE.has(chr(L)) || PAUSE.has(chr(R)) || OPEN_BRACKET.has(chr(L)) || CLOSE_BRACKET.has(chr(R)) ? '' : ' ';
  });
}

/**
 * Removes the stray spaces of one paragraph (rule 2, see the file comment for what stays).
 * `role` defaults to `classifyParagraph(s)`; the cleanup passes the role it decided. Run it after
 * `normalizePunctuation`: a space beside a half-width `(` is not yet known to be Chinese.
 */
export function removeStraySpaces(s: string, role?: ParagraphRole): string {
  const text = s.trim();
  if (!text) return '';
  const r = role ?? classifyParagraph(text);
  if (r === 'byline' || r === 'credit') return bylineSpacing(text);
  const dateline = detectDateline(text);
  const credit = detectTrailingCredit(text);
  const display = r === 'headline' || r === 'masthead' || (r === 'body' && !hasClausePunct(text) && /[：:]/.test(text));

  // Protected byline segments: the dateline's brackets and the trailing credit. They start and
  // end on non-space characters, so no space run straddles their edges.
  const ranges: Array<[number, number]> = [];
  if (dateline && !dateline.bare) ranges.push([dateline.bracket, dateline.end]);
  if (credit && (ranges.length === 0 || credit.start >= ranges[0]![1])) ranges.push([credit.start, text.length]);

  const general = (from: number, to: number): string => {
    let out = '';
    let pos = from;
    WS.lastIndex = from;
    for (let m = WS.exec(text); m !== null && m.index < to; m = WS.exec(text)) {
      const a = m.index;
      const b = a + m[0].length;
      out += text.slice(pos, a) + spaceFor(a, b);
      pos = b;
    }
    return out + text.slice(pos, to);
  };
  const spaceFor = (a: number, b: number): string => {
    if (a === 0 || b === text.length) return '';
    const L = cpBefore(text, a);
    const R = cpAt(text, b);
    if (dateline !== null && dateline.bare && a === dateline.end) return ' ';
    if (credit !== null && credit.unmarked && b === credit.start) return ' ';
    if (!isStrongCJK(L) && !isStrongCJK(R)) return ' ';
    if (display && phraseEnd(L) && phraseStart(R) && tokenHasTwo(text, a, -1) && tokenHasTwo(text, b, 1)) return ' ';
    return '';
  };

  let out = '';
  let pos = 0;
  for (const [a, b] of ranges) {
    out += general(pos, a) + bylineSpacing(text.slice(a, b));
    pos = b;
  }
  return out + general(pos, text.length);
}
