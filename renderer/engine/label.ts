// Setting short text that is not a story: jump notices, folio lines, sponsor boxes, masthead
// lines, headline decks. The same segment -> breakLines -> justify stages as body text.
import type { Align, Prohibition } from '../model/schema';
import { breakLines } from './breakLines';
import { justify, type LineContent } from './justify';
import { segment, type TextStyle } from './segment';
import type { LineLayout } from './types';

export interface LabelOptions {
  align: Align;
  prohibition?: Prohibition;
  /** First-line indent, points. */
  indent?: number;
}

/** Break `text` into lines of `measure` points. */
export function setLabel(text: string, style: TextStyle, measure: number, o: LabelOptions): LineContent[] {
  const items = segment([{ text, style }]);
  if (items.n === 0) return [];
  const indent = o.indent ?? 0;
  const ends = breakLines(items, () => measure, { prohibition: o.prohibition ?? 'basic', indent });
  const out: LineContent[] = [];
  let a = 0;
  ends.forEach((e, j) => {
    const ind = j === 0 ? indent : 0;
    out.push(justify(items, a, e, measure - ind, { align: o.align, last: j === ends.length - 1, indent: ind }));
    a = e;
  });
  return out;
}

/** Baseline of type of `size` whose em box is centred in a band [top, top + height]. */
export function baselineInBand(top: number, height: number, size: number, emBoxDescent: number): number {
  return top + (height - size) / 2 + size * (1 - emBoxDescent);
}

/** Place set content at a slot. */
export function placeLine(c: LineContent, x: number, y: number, measure: number, role: LineLayout['role']): LineLayout {
  return { text: c.text, x: x + c.dx, y, width: c.width, measure, size: c.size, role, runs: c.runs };
}

/**
 * Set text top-down in a box, each line `pitch` points below the last, first baseline at
 * `firstBaseline`. Returns the lines and the baseline after the last one.
 */
export function stackLabel(
  text: string,
  style: TextStyle,
  box: { x: number; width: number },
  firstBaseline: number,
  pitch: number,
  o: LabelOptions,
): { lines: LineLayout[]; next: number } {
  const lines: LineLayout[] = [];
  let y = firstBaseline;
  for (const c of setLabel(text, style, box.width, o)) {
    lines.push(placeLine(c, box.x, y, box.width, 'label'));
    y += pitch;
  }
  return { lines, next: y };
}
