// Headline frames: decks 引题 / 主题 / 副题, each with its own paragraph style.
//
// Horizontal: decks stacked top-down from the first grid line at or below the frame's top, each
// line on whole grid lines (styles.ts gridLinesFor) with its em box centred in them; space
// before/after a deck is whole grid lines.
//
// Vertical (竖排): characters top to bottom, columns right to left, kicker rightmost. Brackets,
// dashes and ellipses take the font's `vert` alternates; vertical advances come from vmtx;
// Latin letters and digits are set sideways (rotated 90° clockwise). Columns break with the same
// prohibition rules as horizontal lines. Punctuation compression (vhal/vchw) is not applied in
// vertical decks.
import type { Grid, HeadlineFrame } from '../model/schema';
import { lineTop, linePitch } from '../model/grid';
import { breakLines } from './breakLines';
import { Cls } from './chars';
import { baselineInBand, placeLine, setLabel } from './label';
import { segment, type Items } from './segment';
import { paraSettings, paraStyleOf, type StyleContext } from './styles';
import type { GlyphRun, LineLayout, PlacedGlyph } from './types';

/** Space between the columns of one vertical deck, in ems of the deck's size. */
const VERTICAL_COLUMN_GAP = 0.25;
/** Space between vertical decks, in ems of the larger deck's size. */
const VERTICAL_DECK_GAP = 0.5;

export function layoutHeadline(ctx: StyleContext, f: HeadlineFrame): LineLayout[] {
  return f.orientation === 'vertical' ? vertical(ctx, f) : horizontal(ctx, f);
}

function horizontal(ctx: StyleContext, f: HeadlineFrame): LineLayout[] {
  const g: Grid = ctx.grid;
  const pitch = linePitch(g);
  let line = Math.ceil((f.y - g.marginTop) / pitch - 1e-6);
  const out: LineLayout[] = [];
  f.decks.forEach((deck, di) => {
    const s = paraSettings(ctx, paraStyleOf(ctx, deck.style));
    if (di > 0) line += s.spaceBefore;
    const o = { align: s.align, prohibition: s.prohibition, indent: s.indent };
    let measure = f.width;
    let set = setLabel(deck.text, s.base, measure, o);
    if (set.length > 1 && s.align === 'center') {
      // Balance a centred deck: the narrowest measure that keeps the same number of lines, so
      // a two-line headline does not end with a short stub (天山路街道获评首批上海市儿童友好社 / 区示范点).
      let lo = f.width / set.length;
      let hi = f.width;
      for (let i = 0; i < 12 && hi - lo > 0.5; i++) {
        const mid = (lo + hi) / 2;
        if (setLabel(deck.text, s.base, mid, o).length === set.length) hi = mid;
        else lo = mid;
      }
      measure = hi;
      set = setLabel(deck.text, s.base, measure, o);
    }
    const x0 = f.x + (f.width - measure) / 2;
    for (const c of set) {
      const top = lineTop(g, line);
      const band = (s.gridLines - 1) * pitch + g.bodySize;
      const l = placeLine(c, x0, baselineInBand(top, band, s.base.size, s.base.font.emBoxDescent), measure, 'deck');
      out.push(l);
      line += s.gridLines;
    }
    line += s.spaceAfter;
  });
  return out;
}

function vertical(ctx: StyleContext, f: HeadlineFrame): LineLayout[] {
  const out: LineLayout[] = [];
  let right = f.x + f.width;
  let prevSize = 0;
  for (const deck of f.decks) {
    const s = paraSettings(ctx, paraStyleOf(ctx, deck.style));
    const size = s.base.size;
    const font = s.base.font;
    if (prevSize > 0) right -= VERTICAL_DECK_GAP * Math.max(prevSize, size);
    // Items with their vertical lengths in place of horizontal widths.
    const horizontalItems = segment([{ text: deck.text, style: s.base }]);
    if (horizontalItems.n === 0) continue;
    const lengths: number[] = [];
    for (let i = 0; i < horizontalItems.n; i++) lengths.push(verticalLength(horizontalItems, i));
    const items = horizontalItems.withWidths(lengths);
    const ends = breakLines(items, () => f.height, { prohibition: s.prohibition, indent: 0 });
    let a = 0;
    for (const e of ends) {
      const x = right - size;
      let len = 0;
      for (let i = a; i < e; i++) len += items.width[i]! + (i > a ? items.gap[i]! : 0);
      const slack = Math.max(0, f.height - len);
      let pen = s.align === 'center' ? slack / 2 : s.align === 'end' ? slack : 0;
      const glyphs: PlacedGlyph[] = [];
      let text = '';
      for (let i = a; i < e; i++) {
        if (i > a) pen += items.gap[i]!;
        const itemText = items.textOf(i);
        text += itemText;
        const shaped = items.shapedOf(i);
        if (items.cls[i] === Cls.Latin && shaped) {
          // sideways: rotated 90° clockwise, the baseline runs down the column; the em box
          // (descent to ascent) spans the column's width
          for (const sg of shaped) {
            const adv = sg.advance * size;
            glyphs.push({ id: sg.id, x: font.emBoxDescent * size, y: pen, advance: adv, text: sg.text, rotated: true });
            pen += adv;
          }
          continue;
        }
        for (const ch of itemText) {
          const v = font.vertical(ch.codePointAt(0)!);
          const adv = v.advance * size;
          if (v.rotated) {
            glyphs.push({ id: v.id, x: font.emBoxDescent * size, y: pen, advance: adv, text: ch, rotated: true });
          } else {
            glyphs.push({ id: v.id, x: ((1 - v.hAdvance) * size) / 2, y: pen + size * (1 - font.emBoxDescent), advance: adv, text: ch, vertical: true });
          }
          pen += adv;
        }
      }
      const run: GlyphRun = { font: font.postscriptName, size, fill: s.base.fill, glyphs };
      out.push({ text, x, y: f.y, width: len, measure: f.height, size, vertical: true, role: 'deck', runs: [run] });
      right = x - VERTICAL_COLUMN_GAP * size;
      a = e;
    }
    right += VERTICAL_COLUMN_GAP * size;
    prevSize = size;
  }
  return out;
}

/** Length of item i down a vertical column, points. */
function verticalLength(L: Items, i: number): number {
  const { font, size } = L.styleOf(i);
  const shaped = L.shapedOf(i);
  let w = 0;
  if (L.cls[i] === Cls.Latin && shaped) {
    for (const g of shaped) w += g.advance;
    return w * size;
  }
  for (const ch of L.textOf(i)) w += font.vertical(ch.codePointAt(0)!).advance;
  return w * size;
}
