// Test helper: segment -> breakLines -> justify one paragraph into equal-width lines and return
// each line's text and glyph x positions (points from the column's left edge).
import type { Align, Prohibition } from '../../../renderer/model/schema';
import { breakLines, type BreakStrategy } from '../../../renderer/engine/breakLines';
import { justify } from '../../../renderer/engine/justify';
import type { FontMetrics } from '../../../renderer/engine/metrics';
import { segment } from '../../../renderer/engine/segment';
import { fakeMetrics } from './fake-metrics';

export const BLACK = { swatch: 'black', c: 0, m: 0, y: 0, k: 100 };

export interface SetOptions {
  /** Column width in ems of `size` (default 11). */
  chars?: number;
  size?: number;
  indent?: number;
  prohibition?: Prohibition;
  align?: Align;
  font?: FontMetrics;
  strategy?: BreakStrategy;
}

export interface SetLine {
  text: string;
  /** x of every glyph from the column's left edge, rounded to 1/100 pt. */
  xs: number[];
  width: number;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

export function setPara(text: string, o: SetOptions = {}): SetLine[] {
  const size = o.size ?? 10;
  const measure = (o.chars ?? 11) * size;
  const indent = (o.indent ?? 0) * size;
  const style = { font: o.font ?? fakeMetrics(), size, fill: BLACK, tracking: 0 };
  const items = segment([{ text, style }]);
  const ends = breakLines(items, () => measure, { prohibition: o.prohibition ?? 'basic', indent, strategy: o.strategy });
  const out: SetLine[] = [];
  let a = 0;
  ends.forEach((e, j) => {
    const ind = j === 0 ? indent : 0;
    const c = justify(items, a, e, measure - ind, { align: o.align ?? 'justify', last: j === ends.length - 1, indent: ind });
    out.push({ text: c.text, xs: c.runs.flatMap((r) => r.glyphs.map((g) => r2(c.dx + g.x))), width: r2(c.width) });
    a = e;
  });
  return out;
}

/** x positions 0, step, 2 step, ... for n glyphs starting at `from`. */
export const grid = (n: number, step = 10, from = 0): number[] => Array.from({ length: n }, (_, i) => r2(from + i * step));
