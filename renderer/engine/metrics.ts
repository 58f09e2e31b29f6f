// The only view of a font the engine has. Everything is in ems (fractions of the type size), so
// one FontMetrics serves every size. Implementations cache per code point / word: the engine calls
// these in its hot path and expects a map lookup, not a shaping call.
//
// renderer/fonts/fontkit-metrics.ts implements it over a fontkit Font; tests may hand the engine
// a fake (test/renderer/engine/fake-metrics.ts).

/** Horizontal metrics of the default glyph for one code point. */
export interface GlyphMetrics {
  /** Glyph id in the font (0 = .notdef: the font lacks the character). */
  id: number;
  /** Advance width, em. */
  advance: number;
  /**
   * Blank part of the em box at the start (left) and end (right) of a full-width punctuation
   * mark, em, as the font's `halt` feature (or, lacking it, the glyph's ink bounds) says. SC fonts
   * put 。，at the left of the em (blankEnd 0.5), TC fonts centre them (0.25 / 0.25); opening
   * brackets have blankStart 0.5. Zero for everything that is not such a mark.
   */
  blankStart: number;
  blankEnd: number;
}

/** One glyph of a shaped Latin word. */
export interface ShapedGlyph {
  id: number;
  /** Advance, em. */
  advance: number;
  /** Offsets from the pen position, em (x right, y up as in the font). */
  xOffset: number;
  yOffset: number;
  /** Source characters of this glyph ('' for later glyphs of a cluster). */
  text: string;
}

/** Vertical metrics of a code point set top to bottom. */
export interface VerticalGlyph {
  /** Glyph id after the `vert` substitution (rotated brackets, dashes, ellipses). */
  id: number;
  /** Vertical advance, em (from vmtx; 1 for ideographs). For rotated glyphs: the horizontal advance. */
  advance: number;
  /** Horizontal advance of the glyph, em (to centre an upright glyph in the column). */
  hAdvance: number;
  /** True when the character has no vertical form and is set sideways (Latin letters, digits). */
  rotated: boolean;
}

export interface FontMetrics {
  /** PostScript name of the face these metrics belong to. */
  readonly postscriptName: string;
  /**
   * Depth of the ideographic em box below the baseline, em (0.12 for Noto CJK, whose em box
   * runs from -120 to 880 units). Baseline = em-box top + (1 - emBoxDescent) x size.
   */
  readonly emBoxDescent: number;
  /** Advance of the word space, em. */
  readonly spaceAdvance: number;
  /** Default glyph for a code point, with punctuation blanks. Cached. */
  glyph(codePoint: number): GlyphMetrics;
  /** Shape a Latin word or digit run (no spaces) as one unit: kerning and ligatures. Cached. */
  shape(word: string): readonly ShapedGlyph[];
  /** Glyph for a code point set vertically. Cached. */
  vertical(codePoint: number): VerticalGlyph;
}

/** Answers every PostScript name; substitution of missing fonts happens before the engine. */
export interface FontProvider {
  get(postscriptName: string): FontMetrics;
  /**
   * Faces tried in order for characters the face `postscriptName` has no glyph for (AR PL KaitiM
   * covers GB 2312 only: a rare character in a 楷 byline is taken from the 宋 body face rather
   * than printed as a .notdef box). Optional; without it such characters keep glyph id 0.
   */
  fallbacks?(postscriptName: string): readonly FontMetrics[];
}

/** A FontProvider over a fixed map, answering `fallback` for unknown names; `glyphFallbacks`
 *  are tried for characters a face lacks. */
export function mapFontProvider(
  fonts: ReadonlyMap<string, FontMetrics> | Record<string, FontMetrics>,
  fallback: FontMetrics,
  glyphFallbacks: readonly FontMetrics[] = [],
): FontProvider {
  const m = fonts instanceof Map ? fonts : new Map(Object.entries(fonts as Record<string, FontMetrics>));
  return { get: (name) => m.get(name) ?? fallback, fallbacks: () => glyphFallbacks };
}
