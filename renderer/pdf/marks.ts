// Printer's marks outside the bleed: crop marks at the trim corners, registration targets at the
// middle of each side, and a slug line (paper, date, page, time). All in the registration colour
// /Separation /All, so they print on every plate. Never drawn for ad-only export.
import { num } from './content';

/** Room around the bleed for the marks, points (about 10 mm: mark length + offset + slug). */
export const MARKS_MARGIN = 28;
/** Gap between the bleed edge and the start of a crop mark, points. */
const MARK_OFFSET = 3;
/** Crop mark length, points (5 mm is the usual press value). */
const MARK_LENGTH = 14;
/** Mark stroke weight: 0.25 pt, the finest line a plate holds reliably. */
const MARK_WEIGHT = 0.25;
/** Registration target radius, points. */
const TARGET_R = 5;

export interface MarksGeometry {
  /** Trim rectangle in PDF user space (y up). */
  trimX: number;
  trimY: number;
  trimW: number;
  trimH: number;
  bleed: number;
}

/** Path operators for crop marks and registration targets; stroke them in /CSAll. */
export function markPaths(g: MarksGeometry): string[] {
  const out: string[] = [`${num(MARK_WEIGHT)} w 0 J [] 0 d`];
  const { trimX: x0, trimY: y0, trimW: w, trimH: h, bleed } = g;
  const x1 = x0 + w;
  const y1 = y0 + h;
  const a = bleed + MARK_OFFSET;
  const b = a + MARK_LENGTH;
  const seg = (xa: number, ya: number, xb: number, yb: number) => `${num(xa)} ${num(ya)} m ${num(xb)} ${num(yb)} l`;
  for (const [cx, cy, sx, sy] of [
    [x0, y0, -1, -1],
    [x1, y0, 1, -1],
    [x0, y1, -1, 1],
    [x1, y1, 1, 1],
  ] as const) {
    out.push(seg(cx + sx * a, cy, cx + sx * b, cy)); // horizontal mark on the trim's y
    out.push(seg(cx, cy + sy * a, cx, cy + sy * b)); // vertical mark on the trim's x
  }
  // Registration targets: circle and cross centred in the marks band at each side's middle.
  const c = a + MARK_LENGTH / 2;
  for (const [tx, ty] of [
    [x0 + w / 2, y1 + c],
    [x0 + w / 2, y0 - c],
    [x0 - c, y0 + h / 2],
    [x1 + c, y0 + h / 2],
  ] as const) {
    out.push(circle(tx, ty, TARGET_R));
    out.push(seg(tx - TARGET_R * 1.5, ty, tx + TARGET_R * 1.5, ty));
    out.push(seg(tx, ty - TARGET_R * 1.5, tx, ty + TARGET_R * 1.5));
  }
  out.push('S');
  return out;
}

/** A circle from four cubic Béziers (0.5523 = 4/3·(√2−1), the usual quarter-circle constant). */
function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  const p = (x: number, y: number) => `${num(x)} ${num(y)}`;
  return [
    `${p(cx + r, cy)} m`,
    `${p(cx + r, cy + k)} ${p(cx + k, cy + r)} ${p(cx, cy + r)} c`,
    `${p(cx - k, cy + r)} ${p(cx - r, cy + k)} ${p(cx - r, cy)} c`,
    `${p(cx - r, cy - k)} ${p(cx - k, cy - r)} ${p(cx, cy - r)} c`,
    `${p(cx + k, cy - r)} ${p(cx + r, cy - k)} ${p(cx + r, cy)} c`,
  ].join(' ');
}

/** The slug text: paper, date, page and the time of export. */
export function slugText(paper: string, issueDate: string, pageNumber: number, created: Date): string {
  const t = created.toISOString().replace('T', ' ').slice(0, 16);
  return `${paper}  ${issueDate}  第${pageNumber}版  ${t} UTC`;
}

/** Slug type size, points. */
export const SLUG_SIZE = 6;
