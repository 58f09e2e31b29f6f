// Glyph outlines for the screen, from the same font files and glyph ids the PDF embeds: the
// canvas draws glyph ids from the LayoutResult, never text, so screen = press.
//
// A Path2D per font and glyph id, built once from the glyph's outline in font units (y up).
// Drawing scales it by size / unitsPerEm and flips y.

/** Outline source for one face. */
export interface OutlineFont {
  readonly unitsPerEm: number;
  /** SVG path data of glyph `id` in font units, y up ('' for an empty glyph). */
  svgPath(id: number): string;
}

/** What the drawing code needs: a cached Path2D for (font, glyph), and the font's units per em. */
export interface GlyphSource {
  path(font: string, id: number): Path2D | null;
  unitsPerEm(font: string): number;
}

export class GlyphCache implements GlyphSource {
  private fonts = new Map<string, OutlineFont>();
  private paths = new Map<string, Map<number, Path2D | null>>();
  /** Path2D construction is injected so tests can run without a DOM. */
  constructor(private readonly makePath: (d: string) => Path2D = (d) => new Path2D(d)) {}

  add(postscriptName: string, font: OutlineFont): void {
    this.fonts.set(postscriptName, font);
    this.paths.set(postscriptName, new Map());
  }

  has(postscriptName: string): boolean {
    return this.fonts.has(postscriptName);
  }

  unitsPerEm(font: string): number {
    return this.fonts.get(font)?.unitsPerEm ?? 1000;
  }

  path(font: string, id: number): Path2D | null {
    const f = this.fonts.get(font);
    if (!f) return null;
    const cache = this.paths.get(font)!;
    let p = cache.get(id);
    if (p === undefined) {
      const d = f.svgPath(id);
      p = d ? this.makePath(d) : null;
      cache.set(id, p);
    }
    return p;
  }

  /** Glyph paths built so far (for the status line and tests). */
  get size(): number {
    let n = 0;
    for (const m of this.paths.values()) n += m.size;
    return n;
  }
}
