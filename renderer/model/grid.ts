// The page grid: a Chinese newspaper page is specified as body size x characters per column x
// columns, a gutter in characters and a number of lines. Everything else follows exactly.
import type { Grid, PageSize, PagePreset } from './schema';
import { mmToPt, ZIHAO } from './units';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Baseline-to-baseline distance of body lines, in points. */
export const linePitch = (g: Grid): number => g.bodySize + g.lineGap;

/** Width of one column in points: charsPerColumn body ems. */
export const columnWidth = (g: Grid): number => g.charsPerColumn * g.bodySize;

/** Gutter width in points. */
export const gutterWidth = (g: Grid): number => g.gutterChars * g.bodySize;

/** Type area width: N columns plus N-1 gutters. */
export const typeAreaWidth = (g: Grid): number => g.columns * columnWidth(g) + (g.columns - 1) * gutterWidth(g);

/**
 * Type area height: L lines of body size and L-1 line gaps (版心高 = 行数×字号 + (行数−1)×行距):
 * the first line's em box starts at the top edge and the last line's em box ends at the bottom.
 */
export const typeAreaHeight = (g: Grid): number => g.linesPerPage * g.bodySize + (g.linesPerPage - 1) * g.lineGap;

export const typeArea = (g: Grid): Rect => ({
  x: g.marginLeft,
  y: g.marginTop,
  width: typeAreaWidth(g),
  height: typeAreaHeight(g),
});

/** Left edge of column i (0-based) of the page grid. */
export const columnX = (g: Grid, i: number): number => g.marginLeft + i * (columnWidth(g) + gutterWidth(g));

/** Top of the em box of grid line i (0-based). */
export const lineTop = (g: Grid, i: number): number => g.marginTop + i * linePitch(g);

/** Page presets, trimmed size in millimetres. 四开 tabloid and 对开 broadsheet. */
export const PAGE_PRESETS: Record<Exclude<PagePreset, 'custom'>, { widthMm: number; heightMm: number; label: string }> = {
  tabloid: { widthMm: 275, heightMm: 390, label: '四开 Tabloid 275×390 mm' },
  broadsheet: { widthMm: 390, heightMm: 550, label: '对开 Broadsheet 390×550 mm' },
};

export function pageSizeFor(preset: PagePreset, custom?: { widthMm: number; heightMm: number }): PageSize {
  if (preset === 'custom') {
    if (!custom) throw new Error('a custom page size needs a width and height in mm');
    return { preset, width: mmToPt(custom.widthMm), height: mmToPt(custom.heightMm) };
  }
  const p = PAGE_PRESETS[preset];
  return { preset, width: mmToPt(p.widthMm), height: mmToPt(p.heightMm) };
}

/**
 * Builds a grid and centres its type area on the page. lineGap 3 pt under 小五 (9 pt) body gives
 * a 12 pt pitch, the dense setting community papers use; lines per page are as many as fit with
 * at least `minMarginMm` above and below.
 */
export function makeGrid(
  page: PageSize,
  spec: { bodySize?: number; charsPerColumn: number; columns: number; gutterChars?: number; lineGap?: number; linesPerPage?: number; minMarginMm?: number },
): Grid {
  const bodySize = spec.bodySize ?? ZIHAO.小五;
  const lineGap = spec.lineGap ?? 3;
  const gutterChars = spec.gutterChars ?? 1;
  const minMargin = mmToPt(spec.minMarginMm ?? 18);
  const pitch = bodySize + lineGap;
  const linesPerPage = spec.linesPerPage ?? Math.max(1, Math.floor((page.height - 2 * minMargin + lineGap) / pitch));
  const g: Grid = {
    bodySize,
    charsPerColumn: spec.charsPerColumn,
    columns: spec.columns,
    gutterChars,
    linesPerPage,
    lineGap,
    marginLeft: 0,
    marginTop: 0,
  };
  const w = typeAreaWidth(g);
  const h = typeAreaHeight(g);
  // Round margins to 1/1000 pt so that the saved file is stable.
  return { ...g, marginLeft: Math.round(((page.width - w) / 2) * 1000) / 1000, marginTop: Math.round(((page.height - h) / 2) * 1000) / 1000 };
}

/** Default grids: tabloid 6 columns x 11 characters of 小五; broadsheet 8 x 13 with 120 lines. */
export function defaultGrid(page: PageSize): Grid {
  if (page.preset === 'broadsheet') return makeGrid(page, { charsPerColumn: 13, columns: 8, linesPerPage: 120 });
  if (page.preset === 'tabloid') return makeGrid(page, { charsPerColumn: 11, columns: 6 });
  // custom: as many 11-character columns as fit with ~18 mm side margins
  const cols = Math.max(1, Math.floor((page.width - mmToPt(36) + 9) / (12 * 9)));
  return makeGrid(page, { charsPerColumn: 11, columns: cols });
}
