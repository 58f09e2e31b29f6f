// Zoom and pan maths. Zoom 1 = actual size: one point of the page is one point on the screen,
// i.e. 96/72 CSS pixels (CSS defines 96 px per inch, the page 72 pt per inch).
import { clampZoom } from '../editor/state';

export const CSS_PX_PER_PT = 96 / 72;
export const pxPerPt = (zoom: number): number => zoom * CSS_PX_PER_PT;

export interface View {
  zoom: number;
  /** Screen position (CSS px in the stage) of the page's top-left trim corner. */
  panX: number;
  panY: number;
}

/** Pasteboard around the page when fitting, in CSS px. */
export const FIT_MARGIN_PX = 24;

export function fitPage(viewW: number, viewH: number, pageW: number, pageH: number, bleed = 0): View {
  const w = pageW + 2 * bleed;
  const h = pageH + 2 * bleed;
  const zoom = clampZoom(Math.min((viewW - 2 * FIT_MARGIN_PX) / (w * CSS_PX_PER_PT), (viewH - 2 * FIT_MARGIN_PX) / (h * CSS_PX_PER_PT)));
  const s = pxPerPt(zoom);
  return { zoom, panX: (viewW - pageW * s) / 2, panY: (viewH - pageH * s) / 2 };
}

export function fitWidth(viewW: number, pageW: number, bleed = 0): View {
  const zoom = clampZoom((viewW - 2 * FIT_MARGIN_PX) / ((pageW + 2 * bleed) * CSS_PX_PER_PT));
  const s = pxPerPt(zoom);
  return { zoom, panX: (viewW - pageW * s) / 2, panY: FIT_MARGIN_PX + bleed * s };
}

/** Zooms to `zoom` keeping the page point under screen point (sx, sy) where it is. */
export function zoomAt(v: View, zoom: number, sx: number, sy: number): View {
  const z = clampZoom(zoom);
  const s0 = pxPerPt(v.zoom);
  const s1 = pxPerPt(z);
  const px = (sx - v.panX) / s0;
  const py = (sy - v.panY) / s0;
  return { zoom: z, panX: sx - px * s1, panY: sy - py * s1 };
}

/** Page coordinates (pt) of a screen point. */
export function toPage(v: View, sx: number, sy: number): { x: number; y: number } {
  const s = pxPerPt(v.zoom);
  return { x: (sx - v.panX) / s, y: (sy - v.panY) / s };
}

/** Zoom steps for zoom in/out (percent), the usual ladder of layout programs. */
export const ZOOM_STEPS = [0.1, 0.125, 0.25, 0.333, 0.5, 0.667, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8];

export function nextZoom(z: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((s) => s > z + 1e-6) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((s) => s < z - 1e-6) ?? ZOOM_STEPS[0]!;
}

/** Ctrl+wheel: each 100 px of wheel delta is a factor of 1.25 (smooth on trackpads). */
export const wheelZoomFactor = (deltaY: number): number => Math.pow(1.25, -deltaY / 100);
