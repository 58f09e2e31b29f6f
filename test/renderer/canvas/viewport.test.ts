// Zoom and pan maths of the page canvas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CSS_PX_PER_PT, fitPage, fitWidth, nextZoom, pxPerPt, toPage, wheelZoomFactor, zoomAt } from '../../../renderer/canvas/viewport';
import { cmykToCss } from '../../../renderer/canvas/color';

test('100% is actual size: 96/72 CSS px per point', () => {
  assert.equal(pxPerPt(1), CSS_PX_PER_PT);
  assert.equal(pxPerPt(2), 2 * CSS_PX_PER_PT);
});

test('fit page centres the page and fits its height in a tall window', () => {
  const v = fitPage(1000, 800, 779.5, 1105.5);
  const s = pxPerPt(v.zoom);
  assert.ok(1105.5 * s <= 800 - 2 * 24 + 1e-6);
  assert.ok(Math.abs(v.panX + (779.5 * s) / 2 - 500) < 1e-6, 'centred horizontally');
});

test('fit width fills the width less the margins', () => {
  const v = fitWidth(1000, 779.5);
  assert.ok(Math.abs(779.5 * pxPerPt(v.zoom) - (1000 - 48)) < 1e-6);
});

test('zooming about a point keeps that page point under the cursor', () => {
  const v = { zoom: 0.5, panX: 30, panY: 40 };
  const before = toPage(v, 400, 300);
  const z = zoomAt(v, 2, 400, 300);
  const after = toPage(z, 400, 300);
  assert.ok(Math.abs(before.x - after.x) < 1e-9 && Math.abs(before.y - after.y) < 1e-9);
});

test('zoom is clamped to 10%..800% and steps through the ladder', () => {
  assert.equal(zoomAt({ zoom: 1, panX: 0, panY: 0 }, 100, 0, 0).zoom, 8);
  assert.equal(nextZoom(1, 1), 1.25);
  assert.equal(nextZoom(1, -1), 0.75);
  assert.equal(nextZoom(8, 1), 8);
  assert.equal(nextZoom(0.1, -1), 0.1);
  assert.ok(wheelZoomFactor(-100) > 1 && wheelZoomFactor(100) < 1);
});

test('CMYK to screen: K100 is black, paper is white, M100 Y100 is red', () => {
  assert.equal(cmykToCss(0, 0, 0, 100), 'rgb(0, 0, 0)');
  assert.equal(cmykToCss(0, 0, 0, 0), 'rgb(255, 255, 255)');
  assert.equal(cmykToCss(0, 100, 100, 0), 'rgb(255, 0, 0)');
});
