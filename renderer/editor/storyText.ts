// A story as the text of a <textarea>: one line per paragraph. Edits arrive as the textarea's new
// value; applyTextEdit keeps paragraph styles and character-style runs outside the changed span
// (common prefix and suffix), so typing in the middle of a bold run stays bold and Enter splits a
// paragraph into two of the same style.
import type { CharacterStyleId, Paragraph, ParagraphStyleId, Run, Story } from '../model/schema';

export const storyToText = (story: Story): string => story.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n');

/** Per-UTF-16-unit character style of the whole story text (the '\n' between paragraphs has none). */
interface Flat {
  text: string;
  styles: (CharacterStyleId | undefined)[];
  /** Paragraph style of the paragraph each offset (and the '\n' ending it) belongs to. */
  paraAt: ParagraphStyleId[];
}

function flatten(story: Story, fallback: ParagraphStyleId): Flat {
  let text = '';
  const styles: (CharacterStyleId | undefined)[] = [];
  const paraAt: ParagraphStyleId[] = [];
  story.paragraphs.forEach((p, i) => {
    if (i > 0) {
      text += '\n';
      styles.push(undefined);
      paraAt.push(story.paragraphs[i - 1]!.style);
    }
    for (const r of p.runs) {
      text += r.text;
      for (let k = 0; k < r.text.length; k++) {
        styles.push(r.style);
        paraAt.push(p.style);
      }
    }
  });
  // the position after the last character belongs to the last paragraph
  paraAt.push(story.paragraphs[story.paragraphs.length - 1]?.style ?? fallback);
  return { text, styles, paraAt };
}

function build(text: string, styles: readonly (CharacterStyleId | undefined)[], paraStyleAtStart: (offset: number) => ParagraphStyleId): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const runs: Run[] = [];
    for (let k = 0; k < line.length; k++) {
      const st = styles[start + k];
      const last = runs[runs.length - 1];
      if (last && last.style === st) last.text += line[k];
      else runs.push(st ? { text: line[k]!, style: st } : { text: line[k]! });
    }
    out.push({ style: paraStyleAtStart(start), runs: runs.length ? runs : [{ text: '' }] });
    start += line.length + 1;
  }
  return out;
}

/** The story after its textarea text became `next`. Same story back when the text is unchanged. */
export function applyTextEdit(story: Story, next: string, fallback: ParagraphStyleId): Story {
  const old = flatten(story, fallback);
  if (old.text === next) return story;
  if (next === '') return { ...story, paragraphs: [] };
  let pre = 0;
  const max = Math.min(old.text.length, next.length);
  while (pre < max && old.text[pre] === next[pre]) pre++;
  let suf = 0;
  while (suf < max - pre && old.text[old.text.length - 1 - suf] === next[next.length - 1 - suf]) suf++;
  const insLen = next.length - pre - suf;
  // Inserted text takes the character style before the insertion point (what a word processor does).
  const carry = pre > 0 && old.text[pre - 1] !== '\n' ? old.styles[pre - 1] : undefined;
  const styles = [
    ...old.styles.slice(0, pre),
    ...Array.from({ length: insLen }, (_, k) => (next[pre + k] === '\n' ? undefined : carry)),
    ...old.styles.slice(old.text.length - suf),
  ];
  const toOld = (pos: number): number => (pos <= pre ? pos : pos >= next.length - suf ? pos - next.length + old.text.length : pre);
  const paragraphs = build(next, styles, (offset) => old.paraAt[toOld(offset)] ?? fallback);
  const name = story.name || (next.split('\n')[0] ?? '').slice(0, 20);
  return { ...story, name, paragraphs };
}

/** Applies (or with `style` undefined removes) a character style on [start, end) of the story text. */
export function applyCharStyle(story: Story, start: number, end: number, style: CharacterStyleId | undefined, fallback: ParagraphStyleId): Story {
  const f = flatten(story, fallback);
  const a = Math.max(0, Math.min(start, end));
  const b = Math.min(f.text.length, Math.max(start, end));
  if (a >= b) return story;
  const styles = f.styles.map((s, i) => (i >= a && i < b && f.text[i] !== '\n' ? style : s));
  if (styles.every((s, i) => s === f.styles[i])) return story;
  return { ...story, paragraphs: build(f.text, styles, (o) => f.paraAt[o] ?? fallback) };
}

/** Indices of the paragraphs that the text range [start, end] touches. */
export function paragraphsInRange(story: Story, start: number, end: number): number[] {
  const out: number[] = [];
  let pos = 0;
  story.paragraphs.forEach((p, i) => {
    const len = p.runs.reduce((n, r) => n + r.text.length, 0);
    const pStart = pos;
    const pEnd = pos + len;
    if (pEnd >= Math.min(start, end) && pStart <= Math.max(start, end)) out.push(i);
    pos = pEnd + 1;
  });
  return out;
}

export function setParagraphStyles(story: Story, indices: readonly number[], style: ParagraphStyleId): Story {
  const set = new Set(indices);
  if (story.paragraphs.every((p, i) => !set.has(i) || p.style === style)) return story;
  return { ...story, paragraphs: story.paragraphs.map((p, i) => (set.has(i) ? { ...p, style } : p)) };
}

/** Inserts `insert` in place of [start, end) of the text and returns the new text and caret. */
export function spliceText(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/**
 * Inserts imported paragraphs (from cleanupText) in place of [start, end): the text goes in as
 * lines, and each new paragraph takes its style. The first one only restyles the paragraph it
 * lands in when it lands at that paragraph's start (pasting into the middle of a paragraph
 * continues it). A paragraph with `runs` (formatted copy, a .docx) brings its own character
 * styles: its text is the runs' text, each character in its run's style and unstyled where the
 * run has none; one without `runs` takes the character style before the insertion point, as
 * typing does.
 */
export function insertParagraphs(
  story: Story,
  start: number,
  end: number,
  paragraphs: ReadonlyArray<{ text: string; style: ParagraphStyleId; runs?: readonly Run[] }>,
  fallback: ParagraphStyleId,
): { story: Story; caret: number } {
  const old = storyToText(story);
  // A selection from a stale caret (past the end, or reversed) is brought inside the text, so
  // the styles below land on the characters they belong to.
  const s0 = Math.max(0, Math.min(start, end, old.length));
  const e0 = Math.max(s0, Math.min(Math.max(start, end), old.length));
  start = s0;
  end = e0;
  if (!paragraphs.length) return { story, caret: start };
  const texts = paragraphs.map((p) => (p.runs ? p.runs.map((r) => r.text).join('') : p.text));
  const { text, caret } = spliceText(old, start, end, texts.join('\n'));
  let next = applyTextEdit(story, text, fallback);
  if (paragraphs.some((p) => p.runs)) {
    const f = flatten(next, fallback);
    const styles = [...f.styles];
    let at = start;
    paragraphs.forEach((p, k) => {
      if (p.runs) for (const r of p.runs) for (let i = 0; i < r.text.length; i++) styles[at++] = r.style;
      else at += texts[k]!.length;
      at++; // the '\n' after it
    });
    next = { ...next, paragraphs: build(f.text, styles, (o) => f.paraAt[o] ?? fallback) };
  }
  const first = text.slice(0, start).split('\n').length - 1;
  const atParaStart = start === 0 || text[start - 1] === '\n';
  next = {
    ...next,
    paragraphs: next.paragraphs.map((p, i) => {
      const k = i - first;
      if (k < 0 || k >= paragraphs.length || (k === 0 && !atParaStart)) return p;
      return p.style === paragraphs[k]!.style ? p : { ...p, style: paragraphs[k]!.style };
    }),
  };
  return { story: next, caret };
}
