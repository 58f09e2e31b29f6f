// The typesetting engine: Issue -> LayoutResult. Pure: no UI, PDF, I/O or DOM.
//
//   segment -> breakLines -> justify -> flowFrames -> LayoutResult
//
// layoutIssue() lays out from scratch. createLayoutSession() keeps per-paragraph caches between
// calls for relayout after an edit: the model is immutable, so an edited paragraph is a new
// object and only it is segmented and broken again; other paragraphs are reused by identity and
// only moved.
import type { CaptionFrame, Frame, Issue, Story, TextFrame } from '../model/schema';
import type { BreakStrategy } from './breakLines';
import { flowStory, frameColumns, type ThreadFrame } from './flowFrames';
import { layoutBox, layoutFolio, layoutImage, layoutMasthead, layoutQr, layoutRule, layoutSponsor, type ItemOutput } from './frameItems';
import { layoutHeadline } from './headline';
import type { FontProvider } from './metrics';
import { ParagraphCache } from './paragraphs';
import type { TextStyle } from './segment';
import { styleContext, type StyleContext } from './styles';
import type { FrameLayout, LayoutResult, LineLayout, Rect, StoryFit } from './types';

export type { LayoutResult, PageLayout, FrameLayout, LineLayout, GlyphRun, PlacedGlyph, Shape, StoryFit, Fill, Rect } from './types';
export type { FontMetrics, FontProvider, GlyphMetrics, ShapedGlyph, VerticalGlyph } from './metrics';
export { mapFontProvider } from './metrics';
export type { BreakStrategy } from './breakLines';

export interface LayoutOptions {
  /** Line-breaking strategy for story text (default 'first-fit'; 'optimal' = total fit). */
  strategy?: BreakStrategy;
  /** Paragraph style id for jump notices (default 'jump', model/defaults.ts PS.jump). */
  jumpStyle?: string;
}

export interface LayoutSession {
  /** Lay out the issue, reusing whatever the previous calls prepared that is still valid. */
  layout(issue: Issue): LayoutResult;
  /** Drop every cache (e.g. after a font file was replaced under the same name). */
  invalidate(): void;
}

/** Lay out an issue from scratch. */
export function layoutIssue(issue: Issue, fonts: FontProvider, opts: LayoutOptions = {}): LayoutResult {
  return createLayoutSession(fonts, opts).layout(issue);
}

/** A layout session for incremental relayout: call layout() again after every edit. */
export function createLayoutSession(fonts: FontProvider, opts: LayoutOptions = {}): LayoutSession {
  const cache = new ParagraphCache();
  let textStyles = new Map<string, TextStyle>();
  let epoch: { refs: unknown[]; key: object } | null = null;
  return {
    layout(issue) {
      // Cached items hold resolved styles and fills: a change to styles, swatches, grid or
      // fonts starts a new epoch.
      const refs: unknown[] = [issue.paragraphStyles, issue.characterStyles, issue.swatches, issue.grid, fonts];
      if (!epoch || epoch.refs.some((r, i) => r !== refs[i])) {
        epoch = { refs, key: {} };
        textStyles = new Map();
      }
      cache.epoch(epoch.key);
      return run(issue, styleContext(issue, fonts, textStyles, opts.strategy ?? 'first-fit'), cache, opts);
    },
    invalidate() {
      cache.clear();
      epoch = null;
    },
  };
}

interface Placed {
  frame: Frame;
  pageIndex: number;
  fromMaster: boolean;
}

function run(issue: Issue, ctx: StyleContext, cache: ParagraphCache, opts: LayoutOptions): LayoutResult {
  // Frames of every page (master frames first), wrap exclusions per page.
  const masters = new Map(issue.masters.map((m) => [m.id as string, m]));
  const pageFrames: Placed[][] = issue.pages.map((p, pi) => {
    const master = p.masterId ? masters.get(p.masterId) : undefined;
    return [
      ...(master?.frames ?? []).map((frame) => ({ frame, pageIndex: pi, fromMaster: true })),
      ...p.frames.map((frame) => ({ frame, pageIndex: pi, fromMaster: false })),
    ];
  });
  const exclusions = (pi: number, self: string): Rect[] =>
    pageFrames[pi]!.filter((p) => p.frame.wrap?.enabled && p.frame.id !== self).map(({ frame: f }) => {
      const o = f.wrap!.offset;
      return { x: f.x - o, y: f.y - o, width: f.width + 2 * o, height: f.height + 2 * o };
    });

  // Threads: per story, the text frames chained by `next`, heads in page order.
  const textById = new Map<string, { frame: TextFrame; pageIndex: number }>();
  const captions: { frame: CaptionFrame; pageIndex: number }[] = [];
  for (const pf of pageFrames) {
    for (const p of pf) {
      if (p.fromMaster) continue;
      if (p.frame.kind === 'text') textById.set(p.frame.id, { frame: p.frame, pageIndex: p.pageIndex });
      else if (p.frame.kind === 'caption') captions.push({ frame: p.frame, pageIndex: p.pageIndex });
    }
  }
  const pointedTo = new Set<string>();
  for (const { frame } of textById.values()) if (frame.next && textById.get(frame.next)?.frame.storyId === frame.storyId) pointedTo.add(frame.next);
  const threads = new Map<string, ThreadFrame[]>();
  const visited = new Set<string>();
  const follow = (start: string) => {
    let id: string | null = start;
    while (id && !visited.has(id)) {
      const t = textById.get(id);
      if (!t) break;
      visited.add(id);
      const list = threads.get(t.frame.storyId) ?? [];
      list.push({ frame: t.frame, pageIndex: t.pageIndex, exclusions: exclusions(t.pageIndex, t.frame.id) });
      threads.set(t.frame.storyId, list);
      const next: string | null = t.frame.next;
      id = next && textById.get(next)?.frame.storyId === t.frame.storyId ? next : null;
    }
  };
  for (const [id] of textById) if (!pointedTo.has(id)) follow(id);
  for (const [id] of textById) if (!visited.has(id)) follow(id); // cycles: start anywhere

  const stories = new Map<string, Story>(issue.stories.map((s) => [s.id as string, s]));
  const flowOpts = { jump: issue.jump, jumpStyle: opts.jumpStyle ?? 'jump' };
  const linesByFrame = new Map<string, LineLayout[]>();
  const fits: StoryFit[] = [];
  for (const story of issue.stories) {
    const thread = threads.get(story.id);
    const hasCaption = captions.some((c) => c.frame.storyId === story.id);
    if (!thread && hasCaption) continue;
    const r = flowStory(ctx, cache, story, thread ?? [], flowOpts);
    for (const [id, lines] of r.lines) linesByFrame.set(id, lines);
    fits.push(r.fit);
  }
  for (const c of captions) {
    const story = stories.get(c.frame.storyId);
    if (!story) continue;
    const r = flowStory(ctx, cache, story, [{ frame: c.frame, pageIndex: c.pageIndex, exclusions: [] }], flowOpts);
    for (const [id, lines] of r.lines) linesByFrame.set(id, lines);
    fits.push(r.fit);
  }

  const pages = issue.pages.map((p, pi) => ({
    id: p.id as string,
    index: pi,
    number: pi + 1,
    width: issue.pageSize.width,
    height: issue.pageSize.height,
    frames: pageFrames[pi]!.map((pf) => frameLayout(ctx, issue, pf, linesByFrame)),
  }));
  return { version: 1, pages, stories: fits };
}

function frameLayout(ctx: StyleContext, issue: Issue, p: Placed, linesByFrame: Map<string, LineLayout[]>): FrameLayout {
  const f = p.frame;
  let out: ItemOutput = { shapes: [], lines: [] };
  let columns: Rect[] = [];
  let storyId: string | null = null;
  switch (f.kind) {
    case 'text':
    case 'caption':
      columns = frameColumns(f);
      storyId = f.storyId;
      out = { shapes: [], lines: linesByFrame.get(f.id) ?? [] };
      break;
    case 'headline':
      storyId = f.storyId;
      out = { shapes: [], lines: layoutHeadline(ctx, f) };
      break;
    case 'image':
      out = layoutImage(issue, f);
      break;
    case 'rule':
      out = layoutRule(ctx, f);
      break;
    case 'box':
      out = layoutBox(ctx, issue, f);
      break;
    case 'sponsor':
      out = layoutSponsor(ctx, issue, f);
      break;
    case 'masthead':
      out = layoutMasthead(ctx, issue, f);
      break;
    case 'folio':
      out = layoutFolio(ctx, issue, f, p.pageIndex);
      break;
    case 'qr':
      out = layoutQr(ctx, f);
      break;
  }
  return { id: f.id, kind: f.kind, x: f.x, y: f.y, width: f.width, height: f.height, fromMaster: p.fromMaster, storyId, columns: f.kind === 'text' ? columns : f.kind === 'caption' ? columns : [], shapes: out.shapes, lines: out.lines };
}
