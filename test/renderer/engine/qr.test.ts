// QR codes: the engine's module rectangles, rasterised and decoded by an independent reader
// (jsQR), give back the data: the code the canvas and the PDF draw is really scannable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { qrRects } from '../../../renderer/engine/qr';
import { layoutIssue, mapFontProvider } from '../../../renderer/engine';
import { newIssue, frameId } from '../../../renderer/model';
import { fakeMetrics } from './fake-metrics';

/** Rasterise rectangles (points) into an RGBA image at `scale` px per point, white paper. */
function raster(rects: ReadonlyArray<{ x: number; y: number; width: number; height: number }>, x0: number, y0: number, side: number, scale: number) {
  const w = Math.ceil(side * scale);
  const px = new Uint8ClampedArray(w * w * 4).fill(255);
  for (const r of rects) {
    const ax = Math.round((r.x - x0) * scale);
    const ay = Math.round((r.y - y0) * scale);
    const bx = Math.round((r.x + r.width - x0) * scale);
    const by = Math.round((r.y + r.height - y0) * scale);
    for (let y = ay; y < by; y++) for (let x = ax; x < bx; x++) {
      const i = (y * w + x) * 4;
      px[i] = px[i + 1] = px[i + 2] = 0;
    }
  }
  return { px, w };
}

const CASES: Array<[string, string, 'L' | 'M' | 'Q' | 'H']> = [
  ['qr-decodes-wechat-account-text', '微信公众号：上海社区发布', 'M'],
  ['qr-decodes-url', 'https://example.org/tianshan/2021-01-22', 'Q'],
  ['qr-decodes-high-correction', 'BANMIAN', 'H'],
];

for (const [name, data, level] of CASES) {
  test(name, () => {
    const { modules, rects } = qrRects(data, level, 10, 20, 60);
    assert.ok(modules >= 21);
    // quiet zone: nothing inside the outer 4 modules
    const mod = 60 / (modules + 8);
    for (const r of rects) {
      assert.ok(r.x >= 10 + 4 * mod - 1e-9 && r.y >= 20 + 4 * mod - 1e-9);
      assert.ok(r.x + r.width <= 70 - 4 * mod + 1e-9 && r.y + r.height <= 80 - 4 * mod + 1e-9);
    }
    const { px, w } = raster(rects, 10, 20, 60, 4);
    const got = jsQR(px, w, w);
    assert.ok(got, 'jsQR found a code');
    assert.equal(got.data, data);
  });
}

test('qr-frame-layout-carries-the-same-rects', () => {
  const issue = newIssue();
  const f = { id: frameId('q1'), kind: 'qr' as const, x: 100, y: 100, width: 60, height: 80, data: 'BANMIAN', level: 'M' as const };
  const withQr = { ...issue, pages: [{ ...issue.pages[0]!, frames: [f] }] };
  const fm = fakeMetrics();
  const r = layoutIssue(withQr, mapFontProvider({}, fm));
  const shape = r.pages[0]!.frames.find((x) => x.id === 'q1')!.shapes[0]!;
  assert.equal(shape.type, 'qr');
  if (shape.type !== 'qr') return;
  // centred square of the smaller side
  assert.equal(shape.size, 60);
  assert.equal(shape.y, 110);
  assert.deepEqual(shape.rects, qrRects('BANMIAN', 'M', 100, 110, 60).rects);
});
