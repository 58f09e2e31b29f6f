// Turning imported articles (renderer/import) into model stories and headline decks.
import { CS, PS } from './defaults';
import type { CharacterStyleId, Deck, DeckRole, Paragraph, ParagraphStyleId, Run, Story, StoryId } from './schema';

/** A face over [start, end) of a paragraph's text (structural subset of renderer/import's CharSpan). */
export interface SpanInput {
  start: number;
  end: number;
  mark: 'bold' | 'kai';
}

/** What the import gives per article (structural subset of renderer/import's ImportedArticle). */
export interface ArticleInput {
  headlines: readonly string[];
  paragraphs: ReadonlyArray<{ role: string; text: string; spans?: readonly SpanInput[] }>;
}

/** The character style of each imported face: 粗体 and 楷体 of every new issue (defaults.ts). */
const MARK_STYLE: Record<SpanInput['mark'], CharacterStyleId> = { bold: CS.bold, kai: CS.kai };

/**
 * The runs of an imported paragraph: its text cut at the spans' edges, the spans in their
 * character styles. Spans out of order, overlapping or outside the text are skipped (the import
 * never makes them); the runs always join to exactly `text`.
 */
export function runsFor(text: string, spans?: readonly SpanInput[]): Run[] {
  if (!spans?.length) return [{ text }];
  const runs: Run[] = [];
  let at = 0;
  for (const s of spans) {
    const a = Math.max(0, Math.min(s.start, text.length));
    const b = Math.max(0, Math.min(s.end, text.length));
    if (b <= a || a < at) continue;
    if (a > at) runs.push({ text: text.slice(at, a) });
    runs.push({ text: text.slice(a, b), style: MARK_STYLE[s.mark] });
    at = b;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at) });
  return runs;
}

const ROLE_STYLE: Record<string, ParagraphStyleId> = {
  body: PS.body,
  byline: PS.byline,
  credit: PS.credit,
  jump: PS.jump,
  headline: PS.subtitle,
};

/**
 * Deck roles for N headline lines, as Chinese papers set them: one line is the 主题; two are
 * 主题 + 副题 (the explanatory line follows); three are 引题 + 主题 + 副题.
 */
export function deckRoles(n: number): DeckRole[] {
  if (n <= 0) return [];
  if (n === 1) return ['main'];
  if (n === 2) return ['main', 'sub'];
  return ['kicker', 'main', ...Array<DeckRole>(n - 2).fill('sub')];
}

const DECK_STYLE: Record<DeckRole, ParagraphStyleId> = { kicker: PS.kicker, main: PS.main, sub: PS.sub };

export function decksFor(headlines: readonly string[]): Deck[] {
  const roles = deckRoles(headlines.length);
  return headlines.map((text, i) => ({ role: roles[i]!, text, style: DECK_STYLE[roles[i]!] }));
}

/**
 * One story per article. Jump lines in the copy (▶ 下转2版) are dropped: the engine writes its
 * own continuation notices from the real thread, so a stale page number cannot survive.
 */
export function storyFromArticle(a: ArticleInput, id: StoryId): Story {
  const paragraphs: Paragraph[] = a.paragraphs
    .filter((p) => p.role !== 'jump' && p.role !== 'masthead' && p.text.trim() !== '')
    .map((p) => ({ style: ROLE_STYLE[p.role] ?? PS.body, runs: runsFor(p.text, p.spans) }));
  const name = a.headlines.find((h) => h.trim()) ?? paragraphs[0]?.runs.map((r) => r.text).join('').slice(0, 20) ?? String(id);
  return { id, name, paragraphs };
}

/** Number of characters in a story (code points, spaces excluded): what copy-fit counts. */
export function storyChars(s: Story): number {
  let n = 0;
  for (const p of s.paragraphs) for (const r of p.runs) for (const ch of r.text) if (ch.trim()) n++;
  return n;
}
