// Drawing one FrameLayout on a 2D canvas context, in page points (the caller's transform maps
// points to pixels). This is the screen twin of the PDF writer: shapes first, then lines, glyphs
// by id from the font's outlines.
import type { FrameLayout, LineLayout, Shape } from '../engine/types';
import { fillCss } from './color';
import type { GlyphSource } from './glyphs';

/** Images by asset id, ready to draw (null while loading or when the browser cannot decode it, e.g. TIFF). */
export type ImageLookup = (assetId: string) => CanvasImageSource | null;

export interface DrawOptions {
  glyphs: GlyphSource;
  images: ImageLookup;
  /** Set while the layout shown is a preview (drag): skips image smoothing for speed. */
  fast?: boolean;
}

export function drawFrame(ctx: CanvasRenderingContext2D, f: FrameLayout, o: DrawOptions): void {
  for (const s of f.shapes) drawShape(ctx, s, o);
  if (f.lines.length) drawLines(ctx, f.lines, o.glyphs);
}

export function drawLines(ctx: CanvasRenderingContext2D, lines: readonly LineLayout[], glyphs: GlyphSource): void {
  const base = ctx.getTransform();
  const { a, b, c, d, e, f } = base;
  for (const line of lines) {
    for (const run of line.runs) {
      const k = run.size / glyphs.unitsPerEm(run.font);
      ctx.fillStyle = fillCss(run.fill);
      for (const g of run.glyphs) {
        const p = glyphs.path(run.font, g.id);
        if (!p) continue;
        // base · translate(x, y) [· rotate(90°)] · scale(k, -k), as one matrix: font units are
        // y-up, the page is y-down; Latin in vertical text turns 90° clockwise about its origin,
        // baseline down the column. One setTransform per glyph instead of four calls.
        const x = line.x + g.x;
        const y = line.y + (g.y ?? 0);
        const tx = a * x + c * y + e;
        const ty = b * x + d * y + f;
        if (g.rotated) ctx.setTransform(c * k, d * k, a * k, b * k, tx, ty);
        else ctx.setTransform(a * k, b * k, -c * k, -d * k, tx, ty);
        ctx.fill(p);
      }
    }
  }
  ctx.setTransform(base);
}

export function drawShape(ctx: CanvasRenderingContext2D, s: Shape, o: DrawOptions): void {
  switch (s.type) {
    case 'line': {
      ctx.beginPath();
      ctx.moveTo(s.x1, s.y1);
      ctx.lineTo(s.x2, s.y2);
      ctx.lineWidth = s.weight;
      ctx.strokeStyle = fillCss(s.color);
      ctx.lineCap = s.cap;
      ctx.setLineDash(s.dash ?? []);
      ctx.stroke();
      ctx.setLineDash([]);
      return;
    }
    case 'rect': {
      if (s.fill) {
        ctx.fillStyle = fillCss(s.fill);
        ctx.fillRect(s.x, s.y, s.width, s.height);
      }
      if (s.stroke && s.strokeWeight > 0) {
        ctx.lineWidth = s.strokeWeight;
        ctx.strokeStyle = fillCss(s.stroke);
        ctx.strokeRect(s.x, s.y, s.width, s.height);
      }
      return;
    }
    case 'image': {
      const img = s.assetId && s.rect ? o.images(s.assetId) : null;
      ctx.save();
      ctx.beginPath();
      ctx.rect(s.clip.x, s.clip.y, s.clip.width, s.clip.height);
      ctx.clip();
      if (img && s.rect) {
        ctx.imageSmoothingEnabled = !o.fast;
        ctx.drawImage(img, s.rect.x, s.rect.y, s.rect.width, s.rect.height);
      } else {
        drawPlaceholder(ctx, s.clip);
      }
      ctx.restore();
      return;
    }
    case 'qr': {
      // The engine computed the dark modules (engine/qr.ts); fill exactly those, as the PDF does.
      ctx.fillStyle = fillCss(s.color);
      for (const r of s.rects) ctx.fillRect(r.x, r.y, r.width, r.height);
      return;
    }
  }
}

/** An empty image frame: light grey with a diagonal cross, as layout programs show it. */
export function drawPlaceholder(ctx: CanvasRenderingContext2D, r: { x: number; y: number; width: number; height: number }): void {
  ctx.fillStyle = 'rgb(235, 235, 235)';
  ctx.fillRect(r.x, r.y, r.width, r.height);
  ctx.beginPath();
  ctx.moveTo(r.x, r.y);
  ctx.lineTo(r.x + r.width, r.y + r.height);
  ctx.moveTo(r.x + r.width, r.y);
  ctx.lineTo(r.x, r.y + r.height);
  ctx.strokeStyle = 'rgb(170, 170, 170)';
  ctx.lineWidth = 0.5;
  ctx.stroke();
}
