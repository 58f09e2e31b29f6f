// Non-text frames: everything a drawer needs is in the LayoutResult.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { layoutIssue, mapFontProvider } from '../../../renderer/engine/index';
import { chineseDate, placeImage, resolveFolio } from '../../../renderer/engine/frameItems';
import type { FrameLayout, Shape } from '../../../renderer/engine/types';
import { frameId, newIssue, SW } from '../../../renderer/model/defaults';
import type { Asset, AssetId, Frame, Issue } from '../../../renderer/model/schema';
import { fakeMetrics } from './fake-metrics';
import { qrRects } from '../../../renderer/engine/qr';

const fonts = mapFontProvider({}, fakeMetrics());
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const ASSET = 'a'.repeat(64) as AssetId;

function withFrames(frames: Frame[], edit?: (i: Issue) => void): FrameLayout[] {
  const issue = newIssue({ preset: 'tabloid', pages: 2, meta: { paper: '天山社区晨报', date: '2020-11-20', issueNumber: '总第8545期' } });
  issue.assets.push({ id: ASSET, name: 'photo.jpg', mime: 'image/jpeg', width: 3000, height: 2000 } as Asset);
  issue.pages[0]!.section = '要闻';
  issue.pages[0]!.frames.push(...frames);
  edit?.(issue);
  return layoutIssue(issue, fonts).pages[0]!.frames.filter((f) => !f.fromMaster);
}
const base = { x: 100, y: 200, width: 300, height: 150 };

describe('non-text frames', () => {
  it('rule-solid-runs-along-the-middle', () => {
    const [f] = withFrames([{ ...base, height: 4, id: frameId('r'), kind: 'rule', orientation: 'horizontal', weight: 1, color: SW.red, style: 'solid' }]);
    const s = f!.shapes[0] as Extract<Shape, { type: 'line' }>;
    assert.deepEqual([s.x1, s.y1, s.x2, s.y2, s.weight, s.dash, s.color.m], [100, 202, 400, 202, 1, null, 100]);
  });

  it('rule-double-is-two-strokes', () => {
    const [f] = withFrames([{ ...base, height: 3, id: frameId('r'), kind: 'rule', orientation: 'horizontal', weight: 3, color: SW.black, style: 'double' }]);
    const ys = f!.shapes.map((s) => (s.type === 'line' ? [s.y1, s.weight] : []));
    assert.deepEqual(ys, [[200.5, 1], [202.5, 1]]);
  });

  it('rule-vertical-dashed', () => {
    const [f] = withFrames([{ ...base, width: 2, id: frameId('r'), kind: 'rule', orientation: 'vertical', weight: 1, color: SW.black, style: 'dashed' }]);
    const s = f!.shapes[0] as Extract<Shape, { type: 'line' }>;
    assert.deepEqual([s.x1, s.y1, s.x2, s.y2, s.dash], [101, 200, 101, 350, [3, 2]]);
  });

  it('box-fill-tint-and-stroke', () => {
    const [f] = withFrames([{ ...base, id: frameId('b'), kind: 'box', fill: SW.red, tint: 20, stroke: SW.black, strokeWeight: 0.5 }]);
    const s = f!.shapes[0] as Extract<Shape, { type: 'rect' }>;
    assert.deepEqual([s.fill?.m, s.fill?.y, s.stroke?.k, s.strokeWeight], [20, 20, 100, 0.5]);
  });

  it('image-fill-fit-manual-placement-and-ppi', () => {
    const clip = { x: 0, y: 0, width: 300, height: 150 };
    const asset = { id: ASSET, name: 'p', mime: 'image/jpeg', width: 3000, height: 2000 } as Asset;
    const fill = placeImage(clip, asset, 'fill', 1, 0, 0) as Extract<Shape, { type: 'image' }>;
    assert.deepEqual(fill.rect, { x: 0, y: -25, width: 300, height: 200 });
    assert.equal(r3(fill.ppi!), 720);
    const fit = placeImage(clip, asset, 'fit', 1, 0, 0) as Extract<Shape, { type: 'image' }>;
    assert.deepEqual(fit.rect, { x: 37.5, y: 0, width: 225, height: 150 });
    const manual = placeImage(clip, asset, 'manual', 0.24, -10, -5) as Extract<Shape, { type: 'image' }>;
    assert.deepEqual(manual.rect, { x: -10, y: -5, width: 720, height: 480 });
    assert.equal(r3(manual.ppi!), 300);
  });

  it('image-frame-without-asset-is-a-placeholder', () => {
    const [f] = withFrames([{ ...base, id: frameId('i'), kind: 'image', assetId: null, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 }]);
    const s = f!.shapes[0] as Extract<Shape, { type: 'image' }>;
    assert.deepEqual([s.rect, s.assetId, s.clip], [null, null, base]);
  });

  it('folio-template-resolved', () => {
    assert.deepEqual(chineseDate('2020-11-20'), { date: '2020年11月20日', weekday: '星期五' });
    const issue = newIssue({ meta: { paper: '天山社区晨报', date: '2020-11-20', edition: '社区版', issueNumber: '总第8545期' } });
    issue.pages[0]!.section = '要闻';
    assert.equal(resolveFolio('{paper} 第{page}版 {section} {date} {weekday} {edition} {issueNumber}', issue, 0), '天山社区晨报 第1版 要闻 2020年11月20日 星期五 社区版 总第8545期');
  });

  it('folio-outside-alignment-on-odd-page-is-right', () => {
    const [f] = withFrames([{ ...base, height: 12, id: frameId('fo'), kind: 'folio', template: '第{page}版', align: 'outside' }]);
    const l = f!.lines[0]!;
    assert.equal(l.text, '第1版');
    assert.equal(r3(l.x + l.width), 400);
  });

  it('sponsor-box-lines-set-as-text', () => {
    const [f] = withFrames([{ ...base, id: frameId('sp'), kind: 'sponsor', title: '信用中国守信激励单位', company: '上海某某有限公司', lines: ['证书编号：CFCP-1720160673', '主导产品：食品'], logoAssetId: null, stroke: SW.black, strokeWeight: 0.5 }]);
    assert.deepEqual(f!.lines.map((l) => l.text), ['信用中国守信激励单位', '上海某某有限公司', '证书编号：CFCP-1720160673', '主导产品：食品']);
    assert.equal(f!.shapes[0]!.type, 'rect');
    assert.ok(f!.lines.every((l) => l.x >= 100 && l.x + l.width <= 400 + 1e-9));
  });

  it('masthead-lines-from-issue-meta', () => {
    const [f] = withFrames([{ ...base, id: frameId('m'), kind: 'masthead', logoAssetId: null, tagline: 'SHANGHAI COMMUNITY NEWS', slogan: '' }]);
    const texts = f!.lines.map((l) => l.text);
    assert.ok(texts.includes('天山社区晨报'));
    assert.ok(texts.includes('2020年11月20日　星期五'));
    assert.ok(texts.includes('总第8545期'));
  });

  it('qr-square-with-data', () => {
    const [f] = withFrames([{ ...base, id: frameId('q'), kind: 'qr', data: 'https://example.org', level: 'M' }]);
    assert.deepEqual(f!.shapes[0], {
      type: 'qr', x: 175, y: 200, size: 150, data: 'https://example.org', level: 'M', color: { swatch: 'black', c: 0, m: 0, y: 0, k: 100 },
      ...qrRects('https://example.org', 'M', 175, 200, 150),
    });
  });

  it('master-frames-come-first', () => {
    const issue = newIssue({ preset: 'tabloid' });
    const r = layoutIssue(issue, fonts);
    assert.deepEqual(r.pages[0]!.frames.map((f) => [f.kind, f.fromMaster]), [['folio', true], ['rule', true]]);
  });
});
