// The engine's output: one plain, JSON-serialisable description of every page. The canvas and
// the PDF writer draw only this, so screen and press cannot disagree (HOUSE_STYLE.md).
//
// Units and coordinates: every length is in points; page coordinates are measured from the
// top-left corner of the trimmed page, y downwards (the model's convention). Glyph positions are
// relative to their line (see LineLayout), so a cached line can be moved without rebuilding it.
//
// Drawing contract: for each page, draw its frames in array order (master frames first, then the
// page's own frames in their z-order); within a frame draw `shapes` first, then `lines`.

/** A resolved colour: the swatch id and its CMYK inks (percent, 0..100), with the tint applied. */
export interface Fill {
  swatch: string;
  c: number;
  m: number;
  y: number;
  k: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One positioned glyph. */
export interface PlacedGlyph {
  /** Glyph id in the font named by the run (after vertical substitution, if any). */
  id: number;
  /** Origin of the glyph (left end of its baseline) relative to the line's (x, y). */
  x: number;
  /**
   * Baseline offset from the line's y. Absent (0) in horizontal lines unless the font shifts the
   * glyph. In vertical lines: for upright glyphs the distance from the column top to the glyph's
   * baseline (its em box top is y - 0.88 em for Noto CJK); for rotated glyphs the distance to the
   * glyph's origin, from which its baseline runs down the column.
   */
  y?: number;
  /** Advance in points after punctuation compression and tracking; space added by justification
   *  is not included (the next glyph's x says where it goes). */
  advance: number;
  /** The source characters this glyph shows (for ToUnicode and copy/paste); '' for the second
   *  and later glyphs of a multi-glyph cluster. */
  text: string;
  /** Set in vertical lines: the glyph is drawn upright (possibly a `vert` alternate). */
  vertical?: true;
  /** Set for Latin glyphs in vertical lines: draw rotated 90° clockwise about the origin (x is
   *  then the em-box descent, so the rotated em box spans the column's width). */
  rotated?: true;
}

/** Consecutive glyphs of one line that share font, size and colour. */
export interface GlyphRun {
  /** PostScript name of the font whose glyph ids these are (the face the provider answered with). */
  font: string;
  /** Type size in points. */
  size: number;
  fill: Fill;
  glyphs: PlacedGlyph[];
}

/** Where a line's text came from, for caret mapping in the editor. */
export interface LineSource {
  storyId: string;
  /** Paragraph index in the story, or -1 for inserted text (jump lines). */
  paragraph: number;
  /** Character offsets (UTF-16) in the paragraph's concatenated run text, [start, end). */
  start: number;
  end: number;
}

export interface LineLayout {
  /** The characters on the line (including inserted jump-line text), as they are read. */
  text: string;
  /** Horizontal lines: x of the first glyph's origin (after indent and alignment).
   *  Vertical lines: left edge of the column. */
  x: number;
  /** Horizontal lines: the baseline. Vertical lines: the top of the column. */
  y: number;
  /** Set width in points: the extent of the glyphs as justified (along the line direction). */
  width: number;
  /** Available measure of the slot the line sits in (points, along the line direction). */
  measure: number;
  /** Main type size of the line, points (for caret height and selection boxes). */
  size: number;
  vertical?: true;
  /** What the line is: body text, an inserted jump notice, a headline deck, or plain set text. */
  role: 'text' | 'jump' | 'deck' | 'label';
  source?: LineSource;
  runs: GlyphRun[];
}

/** Drawing primitives for everything that is not a glyph. */
export type Shape =
  | {
      type: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      /** Stroke weight in points. */
      weight: number;
      color: Fill;
      /** Dash pattern in points (on, off, ...), or null for a solid stroke. */
      dash: number[] | null;
      cap: 'butt' | 'round';
    }
  | {
      type: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      fill: Fill | null;
      stroke: Fill | null;
      strokeWeight: number;
    }
  | {
      type: 'image';
      /** Clip rectangle (the frame). */
      clip: Rect;
      /** Where the whole image is drawn (may extend beyond the clip), or null when the asset is
       *  missing or not placed (draw a placeholder in the clip). */
      rect: Rect | null;
      assetId: string | null;
      /** Effective resolution in pixels per inch at the placed size, or null without an asset. */
      ppi: number | null;
    }
  | {
      type: 'qr';
      x: number;
      y: number;
      /** Side of the square in points. */
      size: number;
      data: string;
      level: 'L' | 'M' | 'Q' | 'H';
      color: Fill;
      /** Modules per side of the symbol (without the 4-module quiet zone). */
      modules: number;
      /** The dark modules to fill, in page coordinates: one rectangle per run in a row. */
      rects: Rect[];
    };

export type FrameKind = 'text' | 'headline' | 'image' | 'caption' | 'sponsor' | 'rule' | 'box' | 'masthead' | 'folio' | 'qr';

export interface FrameLayout {
  id: string;
  kind: FrameKind;
  /** The frame's rectangle on the trimmed page. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** True for frames that come from the page's master. */
  fromMaster: boolean;
  /** Story shown in this frame (text, caption, headline frames), else null. */
  storyId: string | null;
  /** Text columns of text frames, left to right (empty for other kinds). */
  columns: Rect[];
  shapes: Shape[];
  lines: LineLayout[];
}

export interface PageLayout {
  id: string;
  /** 0-based position in the page order. */
  index: number;
  /** Page number as printed (第N版): index + 1. */
  number: number;
  width: number;
  height: number;
  frames: FrameLayout[];
}

/** Copy-fit of one story over its thread of frames. */
export interface StoryFit {
  storyId: string;
  name: string;
  /** Frames of the thread in order (text and caption frames). */
  frames: string[];
  /** overset: text left over; underset: empty lines left; fits: exactly full. */
  status: 'overset' | 'underset' | 'fits';
  /** Characters that did not fit (code points, spaces excluded). */
  overChars: number;
  /** Lines the overset text would need at the last column's width. */
  overLines: number;
  /** Grid lines left empty in the thread after the story's end. */
  emptyLines: number;
  /** "超出 37 字 / 2 行", "空 2 行" or "正好排满". */
  label: string;
}

export interface LayoutResult {
  /** Shape version of this result; bumped when the shape changes incompatibly. */
  version: 1;
  pages: PageLayout[];
  stories: StoryFit[];
}
