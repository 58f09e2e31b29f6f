// New frames made by the drawing tools, sized by the rectangle the user dragged.
import { PS, SW } from '../model/defaults';
import { linePitch } from '../model/grid';
import type { DeckRole, Frame, HeadlineFrame, ImageFrame, Issue, MastheadFrame, RuleFrame, SponsorFrame } from '../model/schema';
import { newFrameId } from './ids';
import { makeBox, makeTextFrame, columnsForWidth } from './ops';
import type { Rect } from './snap';
import type { Tool } from './state';
import type { Story } from '../model/schema';

const DECK_STYLE: Record<DeckRole, HeadlineFrame['decks'][number]['style']> = { kicker: PS.kicker, main: PS.main, sub: PS.sub };

export function makeHeadline(issue: Issue, r: Rect, orientation: 'horizontal' | 'vertical', roles: readonly DeckRole[] = ['kicker', 'main', 'sub']): HeadlineFrame {
  const sample: Record<DeckRole, string> = { kicker: '引题', main: '主题', sub: '副题' };
  return {
    id: newFrameId(issue),
    kind: 'headline',
    ...r,
    decks: roles.map((role) => ({ role, text: sample[role], style: DECK_STYLE[role] })),
    orientation,
    storyId: null,
  };
}

export function makeImage(issue: Issue, r: Rect): ImageFrame {
  return { id: newFrameId(issue), kind: 'image', ...r, assetId: null, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 };
}

/** A rule along the dragged rectangle's long side. */
export function makeRule(issue: Issue, r: Rect): RuleFrame {
  const horizontal = r.width >= r.height;
  const weight = 0.5;
  return {
    id: newFrameId(issue),
    kind: 'rule',
    x: r.x,
    y: horizontal ? r.y + r.height / 2 - 2 : r.y,
    width: horizontal ? r.width : 4,
    height: horizontal ? 4 : r.height,
    orientation: horizontal ? 'horizontal' : 'vertical',
    weight,
    color: SW.black,
    style: 'solid',
  };
}

export function makeMasthead(issue: Issue, r: Rect): MastheadFrame {
  return { id: newFrameId(issue), kind: 'masthead', ...r, logoAssetId: null, tagline: issue.meta.paperLatin, slogan: '' };
}

export function makeSponsor(issue: Issue, r: Rect, row: SponsorRow = { title: '信用中国守信激励单位', company: '公司名称', lines: ['证书编号：', '主导产品：'] }, taken?: ReadonlySet<string>): SponsorFrame {
  return { id: newFrameId(issue, taken), kind: 'sponsor', ...r, ...row, logoAssetId: null, stroke: SW.black, strokeWeight: 0.5 };
}

/** The frame (and story) a tool makes for a dragged rectangle; null for tools that do not draw. */
export function frameForTool(issue: Issue, tool: Tool, r: Rect, orientation: 'horizontal' | 'vertical'): { frame: Frame; story?: Story } | null {
  switch (tool) {
    case 'text': {
      const { frame, story } = makeTextFrame(issue, r, columnsForWidth(issue, r.width));
      return { frame, story };
    }
    case 'headline':
      return { frame: makeHeadline(issue, r, orientation) };
    case 'image':
      return { frame: makeImage(issue, r) };
    case 'rule':
      return { frame: makeRule(issue, r) };
    case 'box':
      return { frame: makeBox(issue, r) };
    case 'masthead':
      return { frame: makeMasthead(issue, r) };
    case 'sponsor':
      return { frame: makeSponsor(issue, r) };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// sponsor grid from CSV

export interface SponsorRow {
  title: string;
  company: string;
  lines: string[];
}

/**
 * Parses CSV (RFC 4180: commas, double quotes, "" inside quotes, CRLF or LF) into rows of cells.
 * A UTF-8 BOM (Excel writes one) is dropped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',' || ch === '，') {
      row.push(cell);
      cell = '';
    }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed / CSV 文件中有未闭合的引号字段');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Sponsor rows from CSV: title, company, then detail lines; a header row (标题/title) is skipped. */
export function sponsorRowsFromCsv(text: string): SponsorRow[] {
  const rows = parseCsv(text);
  if (rows[0] && /^(标题|title)$/i.test(rows[0][0]!.trim())) rows.shift();
  return rows.map((r) => ({ title: (r[0] ?? '').trim(), company: (r[1] ?? '').trim(), lines: r.slice(2).map((c) => c.trim()).filter(Boolean) }));
}

/**
 * One sponsor box per row, filling `area` left to right and top to bottom in `cols` columns; box
 * heights are whole grid lines, with one grid line between rows and one body character between
 * columns.
 */
export function sponsorGrid(issue: Issue, area: Rect, rows: readonly SponsorRow[], cols: number): SponsorFrame[] {
  const gap = issue.grid.bodySize;
  const pitch = linePitch(issue.grid);
  const n = Math.max(1, cols);
  const rowCount = Math.ceil(rows.length / n);
  const w = (area.width - (n - 1) * gap) / n;
  const hRaw = (area.height - (rowCount - 1) * pitch) / Math.max(1, rowCount);
  const h = Math.max(pitch, Math.floor(hRaw / pitch) * pitch);
  const taken = new Set<string>();
  return rows.map((row, i) => {
    const f = makeSponsor(issue, { x: area.x + (i % n) * (w + gap), y: area.y + Math.floor(i / n) * (h + pitch), width: w, height: h }, row, taken);
    taken.add(f.id);
    return f;
  });
}


