// Hit testing in page coordinates (points). Tolerances are given in screen pixels and divided by
// the zoom's pixels per point, so handles are as easy to grab at 10% as at 800%.
import type { Frame, Page, TextFrame } from '../model/schema';
import { HANDLES, type Handle } from '../editor/snap';

/** Handle square side and port size, CSS px. */
export const HANDLE_PX = 8;
export const PORT_PX = 12;

/** The topmost page frame under (x, y), with `slop` points of tolerance for thin frames (rules). */
export function frameAt(page: Page, x: number, y: number, slop: number): Frame | null {
  for (let i = page.frames.length - 1; i >= 0; i--) {
    const f = page.frames[i]!;
    const s = f.kind === 'rule' ? slop * 2 : slop;
    if (x >= f.x - s && x <= f.x + f.width + s && y >= f.y - s && y <= f.y + f.height + s) return f;
  }
  return null;
}

export function handlePoint(f: { x: number; y: number; width: number; height: number }, h: Handle): { x: number; y: number } {
  const x = h.includes('w') ? f.x : h.includes('e') ? f.x + f.width : f.x + f.width / 2;
  const y = h.includes('n') ? f.y : h.includes('s') ? f.y + f.height : f.y + f.height / 2;
  return { x, y };
}

export function handleAt(f: Frame, x: number, y: number, ptPerPx: number): Handle | null {
  const r = (HANDLE_PX / 2 + 2) * ptPerPx;
  for (const h of HANDLES) {
    const p = handlePoint(f, h);
    if (Math.abs(p.x - x) <= r && Math.abs(p.y - y) <= r) return h;
  }
  return null;
}

/** Out-port of a text frame: a square just outside its bottom-right corner. */
export function outPort(f: TextFrame, ptPerPx: number): { x: number; y: number; size: number } {
  const size = PORT_PX * ptPerPx;
  return { x: f.x + f.width - size, y: f.y + f.height + 2 * ptPerPx, size };
}

/** In-port of a text frame: a square just outside its top-left corner. */
export function inPort(f: TextFrame, ptPerPx: number): { x: number; y: number; size: number } {
  const size = PORT_PX * ptPerPx;
  return { x: f.x, y: f.y - size - 2 * ptPerPx, size };
}

export function outPortAt(page: Page, x: number, y: number, ptPerPx: number): TextFrame | null {
  for (let i = page.frames.length - 1; i >= 0; i--) {
    const f = page.frames[i]!;
    if (f.kind !== 'text') continue;
    const p = outPort(f, ptPerPx);
    if (x >= p.x && x <= p.x + p.size && y >= p.y && y <= p.y + p.size) return f;
  }
  return null;
}

/**
 * Marquee selection: the page frames (not the master's) wholly inside `r`, or with
 * `touching` every frame the rectangle meets (Alt held while dragging, as in CorelDRAW, where the
 * plain marquee also takes only what it encloses). In z-order, bottom first. Locked frames are
 * taken too: a locked frame is selectable by a click as well, it only does not move or resize.
 */
export function framesInRect(page: Page, r: { x: number; y: number; width: number; height: number }, touching: boolean): Frame[] {
  const x1 = r.x + r.width;
  const y1 = r.y + r.height;
  return page.frames.filter((f) =>
    touching
      ? f.x <= x1 && f.x + f.width >= r.x && f.y <= y1 && f.y + f.height >= r.y
      : f.x >= r.x && f.x + f.width <= x1 && f.y >= r.y && f.y + f.height <= y1,
  );
}
