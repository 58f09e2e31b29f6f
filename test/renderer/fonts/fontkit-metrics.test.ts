// FontkitMetrics over the bundled fonts: punctuation blanks from halt or ink, vertical metrics
// read from the raw vhea/vmtx (fontkit 2.0.4 reports advanceHeight 0), caching.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { realFont } from './load-fonts';

const cp = (s: string) => s.codePointAt(0)!;

describe('FontkitMetrics', () => {
  const serif = realFont('NotoSerifSC-Regular');
  const sans = realFont('NotoSansSC-Regular');
  const kai = realFont('GBZenKai-Medium');

  it('metrics-names-and-em-box', () => {
    assert.equal(serif.postscriptName, 'NotoSerifSC-Regular');
    assert.equal(serif.emBoxDescent, 0.12);
    assert.equal(kai.postscriptName, 'GBZenKai-Medium');
    assert.equal(Math.round(kai.emBoxDescent * 1000) / 1000, 0.121);
  });

  const blanks: [string, string, number, number][] = [
    ['NotoSerifSC-Regular', '。', 0, 0.5],
    ['NotoSerifSC-Regular', '，', 0, 0.5],
    ['NotoSerifSC-Regular', '（', 0.5, 0],
    ['NotoSerifSC-Regular', '）', 0, 0.5],
    ['NotoSerifSC-Regular', '“', 0.5, 0],
    ['NotoSerifSC-Regular', '”', 0, 0.5],
    ['NotoSerifSC-Regular', '永', 0, 0],
    ['GBZenKai-Medium', '。', 0, 0.5],
    ['GBZenKai-Medium', '（', 0.5, 0],
    ['GBZenKai-Medium', '“', 0.5, 0],
  ];
  for (const [font, ch, s, e] of blanks) {
    it(`metrics-blank-${font}-${ch}`, () => {
      const g = realFont(font).glyph(cp(ch));
      assert.deepEqual([g.blankStart, g.blankEnd, g.advance], [s, e, 1]);
    });
  }

  it('metrics-vertical-advance-from-vmtx', () => {
    assert.equal(serif.vertical(cp('永')).advance, 1);
    assert.equal(sans.vertical(cp('（')).advance, 1);
    assert.equal(sans.vertical(cp('（')).rotated, false);
    assert.notEqual(sans.vertical(cp('（')).id, sans.glyph(cp('（')).id);
    assert.equal(sans.vertical(cp('A')).rotated, true);
  });

  it('metrics-digits-independent-of-context', () => {
    const two = serif.glyph(cp('2')).advance;
    assert.equal(serif.shape('2020')[0]!.advance, two);
    assert.ok(two > 0.5 && two < 0.6, String(two));
  });

  it('metrics-cached', () => {
    assert.equal(serif.glyph(cp('永')), serif.glyph(cp('永')));
    assert.equal(serif.shape('SOHO'), serif.shape('SOHO'));
    assert.deepEqual(serif.shape('SOHO').map((g) => g.text), ['S', 'O', 'H', 'O']);
  });
});
