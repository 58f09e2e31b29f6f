// Stage 4, flowFrames: a story's paragraphs -> lines placed in the columns of its thread of
// frames, across pages, on the page's line grid; copy-fit; jump lines.
//
// The line grid: body line i has its em box from lineTop(grid, i) to that + bodySize, so lines in
// neighbouring columns and frames align. A paragraph whose type is larger than the body occupies
// whole grid lines (styles.ts gridLinesFor) with its em box centred in them; space before/after
// paragraphs is whole grid lines too, and is dropped at the top of a column.
//
// Text wrap: frames with wrap.enabled on the same page cut their rectangle (grown by the wrap
// offset) out of every grid line whose em box they overlap; what remains of a column line is
// used if it is at least one body em wide (narrower slivers would hold no character).
import type { CaptionFrame, JumpFormat, Story, TextFrame } from '../model/schema';
import { columnWidth, lineTop, linePitch } from '../model/grid';
import { baselineInBand, placeLine, setLabel } from './label';
import type { LineContent } from './justify';
import type { ParagraphCache } from './paragraphs';
import { setParagraph } from './paragraphs';
import { paraStyleOf, paraSettings, type StyleContext } from './styles';
import type { LineLayout, Rect, StoryFit } from './types';

/** Tolerance for grid comparisons, points. */
const GRID_EPS = 1e-6;

export interface ThreadFrame {
  frame: TextFrame | CaptionFrame;
  pageIndex: number;
  /** Wrap rectangles on this frame's page (already grown by their offsets), excluding itself. */
  exclusions: readonly Rect[];
}

interface Row {
  frame: number;
  /** Index of the first row of the next column (rows of one column are consecutive). */
  colEnd: number;
  colTop: boolean;
  /** Top of the em box of this grid line. */
  top: number;
  segs: { x: number; width: number }[];
  reserved: boolean;
}

interface Slot {
  /** Row index of the first grid line, or -1 for overflow (past the thread's end). */
  row: number;
  /** Grid lines covered. */
  n: number;
  x: number;
  width: number;
}

export interface FlowResult {
  /** Placed lines per frame id. */
  lines: Map<string, LineLayout[]>;
  fit: StoryFit;
}

/** Columns of a text or caption frame, left to right. */
export function frameColumns(f: TextFrame | CaptionFrame): Rect[] {
  const n = f.kind === 'text' ? f.columns : 1;
  const gutter = f.kind === 'text' ? f.gutter : 0;
  const w = (f.width - (n - 1) * gutter) / n;
  return Array.from({ length: n }, (_, i) => ({ x: f.x + i * (w + gutter), y: f.y, width: w, height: f.height }));
}

function buildRows(ctx: StyleContext, thread: readonly ThreadFrame[], reserve: ReadonlySet<number>): Row[] {
  const g = ctx.grid;
  const pitch = linePitch(g);
  const rows: Row[] = [];
  thread.forEach((tf, fi) => {
    const f = tf.frame;
    const first = Math.ceil((f.y - g.marginTop) / pitch - GRID_EPS);
    let last = first - 1;
    while (lineTop(g, last + 1) + g.bodySize <= f.y + f.height + GRID_EPS) last++;
    const cols = frameColumns(f);
    const frameStart = rows.length;
    for (const col of cols) {
      const start = rows.length;
      for (let i = first; i <= last; i++) {
        const top = lineTop(g, i);
        rows.push({ frame: fi, colEnd: 0, colTop: i === first, top, segs: cut(col.x, col.width, top, top + g.bodySize, tf.exclusions, g.bodySize), reserved: false });
      }
      for (let r = start; r < rows.length; r++) rows[r]!.colEnd = rows.length;
    }
    // Jump lines: the last grid line of a frame whose thread continues on another page, and the
    // first of the frame it continues in, are kept for the notices.
    if (reserve.has(fi) && rows.length > frameStart) rows[rows.length - 1]!.reserved = true;
    if (reserve.has(fi - 1) && rows.length > frameStart) rows[frameStart]!.reserved = true;
  });
  return rows;
}

/** The parts of [x, x + w] not covered by exclusions overlapping the band [top, bottom]. */
function cut(x: number, w: number, top: number, bottom: number, ex: readonly Rect[], minWidth: number): { x: number; width: number }[] {
  let segs = [{ x, width: w }];
  for (const r of ex) {
    if (r.y >= bottom - GRID_EPS || r.y + r.height <= top + GRID_EPS) continue;
    const next: { x: number; width: number }[] = [];
    for (const s of segs) {
      const l = Math.max(s.x, r.x);
      const rr = Math.min(s.x + s.width, r.x + r.width);
      if (rr <= l) {
        next.push(s);
        continue;
      }
      if (l > s.x) next.push({ x: s.x, width: l - s.x });
      if (rr < s.x + s.width) next.push({ x: rr, width: s.x + s.width - rr });
    }
    segs = next;
  }
  return segs.filter((s) => s.width >= minWidth - GRID_EPS);
}

/** Walks slots of the thread: (row, segment) positions in reading order. */
class Cursor {
  row = 0;
  seg = 0;
  constructor(private readonly rows: readonly Row[]) {
    this.normalise();
  }

  /** Move to the next usable (row, seg) at or after the current one. */
  private normalise(): void {
    while (this.row < this.rows.length) {
      const r = this.rows[this.row]!;
      if (!r.reserved && this.seg < r.segs.length) return;
      this.row++;
      this.seg = 0;
    }
  }

  get done(): boolean {
    return this.row >= this.rows.length;
  }

  atColumnTop(): boolean {
    const r = this.rows[this.row];
    if (!r) return false;
    // the first usable row of its column
    for (let i = this.row - 1; i >= 0 && this.rows[i]!.colEnd === r.colEnd; i--) {
      const p = this.rows[i]!;
      if (!p.reserved && p.segs.length > 0) return false;
    }
    return this.seg === 0;
  }

  /** Skip `k` grid lines, not past the end of the current column. */
  skipLines(k: number): void {
    const r = this.rows[this.row];
    if (!r || k <= 0) return;
    this.row = Math.min(this.row + k, r.colEnd);
    this.seg = 0;
    this.normalise();
  }

  /** Take the next slot for a line `n` grid lines high, advancing the cursor past it. */
  take(n: number): Slot | null {
    if (n === 1) {
      if (this.done) return null;
      const s = this.rows[this.row]!.segs[this.seg]!;
      const slot = { row: this.row, n: 1, x: s.x, width: s.width };
      this.seg++;
      this.normalise();
      return slot;
    }
    if (this.seg > 0) {
      this.row++;
      this.seg = 0;
      this.normalise();
    }
    while (!this.done) {
      const r0 = this.rows[this.row]!;
      if (this.row + n <= r0.colEnd) {
        let x = -Infinity;
        let right = Infinity;
        let ok = true;
        for (let i = this.row; i < this.row + n; i++) {
          const ri = this.rows[i]!;
          const s = ri.segs[0];
          if (ri.reserved || !s) {
            ok = false;
            break;
          }
          x = Math.max(x, s.x);
          right = Math.min(right, s.x + s.width);
        }
        if (ok && right > x) {
          const slot = { row: this.row, n, x, width: right - x };
          this.row += n;
          this.seg = 0;
          this.normalise();
          return slot;
        }
        this.row++;
      } else {
        this.row = r0.colEnd;
      }
      this.seg = 0;
      this.normalise();
    }
    return null;
  }

  clone(): Cursor {
    const c = new Cursor(this.rows);
    c.row = this.row;
    c.seg = this.seg;
    return c;
  }
}

export interface FlowOptions {
  jump: JumpFormat;
  /** Style id used for jump notices (falls back to the story's first paragraph style). */
  jumpStyle: string;
}

/**
 * Flow one story through its thread. Jump notices are added where the thread crosses pages and
 * the text really continues; if the continuation would be a single line that fits in the space
 * kept for the notice, the story is flowed again without the notice.
 */
export function flowStory(ctx: StyleContext, cache: ParagraphCache, story: Story, thread: readonly ThreadFrame[], o: FlowOptions): FlowResult {
  const links = new Set<number>();
  for (let i = 0; i + 1 < thread.length; i++) if (thread[i]!.pageIndex !== thread[i + 1]!.pageIndex) links.add(i);
  let r = flowOnce(ctx, cache, story, thread, links, o);
  if (r.retry !== null) {
    links.delete(r.retry);
    const again = flowOnce(ctx, cache, story, thread, links, o);
    if (again.fit.overLines === 0) r = again;
  }
  return { lines: r.lines, fit: r.fit };
}

function flowOnce(
  ctx: StyleContext,
  cache: ParagraphCache,
  story: Story,
  thread: readonly ThreadFrame[],
  links: ReadonlySet<number>,
  o: FlowOptions,
): FlowResult & { retry: number | null } {
  const g = ctx.grid;
  const pitch = linePitch(g);
  const rows = buildRows(ctx, thread, links);
  const lines = new Map<string, LineLayout[]>();
  for (const tf of thread) lines.set(tf.frame.id, []);
  const cur = new Cursor(rows);
  const lastCol = thread.length ? frameColumns(thread[thread.length - 1]!.frame).at(-1)! : null;
  const overflowWidth = lastCol ? lastCol.width : columnWidth(g);
  let overLines = 0;
  let overChars = 0;
  let lastRow = -1;
  /** Lines placed per frame index. */
  const perFrame = new Array<number>(thread.length).fill(0);

  story.paragraphs.forEach((para, pi) => {
    const prep = cache.prepare(ctx, para);
    const s = prep.settings;
    if (pi > 0 && s.spaceBefore > 0 && !cur.atColumnTop()) cur.skipLines(s.spaceBefore);
    const n = s.gridLines;
    const slots: Slot[] = [];
    const probe = cur.clone();
    const slotAt = (j: number): Slot => {
      while (slots.length <= j) slots.push(probe.take(n) ?? { row: -1, n, x: 0, width: overflowWidth });
      return slots[j]!;
    };
    let contents: readonly LineContent[];
    if (prep.items.n === 0) {
      contents = [];
      slotAt(0); // an empty paragraph is one empty line
    } else {
      contents = setParagraph(prep, (j) => slotAt(j).width, ctx.strategy);
    }
    const used = Math.max(contents.length, prep.items.n === 0 ? 1 : 0);
    for (let j = 0; j < used; j++) {
      const slot = slotAt(j);
      // advance the real cursor exactly as the probe did
      cur.take(n);
      const c = contents[j];
      if (slot.row < 0) {
        overLines++;
        if (c) overChars += countChars(c.text);
        continue;
      }
      lastRow = Math.max(lastRow, slot.row + slot.n - 1);
      if (!c) continue;
      const row = rows[slot.row]!;
      const band = (slot.n - 1) * pitch + g.bodySize;
      const y = baselineInBand(row.top, band, s.base.size, s.base.font.emBoxDescent);
      const line = placeLine(c, slot.x, y, slot.width, 'text');
      line.source = { storyId: story.id, paragraph: pi, start: c.start, end: c.end };
      lines.get(thread[row.frame]!.frame.id)!.push(line);
      perFrame[row.frame]!++;
    }
    if (s.spaceAfter > 0 && !cur.done) cur.skipLines(s.spaceAfter);
  });

  // Jump notices where the text continues on another page.
  let retry: number | null = null;
  for (const i of links) {
    const continued = perFrame.slice(i + 1).some((k) => k > 0);
    if (!continued) continue;
    const after = perFrame.slice(i + 1).reduce((a, b) => a + b, 0);
    if (after === 1 && overLines === 0) retry = i;
    const from = thread[i]!;
    const to = thread[i + 1]!;
    const endRow = lastRowOfFrame(rows, i);
    const startRow = rows.findIndex((r) => r.frame === i + 1);
    if (endRow >= 0) addNotice(ctx, story, rows[endRow]!, o.jump.continued.replaceAll('{page}', String(to.pageIndex + 1)), 'end', o, lines.get(from.frame.id)!);
    if (startRow >= 0) addNotice(ctx, story, rows[startRow]!, o.jump.from.replaceAll('{page}', String(from.pageIndex + 1)), 'start', o, lines.get(to.frame.id)!);
  }

  let emptyLines = 0;
  for (let r = lastRow + 1; r < rows.length; r++) if (!rows[r]!.reserved && rows[r]!.segs.length > 0) emptyLines++;
  const fit: StoryFit = {
    storyId: story.id,
    name: story.name,
    frames: thread.map((t) => t.frame.id),
    status: overLines > 0 ? 'overset' : emptyLines > 0 ? 'underset' : 'fits',
    overChars,
    overLines,
    emptyLines: overLines > 0 ? 0 : emptyLines,
    label: overLines > 0 ? `超出 ${overChars} 字 / ${overLines} 行` : emptyLines > 0 ? `空 ${emptyLines} 行` : '正好排满',
  };
  return { lines, fit, retry };
}

function lastRowOfFrame(rows: readonly Row[], frame: number): number {
  for (let r = rows.length - 1; r >= 0; r--) if (rows[r]!.frame === frame) return r;
  return -1;
}

function addNotice(ctx: StyleContext, story: Story, row: Row, text: string, align: 'start' | 'end', o: FlowOptions, out: LineLayout[]): void {
  const seg = row.segs[0];
  if (!seg) return;
  const styleId = ctx.pstyles.has(o.jumpStyle) ? o.jumpStyle : story.paragraphs[0]?.style ?? o.jumpStyle;
  const s = paraSettings(ctx, paraStyleOf(ctx, styleId));
  const c = setLabel(text, s.base, seg.width, { align, prohibition: s.prohibition })[0];
  if (!c) return;
  const y = baselineInBand(row.top, ctx.grid.bodySize, s.base.size, s.base.font.emBoxDescent);
  const line = placeLine(c, seg.x, y, seg.width, 'jump');
  line.source = { storyId: story.id, paragraph: -1, start: 0, end: 0 };
  if (align === 'start') out.unshift(line);
  else out.push(line);
}

function countChars(text: string): number {
  let n = 0;
  for (const ch of text) if (ch !== ' ') n++;
  return n;
}
