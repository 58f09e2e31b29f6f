// A fragment of an issue: frames with everything they need to stand in another issue (their
// stories, the styles and swatches those reference, the records of the images they place). It is
// the unit of copy and paste between windows: the renderer makes one from the selection
// (renderer/editor/clipboard.ts), main keeps it with the image bytes (main/ipc, channel
// 'clipboard.writeFrames'), and any window pastes it into its own issue.
//
// Ids inside a fragment are those of the issue it was copied from; pasting gives every frame and
// story a fresh id and maps styles and swatches onto the target issue's (clipboard.ts says how).
import { z } from 'zod';
import { Asset, CharacterStyle, FontRef, Frame, ParagraphStyle, Story, Swatch, type Frame as FrameT, type Story as StoryT } from './schema';

export const FRAGMENT_FORMAT = 'banmian-frames';
/** Bump with the issue format: a fragment carries model records of FORMAT_VERSION. */
export const FRAGMENT_VERSION = 1;

export const IssueFragment = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  version: z.literal(FRAGMENT_VERSION),
  /** In the z-order of the page they came from, bottom first; geometry as on that page. */
  frames: z.array(Frame).min(1).max(10_000),
  /** The stories of the text and caption frames, each once. */
  stories: z.array(Story).max(10_000),
  /** Only the styles and swatches the frames and stories name. */
  paragraphStyles: z.array(ParagraphStyle).max(10_000),
  characterStyles: z.array(CharacterStyle).max(10_000),
  swatches: z.array(Swatch).max(10_000),
  /** Records of the placed images (bytes travel beside the fragment, never inside it). */
  assets: z.array(Asset).max(10_000),
  /** The issue's font records for the fonts the styles name (hints for relinking). */
  fonts: z.array(FontRef).max(1000),
});
export type IssueFragment = z.infer<typeof IssueFragment>;

const storyText = (s: StoryT): string => s.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n');

/**
 * The fragment as plain text, for the system clipboard (pasting into a mail or a chat): the
 * headlines' decks, each story once, the sponsors' lines, in reading
 * order — frames from top to bottom, then left to right — blocks separated by an empty line.
 * Frames without text (images, rules, boxes) give nothing.
 */
export function fragmentText(frag: Pick<IssueFragment, 'frames' | 'stories'>): string {
  const stories = new Map(frag.stories.map((s) => [s.id as string, s]));
  const seen = new Set<string>();
  const blocks: string[] = [];
  const story = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const st = stories.get(id);
    if (st) blocks.push(storyText(st));
  };
  const order = [...(frag.frames as readonly FrameT[])].sort((a, b) => a.y - b.y || a.x - b.x);
  for (const f of order) {
    if (f.kind === 'headline') blocks.push(f.decks.map((d) => d.text).join('\n'));
    else if (f.kind === 'text' || f.kind === 'caption') story(f.storyId);
    else if (f.kind === 'sponsor') blocks.push([f.title, f.company, ...f.lines].filter(Boolean).join('\n'));
  }
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}
