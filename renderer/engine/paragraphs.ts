// Per-paragraph cache for incremental relayout: segment once per paragraph object, break and
// justify once per sequence of line measures. The model is immutable (an edit replaces the
// paragraph object, and the story and issue above it), so identity says what changed: after a
// one-character edit only the edited paragraph is segmented and broken again; every other
// paragraph answers from here and only its lines are moved.
import type { Paragraph } from '../model/schema';
import { breakLines, type BreakStrategy } from './breakLines';
import { justify, type LineContent } from './justify';
import { segment, type Items } from './segment';
import { paraSettings, paraStyleOf, styledRuns, type ParaSettings, type StyleContext } from './styles';

export interface PreparedParagraph {
  settings: ParaSettings;
  /** The paragraph's runs joined: item offsets index into it. */
  text: string;
  items: Items;
  /** Characters in the paragraph, spaces excluded (for overset counts). */
  chars: number;
  /** The last break: the measures it was made for and its lines. */
  broken: { widths: number[]; lines: LineContent[] } | null;
}

export class ParagraphCache {
  private map = new WeakMap<Paragraph, PreparedParagraph>();
  /** Style context the cached items were built with; a new one (styles, swatches, fonts changed) clears the cache. */
  private ctxKey: unknown = null;

  /** Forget everything (e.g. after a font was replaced). */
  clear(): void {
    this.map = new WeakMap();
  }

  /** Make sure cached items belong to this style epoch. `key` changes when styles/swatches/fonts change. */
  epoch(key: unknown): void {
    if (key !== this.ctxKey) {
      this.clear();
      this.ctxKey = key;
    }
  }

  prepare(ctx: StyleContext, para: Paragraph): PreparedParagraph {
    let p = this.map.get(para);
    if (p) return p;
    p = prepareParagraph(ctx, para);
    this.map.set(para, p);
    return p;
  }
}

export function prepareParagraph(ctx: StyleContext, para: Paragraph): PreparedParagraph {
  const settings = paraSettings(ctx, paraStyleOf(ctx, para.style));
  const items = segment(styledRuns(ctx, para, settings));
  let chars = 0;
  for (let i = 0; i < items.n; i++) {
    const len = items.end[i]! - items.start[i]!;
    chars += len === 1 ? 1 : [...items.textOf(i)].length;
  }
  return { settings, text: items.text, items, chars, broken: null };
}

/**
 * Lines of a prepared paragraph for the measures `widthAt(j)` (points, slot width of line j),
 * reusing the last result when every line's measure is unchanged.
 */
export function setParagraph(p: PreparedParagraph, widthAt: (line: number) => number, strategy: BreakStrategy = 'first-fit'): LineContent[] {
  const b = p.broken;
  if (b) {
    let same = true;
    for (let j = 0; j < b.widths.length; j++) {
      if (widthAt(j) !== b.widths[j]) {
        same = false;
        break;
      }
    }
    if (same) return b.lines;
  }
  const s = p.settings;
  const ends = breakLines(p.items, widthAt, { prohibition: s.prohibition, indent: s.indent, strategy });
  const widths: number[] = [];
  const lines: LineContent[] = [];
  let a = 0;
  for (let j = 0; j < ends.length; j++) {
    const w = widthAt(j);
    widths.push(w);
    const indent = j === 0 ? s.indent : 0;
    lines.push(justify(p.items, a, ends[j]!, w - indent, { align: s.align, last: j === ends.length - 1, indent, source: p.text }));
    a = ends[j]!;
  }
  p.broken = { widths, lines };
  return lines;
}
