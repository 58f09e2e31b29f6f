// Turning imported articles (renderer/import) into model stories and headline decks.
import { PS } from './defaults';
import type { Deck, DeckRole, Paragraph, ParagraphStyleId, Story, StoryId } from './schema';

/** What the import gives per article (structural subset of renderer/import's ImportedArticle). */
export interface ArticleInput {
  headlines: readonly string[];
  paragraphs: ReadonlyArray<{ role: string; text: string }>;
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
    .map((p) => ({ style: ROLE_STYLE[p.role] ?? PS.body, runs: [{ text: p.text }] }));
  const name = a.headlines.find((h) => h.trim()) ?? paragraphs[0]?.runs[0]?.text.slice(0, 20) ?? String(id);
  return { id, name, paragraphs };
}

/** Number of characters in a story (code points, spaces excluded): what copy-fit counts. */
export function storyChars(s: Story): number {
  let n = 0;
  for (const p of s.paragraphs) for (const r of p.runs) for (const ch of r.text) if (ch.trim()) n++;
  return n;
}
