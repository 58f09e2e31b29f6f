// Copy-fitting with the real engine: how many grid lines a story needs in N columns, and
// shrinking or growing a thread's last frame to whole grid lines so the story neither oversets
// nor leaves empty lines. Used by automatic placement (CLI `new`, the sample issue) and by the
// editor's "fit frame to text" command.
import { columnWidth, gutterWidth, linePitch, typeArea } from '../model/grid';
import { frameId, pageId } from '../model/defaults';
import type { Frame, Issue, Story, TextFrame } from '../model/schema';
import type { LayoutResult } from '../engine/types';

/** Lays out an issue; the caller binds fonts (and may reuse a layout session). */
export type LayoutFn = (issue: Issue) => LayoutResult;

/** Height in points of a frame N grid lines tall: N lines of body size and N-1 line gaps. */
export const heightForLines = (issue: Issue, lines: number): number => lines * linePitch(issue.grid) - issue.grid.lineGap;

/** Whole grid lines a frame of this height holds. */
export const linesForHeight = (issue: Issue, height: number): number => Math.floor((height + issue.grid.lineGap + 1e-6) / linePitch(issue.grid));

/**
 * Grid lines per column a story needs when set in a frame of `columns` grid columns: the least
 * height at which the engine reports no overset, found by bisection (the engine, not an
 * estimate, decides: prohibitions, widows and punctuation all count).
 */
export function linesNeeded(issue: Issue, story: Story, columns: number, layout: LayoutFn, maxLines = 2000): number {
  const g = issue.grid;
  const ta = typeArea(g);
  const width = columns * columnWidth(g) + (columns - 1) * gutterWidth(g);
  const probe = (lines: number): boolean => {
    const frame: TextFrame = {
      id: frameId('fit-probe'),
      kind: 'text',
      x: ta.x,
      y: ta.y,
      width,
      height: heightForLines(issue, lines),
      storyId: story.id,
      columns,
      gutter: gutterWidth(g),
      next: null,
    };
    const tmp: Issue = {
      ...issue,
      grid: { ...g, linesPerPage: Math.max(g.linesPerPage, lines) },
      masters: [],
      pages: [{ id: pageId('fit-probe'), section: '', masterId: null, frames: [frame] }],
      stories: [story],
    };
    const fit = layout(tmp).stories.find((s) => s.storyId === story.id);
    return !!fit && fit.status !== 'overset';
  };
  let lo = 1;
  let hi = 8;
  while (!probe(hi)) {
    lo = hi + 1;
    hi *= 2;
    if (hi > maxLines) throw new Error(`story "${story.name}" needs more than ${maxLines} lines per column`);
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (probe(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A `measure` for placeArticles(): total lines over the columns, from the engine. */
export function engineMeasure(issue: Issue, layout: LayoutFn): (story: Story, columns: number) => number {
  return (story, columns) => linesNeeded(issue, story, columns, layout) * columns;
}

function findFrame(issue: Issue, id: string): { page: number; index: number; frame: Frame } | null {
  for (let p = 0; p < issue.pages.length; p++) {
    const index = issue.pages[p]!.frames.findIndex((f) => f.id === id);
    if (index >= 0) return { page: p, index, frame: issue.pages[p]!.frames[index]! };
  }
  return null;
}

function setFrameHeight(issue: Issue, at: { page: number; index: number; frame: Frame }, height: number): Issue {
  const pages = issue.pages.map((p, i) => (i === at.page ? { ...p, frames: p.frames.map((f, j) => (j === at.index ? { ...f, height } : f)) } : p));
  return { ...issue, pages };
}

/**
 * Sets the height of the last frame of `storyId`'s thread to the least whole number of grid
 * lines at which the story fits (no overset, and so no empty line beyond the last column's
 * end). Returns the issue unchanged when the story is missing or has no text frame.
 */
export function fitLastFrame(issue: Issue, storyId: string, layout: LayoutFn, maxLines = issue.grid.linesPerPage): Issue {
  const fit0 = layout(issue).stories.find((s) => s.storyId === storyId);
  const lastId = fit0?.frames.at(-1);
  if (!fit0 || !lastId) return issue;
  const at = findFrame(issue, lastId);
  if (!at || at.frame.kind !== 'text') return issue;
  const fits = (lines: number) => {
    const next = setFrameHeight(issue, at, heightForLines(issue, lines));
    return layout(next).stories.find((s) => s.storyId === storyId)?.status !== 'overset';
  };
  let lo = 1;
  let hi = maxLines;
  if (!fits(hi)) return setFrameHeight(issue, at, heightForLines(issue, hi));
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return setFrameHeight(issue, at, heightForLines(issue, lo));
}
