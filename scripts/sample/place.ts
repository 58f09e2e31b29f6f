// Frame factories on the page grid. Every position is given in grid units — a column index and
// a count of columns, a grid line index and a count of lines — so every frame starts on a
// column edge and on a grid line, and ends on a column edge and on the bottom of a line's em box.
import { columnWidth, gutterWidth, lineTop, linePitch, columnX } from '../../renderer/model/grid';
import { frameId, SW } from '../../renderer/model/defaults';
import type {
  AssetId,
  CaptionFrame,
  Deck,
  Grid,
  HeadlineFrame,
  ImageFrame,
  QrFrame,
  RuleFrame,
  SponsorFrame,
  StoryId,
  SwatchId,
  TextFrame,
} from '../../renderer/model/schema';

/** A block of the grid: columns [col, col + cols), lines [line, line + lines). */
export interface Cell {
  col: number;
  cols: number;
  line: number;
  lines: number;
}

export class GridPlacer {
  constructor(readonly g: Grid) {}

  x(col: number): number {
    return columnX(this.g, col);
  }
  /** Width of `cols` columns and the gutters between them. */
  w(cols: number): number {
    return cols * columnWidth(this.g) + (cols - 1) * gutterWidth(this.g);
  }
  y(line: number): number {
    return lineTop(this.g, line);
  }
  /** Height of `lines` grid lines: their em boxes and the gaps between them. */
  h(lines: number): number {
    return lines * linePitch(this.g) - this.g.lineGap;
  }
  rect(c: Cell) {
    return { x: this.x(c.col), y: this.y(c.line), width: this.w(c.cols), height: this.h(c.lines) };
  }

  text(id: string, storyId: StoryId, c: Cell, next: string | null = null): TextFrame {
    return { id: frameId(id), kind: 'text', ...this.rect(c), storyId, columns: c.cols, gutter: gutterWidth(this.g), next: next ? frameId(next) : null };
  }

  headline(id: string, storyId: StoryId | null, decks: Deck[], c: Cell, orientation: 'horizontal' | 'vertical' = 'horizontal'): HeadlineFrame {
    return { id: frameId(id), kind: 'headline', ...this.rect(c), decks, orientation, storyId };
  }

  image(id: string, assetId: AssetId, c: Cell, wrapOffset?: number): ImageFrame {
    return {
      id: frameId(id),
      kind: 'image',
      ...this.rect(c),
      ...(wrapOffset !== undefined ? { wrap: { enabled: true, offset: wrapOffset } } : {}),
      assetId,
      fit: 'fill',
      scale: 1,
      offsetX: 0,
      offsetY: 0,
    };
  }

  caption(id: string, imageId: string, storyId: StoryId, c: Cell): CaptionFrame {
    return { id: frameId(id), kind: 'caption', ...this.rect(c), imageId: frameId(imageId), storyId };
  }

  qr(id: string, data: string, c: Cell): QrFrame {
    return { id: frameId(id), kind: 'qr', ...this.rect(c), data, level: 'M' };
  }

  /**
   * A horizontal rule in the blank grid line `line`: the frame is that line's em box, the rule
   * runs through its middle, so it sits half-way between the stories above and below.
   */
  hrule(id: string, col: number, cols: number, line: number, weight = 0.5, color: SwatchId = SW.black, style: RuleFrame['style'] = 'solid'): RuleFrame {
    return { id: frameId(id), kind: 'rule', x: this.x(col), y: this.y(line), width: this.w(cols), height: this.g.bodySize, orientation: 'horizontal', weight, color, style };
  }

  /** A vertical rule in the gutter left of column `col`, over lines [line, line + lines). */
  vrule(id: string, col: number, line: number, lines: number, weight = 0.5): RuleFrame {
    const gw = gutterWidth(this.g);
    return { id: frameId(id), kind: 'rule', x: this.x(col) - gw, y: this.y(line), width: gw, height: this.h(lines), orientation: 'vertical', weight, color: SW.black, style: 'solid' };
  }

  sponsor(id: string, c: Cell, title: string, company: string, lines: string[]): SponsorFrame {
    return { id: frameId(id), kind: 'sponsor', ...this.rect(c), title, company, lines, logoAssetId: null, stroke: SW.black, strokeWeight: 0.75 };
  }
}
