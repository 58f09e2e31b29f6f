// Ad-only export: one frame's rectangle (a sponsor box, an ad built from a box and the frames
// inside it) as a page of its own, the size of the ad, for sending to another paper or to the
// advertiser. Such a page has no bleed, marks or slug: the ad's edge is its trim.
import type { FrameLayout, LayoutResult, Shape } from '../engine/types';

const inside = (f: FrameLayout, r: FrameLayout) =>
  f.x >= r.x - 0.01 && f.y >= r.y - 0.01 && f.x + f.width <= r.x + r.width + 0.01 && f.y + f.height <= r.y + r.height + 0.01;

function moveShape(s: Shape, dx: number, dy: number): Shape {
  switch (s.type) {
    case 'line':
      return { ...s, x1: s.x1 + dx, y1: s.y1 + dy, x2: s.x2 + dx, y2: s.y2 + dy };
    case 'rect':
      return { ...s, x: s.x + dx, y: s.y + dy };
    case 'image':
      return {
        ...s,
        clip: { ...s.clip, x: s.clip.x + dx, y: s.clip.y + dy },
        rect: s.rect ? { ...s.rect, x: s.rect.x + dx, y: s.rect.y + dy } : null,
      };
    case 'qr':
      return { ...s, x: s.x + dx, y: s.y + dy, rects: s.rects.map((r) => ({ ...r, x: r.x + dx, y: r.y + dy })) };
  }
}

function moveFrame(f: FrameLayout, dx: number, dy: number): FrameLayout {
  return {
    ...f,
    x: f.x + dx,
    y: f.y + dy,
    columns: f.columns.map((c) => ({ ...c, x: c.x + dx, y: c.y + dy })),
    shapes: f.shapes.map((s) => moveShape(s, dx, dy)),
    // glyph positions are relative to their line: moving the line moves them
    lines: f.lines.map((l) => ({ ...l, x: l.x + dx, y: l.y + dy })),
  };
}

/**
 * Half the widest stroke drawn on the ad frame's own edge (a sponsor box's border): strokes are
 * centred on the edge, so the page must reach that far out, or the plant receives the border cut
 * in half.
 */
export function edgeStrokeMargin(ad: FrameLayout): number {
  const E = 0.01;
  let m = 0;
  for (const s of ad.shapes) {
    if (s.type === 'rect' && s.stroke && s.strokeWeight > 0) {
      const onEdge = s.x <= ad.x + E || s.y <= ad.y + E || s.x + s.width >= ad.x + ad.width - E || s.y + s.height >= ad.y + ad.height - E;
      if (onEdge) m = Math.max(m, s.strokeWeight / 2);
    } else if (s.type === 'line') {
      const onEdge = [s.x1, s.x2].some((x) => Math.abs(x - ad.x) <= E || Math.abs(x - ad.x - ad.width) <= E) || [s.y1, s.y2].some((y) => Math.abs(y - ad.y) <= E || Math.abs(y - ad.y - ad.height) <= E);
      if (onEdge) m = Math.max(m, s.weight / 2);
    }
  }
  return m;
}

/**
 * A layout of one page holding the ad: the frame `frameId` and every frame of its page that lies
 * entirely inside it (master frames excluded), moved so the ad's top-left is the page origin;
 * the page is the ad's rectangle grown by edgeStrokeMargin on every side, so its border prints
 * whole. Returns null when no frame has that id.
 */
export function adLayout(layout: LayoutResult, frameId: string): { layout: LayoutResult; frameIds: string[]; pageNumber: number } | null {
  for (const p of layout.pages) {
    const ad = p.frames.find((f) => f.id === frameId);
    if (!ad) continue;
    const members = p.frames.filter((f) => !f.fromMaster && (f === ad || inside(f, ad)));
    const m = edgeStrokeMargin(ad);
    return {
      layout: {
        version: layout.version,
        pages: [{ ...p, width: ad.width + 2 * m, height: ad.height + 2 * m, frames: members.map((f) => moveFrame(f, m - ad.x, m - ad.y)) }],
        stories: layout.stories.filter((s) => s.frames.some((id) => members.some((m) => m.id === id))),
      },
      frameIds: members.map((m) => m.id),
      pageNumber: p.number,
    };
  }
  return null;
}
