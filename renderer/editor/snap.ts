// Snapping while moving or resizing frames: to the page grid's column edges, to grid lines (the
// top and bottom of each body line's em box), to the type area and to other frames' edges.
import { columnWidth, columnX, lineTop, typeArea } from '../model/grid';
import type { Frame, Issue } from '../model/schema';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SnapTargets {
  xs: number[];
  ys: number[];
}

/** Screen pixels within which an edge snaps; divide by the zoom's px-per-pt to get points. */
export const SNAP_PX = 6;

export function snapTargets(issue: Issue, pageFrames: readonly Frame[], exclude: ReadonlySet<string>, useGrid = true): SnapTargets {
  const g = issue.grid;
  const ta = typeArea(g);
  const xs = [0, issue.pageSize.width, ta.x, ta.x + ta.width];
  const ys = [0, issue.pageSize.height, ta.y, ta.y + ta.height];
  for (let i = 0; i < g.columns; i++) xs.push(columnX(g, i), columnX(g, i) + columnWidth(g));
  if (useGrid) for (let i = 0; i < g.linesPerPage; i++) ys.push(lineTop(g, i), lineTop(g, i) + g.bodySize);
  for (const f of pageFrames) {
    if (exclude.has(f.id)) continue;
    xs.push(f.x, f.x + f.width);
    ys.push(f.y, f.y + f.height);
  }
  return { xs, ys };
}

/** The nearest target within `tol` of any of `values`: the shift to apply, or 0. */
function bestShift(values: readonly number[], targets: readonly number[], tol: number): { shift: number; at: number | null } {
  let best = { shift: 0, at: null as number | null, d: tol + 1e-9 };
  for (const v of values)
    for (const t of targets) {
      const d = Math.abs(t - v);
      if (d < best.d) best = { shift: t - v, at: t, d };
    }
  return { shift: best.shift, at: best.at };
}

/** Snaps a moved rectangle: its left, right and centre (and top, bottom) to the nearest targets. */
export function snapMove(r: Rect, t: SnapTargets, tol: number): { rect: Rect; guides: { x: number | null; y: number | null } } {
  const sx = bestShift([r.x, r.x + r.width, r.x + r.width / 2], t.xs, tol);
  const sy = bestShift([r.y, r.y + r.height], t.ys, tol);
  return { rect: { ...r, x: r.x + sx.shift, y: r.y + sy.shift }, guides: { x: sx.at, y: sy.at } };
}

export type Handle = 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

/** Resizes `start` by dragging `handle` by (dx, dy), snapping the moving edges. Never smaller than `min`. */
export function resizeRect(start: Rect, handle: Handle, dx: number, dy: number, t: SnapTargets | null, tol: number, min = 4): Rect {
  let left = start.x;
  let top = start.y;
  let right = start.x + start.width;
  let bottom = start.y + start.height;
  const snap = (v: number, targets: readonly number[]) => (t ? v + bestShift([v], targets, tol).shift : v);
  if (handle.includes('w')) left = snap(left + dx, t?.xs ?? []);
  if (handle.includes('e')) right = snap(right + dx, t?.xs ?? []);
  if (handle.includes('n')) top = snap(top + dy, t?.ys ?? []);
  if (handle.includes('s')) bottom = snap(bottom + dy, t?.ys ?? []);
  if (right - left < min) {
    if (handle.includes('w')) left = right - min;
    else right = left + min;
  }
  if (bottom - top < min) {
    if (handle.includes('n')) top = bottom - min;
    else bottom = top + min;
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A rectangle from two corner points, snapped at both corners (drawing a new frame). */
export function rectFromDrag(x0: number, y0: number, x1: number, y1: number, t: SnapTargets | null, tol: number): Rect {
  const sx = (v: number) => (t ? v + bestShift([v], t.xs, tol).shift : v);
  const sy = (v: number) => (t ? v + bestShift([v], t.ys, tol).shift : v);
  const a = { x: sx(Math.min(x0, x1)), y: sy(Math.min(y0, y1)) };
  const b = { x: sx(Math.max(x0, x1)), y: sy(Math.max(y0, y1)) };
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/** Arrow-key nudge in points: 1 pt, or with Shift one grid step (a body character across, a line pitch down). */
export function nudgeDelta(issue: Issue, key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown', shift: boolean): { dx: number; dy: number } {
  const h = shift ? issue.grid.bodySize : 1;
  const v = shift ? issue.grid.bodySize + issue.grid.lineGap : 1;
  switch (key) {
    case 'ArrowLeft':
      return { dx: -h, dy: 0 };
    case 'ArrowRight':
      return { dx: h, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -v };
    case 'ArrowDown':
      return { dx: 0, dy: v };
  }
}
