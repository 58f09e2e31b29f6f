// Copy and paste of frames: pure functions between an issue and an IssueFragment
// (renderer/model/fragment.ts). The commands that use them are in commands.ts ('cutFrames',
// 'pasteFrames'); the trip through main's clipboard is in renderer/ui/session.ts.
//
// What a copy takes (copyFrames):
// - the selected frames, in their page's z-order;
// - the captions of every copied image (a caption travels with its image, as it moves and is
//   deleted with it). A caption copied WITHOUT its image is taken as a one-column text frame
//   holding the caption's story: the model has no caption without an image;
// - text frames: the whole story of their thread. Copying every frame of a thread keeps the
//   thread; copying some of them threads the copied frames in thread order, skipping the ones
//   left behind, so the whole story flows through the copies (InDesign does the same);
// - a headline keeps its link to its story only when frames of that story are copied with it
//   (it then belongs to the pasted story); copied alone it is a free headline (storyId null), so
//   a paste never adds a story that no frame shows;
// - the paragraph and character styles the stories and headline decks name, the swatches those
//   styles and the frames name, the records of the placed images and logos, and the issue's font
//   records for the styles' fonts.
//
// What a paste does (pasteFragment), as ONE new issue (so one undo step):
// - every frame and story gets a fresh id (ids.ts); threads, captions and headline links follow;
// - swatches, then character styles, then paragraph styles are mapped by NAME onto the target
//   issue: a same-named one in the target is reused as the target defines it (the target's
//   definition wins, as in InDesign); one the target lacks is added, under its own id, or under
//   `<id>-2`, `-3`… when the target already uses that id for something else. Pasting inside the
//   issue it came from therefore adds no style;
// - image records the target lacks are added (ids are the SHA-256 of the bytes, so the same id
//   is the same image); the bytes themselves travel through main (clipboard.readFrames);
// - position: in place (the same page coordinates), unless a frame of the target page already
//   has exactly the rectangle of a pasted frame (the originals still sit there: a copy pasted on
//   its own page), then one step down and right — one grid line down, one body character right,
//   so the copies stay on the character grid — repeated until no rectangle coincides, so a second
//   paste lands a step below the first.
import { PS, SW } from '../model/defaults';
import { FRAGMENT_FORMAT, FRAGMENT_VERSION, type IssueFragment } from '../model/fragment';
import { gutterWidth, linePitch } from '../model/grid';
import type {
  Asset,
  AssetId,
  CharacterStyle,
  CharacterStyleId,
  FontRef,
  Frame,
  FrameId,
  Issue,
  ParagraphStyle,
  ParagraphStyleId,
  Story,
  StoryId,
  SwatchId,
  TextFrame,
} from '../model/schema';
import { newFrameId, newStoryId } from './ids';
import { threadOf } from './ops';
import { findFrame } from './state';

// ---------------------------------------------------------------------------------------------
// copy

/**
 * The fragment for frames `ids` of `issue` (see the top of this file for what it takes), or null
 * when none of the ids names a page frame.
 */
export function copyFrames(issue: Issue, ids: readonly FrameId[]): IssueFragment | null {
  const want = new Set<string>(ids.filter((id) => findFrame(issue, id)));
  if (want.size === 0) return null;
  // captions of copied images come along
  for (const p of issue.pages) for (const f of p.frames) if (f.kind === 'caption' && want.has(f.imageId)) want.add(f.id);

  // page order, then z-order within the page
  const picked: Frame[] = [];
  for (const p of issue.pages) for (const f of p.frames) if (want.has(f.id)) picked.push(f);

  // threads: each copied text frame continues in the next COPIED frame of its thread
  const nextOf = new Map<string, FrameId | null>();
  for (const f of picked) {
    if (f.kind !== 'text' || nextOf.has(f.id)) continue;
    const chain = threadOf(issue, f.id).filter((t) => want.has(t.id));
    chain.forEach((t, i) => nextOf.set(t.id, chain[i + 1]?.id ?? null));
  }
  const textStories = new Set<string>(picked.flatMap((f) => (f.kind === 'text' ? [f.storyId] : [])));

  const frames = picked.map((f): Frame => {
    switch (f.kind) {
      case 'text':
        return { ...f, next: nextOf.get(f.id) ?? null };
      case 'caption': {
        if (want.has(f.imageId)) return f;
        const { imageId: _imageId, kind: _kind, ...base } = f;
        return { ...base, kind: 'text', columns: 1, gutter: gutterWidth(issue.grid), next: null };
      }
      case 'headline':
        return f.storyId && !textStories.has(f.storyId) ? { ...f, storyId: null } : f;
      default:
        return f;
    }
  });

  const storyIds = new Set<string>();
  for (const f of frames) if (f.kind === 'text' || f.kind === 'caption') storyIds.add(f.storyId);
  const stories = issue.stories.filter((s) => storyIds.has(s.id));

  const pIds = new Set<string>();
  const cIds = new Set<string>();
  for (const s of stories) {
    for (const p of s.paragraphs) {
      pIds.add(p.style);
      for (const r of p.runs) if (r.style) cIds.add(r.style);
    }
  }
  for (const f of frames) if (f.kind === 'headline') for (const d of f.decks) pIds.add(d.style);
  const paragraphStyles = issue.paragraphStyles.filter((s) => pIds.has(s.id));
  const characterStyles = issue.characterStyles.filter((s) => cIds.has(s.id));

  const swIds = new Set<string>();
  for (const s of paragraphStyles) swIds.add(s.color);
  for (const s of characterStyles) if (s.color) swIds.add(s.color);
  for (const f of frames) for (const sw of frameSwatches(f)) swIds.add(sw);
  const swatches = issue.swatches.filter((s) => swIds.has(s.id));

  const assetIds = new Set<string>();
  for (const f of frames) for (const a of frameAssets(f)) assetIds.add(a);
  const assets = issue.assets.filter((a) => assetIds.has(a.id));

  const fontNames = new Set<string>();
  for (const s of paragraphStyles) fontNames.add(s.font);
  for (const s of characterStyles) if (s.font) fontNames.add(s.font);
  const fonts = issue.fonts.filter((f) => fontNames.has(f.postscriptName));

  return { format: FRAGMENT_FORMAT, version: FRAGMENT_VERSION, frames, stories, paragraphStyles, characterStyles, swatches, assets, fonts };
}

/** Swatch ids a frame names directly (its styles' colours are found through the styles). */
function frameSwatches(f: Frame): string[] {
  switch (f.kind) {
    case 'rule':
      return [f.color];
    case 'box':
      return [f.fill, f.stroke].filter((s): s is SwatchId => !!s);
    case 'sponsor':
      return f.stroke ? [f.stroke] : [];
    default:
      return [];
  }
}

function frameAssets(f: Frame): AssetId[] {
  if (f.kind === 'image') return f.assetId ? [f.assetId] : [];
  if (f.kind === 'sponsor' || f.kind === 'masthead') return f.logoAssetId ? [f.logoAssetId] : [];
  return [];
}

// ---------------------------------------------------------------------------------------------
// paste

/** Two lengths in points this close are the same position (rounding through mm fields). */
const SAME_PT = 0.01;
/** Offset steps tried before giving up and pasting on top (a page never stacks this many copies). */
const MAX_STEPS = 100;

export interface PasteResult {
  issue: Issue;
  /** The pasted frames' ids, in the fragment's order (the new selection). */
  ids: FrameId[];
  /** How far the frames were moved from their copied position, in points. */
  dx: number;
  dy: number;
}

/** Pastes `frag` on page `pageIndex` of `issue`, as described at the top of this file. */
export function pasteFragment(issue: Issue, pageIndex: number, frag: IssueFragment): PasteResult {
  const page = issue.pages[pageIndex];
  if (!page || frag.frames.length === 0) return { issue, ids: [], dx: 0, dy: 0 };

  // ---- swatches, character styles, paragraph styles: by name, else added
  const swatches = [...issue.swatches];
  const swMap = mergeByName(swatches, frag.swatches, (s) => s);
  const swatch = (id: string | null | undefined): SwatchId | null => (id ? ((swMap.get(id) as SwatchId | undefined) ?? null) : null);
  const solid = (id: string): SwatchId => swatch(id) ?? (swatches.some((s) => s.id === SW.black) ? SW.black : swatches[0]!.id);

  const characterStyles = [...issue.characterStyles];
  const csMap = mergeByName(characterStyles, frag.characterStyles, (s): CharacterStyle => {
    const { color, ...rest } = s;
    const c = swatch(color);
    return c ? { ...rest, color: c } : rest;
  });
  const paragraphStyles = [...issue.paragraphStyles];
  const psMap = mergeByName(paragraphStyles, frag.paragraphStyles, (s): ParagraphStyle => ({ ...s, color: solid(s.color) }));
  const fallbackPs = paragraphStyles.some((s) => s.id === PS.body) ? PS.body : paragraphStyles[0]!.id;
  const pstyle = (id: string): ParagraphStyleId => (psMap.get(id) as ParagraphStyleId | undefined) ?? fallbackPs;
  const cstyle = (id: string | undefined): CharacterStyleId | undefined => (id ? (csMap.get(id) as CharacterStyleId | undefined) : undefined);

  // ---- assets and font records: added when missing
  const assets: Asset[] = [...issue.assets];
  for (const a of frag.assets) if (!assets.some((x) => x.id === a.id)) assets.push(a);
  const hasAsset = (id: AssetId | null) => (id && assets.some((a) => a.id === id) ? id : null);
  const fonts: FontRef[] = [...issue.fonts];
  for (const f of frag.fonts) if (!fonts.some((x) => x.postscriptName === f.postscriptName)) fonts.push(f);

  // ---- fresh ids
  const taken = new Set<string>();
  const frameIds = new Map<string, FrameId>();
  for (const f of frag.frames) {
    if (frameIds.has(f.id)) continue;
    const id = newFrameId(issue, taken);
    taken.add(id);
    frameIds.set(f.id, id);
  }
  const storyIds = new Map<string, StoryId>();
  const newStories: Story[] = [];
  const fragStories = new Map(frag.stories.map((s) => [s.id as string, s]));
  const storyFor = (old: string): StoryId => {
    let id = storyIds.get(old);
    if (id) return id;
    id = newStoryId(issue, taken);
    taken.add(id);
    storyIds.set(old, id);
    const src = fragStories.get(old);
    newStories.push({
      id,
      name: src?.name ?? '',
      paragraphs: (src?.paragraphs ?? []).map((p) => ({
        style: pstyle(p.style),
        runs: p.runs.map((r) => {
          const style = cstyle(r.style);
          return style ? { text: r.text, style } : { text: r.text };
        }),
      })),
    });
    return id;
  };
  const kindOf = new Map(frag.frames.map((f) => [f.id as string, f.kind]));

  // ---- where
  const step = { dx: issue.grid.bodySize, dy: linePitch(issue.grid) };
  const same = (a: number, b: number) => Math.abs(a - b) < SAME_PT;
  const occupied = (dx: number, dy: number) =>
    frag.frames.some((f) => page.frames.some((g) => same(g.x, f.x + dx) && same(g.y, f.y + dy) && same(g.width, f.width) && same(g.height, f.height)));
  let k = 0;
  while (k < MAX_STEPS && occupied(k * step.dx, k * step.dy)) k++;
  if (k === MAX_STEPS) k = 0;
  const dx = k * step.dx;
  const dy = k * step.dy;

  // ---- the frames
  const seenIds = new Set<string>();
  const pasted: Frame[] = [];
  for (const f of frag.frames) {
    if (seenIds.has(f.id)) continue; // a malformed fragment listing a frame twice
    seenIds.add(f.id);
    const id = frameIds.get(f.id)!;
    const at = { id, x: f.x + dx, y: f.y + dy };
    switch (f.kind) {
      case 'text': {
        // A thread continues only into a pasted text frame of the same story.
        const next = f.next && frag.frames.some((g) => g.id === f.next && g.kind === 'text' && g.storyId === f.storyId) ? frameIds.get(f.next)! : null;
        pasted.push({ ...f, ...at, storyId: storyFor(f.storyId), next });
        break;
      }
      case 'caption':
        // Without its image a caption cannot be (copyFrames never sends one; a hand-made fragment might).
        if (kindOf.get(f.imageId) !== 'image') break;
        pasted.push({ ...f, ...at, storyId: storyFor(f.storyId), imageId: frameIds.get(f.imageId)! });
        break;
      case 'headline': {
        const linked = f.storyId && frag.frames.some((g) => g.kind === 'text' && g.storyId === f.storyId) ? storyFor(f.storyId) : null;
        pasted.push({ ...f, ...at, storyId: linked, decks: f.decks.map((d) => ({ ...d, style: pstyle(d.style) })) });
        break;
      }
      case 'image':
        pasted.push({ ...f, ...at, assetId: hasAsset(f.assetId) });
        break;
      case 'sponsor':
        pasted.push({ ...f, ...at, logoAssetId: hasAsset(f.logoAssetId), stroke: swatch(f.stroke) });
        break;
      case 'masthead':
        pasted.push({ ...f, ...at, logoAssetId: hasAsset(f.logoAssetId) });
        break;
      case 'rule':
        pasted.push({ ...f, ...at, color: solid(f.color) });
        break;
      case 'box':
        pasted.push({ ...f, ...at, fill: swatch(f.fill), stroke: swatch(f.stroke) });
        break;
      default:
        pasted.push({ ...f, ...at });
    }
  }
  // A thread must not run into a frame another pasted frame already continues in.
  const pointed = new Set<string>();
  for (let i = 0; i < pasted.length; i++) {
    const f = pasted[i]!;
    if (f.kind !== 'text' || !f.next) continue;
    if (pointed.has(f.next) || f.next === f.id) pasted[i] = { ...f, next: null } as TextFrame;
    else pointed.add(f.next);
  }
  if (pasted.length === 0) return { issue, ids: [], dx: 0, dy: 0 };

  const pages = issue.pages.map((p, i) => (i === pageIndex ? { ...p, frames: [...p.frames, ...pasted] } : p));
  const out: Issue = {
    ...issue,
    pages,
    stories: newStories.length ? [...issue.stories, ...newStories] : issue.stories,
    swatches: swatches.length === issue.swatches.length ? issue.swatches : swatches,
    characterStyles: characterStyles.length === issue.characterStyles.length ? issue.characterStyles : characterStyles,
    paragraphStyles: paragraphStyles.length === issue.paragraphStyles.length ? issue.paragraphStyles : paragraphStyles,
    assets: assets.length === issue.assets.length ? issue.assets : assets,
    fonts: fonts.length === issue.fonts.length ? issue.fonts : fonts,
  };
  return { issue: out, ids: pasted.map((f) => f.id), dx, dy };
}

/**
 * Maps each incoming record's id to the target's record of the same name (the one with the same
 * id first, when both id and name agree), or appends it (made by `adapt`) under its id or a fresh
 * `<id>-N`. `target` is extended in place; the map goes from incoming id to target id.
 */
function mergeByName<T extends { id: string; name: string }>(target: T[], incoming: readonly T[], adapt: (t: T) => T): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of incoming) {
    if (map.has(s.id)) continue;
    const hit = target.find((t) => t.id === s.id && t.name === s.name) ?? target.find((t) => t.name === s.name);
    if (hit) {
      map.set(s.id, hit.id);
      continue;
    }
    const id = freshId(s.id, new Set(target.map((t) => t.id)));
    target.push({ ...adapt(s), id });
    map.set(s.id, id);
  }
  return map;
}

/** `base` if unused, else `base-2`, `base-3`…, kept within the schema's 128 characters. */
function freshId(base: string, used: ReadonlySet<string>): string {
  if (!used.has(base)) return base;
  const stem = base.slice(0, 120);
  for (let n = 2; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
}
