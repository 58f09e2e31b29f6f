// Rule 4 of the import cleanup: what each paragraph is (headline, byline, body, credit, jump line
// or masthead), plus the run-in dateline (本报讯…) at a body paragraph's start and the source
// credit (■季菊, （街道调研办）, 宋昌发 赵凯杰) at its end.
//
// Every test here ignores the width of punctuation and the stray spaces the cleanup removes, so a
// paragraph gets the same role before and after cleanup (the cleanup is idempotent because of it).
// The one place where spaces matter, the names in a byline, is also a place the cleanup keeps them.

import type { ParagraphRole } from './types';
import { cpBefore, isHan, lastCp, measureAtMost, nonSpaceAtMost } from './chars';
import { normalizePunctuation } from './punctuation';

/**
 * A headline is at most this many word characters (letters and digits; punctuation and spaces
 * do not count). Community-paper 主题 and 副题 lines run 8–28 characters; the longest line in the
 * samples, the 引题 "专家赋能,助力佘山镇江秋新苑居民区从"共同治理"迈向"治理共同体"", measures 28.
 */
export const HEADLINE_MAX = 30;

/** A byline or credit line is short: a few role words and names. */
const BYLINE_MAX = 30;

/** Longer text is never re-punctuated just to be classified (keeps classification O(1)-ish). */
export const PROBE_MAX = 400;

// ---------------------------------------------------------------------------------------------
// Punctuation classes (both widths, so raw and cleaned text classify alike)

/** Marks that end a sentence (GB/T 15834 句末点号 and the ellipsis). */
const SENTENCE_END = new Set([...'。．！？…!?.']);
/** Marks that may end a paragraph without ending a sentence: a list item (；) or a lead-in (：). */
const PARAGRAPH_END = new Set([...'；：;:']);
/** Closing quotes and brackets; they end a paragraph only after a sentence-end mark (“……。”). */
const CLOSERS = new Set([...'”’」』）)】》〉〕］"\'']);
/** Marks no paragraph can begin with (clreq §3.1.6 line-start prohibition, here for paragraphs). */
const NO_PARAGRAPH_START = new Set([...'，、。．；：？！）」』”’》〉】〕,;:?!)']);
/** Clause-internal marks: a line holding one of these is running text, not a label. */
const CLAUSE_PUNCT = /[，。！？；,!?;]/;
/** A comma, either width. */
const COMMA = /[，,]/g;
const OPENING_END = new Set([...'，、,“‘（(「『《【〔']);

// ---------------------------------------------------------------------------------------------
// Bylines and credits

/**
 * Role words that introduce the people in a byline (署名): the reporter, correspondent, intern,
 * writer. Longest first so that 特约记者 is not read as 特约 + 记者.
 */
const BYLINE_ROLES = [
  '特约通讯员', '特约记者', '见习记者', '实习记者', '本报记者', '本刊记者', '首席记者', '通讯员', '实习生', '记者',
  '撰文', '撰稿', '作者', '文/图', '图/文', '文／图', '图／文', '文',
];
/** Role words of a credit: photographer, picture, source, editor. */
const CREDIT_ROLES = ['责任编辑', '摄影', '摄像', '图片', '供稿', '来源', '编辑', '责编', '校对', '整理', '图', '摄'];
const ROLES: ReadonlyArray<{ word: string; byline: boolean }> = [
  ...BYLINE_ROLES.map((word) => ({ word, byline: true })),
  ...CREDIT_ROLES.map((word) => ({ word, byline: false })),
].sort((a, b) => b.word.length - a.word.length);

/**
 * Common single-character surnames. A name written straight after a role word with no space
 * (记者陈玲) is only accepted when it starts with one of these, so that 记者节 or 通讯员培训 stay
 * headlines. Surnames that are also common word starts after a role word (简 as in 作者简介)
 * are left out on purpose.
 */
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆乐冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚权帅屠朴盖练廉禹祖漆巴丰支卿狄计索宣晋初芮扈晁阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况逯隆茹诸戚危嵇湛宾戎勾茅揭尉冶束檀',
]);
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '夏侯', '令狐', '长孙', '宇文', '司徒', '端木', '独孤', '南宫', '呼延', '轩辕', '澹台'];

const BYLINE_MARKER = /^[■□●◆▲★☆◇○]+\s*/u;
const ALL_HAN = /^[\p{Script=Han}]+$/u;
const HAN_WITH_DOT = /^[\p{Script=Han}]{1,6}[·•・][\p{Script=Han}·•・]{1,12}$/u;

const hanLen = (s: string): number => (ALL_HAN.test(s) ? Array.from(s).length : 0);

/** A name standing alone as a token: 2–3 Han, 4 with a compound surname, or a name with ·. */
function isNameToken(s: string): boolean {
  const n = hanLen(s);
  if (n === 2 || n === 3) return true;
  if (n === 4) return COMPOUND_SURNAMES.some((c) => s.startsWith(c));
  return HAN_WITH_DOT.test(s);
}

/** A name glued to its role word (记者陈玲): must start with a surname, 2–3 Han (4 compound). */
function isGluedName(s: string): boolean {
  const n = hanLen(s);
  if ((n === 3 || n === 4) && COMPOUND_SURNAMES.some((c) => s.startsWith(c))) return true;
  return (n === 2 || n === 3) && SURNAMES.has(s[0]!);
}

function roleAt(tok: string): { word: string; byline: boolean } | undefined {
  for (const r of ROLES) {
    if (!tok.startsWith(r.word)) continue;
    const rest = tok.slice(r.word.length);
    // A one-character role (文, 图, 摄) must stand alone or take a colon: 文明, 图说 are words.
    if (rest === '' || /^[:：]/.test(rest) || (Array.from(r.word).length >= 2 && isGluedName(rest))) return r;
  }
  return undefined;
}

/**
 * Reads a line of role words and names: `■记者 陈玲 实习生 章臻瑶`, `通讯员 钟丽 记者 郭爽`,
 * `（记者 陈玲）`, `摄影 张三`, `■季菊`. Returns 'byline' when a byline role word is present,
 * 'credit' for credit role words or for a marker followed by names only, else null.
 * `allowBareNames` also accepts two to four names with no role word or marker (`宋昌发 赵凯杰`);
 * the cleanup allows that only for a credit at a paragraph's end, after a sentence and a space.
 */
export function readByline(line: string, opts: { allowBareNames?: boolean } = {}): 'byline' | 'credit' | null {
  return parseByline(line, opts)?.kind ?? null;
}

/**
 * Like `readByline`, and also gives the line in canonical byline spacing. A byline with stray
 * column-break spaces (`■记 者 陈玲 实习 生 章臻瑶`) is read after the spaces next to a single
 * character are removed (what the space stage does to a display line), or after all spaces are
 * removed; the cleanup stores the canonical spacing (`■记者 陈玲 实习生 章臻瑶`), which reads
 * the same way again, so a second cleanup sees the same byline.
 */
export function parseByline(line: string, opts: { allowBareNames?: boolean } = {}): { kind: 'byline' | 'credit'; text: string } | null {
  const t = line.trim();
  if (!t || nonSpaceAtMost(t, 60) > 60) return null;
  const variants = [t];
  if (/\s/u.test(t)) variants.push(squeezeSingles(t), t.replace(/\s+/gu, ''));
  for (const v of variants) {
    const r = readBylineTokens(v, opts);
    if (r) return r;
  }
  return null;
}

/** Removes each space that has a one-character token on either side (`记 者` → `记者`). */
export function squeezeSingles(t: string): string {
  const parts = t.split(/\s+/u);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    const single = Array.from(parts[i - 1]!).length < 2 || Array.from(parts[i]!).length < 2;
    out += (single ? '' : ' ') + parts[i]!;
  }
  return out;
}

/**
 * Parses one spacing variant of a byline line. Returns its kind and its canonical spacing: one
 * space after each role word (记者陈玲 → 记者 陈玲) and between names, separators such as 、 kept
 * as they are, the marker and brackets kept, so only whitespace ever differs from the input.
 */
function readBylineTokens(line: string, opts: { allowBareNames?: boolean }): { kind: 'byline' | 'credit'; text: string } | null {
  let t = line.trim();
  if (!t || nonSpaceAtMost(t, 60) > 60 || measureAtMost(t, BYLINE_MAX) > BYLINE_MAX || CLAUSE_PUNCT.test(t.replace(/[，,、]/g, ' '))) return null;
  const marker = BYLINE_MARKER.exec(t)?.[0].trim() ?? '';
  t = t.replace(BYLINE_MARKER, '');
  const bracket = /^([（(])\s*([^（）()]*?)\s*([）)])$/u.exec(t);
  if (bracket) t = bracket[2]!;
  if (!t || /^[、，,|｜]|[、，,|｜]$/u.test(t)) return null;

  // Tokens and the separators between them (seps[k] lies between toks[k] and toks[k + 1]).
  const toks: string[] = [];
  const seps: string[] = [];
  let pending = '';
  t.split(/(\s+|[、，,|｜]+)/u).forEach((piece, k) => {
    if (k % 2 === 1) pending += piece;
    else if (piece !== '') {
      if (toks.length) seps.push(pending);
      toks.push(piece);
      pending = '';
    }
  });
  const sepText = (k: number): string => {
    const p = (seps[k - 1] ?? '').replace(/\s+/gu, '');
    return p === '' ? ' ' : p;
  };

  let out = '';
  const emit = (k: number, text: string): void => {
    out += (out === '' ? '' : sepText(k)) + text;
  };
  let names = 0;
  let bylineRole = false;
  let creditRole = false;
  let needName = false;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    const role = roleAt(tok);
    if (role) {
      if (needName) return null;
      if (role.byline) bylineRole = true;
      else creditRole = true;
      const rest = tok.slice(role.word.length);
      const colon = /^[:：]/u.test(rest);
      const name = rest.replace(/^[:：]/u, '');
      if (name === '') needName = true;
      else if (colon ? isNameToken(name) || isGluedName(name) : isGluedName(name)) names++;
      else return null;
      emit(i, colon || name === '' ? tok : `${role.word} ${name}`);
      continue;
    }
    if (i === 0 && !marker && !bracket && !opts.allowBareNames) return null;
    if (isNameToken(tok)) {
      names++;
      needName = false;
      emit(i, tok);
      continue;
    }
    // A two-character name set with a space for alignment: 陈 玲.
    const nxt = toks[i + 1];
    if (hanLen(tok) === 1 && SURNAMES.has(tok) && nxt !== undefined && /^\s+$/u.test(seps[i]!) && (hanLen(nxt) === 1 || hanLen(nxt) === 2) && !roleAt(nxt)) {
      names++;
      needName = false;
      emit(i, `${tok} ${nxt}`);
      i++;
      continue;
    }
    return null;
  }
  if (needName || names === 0) return null;
  let kind: 'byline' | 'credit' | null = null;
  if (bylineRole) kind = 'byline';
  else if (creditRole) kind = 'credit';
  else if (marker && names <= 4) kind = 'credit';
  else if (opts.allowBareNames && names >= 2 && names <= 4) kind = 'credit';
  if (!kind) return null;
  return { kind, text: marker + (bracket ? bracket[1]! + out + bracket[3]! : out) };
}

// ---------------------------------------------------------------------------------------------
// Dateline (电头) at a paragraph's start

/**
 * 本报讯 with its optional bracketed byline, run in at the start of a story's first paragraph:
 * `本报讯(特约记者 姚志康) 2020年11月18日,…`, `本报讯 7月25日,…`.
 */
const DATELINE = /^本\s*[报刊台]\s*[讯电](?:\s*([（(])[^（）()。！？!?\n]{1,40}[）)])?/u;

/**
 * The dateline at the start of `text`, if any: its text, UTF-16 end, whether it is bare (no
 * brackets) and where its bracket starts. Stray spaces inside 本报讯 are tolerated.
 */
export function detectDateline(text: string): { text: string; end: number; bare: boolean; bracket: number } | null {
  const m = DATELINE.exec(text);
  if (!m) return null;
  const bracket = m[1] === undefined ? -1 : m[0].lastIndexOf(m[1], m[0].length - 1);
  return { text: m[0], end: m[0].length, bare: bracket < 0, bracket };
}

/** A paragraph that is nothing but a dateline, e.g. `本报讯（记者 陈玲）`, is a byline. */
function isDatelineOnly(t: string): boolean {
  const d = detectDateline(t);
  return d !== null && t.slice(d.end).trim() === '';
}

// ---------------------------------------------------------------------------------------------
// Credit at a paragraph's end

export interface TrailingCredit {
  /** The credit as it stands in the text: `■季菊`, `（街道调研办）`, `宋昌发 赵凯杰`. */
  text: string;
  /** UTF-16 offset where the credit starts. */
  start: number;
  /** True for names without a marker or bracket; a space before them is what sets them apart. */
  unmarked: boolean;
}

/** How far back from the paragraph end a credit is looked for (a credit is short). */
const CREDIT_TAIL = 48;
const MARKED_CREDIT = /■[^■。！？!?]{1,40}$/u;
const BRACKET_CREDIT = /[（(]([^（）()]{1,24})[）)]$/u;
const UNMARKED_CREDIT = /([。！？…”’.!?])([ \t\u3000\u00a0]+)([^\s。！？，、,.!?■]{1,8}(?:[ \t\u3000\u00a0]+[^\s。！？，、,.!?■]{1,8}){0,5})$/u;

/**
 * The source or author credit at the end of a body paragraph, kept in the text and reported:
 * `…社会效益。■季菊` (■ + name), `…。（街道调研办）` (bracketed source after a sentence end) or
 * `…贡献力量。 宋昌发 赵凯杰` (two or more names, or a role word and a name, after a sentence end
 * and a space). A lone unmarked name is not taken: `。此外` would look the same.
 */
export function detectTrailingCredit(text: string): TrailingCredit | null {
  const t = text.trimEnd();
  const from = Math.max(0, t.length - CREDIT_TAIL);
  const tail = t.slice(from);
  let m = MARKED_CREDIT.exec(tail);
  if (m && from + m.index > 0 && readByline(m[0]) !== null) return { text: m[0], start: from + m.index, unmarked: false };
  m = BRACKET_CREDIT.exec(tail);
  if (m && from + m.index > 0) {
    const before = lastCp(t.slice(Math.max(0, from + m.index - 40), from + m.index).trimEnd());
    const inner = m[1]!;
    if (before >= 0 && SENTENCE_END.has(String.fromCodePoint(before)) && !/[，。！？；,.!?;：:]/.test(inner) && measureAtMost(inner, 20) <= 20)
      return { text: m[0], start: from + m.index, unmarked: false };
  }
  m = UNMARKED_CREDIT.exec(tail);
  if (m && readByline(m[3]!, { allowBareNames: true }) !== null) {
    const start = from + m.index + m[1]!.length + m[2]!.length;
    return { text: m[3]!, start, unmarked: true };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Jump lines and mastheads

/** `▶ 下转2版`, `下转第2版`, `（上接第1版）`, `转A3版`. */
const JUMP = /^[（(]?\s*[▶▷►→]?\s*(?:下转|上接|转|接)\s*第?\s*[A-Za-zＡ-Ｚ]?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版\s*[）)]?$/u;

export function isJumpLine(t: string): boolean {
  return nonSpaceAtMost(t, 40) <= 40 && JUMP.test(t.replace(/\s+/gu, ''));
}

/**
 * Lines of the masthead and page furniture (报头, 版权行): the paper's name (…晨报, …晚報), the
 * publication line (国内统一连续出版物号 CN31-0062, 总第8545期, …联合出版, 主管主办), the
 * edition (社区版), the English name in capitals (TIAN SHAN, SHANGHAI COMMUNITY NEWS) and QR-code
 * notes (扫描二维码). Running text (with clause punctuation) is never a masthead.
 */
const MASTHEAD_PATTERNS: readonly RegExp[] = [
  /连续出版物号|统一刊号|CN\d{2}[-－]\d{4}|ISSN\d{4}|总第\d+期/,
  /(?:联合|公司|集团|报社|杂志社|编辑部)出版$|主管主办|主办单位|出版单位/,
  /[晨晚日周早][报報]$/,
  /二维码|扫码/,
  /^[^，。]{1,4}版$/,
];
const ALL_CAPS_LINE = /^[A-Z]{2,}(?:[ .&'-]+[A-Z]{2,})+|^[A-Z][A-Z .&'-]{3,}$/;

export function isMastheadLine(t: string): boolean {
  if (nonSpaceAtMost(t, 200) > 200 || CLAUSE_PUNCT.test(t)) return false;
  if (ALL_CAPS_LINE.test(t)) return true;
  const squeezed = t.replace(/\s+/gu, '');
  return MASTHEAD_PATTERNS.some((re) => re.test(squeezed));
}

// ---------------------------------------------------------------------------------------------
// Paragraph ends and starts (used by the rejoin stage too)

/**
 * Does the paragraph end where a paragraph may end: a sentence-end mark, a list-item ；, a
 * lead-in ：, a closing quote or bracket right after a sentence end (“……。”), or a credit?
 */
export function endsClosed(text: string): boolean {
  const t = text.trimEnd();
  if (!t) return true;
  let i = t.length;
  let cp = cpBefore(t, i);
  const ch = String.fromCodePoint(cp);
  if (SENTENCE_END.has(ch) || PARAGRAPH_END.has(ch)) return true;
  if (CLOSERS.has(ch)) {
    // look through the run of closers (and stray spaces): “……。”）
    while (i > 0 && (CLOSERS.has(String.fromCodePoint(cp)) || /\s/u.test(String.fromCodePoint(cp)))) {
      i -= cp > 0xffff ? 2 : 1;
      cp = cpBefore(t, i);
    }
    if (cp >= 0 && SENTENCE_END.has(String.fromCodePoint(cp))) return true;
  }
  return detectTrailingCredit(t) !== null;
}

/** Begins with a mark that cannot begin a paragraph (，。、”）…): the rest of a cut sentence. */
export function startsWithClosingPunct(text: string): boolean {
  const c = text.trimStart()[0];
  return c !== undefined && NO_PARAGRAPH_START.has(c);
}

/** Ends with a comma, enumeration comma or an opening quote or bracket: certainly cut. */
export function endsOpen(text: string): boolean {
  const cp = lastCp(text.trimEnd());
  return cp >= 0 && OPENING_END.has(String.fromCodePoint(cp));
}

/** Has clause punctuation: running text rather than a label or heading. */
export function hasClausePunct(text: string): boolean {
  return CLAUSE_PUNCT.test(text);
}

export function commaCount(text: string): number {
  return (text.match(COMMA) ?? []).length;
}

/**
 * Words and list markers that open a paragraph in news copy: temporal leads (近日，日前，今年，…),
 * connectives that start a new sentence (此外，同时，…) and enumerations (一是, （一）, 1、).
 * A paragraph cut mid-sentence does not continue with one of these.
 */
const PARAGRAPH_LEAD =
  /^(?:(?:近日|日前|近期|今年|去年|前年|昨天|昨日|今天|今日|当天|当日|上午|下午|据悉|据了解|据介绍|据统计|此外|另外|同时|与此同时|会上|会后|目前|如今|随后|最后|首先|其次|总之|因此|然而|不过)[，,、：:])|^记者从|^(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+[、，,]|[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}、(?=\D)|\d{1,2}．(?!\d)|第[一二三四五六七八九十]+[，,、]|[①-⑳])/u;

export function startsLikeParagraph(text: string): boolean {
  // Spaces are ignored: the space stage may remove them, and the answer must not change.
  const t = text.slice(0, 40).replace(/\s+/gu, '');
  return PARAGRAPH_LEAD.test(t) || DATELINE.test(t);
}

/**
 * Starts with a one-character clause (验，… 报，… 庭”… 等。…): the tail of a word whose first
 * half ended the previous part. Chinese paragraphs do not open with a one-character clause.
 */
export function continuesWord(text: string): boolean {
  const cs = Array.from(text.slice(0, 12).replace(/\s+/gu, '')).slice(0, 2);
  return cs.length >= 2 && isHan(cs[0]!.codePointAt(0)!) && NO_PARAGRAPH_START.has(cs[1]!);
}

/**
 * The shape of a headline line (rule 4): 1 to HEADLINE_MAX word characters, no full stop, not
 * ending where a paragraph ends, not starting with a closing mark or a dateline.
 */
export function isHeadlineShape(text: string): boolean {
  const t = text.trim();
  if (!t || measureAtMost(t, HEADLINE_MAX) > HEADLINE_MAX || measureAtMost(t, 0) === 0) return false;
  if (nonSpaceAtMost(t, PROBE_MAX) > PROBE_MAX) return false;
  const p = normalizePunctuation(t);
  if (/[。．]/.test(p) || endsClosed(p) || startsWithClosingPunct(p) || DATELINE.test(p)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The classifier

/**
 * Role of one paragraph on its own (rule 4). Checked in this order, first match wins:
 * - jump:     `▶ 下转2版`, `下转第2版`, `（上接第1版）`;
 * - byline:   a line of role words and names (`■记者 陈玲 实习生 章臻瑶`, `□记者 王某`,
 *             `通讯员 钟丽 记者 郭爽`, `（特约记者 姚志康）`) or a dateline alone (`本报讯（记者 陈玲）`);
 * - credit:   credit role words and names (`摄影 张三`), a marker and names (`■季菊`), or a
 *             bracketed source alone (`（街道调研办）`);
 * - masthead: see `isMastheadLine`;
 * - headline: short (≤ HEADLINE_MAX word characters) and not ending in closing punctuation;
 * - body:     everything else. A paragraph that starts with a dateline and goes on
 *             (`本报讯(特约记者 姚志康) 2020年11月18日,…`) is body: the dateline is run in and
 *             reported in `ImportedParagraph.dateline`.
 * The cleanup changes some of these roles by position: see `cleanupText` (masthead zone).
 */
export function classifyParagraph(s: string): ParagraphRole {
  const raw = s.trim();
  if (!raw) return 'body';
  const t = nonSpaceAtMost(raw, PROBE_MAX) <= PROBE_MAX ? normalizePunctuation(raw) : raw;
  if (isJumpLine(t)) return 'jump';
  if (nonSpaceAtMost(t, 80) <= 80 && isDatelineOnly(t)) return 'byline';
  const b = readByline(t);
  if (b) return b;
  if (nonSpaceAtMost(t, 40) <= 40 && /^[（(][^（）()，。！？；,.!?;]{1,20}[）)]$/.test(t.replace(/\s+/gu, ''))) return 'credit';
  if (isMastheadLine(t)) return 'masthead';
  if (isHeadlineShape(t)) return 'headline';
  return 'body';
}
