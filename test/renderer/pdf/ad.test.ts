// Ad-only export pages (renderer/pdf/ad.ts): the page is the ad's rectangle grown by half the
// border drawn on its edge, so the plant gets the whole border.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adLayout, edgeStrokeMargin } from '../../../renderer/pdf/ad';
import type { FrameLayout, LayoutResult, Shape } from '../../../renderer/engine/types';

const k = { swatch: 'black', c: 0, m: 0, y: 0, k: 100 };
const frame = (shapes: Shape[], extra: Partial<FrameLayout> = {}): FrameLayout => ({
  id: 'ad', kind: 'sponsor', x: 100, y: 200, width: 80, height: 40, fromMaster: false, storyId: null, columns: [], shapes, lines: [], ...extra,
});
const border = (w: number, inset = 0): Shape => ({ type: 'rect', x: 100 + inset, y: 200 + inset, width: 80 - 2 * inset, height: 40 - 2 * inset, fill: null, stroke: k, strokeWeight: w });

test('edgeStrokeMargin: half the widest stroke on the frame edge, nothing for inner or absent strokes', () => {
  const rows: Array<[string, Shape[], number]> = [
    ['no shapes', [], 0],
    ['a 1 pt border', [border(1)], 0.5],
    ['the widest of two borders', [border(1), border(3)], 1.5],
    ['a border inset from the edge', [border(2, 5)], 0],
    ['a fill without stroke', [{ type: 'rect', x: 100, y: 200, width: 80, height: 40, fill: k, stroke: null, strokeWeight: 0 }], 0],
    ['a rule along the top edge', [{ type: 'line', x1: 100, y1: 200, x2: 180, y2: 200, weight: 2, color: k, dash: null, cap: 'butt' }], 1],
  ];
  for (const [name, shapes, want] of rows) assert.equal(edgeStrokeMargin(frame(shapes)), want, name);
});

test('adLayout grows the page by the margin and moves the ad in by it', () => {
  const inner = frame([], { id: 'logo', kind: 'image', x: 110, y: 210, width: 20, height: 10 });
  const layout: LayoutResult = { version: 1, pages: [{ id: 'p1', index: 0, number: 4, width: 700, height: 1000, frames: [frame([border(2)]), inner] }], stories: [] } as unknown as LayoutResult;
  const r = adLayout(layout, 'ad')!;
  const p = r.layout.pages[0]!;
  assert.deepEqual([p.width, p.height], [82, 42]);
  assert.deepEqual(p.frames.map((f) => [f.id, f.x, f.y]), [['ad', 1, 1], ['logo', 11, 11]]);
  const s = p.frames[0]!.shapes[0]!;
  assert.ok(s.type === 'rect' && s.x - s.strokeWeight / 2 === 0, 'the outer edge of the border is the page edge');
  assert.deepEqual(r.frameIds, ['ad', 'logo']);
  assert.equal(adLayout(layout, 'nope'), null);
});
