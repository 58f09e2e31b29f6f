// Automatic placement of imported articles on pages: a headline frame over the columns, then a
// threaded multi-column text frame, continuing onto following pages as the text needs.
//
// How much room a story needs comes from a `measure` callback, so the same placement runs with
// an estimate (no fonts at hand) or with the real engine (lines actually set).
import { columnWidth, gutterWidth, linePitch, typeArea } from '../model/grid';
import { decksFor, storyFromArticle, type ArticleInput } from '../model/from-text';
import { frameId, pageId } from '../model/defaults';
import type { Frame, HeadlineFrame, Issue, Page, Story, StoryId, TextFrame } from '../model/schema';
import { ZIHAO } from '../model/units';
import { fitLastFrame, linesNeeded, linesForHeight, type LayoutFn } from './fit';

export interface PlaceOptions {
  /** Columns a story spans (default: all columns of the grid). */
  columns?: number;
  /**
   * Grid lines the story needs when set in `columns` columns of the grid's width, i.e. the total
   * over all its columns. Default: an estimate from character counts.
   */
  measure?: (story: Story, columns: number) => number;
  /**
   * The real engine. When given, a story's room is measured by laying it out, and after each
   * article is placed its last frame is fitted to whole grid lines (no overset, no empty lines).
   */
  layout?: LayoutFn;
}

/** Grid lines a story needs, estimated: each paragraph takes ceil((indent + chars) / chars-per-line). */
export function estimateLines(issue: Issue, story: Story): number {
  const perLine = issue.grid.charsPerColumn;
  let lines = 0;
  for (const p of story.paragraphs) {
    const style = issue.paragraphStyles.find((s) => s.id === p.style);
    const text = p.runs.map((r) => r.text).join('');
    // Latin letters and digits are about half an em wide.
    let ems = style?.indent ?? 0;
    for (const ch of text) ems += /[\x21-\x7e]/.test(ch) ? 0.55 : 1;
    lines += Math.max(1, Math.ceil(ems / perLine)) + (style?.spaceBefore ?? 0) + (style?.spaceAfter ?? 0);
  }
  return Math.ceil(lines);
}

/** Grid lines a headline with these decks occupies: each deck takes whole grid lines. */
export function headlineLines(issue: Issue, headlines: readonly string[]): number {
  const pitch = linePitch(issue.grid);
  let n = 0;
  for (const d of decksFor(headlines)) {
    const style = issue.paragraphStyles.find((s) => s.id === d.style);
    const size = style?.size ?? ZIHAO.小一;
    // A line of type this size needs ceil(size * 1.25 / pitch) grid lines (a quarter em of air).
    n += Math.max(1, Math.ceil((size * 1.25) / pitch));
  }
  return n + (headlines.length ? 1 : 0); // one grid line of space under the headline
}

/**
 * Places articles one after another down the pages of `issue` (adding pages as needed) and
 * returns the new issue. Each article gets a headline frame spanning its columns and a text
 * frame; when the page is full the story threads into a frame at the top of the next page.
 */
export function placeArticles(issue: Issue, articles: readonly ArticleInput[], opts: PlaceOptions = {}): Issue {
  const g = issue.grid;
  const ta = typeArea(g);
  const pitch = linePitch(g);
  const cols = Math.min(g.columns, Math.max(1, opts.columns ?? g.columns));
  const width = cols * columnWidth(g) + (cols - 1) * gutterWidth(g);
  const layout = opts.layout;
  const measure =
    opts.measure ?? (layout ? (s: Story, c: number) => linesNeeded(issue, s, c, layout) * c : (s: Story) => estimateLines(issue, s));

  const pages: Page[] = issue.pages.map((p) => ({ ...p, frames: [...p.frames] }));
  const stories: Story[] = [...issue.stories];
  let pageIndex = 0;
  let line = 0; // next free grid line on the current page
  let seq = stories.length;
  let frameSeq = 0;
  const newFrameId = (kind: string) => frameId(`${kind}${++frameSeq}-${seq}`);
  const ensurePage = (i: number) => {
    while (pages.length <= i) {
      pages.push({ id: pageId(`p${pages.length + 1}`), section: '', masterId: issue.masters[0]?.id ?? null, frames: [] });
    }
    return pages[i]!;
  };
  // Continue below what is already placed: on the last page that has frames, under its lowest
  // frame (so that placing a second text file never overlaps the first).
  for (let i = pages.length - 1; i >= 0; i--) {
    if (pages[i]!.frames.length === 0) continue;
    pageIndex = i;
    for (const f of pages[i]!.frames) line = Math.max(line, Math.ceil((f.y + f.height + g.lineGap - ta.y) / pitch) + 1);
    break;
  }
  ensurePage(0);

  for (const a of withHeadlineOnlyAsText(articles)) {
    seq++;
    const story = storyFromArticle(a, `s${seq}` as StoryId);
    if (story.paragraphs.length === 0) continue; // nothing but blank lines or jump lines
    stories.push(story);
    const head = headlineLines(issue, a.headlines);
    // Total lines over `cols` columns -> lines per column when the story is balanced.
    let remaining = Math.ceil(measure(story, cols) / cols);
    // Start a new page when not even the headline and three lines of text fit.
    if (line + head + 3 > g.linesPerPage) {
      pageIndex++;
      line = 0;
    }
    let prev: TextFrame | null = null;
    let first = true;
    while (remaining > 0) {
      const page = ensurePage(pageIndex);
      if (first && head > 1) {
        const hf: HeadlineFrame = {
          id: newFrameId('h'),
          kind: 'headline',
          x: ta.x,
          y: ta.y + line * pitch,
          width,
          height: (head - 1) * pitch - g.lineGap,
          decks: decksFor(a.headlines),
          orientation: 'horizontal',
          storyId: story.id,
        };
        page.frames.push(hf);
        line += head;
      }
      first = false;
      const avail = g.linesPerPage - line;
      const take = Math.min(avail, remaining);
      const tf: TextFrame = {
        id: newFrameId('t'),
        kind: 'text',
        x: ta.x,
        y: ta.y + line * pitch,
        width,
        // whole grid lines: N lines of body size and N-1 gaps
        height: take * pitch - g.lineGap,
        storyId: story.id,
        columns: cols,
        gutter: gutterWidth(g),
        next: null,
      };
      page.frames.push(tf);
      if (prev) setNext(pages, prev.id, tf.id);
      prev = tf;
      remaining -= take;
      // A continuation on the next page starts with a jump notice (上接…) and ends the part here
      // with one (下转…): give each part a grid line of slack; fitting below takes back what is
      // not needed.
      if (remaining > 0 && layout) remaining += 2;
      line += take + 1; // one blank grid line between articles
      if (remaining > 0 || line >= g.linesPerPage - 3) {
        pageIndex++;
        line = 0;
      }
    }
    if (layout && prev) {
      const fitted = fitLastFrame({ ...issue, pages, stories }, story.id, layout, g.linesPerPage);
      const lastPage = fitted.pages.findIndex((p) => p.frames.some((f) => f.id === prev!.id));
      pages.splice(0, pages.length, ...fitted.pages.map((p) => ({ ...p, frames: [...p.frames] })));
      const last = pages[lastPage]?.frames.find((f) => f.id === prev!.id);
      if (last && lastPage === pageIndex) line = linesForHeight(issue, last.y + last.height - ta.y) + 1;
      else if (last && lastPage === pageIndex - 1 && line === 0) {
        // the article ended on the page before: continue under it if there is room
        const below = linesForHeight(issue, last.y + last.height - ta.y) + 1;
        if (below + 4 < g.linesPerPage) {
          pageIndex = lastPage;
          line = below;
        }
      }
    }
  }
  return { ...issue, pages, stories };
}

/** True when an article has text only in its headline lines (a company name in a credit list). */
function headlineOnly(a: ArticleInput): boolean {
  return a.headlines.some((h) => h.trim()) && !a.paragraphs.some((p) => p.role !== 'jump' && p.role !== 'masthead' && p.text.trim());
}

/**
 * Articles that are only headline lines (lists of names, 信用编码 lines, captions the cleanup took
 * for headlines) would make stories with no text and be lost. Each run of them becomes one
 * article of body text, their lines as its paragraphs, so that nothing of the copy goes missing
 * and the desk sees it to restyle.
 */
export function withHeadlineOnlyAsText(articles: readonly ArticleInput[]): ArticleInput[] {
  const out: ArticleInput[] = [];
  let run: Array<{ role: string; text: string }> | null = null;
  for (const a of articles) {
    if (headlineOnly(a)) {
      const lines = a.headlines.filter((h) => h.trim()).map((text) => ({ role: 'body', text }));
      if (run) run.push(...lines);
      else {
        run = [...lines];
        out.push({ headlines: [], paragraphs: run });
      }
    } else {
      run = null;
      out.push(a);
    }
  }
  return out;
}

function setNext(pages: Page[], from: string, to: TextFrame['id']): void {
  for (const p of pages) {
    const i = p.frames.findIndex((f) => f.id === from);
    if (i >= 0) {
      const f = p.frames[i] as Frame;
      if (f.kind === 'text') p.frames[i] = { ...f, next: to };
      return;
    }
  }
}
