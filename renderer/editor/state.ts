// Editor state: the issue being edited plus everything about the view that is not saved.
//
// The issue is immutable (model data is plain readonly objects), so a state change makes a new
// issue with structural sharing and `revision` counts issue changes; derived data (layout,
// copy-fit, preflight) is memoised on the issue object itself and never stored here.
import type { Frame, FrameId, Issue, Page } from '../model/schema';

export type Tool = 'select' | 'text' | 'headline' | 'image' | 'caption' | 'sponsor' | 'rule' | 'box' | 'masthead';
export const TOOLS: readonly Tool[] = ['select', 'text', 'headline', 'image', 'caption', 'sponsor', 'rule', 'box', 'masthead'];

export interface EditorState {
  readonly issue: Issue;
  /** Incremented on every change of `issue` (including undo and redo). */
  readonly revision: number;
  /** 0-based index of the page shown on the canvas. */
  readonly pageIndex: number;
  /** Selected frames of the current page, in selection order. */
  readonly selection: readonly FrameId[];
  readonly tool: Tool;
  /** Orientation the headline tool draws. */
  readonly headlineOrientation: 'horizontal' | 'vertical';
  /** 1 = actual size (1 pt on the page = 1 pt on the screen, i.e. 96/72 CSS px). */
  readonly zoom: number;
  readonly showGrid: boolean;
  /** Set after a click on a text frame's out-port: the next frame clicked continues the thread. */
  readonly threadingFrom: FrameId | null;
}

export function initialState(issue: Issue): EditorState {
  return {
    issue,
    revision: 0,
    pageIndex: 0,
    selection: [],
    tool: 'select',
    headlineOrientation: 'horizontal',
    zoom: 0.5,
    showGrid: false,
    threadingFrom: null,
  };
}

export const currentPage = (s: EditorState): Page | undefined => s.issue.pages[s.pageIndex];

/** A frame of a page (not of a master: master frames are edited on the master only). */
export function findFrame(issue: Issue, id: FrameId | string): { frame: Frame; pageIndex: number; index: number } | null {
  for (let pi = 0; pi < issue.pages.length; pi++) {
    const frames = issue.pages[pi]!.frames;
    for (let i = 0; i < frames.length; i++) if (frames[i]!.id === id) return { frame: frames[i]!, pageIndex: pi, index: i };
  }
  return null;
}

export function selectedFrames(s: EditorState): Frame[] {
  const out: Frame[] = [];
  for (const id of s.selection) {
    const f = findFrame(s.issue, id);
    if (f) out.push(f.frame);
  }
  return out;
}

/** The single selected frame, or null when zero or several are selected. */
export function soleSelection(s: EditorState): Frame | null {
  if (s.selection.length !== 1) return null;
  return findFrame(s.issue, s.selection[0]!)?.frame ?? null;
}

/** Zoom limits: 10% to 800%. */
export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;
export const clampZoom = (z: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
