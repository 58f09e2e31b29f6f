// Text import cleanup: plain-text copy as it reaches a newspaper layout desk (extracted from PDF
// pages, typed, pasted from mail) → clean paragraphs with roles, grouped into articles, and a list
// of the problems a person should look at.
//
// The stages, each in its own module with its own test file:
//   normalizeChars        rule 6: line ends, BOM, zero-width characters, NBSP and other spaces
//   split into lines      every non-empty line is a paragraph candidate
//   rejoinParagraphs      rule 3: paragraphs cut by a page column are joined (rejoin.ts)
//   classifyParagraph     rule 4: headline / byline / body / credit / jump / masthead (roles.ts)
//   masthead zone         rule 5: the lines on top of a page up to the last masthead line
//   normalizePunctuation  rule 1: full-width marks, curly quotes (punctuation.ts)
//   removeStraySpaces     rule 2: column-break spaces, Chinese–Latin spaces (spaces.ts)
//   problems              lost glyphs □, joins, undecided cuts, unbalanced quotes
//   articles              rule 5: headline runs start articles
//
// Decisions a layout desk should know:
// - A paragraph that opens with a dateline (本报讯（特约记者 姚志康）2020年…) is body, not
//   byline: the dateline is run in, so the paragraph is set as text. The dateline is reported in
//   `ImportedParagraph.dateline` (a prefix of the text) and its names become the article byline
//   when the article has no byline paragraph. A paragraph holding only a dateline is a byline.
// - Credits stay in the text. A credit ending a body paragraph (■季菊, （街道调研办）,
//   宋昌发 赵凯杰) is reported in `ImportedParagraph.credit` (a suffix of the text) and in
//   `ImportedArticle.credit`; a paragraph that is nothing but a credit has role 'credit'.
// - Bylines keep one space after each role word and between names (rule 2, spaces.ts); every
//   other space next to Chinese goes, except a headline's phrase break.
// - Nothing is reordered or dropped. Cuts the import cannot mend (a continuation placed after
//   another paragraph, a headline dropped inside a sentence) are reported as 'ambiguous'.
// - A source that states a paragraph's role (a .docx heading is a headline, a table cell body
//   text: formatted.ts) is believed: that line keeps the role and is never joined to a neighbour.
//
// Invariants (tested): the words never change — only punctuation width, quote shape, spaces and
// paragraph breaks do; cleaning cleaned text changes nothing; no input makes it throw; the work is
// linear in the input (every per-boundary and per-character step is bounded).
//
// Pure: no DOM, no Node, no I/O; runs in the renderer and in the CLI alike.

import type { ImportedArticle, ImportedParagraph, ImportProblem, ImportResult, ParagraphRole } from './types';
import { detectDateline, detectTrailingCredit, readByline } from './roles';
import { normalizePunctuation, unbalancedQuotes } from './punctuation';
import { removeStraySpaces } from './spaces';
import { rejoinWithReport, type RejoinJoin } from './rejoin';
import { isSpace } from './chars';

export type { CharMark, CharSpan, ImportedArticle, ImportedParagraph, ImportProblem, ImportResult, ParagraphRole } from './types';
export { normalizePunctuation } from './punctuation';
export { removeStraySpaces } from './spaces';
export { rejoinParagraphs, rejoinWithReport } from './rejoin';
export { classifyParagraph, detectDateline, detectTrailingCredit, HEADLINE_MAX } from './roles';

/**
 * Rule 6: characters that carry no text. CRLF and lone CR, U+2028/2029, NEL, form feed (a PDF
 * page break) and vertical tab become LF; the BOM, zero-width spaces and joiners, word joiner and
 * soft hyphen are removed, as are other C0 control characters; tab, NBSP, the fixed-width spaces
 * U+2000–200A, U+202F, U+205F and the ideographic space U+3000 become an ordinary space. A
 * U+3000 at the start of a line is the typist's two-character indent: it is trimmed with the line
 * (the engine indents paragraphs itself); inside a line it is a space like any other, so rule 2
 * decides whether it stays (a headline's phrase break) or goes.
 */
export function normalizeChars(raw: string): string {
  return raw
    .replace(/\r\n?|[\u2028\u2029\u0085\f\v]/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
    .replace(/[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
}

/**
 * Masthead lines are looked for among this many leading paragraphs. A front page's 报头 block
 * (paper name, English name, QR notes, slogan, publisher line) has 5–10 lines in the samples.
 */
const MASTHEAD_ZONE = 12;

/**
 * Rule 5, the masthead zone: from the top of the file up to the last line recognised as a
 * masthead line, with only masthead- or headline-shaped lines before it, everything is masthead.
 * This takes in the furniture between the masthead lines that no pattern names (关注“古北周到”,
 * the slogan 自/家/门/口/这/点/事), and never the first story, which starts with body or byline.
 */
function applyMastheadZone(roles: ParagraphRole[], fixed: readonly boolean[]): void {
  let last = -1;
  for (let i = 0; i < Math.min(roles.length, MASTHEAD_ZONE); i++) {
    const r = roles[i];
    // A role the source states (a Word heading) is not masthead furniture, and ends the zone.
    if (fixed[i]) break;
    if (r === 'masthead') last = i;
    else if (r !== 'headline') break;
  }
  for (let i = 0; i <= last; i++) roles[i] = 'masthead';
}

/**
 * Maps UTF-16 offsets (ascending) in a paragraph before cleaning to the same places after
 * cleaning, in one walk. The cleaning replaces non-space characters one for one (punctuation,
 * quotes) and only deletes, collapses or inserts spaces (a byline's canonical spacing), so every
 * non-space character before has its partner after, in order.
 */
function alignOffsets(before: string, after: string, offsets: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  const skipSpacesAfter = (): void => {
    while (j < after.length && after.charCodeAt(j) === 0x20) j++;
  };
  for (const offset of offsets) {
    while (i < offset && i < before.length) {
      if (isSpace(before.charCodeAt(i))) i++;
      else {
        skipSpacesAfter();
        i++;
        j++;
      }
    }
    skipSpacesAfter();
    out.push(Math.min(j, after.length));
  }
  return out;
}

const LOST = /[□\ufffd]+/gu;
const MARKER_BYLINE = /^□\s*(?:本报|本刊|特约|见习|实习|首席)?(?:记者|通讯员|实习生)/u;

function lostGlyphs(text: string, role: ParagraphRole, paragraph: number): ImportProblem[] {
  const out: ImportProblem[] = [];
  for (const m of text.matchAll(LOST)) {
    // □记者 at a byline start is the byline marker, not a lost glyph.
    if (m.index === 0 && (role === 'byline' || role === 'credit' || MARKER_BYLINE.test(text))) continue;
    const n = Array.from(m[0]).length;
    const ctx = Array.from(text.slice(Math.max(0, m.index - 8), m.index + m[0].length + 8)).join('');
    out.push({
      kind: 'lost-glyph',
      paragraph,
      index: m.index,
      message: `${n === 1 ? 'lost glyph' : `${n} lost glyphs`} kept in the text: "${ctx}" (缺字，请核对原稿)`,
    });
  }
  return out;
}

/** Names in a dateline's brackets: `本报讯（特约记者 姚志康）` → `特约记者 姚志康`. */
function datelineNames(d: string): string | undefined {
  const m = /[（(]([^（）()]+)[）)]$/.exec(d);
  return m && readByline(m[1]!) !== null ? m[1]!.trim() : undefined;
}

/**
 * Rule 5, articles: a run of up to three headline paragraphs (引题 / 主题 / 副题) starts an
 * article; byline, body, credit and jump paragraphs follow it until the next headline run. A
 * fourth consecutive headline line starts a new article (sponsor boxes come as runs of short
 * lines). Body text before the first headline forms an article without headlines. Masthead
 * paragraphs belong to no article and end the one before them.
 */
function groupArticles(paragraphs: readonly ImportedParagraph[], problems: ImportProblem[]): ImportedArticle[] {
  const articles: ImportedArticle[] = [];
  let cur: ImportedArticle | null = null;
  let bodySeen = false;
  const start = (headlines: string[]): ImportedArticle => {
    const a: ImportedArticle = { headlines, paragraphs: [] };
    articles.push(a);
    bodySeen = false;
    return a;
  };
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.role === 'masthead') {
      cur = null;
      continue;
    }
    if (p.role === 'headline') {
      if (cur && cur.paragraphs.length === 0 && cur.headlines.length > 0 && cur.headlines.length < 3) cur.headlines.push(p.text);
      else cur = start([p.text]);
      continue;
    }
    const a: ImportedArticle = cur ?? start([]);
    cur = a;
    a.paragraphs.push(p);
    if (p.role === 'byline') {
      if (!bodySeen && a.byline === undefined) a.byline = p.text;
      else if (bodySeen)
        problems.push({
          kind: 'ambiguous',
          paragraph: i,
          index: 0,
          message: 'a byline after body text: it may open a story whose headline the extraction misplaced (正文后出现署名，可能属于另一篇稿件)',
        });
    }
    if (p.role === 'credit') a.credit = p.text;
    if (p.credit !== undefined) a.credit = p.credit;
    if (p.dateline !== undefined) {
      if (a.byline === undefined) {
        const names = datelineNames(p.dateline);
        if (names !== undefined) a.byline = names;
      }
      if (bodySeen)
        problems.push({
          kind: 'ambiguous',
          paragraph: i,
          index: 0,
          message: 'the dateline paragraph is not the first body paragraph of its article: the text before it may be misplaced by extraction (电头段前有正文，可能错位)',
        });
    }
    if (p.role === 'body') bodySeen = true;
  }
  return articles;
}

/** Whole-document import: rules 1–6 (see the file comment and each stage's module). */
export function cleanupText(raw: string): ImportResult {
  return cleanupLines(normalizeChars(typeof raw === 'string' ? raw : String(raw)).split('\n'));
}

/**
 * The cleanup of lines that already went through `normalizeChars` (rules 1–5). `fixed`, parallel
 * to `lines`, names lines whose role the source states (a Word heading is 'headline'): they keep
 * that role and are never joined to a neighbour; every other rule applies to them as to any line.
 */
export function cleanupLines(lines: readonly string[], fixed?: readonly (ParagraphRole | undefined)[]): ImportResult {
  const rj = rejoinWithReport(lines, fixed);
  const roles = [...rj.roles];
  applyMastheadZone(roles, rj.fixed);

  const problems: ImportProblem[] = [];
  const paragraphs: ImportedParagraph[] = rj.paragraphs.map((before, i) => {
    const role = roles[i]!;
    const text = removeStraySpaces(normalizePunctuation(before), role);
    const p: ImportedParagraph = { role, text };
    if (role === 'body') {
      const d = detectDateline(text);
      if (d) p.dateline = d.text;
      const c = detectTrailingCredit(text);
      if (c) p.credit = c.text;
    }
    problems.push(...lostGlyphs(text, role, i));
    for (const q of unbalancedQuotes(text))
      problems.push({ kind: 'ambiguous', paragraph: i, index: q, message: 'unbalanced quotation mark: a quotation may be cut by the extraction (引号不成对)' });
    return p;
  });

  for (let k = 0; k < rj.joins.length; ) {
    const para = rj.joins[k]!.paragraph;
    const group: RejoinJoin[] = [];
    while (k < rj.joins.length && rj.joins[k]!.paragraph === para) group.push(rj.joins[k++]!);
    const at = alignOffsets(rj.paragraphs[para]!, paragraphs[para]!.text, group.map((j) => j.offset));
    group.forEach((j, g) => problems.push({ kind: 'rejoined', paragraph: para, index: at[g]!, message: j.reason }));
  }
  for (const a of rj.ambiguous) {
    problems.push({ kind: 'ambiguous', paragraph: a.paragraph, index: paragraphs[a.paragraph]!.text.length, message: a.message });
  }

  const articles = groupArticles(paragraphs, problems);
  problems.sort((a, b) => a.paragraph - b.paragraph || a.index - b.index);
  return { paragraphs, articles, problems };
}

/** The cleaned document as plain text, one blank line between paragraphs (re-importable). */
export function toPlainText(result: Pick<ImportResult, 'paragraphs'>): string {
  return result.paragraphs.map((p) => p.text).join('\n\n');
}
