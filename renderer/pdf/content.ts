// One page's content stream, written as PDF operators from the LayoutResult.
//
// Coordinates: the layout measures from the top-left of the trimmed page, y down; PDF user space
// is y up from the MediaBox's lower-left. The page content starts with a translation to the
// trim's lower-left corner, so a layout point (x, y) is (x, H - y) in the stream.
//
// Colour: DeviceCMYK only (k/K operators, inks 0..1). Overprint: text and thin strokes in 100% K
// with no C, M or Y overprint (/GSop: OP, op true, OPM 1), so black type never leaves a white
// halo when the plates are off register; everything else knocks out (/GSko), white type included.
import type { Fill, FrameLayout, GlyphRun, LineLayout, PageLayout, PlacedGlyph, Shape } from '../engine/types';

/** Strokes in 100% K up to this weight overprint (hairlines and column rules); heavier black
 *  strokes knock out like fills, so a thick black bar over an image does not show it through. */
export const OVERPRINT_MAX_STROKE = 2;

export interface FontRef {
  /** Resource name, e.g. F1. */
  name: string;
  /** CID of an original glyph id. */
  cid(gid: number): number;
  /** Advance the font itself gives the glyph (hmtx), in em. */
  width(gid: number): number;
}

export interface ContentEnv {
  font(postscriptName: string): FontRef;
  /** Resource name of an image XObject, or null when the image is not available. */
  image(assetId: string): string | null;
}

/** Numbers as PDF wants them: at most 3 decimals (1/1000 pt, far below any device resolution). */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** Inks 0..100 -> operands 0..1 (4 decimals keep a 0.01% tint). */
const ink = (v: number) => String(Math.round(Math.min(100, Math.max(0, v)) * 100) / 10000);
const cmyk = (f: Fill) => `${ink(f.c)} ${ink(f.m)} ${ink(f.y)} ${ink(f.k)}`;

/** Baseline offset of a glyph; tolerates engine output that leaves the 0 out. */
const gy = (g: PlacedGlyph): number => (g.y as number | undefined) ?? 0;

/** Solid black: 100% K and nothing else, the ink that may overprint. */
export const isPureBlack = (f: Fill) => f.k >= 100 && f.c === 0 && f.m === 0 && f.y === 0;

export class ContentWriter {
  readonly out: string[] = [];
  private fill = '';
  private stroke = '';
  private gs = 'ko';

  constructor(private readonly env: ContentEnv, private readonly pageHeight: number) {}

  op(s: string): void {
    this.out.push(s);
  }

  /** Forget the tracked state (after Q, which restores what was before q). */
  reset(fill: string, stroke: string, gs: string): void {
    this.fill = fill;
    this.stroke = stroke;
    this.gs = gs;
  }
  state(): [string, string, string] {
    return [this.fill, this.stroke, this.gs];
  }

  setFill(f: Fill): void {
    const v = `${cmyk(f)} k`;
    if (v !== this.fill) this.out.push((this.fill = v));
  }
  setStroke(f: Fill): void {
    const v = `${cmyk(f)} K`;
    if (v !== this.stroke) this.out.push((this.stroke = v));
  }
  setOverprint(on: boolean): void {
    const v = on ? 'op' : 'ko';
    if (v !== this.gs) {
      this.gs = v;
      this.out.push(`/GS${v} gs`);
    }
  }

  /** y of the layout (down from the trim top) in the stream's space. */
  y(v: number): number {
    return this.pageHeight - v;
  }

  page(p: PageLayout): void {
    for (const f of p.frames) this.frame(f);
  }

  frame(f: FrameLayout): void {
    for (const s of f.shapes) this.shape(s);
    if (f.lines.length) {
      this.out.push('BT');
      for (const l of f.lines) this.line(l);
      this.out.push('ET');
    }
  }

  shape(s: Shape): void {
    switch (s.type) {
      case 'line': {
        if (s.weight <= 0) return;
        this.setOverprint(isPureBlack(s.color) && s.weight <= OVERPRINT_MAX_STROKE);
        this.setStroke(s.color);
        this.out.push(`${num(s.weight)} w ${s.cap === 'round' ? 1 : 0} J [${(s.dash ?? []).map(num).join(' ')}] 0 d`);
        this.out.push(`${num(s.x1)} ${num(this.y(s.y1))} m ${num(s.x2)} ${num(this.y(s.y2))} l S`);
        return;
      }
      case 'rect': {
        const r = `${num(s.x)} ${num(this.y(s.y + s.height))} ${num(s.width)} ${num(s.height)} re`;
        if (s.fill) {
          this.setOverprint(false);
          this.setFill(s.fill);
          this.out.push(`${r} f`);
        }
        if (s.stroke && s.strokeWeight > 0) {
          this.setOverprint(isPureBlack(s.stroke) && s.strokeWeight <= OVERPRINT_MAX_STROKE);
          this.setStroke(s.stroke);
          this.out.push(`${num(s.strokeWeight)} w 0 J [] 0 d ${r} S`);
        }
        return;
      }
      case 'image': {
        if (!s.rect || !s.assetId) return;
        const name = this.env.image(s.assetId);
        if (!name) return;
        const saved = this.state();
        const c = s.clip;
        const r = s.rect;
        this.out.push('q');
        this.out.push(`${num(c.x)} ${num(this.y(c.y + c.height))} ${num(c.width)} ${num(c.height)} re W n`);
        this.out.push(`${num(r.width)} 0 0 ${num(r.height)} ${num(r.x)} ${num(this.y(r.y + r.height))} cm /${name} Do`);
        this.out.push('Q');
        this.reset(...saved);
        return;
      }
      case 'qr': {
        // The engine computed the dark modules (renderer/engine/qr.ts); fill exactly those.
        this.setOverprint(false);
        this.setFill(s.color);
        const rects = s.rects.map((r) => `${num(r.x)} ${num(this.y(r.y + r.height))} ${num(r.width)} ${num(r.height)} re`);
        if (rects.length) this.out.push(`${rects.join('\n')} f`);
        return;
      }
    }
  }

  line(l: LineLayout): void {
    // A vertical column is drawn glyph by glyph; to text extraction (copy, search, pdftotext)
    // that reads as one-character rows. ActualText (a marked-content span) gives the column's
    // text in reading order instead, so a 『 or —— in a vertical headline is not taken for a
    // line of its own.
    const span = l.vertical && l.text.length > 0;
    if (span) this.out.push(`/Span <</ActualText <FEFF${utf16beHex(l.text)}>>> BDC`);
    this.lineRuns(l);
    if (span) this.out.push('EMC');
  }

  private lineRuns(l: LineLayout): void {
    for (const run of l.runs) {
      if (!run.glyphs.length) continue;
      const f = this.env.font(run.font);
      this.setOverprint(isPureBlack(run.fill));
      this.setFill(run.fill);
      this.out.push(`/${f.name} ${num(run.size)} Tf`);
      if (l.vertical) this.verticalRun(l, run, f);
      else this.horizontalRun(l, run, f);
    }
  }

  /**
   * One TJ per stretch of glyphs on the same baseline: the first glyph is placed with Tm, every
   * following one by the font's own advance plus a TJ adjustment to the x the layout gave it.
   */
  private horizontalRun(l: LineLayout, run: GlyphRun, f: FontRef): void {
    const gs = run.glyphs;
    const size = run.size;
    let i = 0;
    while (i < gs.length) {
      const g0 = gs[i]!;
      this.out.push(`1 0 0 1 ${num(l.x + g0.x)} ${num(this.y(l.y + gy(g0)))} Tm`);
      const parts: string[] = [];
      let hex = '';
      let pen = g0.x; // where the text position is, in line coordinates
      let j = i;
      for (; j < gs.length; j++) {
        const g = gs[j]!;
        if (gy(g) !== gy(g0)) break;
        // TJ numbers are in 1/1000 of the text size, subtracted from the position.
        const adj = Math.round(((pen - g.x) * 1000) / size * 100) / 100;
        if (Math.abs(adj) >= 0.01) {
          if (hex) parts.push(`<${hex}>`);
          hex = '';
          parts.push(num(adj));
        }
        hex += f.cid(g.id).toString(16).padStart(4, '0').toUpperCase();
        pen = g.x + f.width(g.id) * size;
      }
      if (hex) parts.push(`<${hex}>`);
      this.out.push(`[${parts.join('')}] TJ`);
      i = j;
    }
  }

  /** Vertical lines: each glyph placed on its own (upright, or rotated 90° clockwise for Latin). */
  private verticalRun(l: LineLayout, run: GlyphRun, f: FontRef): void {
    for (const g of run.glyphs) {
      const x = num(l.x + g.x);
      const y = num(this.y(l.y + gy(g)));
      this.out.push(g.rotated ? `0 -1 1 0 ${x} ${y} Tm` : `1 0 0 1 ${x} ${y} Tm`);
      this.out.push(`<${f.cid(g.id).toString(16).padStart(4, '0').toUpperCase()}> Tj`);
    }
  }
}

/** UTF-16BE code units of `s` as upper-case hex, for a PDF text string after the FEFF mark. */
function utf16beHex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return out;
}
