// Per-frame bitmaps for the content layer, aligned to the device-pixel grid.
//
// Konva redraws a whole layer whenever anything on it changes, so one typed character used to
// redraw (and re-rasterise) every glyph on the page. Here each frame is drawn once into its own
// canvas at the screen's resolution and, while its layout, the zoom, the sub-pixel position and
// the loaded assets stay the same, the layer only copies that bitmap; an edit re-draws just the
// frames whose layout changed.
//
// Pixel-exact: the bitmap is drawn with the layer's own device transform minus a whole number of
// pixels, and copied back at that whole-pixel offset with an identity transform, so every glyph
// lands on exactly the sub-pixel position direct drawing would give it: the screen looks the
// same with and without the cache (the e2e screenshot references do not change). Frames whose
// bitmap would be very large (deep zoom) are drawn directly, as are transforms with rotation.
import type { FrameLayout, Shape } from '../engine/types';

/** Device pixels a single frame's bitmap may have; above it the frame is drawn directly. */
export const MAX_FRAME_BITMAP_PX = 8_000_000;
/** Device pixels all bitmaps together may hold; the least recently drawn are dropped beyond it. */
export const MAX_TOTAL_BITMAP_PX = 48_000_000;
/** Points of clearance round a frame's content: glyph ink and stroke caps overhang their boxes. */
export const CONTENT_PAD_PT = 4;

export interface BitmapCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  /**
   * OffscreenCanvas: hands the drawn pixels over as an ImageBitmap (and leaves the canvas blank).
   * Copying an ImageBitmap onto the layer is a plain blit; copying a canvas makes Chromium's
   * software renderer snapshot its pixels first, every time (measured: ~8 ms per keystroke for
   * the ~30 frames of a full page).
   */
  transferToImageBitmap?(): ImageBitmap;
}

interface Entry {
  layout: FrameLayout;
  key: string;
  /** What is copied onto the layer: an ImageBitmap where the canvas can hand one over. */
  image: CanvasImageSource;
  width: number;
  height: number;
  ix: number;
  iy: number;
  px: number;
}

/** Extent of everything a frame draws, in page points: its rectangle, shapes and line boxes. */
export function contentBounds(f: FrameLayout): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = f.x;
  let y0 = f.y;
  let x1 = f.x + f.width;
  let y1 = f.y + f.height;
  const add = (ax: number, ay: number, bx: number, by: number) => {
    if (ax < x0) x0 = ax;
    if (ay < y0) y0 = ay;
    if (bx > x1) x1 = bx;
    if (by > y1) y1 = by;
  };
  for (const s of f.shapes) shapeBounds(s, add);
  for (const l of f.lines) {
    if (l.vertical) add(l.x - l.size, l.y - l.size, l.x + 2 * l.size, l.y + l.width + l.size);
    else add(l.x - l.size, l.y - 1.5 * l.size, l.x + l.width + l.size, l.y + l.size);
  }
  return { x0: x0 - CONTENT_PAD_PT, y0: y0 - CONTENT_PAD_PT, x1: x1 + CONTENT_PAD_PT, y1: y1 + CONTENT_PAD_PT };
}

function shapeBounds(s: Shape, add: (ax: number, ay: number, bx: number, by: number) => void): void {
  switch (s.type) {
    case 'line': {
      const w = s.weight;
      add(Math.min(s.x1, s.x2) - w, Math.min(s.y1, s.y2) - w, Math.max(s.x1, s.x2) + w, Math.max(s.y1, s.y2) + w);
      return;
    }
    case 'rect':
      add(s.x - s.strokeWeight, s.y - s.strokeWeight, s.x + s.width + s.strokeWeight, s.y + s.height + s.strokeWeight);
      return;
    case 'image':
      add(s.clip.x, s.clip.y, s.clip.x + s.clip.width, s.clip.y + s.clip.height);
      return;
    case 'qr':
      for (const r of s.rects) add(r.x, r.y, r.x + r.width, r.y + r.height);
      return;
  }
}

/**
 * Structural equality of two layouts (plain data: numbers, strings, booleans, null, arrays and
 * objects). The engine builds new objects on every relayout; this tells which frames really
 * changed, so unchanged frames keep their bitmaps.
 */
export function sameLayout(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameLayout(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameLayout((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * The frames of a new page layout, with each frame that is structurally the same as the one of
 * the same id in `prev` replaced by that earlier object (so memoised drawing and bitmaps keep).
 */
export function stabilizeFrames(prev: readonly FrameLayout[] | undefined, next: readonly FrameLayout[]): FrameLayout[] {
  if (!prev?.length) return [...next];
  const before = new Map(prev.map((f) => [f.id, f]));
  return next.map((f) => {
    const p = before.get(f.id);
    return p && p !== f && sameLayout(p, f) ? p : f;
  });
}

export class FrameBitmapCache {
  private entries = new Map<string, Entry>();
  private scratch: BitmapCanvas | null = null;
  private bounds = new WeakMap<FrameLayout, ReturnType<typeof contentBounds>>();
  private total = 0;
  /** Bitmaps drawn (misses), for tests and the benchmark. */
  renders = 0;
  /** Copies of a kept bitmap (hits). */
  hits = 0;

  constructor(private readonly makeCanvas: (w: number, h: number) => BitmapCanvas = defaultCanvas) {}

  /**
   * Draws `frame` on `ctx` (whose transform maps page points to device pixels) through its
   * bitmap. `draw` draws the frame in page points on the context it is given. `assets` changes
   * when fonts or images finish loading, which makes every bitmap stale.
   */
  draw(ctx: CanvasRenderingContext2D, frame: FrameLayout, assets: number, draw: (c: CanvasRenderingContext2D) => void): void {
    const m = ctx.getTransform();
    if (m.b !== 0 || m.c !== 0 || m.a <= 0 || m.d <= 0) return draw(ctx);
    // a frame's layout object never changes, so its bounds are computed once, not on every copy
    let b = this.bounds.get(frame);
    if (!b) this.bounds.set(frame, (b = contentBounds(frame)));
    const dx0 = m.a * b.x0 + m.e;
    const dy0 = m.d * b.y0 + m.f;
    const ix = Math.floor(dx0);
    const iy = Math.floor(dy0);
    const w = Math.ceil(m.a * b.x1 + m.e) - ix + 1;
    const h = Math.ceil(m.d * b.y1 + m.f) - iy + 1;
    if (w * h > MAX_FRAME_BITMAP_PX || w <= 0 || h <= 0) {
      this.drop(frame.id);
      return draw(ctx);
    }
    // Sub-pixel phase of the device transform: with it and the scale the same, the bitmap's pixels
    // are the ones direct drawing would make, wherever the frame sits in whole pixels.
    const key = `${m.a}|${m.d}|${m.e - Math.floor(m.e)}|${m.f - Math.floor(m.f)}|${assets}`;
    let e = this.entries.get(frame.id);
    // The whole-pixel origin relative to the transform's own whole-pixel part: a pan by whole
    // pixels keeps the bitmap.
    const rx = ix - Math.floor(m.e);
    const ry = iy - Math.floor(m.f);
    if (!e || e.layout !== frame || e.key !== key || e.ix !== rx || e.iy !== ry || e.width !== w || e.height !== h) {
      const canvas = this.scratchOf(w, h);
      const c = canvas.getContext('2d') as CanvasRenderingContext2D | null;
      if (!c) return draw(ctx);
      c.setTransform(1, 0, 0, 1, 0, 0);
      c.clearRect(0, 0, w, h);
      c.setTransform(m.a, 0, 0, m.d, m.e - ix, m.f - iy);
      draw(c);
      c.setTransform(1, 0, 0, 1, 0, 0);
      let image: CanvasImageSource;
      if (canvas.transferToImageBitmap) image = canvas.transferToImageBitmap();
      else {
        image = canvas as unknown as CanvasImageSource;
        this.scratch = null; // the canvas is the bitmap now
      }
      if (e) this.release(e);
      e = { layout: frame, key, image, width: w, height: h, ix: rx, iy: ry, px: w * h };
      this.total += e.px;
      this.renders++;
    } else this.hits++;
    // most recently used last
    this.entries.delete(frame.id);
    this.entries.set(frame.id, e);
    this.evict(frame.id);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.drawImage(e.image, ix, iy);
    ctx.restore();
  }

  /** Forgets frames not in `keep` (deleted frames, another page). */
  retain(keep: Iterable<string>): void {
    const k = new Set(keep);
    for (const id of [...this.entries.keys()]) if (!k.has(id)) this.drop(id);
  }

  get size(): number {
    return this.entries.size;
  }

  get pixels(): number {
    return this.total;
  }

  private drop(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.release(e);
    this.entries.delete(id);
  }

  private release(e: Entry): void {
    this.total -= e.px;
    (e.image as { close?: () => void }).close?.();
  }

  /** A canvas to draw the next bitmap in (an OffscreenCanvas is reused: transfer empties it). */
  private scratchOf(w: number, h: number): BitmapCanvas {
    const s = this.scratch;
    if (s && s.transferToImageBitmap) {
      if (s.width !== w) s.width = w;
      if (s.height !== h) s.height = h;
      return s;
    }
    return (this.scratch = this.makeCanvas(w, h));
  }

  private evict(keepId: string): void {
    for (const id of this.entries.keys()) {
      if (this.total <= MAX_TOTAL_BITMAP_PX) return;
      if (id !== keepId) this.drop(id);
    }
  }
}

function defaultCanvas(w: number, h: number): BitmapCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}
