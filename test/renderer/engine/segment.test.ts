// segment: units, glue and fixed punctuation trims, table-driven.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { segment, viewItems, Gap } from '../../../renderer/engine/segment';
import { Cls } from '../../../renderer/engine/chars';
import { fakeMetrics } from './fake-metrics';
import { BLACK } from './set-para';

const style = { font: fakeMetrics(), size: 10, fill: BLACK, tracking: 0 };
const seg = (text: string) => viewItems(segment([{ text, style }]));

const units: { name: string; text: string; units: string[] }[] = [
  { name: 'segment-date-keeps-year-whole', text: '2020年11月18日', units: ['2020', '年', '11', '月', '18', '日'] },
  { name: 'segment-plus-sequence-one-unit', text: '构建“1+18+7”的', units: ['构', '建', '“', '1+18+7', '”', '的'] },
  { name: 'segment-serial-number-one-unit', text: '编号CFCP-1720160673', units: ['编', '号', 'CFCP-1720160673'] },
  { name: 'segment-percent-one-unit', text: '增长27.98%。', units: ['增', '长', '27.98%', '。'] },
  { name: 'segment-latin-word-one-unit', text: 'SOHO天山', units: ['SOHO', '天', '山'] },
  { name: 'segment-range-one-unit', text: '0-3岁', units: ['0-3', '岁'] },
  { name: 'segment-dash-pair-one-unit', text: '一——二', units: ['一', '——', '二'] },
  { name: 'segment-ellipsis-pair-one-unit', text: '一……二', units: ['一', '……', '二'] },
  { name: 'segment-spaces-collapse', text: 'Tian   Shan', units: ['Tian', 'Shan'] },
];

describe('segment', () => {
  for (const c of units) it(c.name, () => assert.deepEqual(seg(c.text).map((i) => i.text), c.units));

  it('segment-quarter-em-gap-between-han-and-latin', () => {
    const items = seg('在SOHO里');
    assert.deepEqual(items.map((i) => [i.gap, i.gapKind]), [[0, Gap.None], [2.5, Gap.CjkLatin], [2.5, Gap.CjkLatin]]);
  });

  it('segment-word-space-from-font', () => {
    const items = seg('A B');
    assert.deepEqual(items.map((i) => [i.gap, i.gapKind]), [[0, Gap.None], [2.5, Gap.Space]]);
  });

  it('segment-classes', () => {
    assert.deepEqual(seg('（，。”·～—a').map((i) => i.cls), [Cls.Open, Cls.Pause, Cls.Pause, Cls.Close, Cls.Middle, Cls.Connector, Cls.Dash, Cls.Latin]);
  });

  it('segment-adjacent-trims-are-fixed-in-the-items', () => {
    const items = seg('）（');
    assert.deepEqual(items.map((i) => [i.width, i.trimStart, i.trimEnd, i.blankStart, i.blankEnd]), [[5, 0, 5, 0, 0], [10, 0, 0, 5, 0]]);
  });

  it('segment-offsets-span-runs', () => {
    const items = viewItems(segment([{ text: '一二', style }, { text: 'AB三', style }]));
    assert.deepEqual(items.map((i) => [i.text, i.start, i.end]), [['一', 0, 1], ['二', 1, 2], ['AB', 2, 4], ['三', 4, 5]]);
  });
});

describe('glyph fallback', () => {
  it('segment-missing-glyph-taken-from-fallback-face', async () => {
    const { justify } = await import('../../../renderer/engine/justify');
    const kai = fakeMetrics({ name: 'Kai', missing: '喆' });
    const song = fakeMetrics({ name: 'Song' });
    const kaiStyle = { font: kai, size: 10, fill: BLACK, tracking: 0, fallbacks: [{ font: song, size: 10, fill: BLACK, tracking: 0 }] };
    const items = segment([{ text: '张喆说', style: kaiStyle }]);
    const c = justify(items, 0, items.n, 100, { align: 'start', last: true, indent: 0 });
    assert.deepEqual(c.runs.map((r) => [r.font, r.glyphs.map((g) => g.text).join('')]), [['Kai', '张'], ['Song', '喆'], ['Kai', '说']]);
    assert.deepEqual(c.runs.flatMap((r) => r.glyphs.map((g) => g.x)), [0, 10, 20]);
  });

  it('segment-real-kai-lacks-rare-name-character', async () => {
    const { realFont } = await import('../fonts/load-fonts');
    // 喆 is outside GB 2312, which is all AR PL KaitiM covers
    assert.equal(realFont('GBZenKai-Medium').glyph('喆'.codePointAt(0)!).id, 0);
    assert.notEqual(realFont('NotoSerifSC-Regular').glyph('喆'.codePointAt(0)!).id, 0);
  });
});
