// Issue transformations behind the commands: pure functions Issue -> Issue. Each returns the
// same object when nothing changes, so a command can tell "no-op" from "edit" by identity (a
// no-op is not put into history).
import { columnWidth, gutterWidth, linePitch } from '../model/grid';
import { PS, SW } from '../model/defaults';
import type {
  Asset,
  BoxFrame,
  CaptionFrame,
  CharacterStyle,
  Frame,
  FrameId,
  Grid,
  ImageFrame,
  Issue,
  Page,
  ParagraphStyle,
  Story,
  StoryId,
  Swatch,
  TextFrame,
} from '../model/schema';
import { newFrameId, newPageId, newStoryId } from './ids';
import { findFrame } from './state';

// ---------------------------------------------------------------------------------------------
// pages

export function addPage(issue: Issue, at: number = issue.pages.length): { issue: Issue; index: number } {
  const index = Math.max(0, Math.min(at, issue.pages.length));
  const page: Page = { id: newPageId(issue), section: '', masterId: issue.masters[0]?.id ?? null, frames: [] };
  const pages = [...issue.pages];
  pages.splice(index, 0, page);
  return { issue: { ...issue, pages }, index };
}

/**
 * Copies a page after itself. Frames get new ids; text frames of the copy get copies of their
 * stories (so editing one page does not change the other), threads inside the page are kept
 * between the copies and threads leaving the page are cut.
 */
export function duplicatePage(issue: Issue, index: number): { issue: Issue; index: number } {
  const src = issue.pages[index];
  if (!src) return { issue, index };
  const taken = new Set<string>();
  const take = (id: string) => (taken.add(id), id);
  const pageIdNew = take(newPageId(issue, taken));
  const frameMap = new Map<string, FrameId>();
  for (const f of src.frames) frameMap.set(f.id, take(newFrameId(issue, taken)) as FrameId);
  const storyMap = new Map<string, StoryId>();
  const newStories: Story[] = [];
  for (const f of src.frames) {
    if ((f.kind === 'text' || f.kind === 'caption') && !storyMap.has(f.storyId)) {
      const st = issue.stories.find((s) => s.id === f.storyId);
      const id = take(newStoryId(issue, taken)) as StoryId;
      storyMap.set(f.storyId, id);
      if (st) newStories.push({ ...st, id, name: st.name });
    }
  }
  const frames = src.frames.map((f): Frame => {
    const id = frameMap.get(f.id)!;
    switch (f.kind) {
      case 'text':
        return { ...f, id, storyId: storyMap.get(f.storyId) ?? f.storyId, next: f.next ? (frameMap.get(f.next) ?? null) : null };
      case 'caption':
        return { ...f, id, storyId: storyMap.get(f.storyId) ?? f.storyId, imageId: frameMap.get(f.imageId) ?? f.imageId };
      case 'headline':
        return { ...f, id, storyId: f.storyId ? (storyMap.get(f.storyId) ?? f.storyId) : null };
      default:
        return { ...f, id };
    }
  });
  const pages = [...issue.pages];
  pages.splice(index + 1, 0, { ...src, id: pageIdNew as Page['id'], frames });
  return { issue: { ...issue, pages, stories: [...issue.stories, ...newStories] }, index: index + 1 };
}

/** Deletes a page; threads that ran through it are joined around it; stories stay (they may be overset). */
export function deletePage(issue: Issue, index: number): Issue {
  const page = issue.pages[index];
  if (!page || issue.pages.length <= 1) return issue;
  return deleteFrames({ ...issue }, page.frames.map((f) => f.id), (i) => ({ ...i, pages: i.pages.filter((_, k) => k !== index) }));
}

export function movePage(issue: Issue, from: number, to: number): Issue {
  if (from === to || !issue.pages[from] || to < 0 || to >= issue.pages.length) return issue;
  const pages = [...issue.pages];
  const [p] = pages.splice(from, 1);
  pages.splice(to, 0, p!);
  return { ...issue, pages };
}

export function setPageSection(issue: Issue, index: number, section: string): Issue {
  const p = issue.pages[index];
  if (!p || p.section === section) return issue;
  return mapPage(issue, index, (pg) => ({ ...pg, section }));
}

export function updatePage(issue: Issue, index: number, patch: Partial<Pick<Page, 'section' | 'masterId'>>): Issue {
  const p = issue.pages[index];
  if (!p || Object.entries(patch).every(([k, v]) => Object.is((p as Record<string, unknown>)[k], v))) return issue;
  return mapPage(issue, index, (pg) => ({ ...pg, ...patch }));
}

function mapPage(issue: Issue, index: number, f: (p: Page) => Page): Issue {
  return { ...issue, pages: issue.pages.map((p, i) => (i === index ? f(p) : p)) };
}

// ---------------------------------------------------------------------------------------------
// frames

/** Adds frames (already with ids) on a page, on top; stories they need are added too. */
export function addFrames(issue: Issue, pageIndex: number, frames: readonly Frame[], stories: readonly Story[] = []): Issue {
  if (!issue.pages[pageIndex] || frames.length === 0) return issue;
  const withPage = mapPage(issue, pageIndex, (p) => ({ ...p, frames: [...p.frames, ...frames] }));
  return stories.length ? { ...withPage, stories: [...withPage.stories, ...stories] } : withPage;
}

/** Applies a patch to one frame (id and kind cannot change). Same issue back when nothing differs. */
export function updateFrame<F extends Frame>(issue: Issue, id: FrameId, patch: Partial<Omit<F, 'id' | 'kind'>>): Issue {
  const hit = findFrame(issue, id);
  if (!hit) return issue;
  const f = hit.frame as Record<string, unknown>;
  if (Object.entries(patch).every(([k, v]) => Object.is(f[k], v))) return issue;
  const next = { ...hit.frame, ...patch } as Frame;
  return mapPage(issue, hit.pageIndex, (p) => ({ ...p, frames: p.frames.map((x, i) => (i === hit.index ? next : x)) }));
}

/** Moves frames by (dx, dy) points; captions follow their image. */
export function moveFrames(issue: Issue, ids: readonly FrameId[], dx: number, dy: number): Issue {
  if (dx === 0 && dy === 0) return issue;
  const set = new Set<string>(ids);
  // Captions of moved images move too (the model says a caption moves with its image).
  for (const p of issue.pages) for (const f of p.frames) if (f.kind === 'caption' && set.has(f.imageId)) set.add(f.id);
  let changed = false;
  const pages = issue.pages.map((p) => {
    if (!p.frames.some((f) => set.has(f.id) && !f.locked)) return p;
    changed = true;
    return { ...p, frames: p.frames.map((f) => (set.has(f.id) && !f.locked ? { ...f, x: f.x + dx, y: f.y + dy } : f)) };
  });
  return changed ? { ...issue, pages } : issue;
}

export function setFrameRect(issue: Issue, id: FrameId, r: { x: number; y: number; width: number; height: number }): Issue {
  return updateFrame(issue, id, { x: r.x, y: r.y, width: Math.max(1, r.width), height: Math.max(1, r.height) });
}

/**
 * Deletes frames. A text frame taken out of a thread is bridged: its predecessor continues to its
 * successor. Captions of deleted images go too. Stories are kept (the story list and undo need them).
 * `andThen` lets deletePage remove the page in the same new issue.
 */
export function deleteFrames(issue: Issue, ids: readonly FrameId[], andThen: (i: Issue) => Issue = (i) => i): Issue {
  const gone = new Set<string>(ids);
  for (const p of issue.pages) for (const f of p.frames) if (f.kind === 'caption' && gone.has(f.imageId)) gone.add(f.id);
  if (![...gone].some((id) => findFrame(issue, id))) return andThen(issue) === issue ? issue : andThen(issue);
  // next pointers of deleted frames, to bridge threads
  const nextOf = new Map<string, FrameId | null>();
  for (const p of issue.pages) for (const f of p.frames) if (f.kind === 'text') nextOf.set(f.id, f.next);
  const bridge = (n: FrameId | null): FrameId | null => {
    const seen = new Set<string>();
    while (n && gone.has(n) && !seen.has(n)) {
      seen.add(n);
      n = nextOf.get(n) ?? null;
    }
    return n && gone.has(n) ? null : n;
  };
  const pages = issue.pages.map((p) => {
    if (!p.frames.some((f) => gone.has(f.id) || (f.kind === 'text' && f.next && gone.has(f.next)))) return p;
    return {
      ...p,
      frames: p.frames
        .filter((f) => !gone.has(f.id))
        .map((f) => (f.kind === 'text' && f.next && gone.has(f.next) ? { ...f, next: bridge(f.next) } : f)),
    };
  });
  return andThen({ ...issue, pages });
}

/** Moves a frame in the z-order of its page: +1 forward, -1 backward, 'front', 'back'. */
export function reorderFrame(issue: Issue, id: FrameId, where: 1 | -1 | 'front' | 'back'): Issue {
  const hit = findFrame(issue, id);
  if (!hit) return issue;
  const n = issue.pages[hit.pageIndex]!.frames.length;
  const to = where === 'front' ? n - 1 : where === 'back' ? 0 : Math.max(0, Math.min(n - 1, hit.index + where));
  if (to === hit.index) return issue;
  return mapPage(issue, hit.pageIndex, (p) => {
    const frames = [...p.frames];
    const [f] = frames.splice(hit.index, 1);
    frames.splice(to, 0, f!);
    return { ...p, frames };
  });
}

/** Duplicates frames on their page, offset by one grid line down and right. Text copies share the story (unthreaded). */
export function duplicateFrames(issue: Issue, ids: readonly FrameId[]): { issue: Issue; ids: FrameId[] } {
  const taken = new Set<string>();
  const created: FrameId[] = [];
  let out = issue;
  const step = linePitch(issue.grid);
  for (const id of ids) {
    const hit = findFrame(issue, id);
    if (!hit) continue;
    const nid = newFrameId(out, taken);
    taken.add(nid);
    created.push(nid);
    let copy: Frame = { ...hit.frame, id: nid, x: hit.frame.x + step, y: hit.frame.y + step };
    if (copy.kind === 'text') copy = { ...copy, next: null };
    out = addFrames(out, hit.pageIndex, [copy]);
  }
  return { issue: out, ids: created };
}

// ---------------------------------------------------------------------------------------------
// threads

/** Text frames of a thread that contains `id`, in order from its head. */
export function threadOf(issue: Issue, id: FrameId): TextFrame[] {
  const texts = new Map<string, TextFrame>();
  for (const p of issue.pages) for (const f of p.frames) if (f.kind === 'text') texts.set(f.id, f);
  const start = texts.get(id);
  if (!start) return [];
  const prev = new Map<string, string>();
  for (const f of texts.values()) if (f.next) prev.set(f.next, f.id);
  let head = start;
  const seen = new Set<string>([head.id]);
  while (prev.has(head.id) && !seen.has(prev.get(head.id)!)) {
    head = texts.get(prev.get(head.id)!)!;
    seen.add(head.id);
  }
  const out: TextFrame[] = [];
  const seen2 = new Set<string>();
  for (let f: TextFrame | undefined = head; f && !seen2.has(f.id); f = f.next ? texts.get(f.next) : undefined) {
    seen2.add(f.id);
    out.push(f);
  }
  return out;
}

/**
 * Threads `to` after `from`: `to` takes `from`'s story and whatever followed `from` now follows
 * `to`'s thread end. Refused (same issue back) for a frame already in from's thread, or when `to`
 * has a predecessor. `to`'s old story stays in the story list.
 */
export function thread(issue: Issue, from: FrameId, to: FrameId): Issue {
  const a = findFrame(issue, from)?.frame;
  const b = findFrame(issue, to)?.frame;
  if (!a || !b || a.kind !== 'text' || b.kind !== 'text' || from === to) return issue;
  if (threadOf(issue, from).some((f) => f.id === to)) return issue;
  for (const p of issue.pages) for (const f of p.frames) if (f.kind === 'text' && f.next === to) return issue;
  const bThread = threadOf(issue, to);
  const oldNext = a.next;
  let out = updateFrame<TextFrame>(issue, from, { next: to });
  for (const f of bThread) out = updateFrame<TextFrame>(out, f.id, { storyId: a.storyId });
  const tail = bThread[bThread.length - 1]!;
  if (oldNext) out = updateFrame<TextFrame>(out, tail.id, { next: oldNext });
  // to's old story goes when nothing else shows it and it has no text (a frame just drawn);
  // a story with text stays in the list so it can be placed again.
  const orphan = b.storyId !== a.storyId ? b.storyId : null;
  if (orphan && !storyInUse(out, orphan) && storyIsEmpty(out, orphan)) out = { ...out, stories: out.stories.filter((s) => s.id !== orphan) };
  return out;
}

function storyInUse(issue: Issue, id: string): boolean {
  return issue.pages.some((p) => p.frames.some((f) => (f.kind === 'text' || f.kind === 'caption' || f.kind === 'headline') && f.storyId === id));
}

function storyIsEmpty(issue: Issue, id: string): boolean {
  const st = issue.stories.find((s) => s.id === id);
  return !st || st.paragraphs.every((p) => p.runs.every((r) => r.text === ''));
}

/**
 * Cuts the thread after `id`. The detached frames get a new, empty story: a story lives in one
 * thread, so its text now flows only as far as `id` (and may become overset there).
 */
export function unthread(issue: Issue, id: FrameId): Issue {
  const a = findFrame(issue, id)?.frame;
  if (!a || a.kind !== 'text' || !a.next) return issue;
  const rest = threadOf(issue, a.next);
  const sid = newStoryId(issue);
  let out: Issue = { ...updateFrame<TextFrame>(issue, id, { next: null }), stories: [...issue.stories, { id: sid, name: '', paragraphs: [] }] };
  for (const f of rest) out = updateFrame<TextFrame>(out, f.id, { storyId: sid });
  return out;
}

// ---------------------------------------------------------------------------------------------
// stories, styles, swatches, grid

export function setStory(issue: Issue, story: Story): Issue {
  const i = issue.stories.findIndex((s) => s.id === story.id);
  if (i < 0) return { ...issue, stories: [...issue.stories, story] };
  if (issue.stories[i] === story) return issue;
  return { ...issue, stories: issue.stories.map((s, k) => (k === i ? story : s)) };
}

export function updateParagraphStyle(issue: Issue, id: string, patch: Partial<Omit<ParagraphStyle, 'id'>>): Issue {
  return patchById(issue, 'paragraphStyles', id, patch);
}
export function updateCharacterStyle(issue: Issue, id: string, patch: Partial<Omit<CharacterStyle, 'id'>>): Issue {
  return patchById(issue, 'characterStyles', id, patch);
}
export function updateSwatch(issue: Issue, id: string, patch: Partial<Omit<Swatch, 'id'>>): Issue {
  const clamp = (v: number | undefined) => (v === undefined ? undefined : Math.min(100, Math.max(0, v)));
  const p: Partial<Swatch> = { ...patch };
  for (const k of ['c', 'm', 'y', 'k'] as const) if (p[k] !== undefined) p[k] = clamp(p[k]);
  return patchById(issue, 'swatches', id, p);
}
export function addSwatch(issue: Issue, swatch: Swatch): Issue {
  if (issue.swatches.some((s) => s.id === swatch.id)) return issue;
  return { ...issue, swatches: [...issue.swatches, swatch] };
}

function patchById<K extends 'paragraphStyles' | 'characterStyles' | 'swatches'>(issue: Issue, key: K, id: string, patch: object): Issue {
  const list = issue[key] as ReadonlyArray<{ id: string }>;
  const i = list.findIndex((s) => s.id === id);
  if (i < 0) return issue;
  const cur = list[i] as Record<string, unknown>;
  if (Object.entries(patch).every(([k, v]) => v === undefined || Object.is(cur[k], v))) return issue;
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return { ...issue, [key]: list.map((s, k) => (k === i ? { ...s, ...defined } : s)) } as Issue;
}

/** Changes the page grid (columns, gutter in characters, lines ...). */
export function setGrid(issue: Issue, patch: Partial<Grid>): Issue {
  if (Object.entries(patch).every(([k, v]) => Object.is((issue.grid as Record<string, unknown>)[k], v))) return issue;
  return { ...issue, grid: { ...issue.grid, ...patch } };
}

/** Gutter of a text frame in points from a gutter in body characters. */
export const gutterFromChars = (issue: Issue, chars: number): number => chars * issue.grid.bodySize;

// ---------------------------------------------------------------------------------------------
// images and captions

/** Adds the asset (once) and places it in the image frame, fitting proportionally. */
export function placeImage(issue: Issue, frameIdArg: FrameId, asset: Asset): Issue {
  const hit = findFrame(issue, frameIdArg);
  if (!hit || hit.frame.kind !== 'image') return issue;
  const assets = issue.assets.some((a) => a.id === asset.id) ? issue.assets : [...issue.assets, asset];
  const withAsset = assets === issue.assets ? issue : { ...issue, assets };
  return updateFrame<ImageFrame>(withAsset, frameIdArg, { assetId: asset.id, fit: 'fill', offsetX: 0, offsetY: 0 });
}

/**
 * A caption under an image: full width of the image, two grid lines high, on the grid line
 * after the image's bottom; its story has one caption paragraph with `text`.
 */
export function addCaption(issue: Issue, imageId: FrameId, text = ''): { issue: Issue; id: FrameId | null } {
  const hit = findFrame(issue, imageId);
  if (!hit || hit.frame.kind !== 'image') return { issue, id: null };
  if (issue.pages[hit.pageIndex]!.frames.some((f) => f.kind === 'caption' && f.imageId === imageId)) return { issue, id: null };
  const img = hit.frame;
  const pitch = linePitch(issue.grid);
  const sid = newStoryId(issue);
  const id = newFrameId(issue);
  const caption: CaptionFrame = {
    id,
    kind: 'caption',
    x: img.x,
    y: img.y + img.height + issue.grid.lineGap,
    width: img.width,
    height: 2 * pitch - issue.grid.lineGap,
    imageId,
    storyId: sid,
  };
  const story: Story = { id: sid, name: text.slice(0, 20) || '图说', paragraphs: [{ style: PS.caption, runs: [{ text }] }] };
  return { issue: addFrames(issue, hit.pageIndex, [caption], [story]), id };
}

// ---------------------------------------------------------------------------------------------
// frame factories used by the drawing tools

export function makeTextFrame(issue: Issue, rect: { x: number; y: number; width: number; height: number }, columns = 1): { frame: TextFrame; story: Story } {
  const sid = newStoryId(issue);
  const g = issue.grid;
  const frame: TextFrame = {
    id: newFrameId(issue),
    kind: 'text',
    ...rect,
    storyId: sid,
    columns: Math.max(1, columns),
    gutter: gutterWidth(g),
    next: null,
  };
  return { frame, story: { id: sid, name: '', paragraphs: [] } };
}

/** Columns that fit in a width of the page grid (for a new text frame drawn across N columns). */
export function columnsForWidth(issue: Issue, width: number): number {
  const g = issue.grid;
  return Math.max(1, Math.round((width + gutterWidth(g)) / (columnWidth(g) + gutterWidth(g))));
}

export function makeBox(issue: Issue, rect: { x: number; y: number; width: number; height: number }): BoxFrame {
  return { id: newFrameId(issue), kind: 'box', ...rect, fill: SW.gray, tint: 100, stroke: null, strokeWeight: 0.5 };
}

