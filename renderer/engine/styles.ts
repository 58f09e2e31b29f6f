// Style resolution for the engine: paragraph and character styles -> TextStyle objects (shared,
// so glyph runs group by identity and cached items stay valid between layouts) and the
// per-paragraph settings the stages need.
import type { CharacterStyle, Grid, Issue, Paragraph, ParagraphStyle, Prohibition, Align, Swatch } from '../model/schema';
import { linePitch } from '../model/grid';
import type { FontProvider } from './metrics';
import type { BreakStrategy } from './breakLines';
import type { StyledRun, TextStyle } from './segment';
import type { Fill } from './types';

/** The fill used when a swatch id is unknown: 100% K, so missing colour never disappears. */
export const FALLBACK_FILL: Fill = { swatch: 'black', c: 0, m: 0, y: 0, k: 100 };

export interface StyleContext {
  readonly fonts: FontProvider;
  readonly grid: Grid;
  readonly fills: Map<string, Fill>;
  readonly pstyles: Map<string, ParagraphStyle>;
  readonly cstyles: Map<string, CharacterStyle>;
  /** TextStyle objects by font|size|fill|tracking. */
  readonly textStyles: Map<string, TextStyle>;
  /** Line-breaking strategy for story text. */
  readonly strategy: BreakStrategy;
  /** Settings per paragraph style object, for this layout. */
  readonly settings: Map<ParagraphStyle, ParaSettings>;
}

export function styleContext(issue: Issue, fonts: FontProvider, textStyles = new Map<string, TextStyle>(), strategy: BreakStrategy = 'first-fit'): StyleContext {
  return {
    strategy,
    settings: new Map(),
    fonts,
    grid: issue.grid,
    fills: new Map(issue.swatches.map((s) => [s.id as string, swatchFill(s)])),
    pstyles: new Map(issue.paragraphStyles.map((s) => [s.id as string, s])),
    cstyles: new Map(issue.characterStyles.map((s) => [s.id as string, s])),
    textStyles,
  };
}

export const swatchFill = (s: Swatch, tint = 100): Fill => ({
  swatch: s.id,
  c: (s.c * tint) / 100,
  m: (s.m * tint) / 100,
  y: (s.y * tint) / 100,
  k: (s.k * tint) / 100,
});

export const fillOf = (ctx: StyleContext, swatch: string | null | undefined): Fill => (swatch ? ctx.fills.get(swatch) ?? FALLBACK_FILL : FALLBACK_FILL);

export function textStyle(ctx: StyleContext, font: string, size: number, color: string, tracking: number): TextStyle {
  const fill = fillOf(ctx, color);
  const key = `${font}|${size}|${fill.swatch}:${fill.c},${fill.m},${fill.y},${fill.k}|${tracking}`;
  let t = ctx.textStyles.get(key);
  if (!t) {
    const metrics = ctx.fonts.get(font);
    t = { font: metrics, size, fill, tracking: tracking / 1000 };
    const fb = ctx.fonts.fallbacks?.(font).filter((m) => m !== metrics);
    if (fb && fb.length > 0) t.fallbacks = fb.map((m) => ({ font: m, size, fill, tracking: tracking / 1000 }));
    ctx.textStyles.set(key, t);
  }
  return t;
}

/** What the stages need to know about a paragraph's style. */
export interface ParaSettings {
  style: ParagraphStyle;
  base: TextStyle;
  prohibition: Prohibition;
  align: Align;
  /** First-line indent, points. */
  indent: number;
  /** Grid lines each text line occupies (1 for body text). */
  gridLines: number;
  /** Whole grid lines skipped before / after the paragraph (space between items is whole lines). */
  spaceBefore: number;
  spaceAfter: number;
}

/**
 * Grid lines a line of this style occupies: the style's leading rounded to whole grid lines, or,
 * with leading 0, the fewest grid lines whose span (n pitches less one line gap) holds the type.
 */
export function gridLinesFor(grid: Grid, size: number, leading: number): number {
  const pitch = linePitch(grid);
  if (leading > 0) return Math.max(1, Math.round(leading / pitch));
  return Math.max(1, Math.ceil((size + grid.lineGap) / pitch - 1e-9));
}

export function paraSettings(ctx: StyleContext, style: ParagraphStyle): ParaSettings {
  let s = ctx.settings.get(style);
  if (!s) {
    s = makeSettings(ctx, style);
    ctx.settings.set(style, s);
  }
  return s;
}

function makeSettings(ctx: StyleContext, style: ParagraphStyle): ParaSettings {
  return {
    style,
    base: textStyle(ctx, style.font, style.size, style.color, style.tracking),
    prohibition: style.prohibition,
    align: style.align,
    indent: style.indent * style.size,
    gridLines: gridLinesFor(ctx.grid, style.size, style.leading),
    spaceBefore: Math.ceil(style.spaceBefore - 1e-9),
    spaceAfter: Math.ceil(style.spaceAfter - 1e-9),
  };
}

/** The paragraph style of `para`, or the first style when the id is unknown (validation reports it). */
export function paraStyleOf(ctx: StyleContext, id: string): ParagraphStyle {
  const s = ctx.pstyles.get(id);
  if (s) return s;
  const first = ctx.pstyles.values().next().value;
  if (!first) throw new Error('the issue has no paragraph styles: add at least one (the body style)');
  return first;
}

export function styledRuns(ctx: StyleContext, para: Paragraph, settings: ParaSettings): StyledRun[] {
  const ps = settings.style;
  return para.runs.map((r) => {
    if (!r.style) return { text: r.text, style: settings.base };
    const cs = ctx.cstyles.get(r.style);
    if (!cs) return { text: r.text, style: settings.base };
    return { text: r.text, style: textStyle(ctx, cs.font ?? ps.font, cs.size ?? ps.size, cs.color ?? ps.color, ps.tracking) };
  });
}
