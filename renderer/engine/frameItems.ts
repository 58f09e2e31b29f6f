// Frames that are not story text: everything a drawer needs is computed here, so the canvas and
// the PDF writer draw only shapes and glyph lines (rules, boxes, image placement and clip,
// sponsor boxes, masthead, folio, QR).
import { qrRects } from './qr';
import type { Asset, BoxFrame, FolioFrame, ImageFrame, Issue, MastheadFrame, QrFrame, RuleFrame, SponsorFrame } from '../model/schema';
import { linePitch } from '../model/grid';
import { baselineInBand, placeLine, setLabel, stackLabel } from './label';
import { fillOf, swatchFill, paraSettings, paraStyleOf, textStyle, type StyleContext } from './styles';
import type { LineLayout, Rect, Shape } from './types';

export interface ItemOutput {
  shapes: Shape[];
  lines: LineLayout[];
}

const none = (): ItemOutput => ({ shapes: [], lines: [] });

export function layoutRule(ctx: StyleContext, f: RuleFrame): ItemOutput {
  const color = fillOf(ctx, f.color);
  const w = f.weight;
  const horiz = f.orientation === 'horizontal';
  const cx = f.x + f.width / 2;
  const cy = f.y + f.height / 2;
  const line = (off: number, weight: number, dash: number[] | null, cap: 'butt' | 'round'): Shape =>
    horiz
      ? { type: 'line', x1: f.x, y1: cy + off, x2: f.x + f.width, y2: cy + off, weight, color, dash, cap }
      : { type: 'line', x1: cx + off, y1: f.y, x2: cx + off, y2: f.y + f.height, weight, color, dash, cap };
  switch (f.style) {
    case 'double':
      // two strokes of a third of the weight each, a third apart: the pair spans the weight
      return { shapes: [line(-w / 3, w / 3, null, 'butt'), line(w / 3, w / 3, null, 'butt')], lines: [] };
    case 'dashed':
      // dashes of 3 weights, gaps of 2, with a floor so hairlines still read as dashed
      return { shapes: [line(0, w, [Math.max(3 * w, 2), Math.max(2 * w, 1.5)], 'butt')], lines: [] };
    case 'dotted':
      // round dots: zero-length dashes with round caps, one dot every 2 weights (at least 1.5 pt)
      return { shapes: [line(0, w, [0, Math.max(2 * w, 1.5)], 'round')], lines: [] };
    default:
      return { shapes: [line(0, w, null, 'butt')], lines: [] };
  }
}

export function layoutBox(ctx: StyleContext, issue: Issue, f: BoxFrame): ItemOutput {
  const sw = f.fill ? issue.swatches.find((s) => s.id === f.fill) : undefined;
  const fill = sw ? swatchFill(sw, f.tint) : f.fill ? fillOf(ctx, f.fill) : null;
  return {
    shapes: [{ type: 'rect', x: f.x, y: f.y, width: f.width, height: f.height, fill, stroke: f.stroke ? fillOf(ctx, f.stroke) : null, strokeWeight: f.stroke ? f.strokeWeight : 0 }],
    lines: [],
  };
}

/** Image placement: the frame is the clip; the image rect follows fit / scale / offset. */
export function placeImage(clip: Rect, asset: Asset | undefined, fit: ImageFrame['fit'], scale: number, offsetX: number, offsetY: number): Shape {
  if (!asset) return { type: 'image', clip, rect: null, assetId: null, ppi: null };
  // points per image pixel
  let s: number;
  let x: number;
  let y: number;
  if (fit === 'manual') {
    s = scale;
    x = clip.x + offsetX;
    y = clip.y + offsetY;
  } else {
    s = fit === 'fill' ? Math.max(clip.width / asset.width, clip.height / asset.height) : Math.min(clip.width / asset.width, clip.height / asset.height);
    x = clip.x + (clip.width - asset.width * s) / 2;
    y = clip.y + (clip.height - asset.height * s) / 2;
  }
  return { type: 'image', clip, rect: { x, y, width: asset.width * s, height: asset.height * s }, assetId: asset.id, ppi: s > 0 ? 72 / s : null };
}

export function layoutImage(issue: Issue, f: ImageFrame): ItemOutput {
  const asset = f.assetId ? issue.assets.find((a) => a.id === f.assetId) : undefined;
  const shape = placeImage({ x: f.x, y: f.y, width: f.width, height: f.height }, asset, f.fit, f.scale, f.offsetX, f.offsetY);
  if (f.assetId && !asset) (shape as { assetId: string | null }).assetId = f.assetId;
  return { shapes: [shape], lines: [] };
}

export function layoutQr(ctx: StyleContext, f: QrFrame): ItemOutput {
  const size = Math.min(f.width, f.height);
  const x = f.x + (f.width - size) / 2;
  const y = f.y + (f.height - size) / 2;
  const { modules, rects } = qrRects(f.data, f.level, x, y, size);
  return {
    shapes: [{ type: 'qr', x, y, size, data: f.data, level: f.level, color: fillOf(ctx, 'black'), modules, rects }],
    lines: [],
  };
}

/** Style ids used for set text inside boxes (model/defaults.ts PS), with fallbacks. */
const ST = { body: 'body', crosshead: 'crosshead', folio: 'folio', headline: 'headline', kicker: 'kicker', subhead: 'subhead' };

export function layoutSponsor(ctx: StyleContext, issue: Issue, f: SponsorFrame): ItemOutput {
  const out = none();
  if (f.stroke) out.shapes.push({ type: 'rect', x: f.x, y: f.y, width: f.width, height: f.height, fill: null, stroke: fillOf(ctx, f.stroke), strokeWeight: f.strokeWeight });
  const body = paraSettings(ctx, paraStyleOf(ctx, ST.body));
  const head = paraSettings(ctx, paraStyleOf(ctx, ST.crosshead));
  // inner padding: half a body em, the usual breathing space inside a ruled box
  const pad = body.base.size / 2;
  const pitch = linePitch(ctx.grid);
  let x = f.x + pad;
  let width = f.width - 2 * pad;
  if (f.logoAssetId) {
    const side = Math.min(3 * pitch, width / 3);
    const asset = issue.assets.find((a) => a.id === f.logoAssetId);
    out.shapes.push(placeImage({ x, y: f.y + pad, width: side, height: side }, asset, 'fit', 1, 0, 0));
    x += side + pad;
    width -= side + pad;
  }
  let y = f.y + pad + head.base.size * (1 - head.base.font.emBoxDescent);
  for (const [text, s, align] of [
    [f.title, head, 'center'],
    [f.company, head, 'center'],
  ] as const) {
    if (!text) continue;
    const r = stackLabel(text, s.base, { x, width }, y, pitch, { align, prohibition: s.prohibition });
    out.lines.push(...r.lines);
    y = r.next;
  }
  for (const text of f.lines) {
    const r = stackLabel(text, body.base, { x, width }, y, pitch, { align: 'justify', prohibition: body.prohibition });
    out.lines.push(...r.lines);
    y = r.next;
  }
  return out;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2020-11-20 -> 2020年11月20日 and 星期五. */
export function chineseDate(iso: string): { date: string; weekday: string } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return { date: `${y}年${m}月${d}日`, weekday: `星期${WEEKDAYS[wd] ?? ''}` };
}

/** Resolve a folio template: {paper} {page} {section} {date} {weekday} {edition} {issueNumber}. */
export function resolveFolio(template: string, issue: Issue, pageIndex: number): string {
  const { date, weekday } = chineseDate(issue.meta.date);
  const page = issue.pages[pageIndex];
  const values: Record<string, string> = {
    paper: issue.meta.paper,
    page: String(pageIndex + 1),
    section: page?.section ?? '',
    date,
    weekday,
    edition: issue.meta.edition,
    issueNumber: issue.meta.issueNumber,
  };
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

export function layoutFolio(ctx: StyleContext, issue: Issue, f: FolioFrame, pageIndex: number): ItemOutput {
  const s = paraSettings(ctx, paraStyleOf(ctx, ST.folio));
  const text = resolveFolio(f.template, issue, pageIndex);
  // outside: the outer edge of the spread; odd pages (1, 3, ...) are right-hand pages
  const align = f.align === 'outside' ? ((pageIndex + 1) % 2 === 1 ? 'end' : 'start') : f.align;
  const c = setLabel(text, s.base, f.width, { align, prohibition: s.prohibition })[0];
  if (!c) return none();
  const y = baselineInBand(f.y, f.height, s.base.size, s.base.font.emBoxDescent);
  return { shapes: [], lines: [placeLine(c, f.x, y, f.width, 'label')] };
}

/**
 * Masthead: the paper's name large at the left (headline font, sized to half the frame height
 * or what fits 60% of the width), the Latin name, tagline and slogan under it; date, weekday,
 * issue number, edition, CN number and publisher right-aligned at the right.
 */
export function layoutMasthead(ctx: StyleContext, issue: Issue, f: MastheadFrame): ItemOutput {
  const out = none();
  const m = issue.meta;
  const head = paraStyleOf(ctx, ST.headline);
  const small = paraStyleOf(ctx, ST.folio);
  const kicker = paraStyleOf(ctx, ST.kicker);
  let x = f.x;
  if (f.logoAssetId) {
    const side = f.height;
    out.shapes.push(placeImage({ x, y: f.y, width: side, height: side }, issue.assets.find((a) => a.id === f.logoAssetId), 'fit', 1, 0, 0));
    x += side + 6;
  }
  const leftW = (f.x + f.width - x) * 0.6;
  const nameChars = Math.max(1, [...m.paper].length);
  const nameSize = Math.max(6, Math.min(f.height * 0.5, leftW / nameChars));
  const nameStyle = textStyle(ctx, head.font, nameSize, head.color, 0);
  const smallStyle = textStyle(ctx, small.font, small.size, small.color, 0);
  const subStyle = textStyle(ctx, kicker.font, Math.min(kicker.size, f.height * 0.12), kicker.color, 0);
  let y = f.y + nameSize * (1 - nameStyle.font.emBoxDescent);
  const name = setLabel(m.paper, nameStyle, leftW, { align: 'start' })[0];
  if (name) out.lines.push(placeLine(name, x, y, leftW, 'label'));
  y += nameSize * 0.2;
  for (const t of [m.paperLatin, f.tagline, f.slogan]) {
    if (!t) continue;
    y += subStyle.size * 1.3;
    const c = setLabel(t, subStyle, leftW, { align: 'start' })[0];
    if (c) out.lines.push(placeLine(c, x, y, leftW, 'label'));
  }
  const { date, weekday } = chineseDate(m.date);
  const rx = x + leftW;
  const rw = f.x + f.width - rx;
  let ry = f.y + smallStyle.size;
  for (const t of [`${date}　${weekday}`, m.issueNumber, m.edition, m.cn ? `国内统一连续出版物号 ${m.cn}` : '', m.publisher]) {
    if (!t) continue;
    const r = stackLabel(t, smallStyle, { x: rx, width: rw }, ry, smallStyle.size * 1.5, { align: 'end' });
    out.lines.push(...r.lines);
    ry = r.next;
  }
  return out;
}
