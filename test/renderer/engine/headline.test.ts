// Headline frames: decks on whole grid lines (horizontal) and 竖排 (vertical) columns.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { layoutIssue, mapFontProvider } from '../../../renderer/engine/index';
import type { FrameLayout } from '../../../renderer/engine/types';
import { lineTop } from '../../../renderer/model/grid';
import { frameId, newIssue, PS } from '../../../renderer/model/defaults';
import type { Deck, HeadlineFrame, Issue } from '../../../renderer/model/schema';
import { fakeMetrics } from './fake-metrics';
import { realFonts, realFont } from '../fonts/load-fonts';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

function headlineIssue(decks: Deck[], orientation: 'horizontal' | 'vertical', box?: Partial<HeadlineFrame>): { issue: Issue; frame: HeadlineFrame } {
  const issue = newIssue({ preset: 'tabloid' });
  const g = issue.grid;
  const frame: HeadlineFrame = {
    id: frameId('h1'), kind: 'headline', x: g.marginLeft, y: lineTop(g, 0), width: 300, height: 200,
    decks, orientation, storyId: null, ...box,
  };
  issue.pages[0]!.frames.push(frame);
  return { issue, frame };
}
const headline = (r: ReturnType<typeof layoutIssue>): FrameLayout => r.pages[0]!.frames.find((f) => f.kind === 'headline')!;

describe('headline frames', () => {
  const fake = mapFontProvider({}, fakeMetrics());

  it('headline-horizontal-decks-on-whole-grid-lines', () => {
    const { issue, frame } = headlineIssue(
      [
        { role: 'kicker', text: '一二三', style: PS.kicker }, // 14 pt: 2 grid lines
        { role: 'main', text: '四五六七', style: PS.main }, // 24 pt: 3 grid lines
        { role: 'sub', text: '八九', style: PS.sub }, // 12 pt: 2 grid lines
      ],
      'horizontal',
    );
    const h = headline(layoutIssue(issue, fake));
    const g = issue.grid;
    assert.deepEqual(h.lines.map((l) => l.text), ['一二三', '四五六七', '八九']);
    // em box centred in the band of whole grid lines: band = n x 12 - 3
    assert.deepEqual(
      h.lines.map((l) => r3(l.y)),
      [lineTop(g, 0) + (21 - 14) / 2 + 14 * 0.88, lineTop(g, 2) + (33 - 24) / 2 + 24 * 0.88, lineTop(g, 5) + (21 - 12) / 2 + 12 * 0.88].map(r3),
    );
    // centred in the frame
    assert.deepEqual(h.lines.map((l) => r3(l.x)), [frame.x + (300 - 42) / 2, frame.x + (300 - 96) / 2, frame.x + (300 - 24) / 2].map(r3));
    assert.ok(h.lines.every((l) => l.role === 'deck'));
  });

  it('headline-horizontal-long-centred-deck-wraps-balanced-on-grid-lines', () => {
    const { issue } = headlineIssue([{ role: 'main', text: '一二三四五六七八九十一二三四五', style: PS.main }], 'horizontal', { width: 240 });
    const h = headline(layoutIssue(issue, fake));
    // 15 characters in a 10-character measure: 8 + 7 rather than 10 + 5
    assert.deepEqual(h.lines.map((l) => l.text), ['一二三四五六七八', '九十一二三四五']);
    assert.equal(r3(h.lines[1]!.y - h.lines[0]!.y), 36);
  });

  it('headline-vertical-columns-right-to-left', () => {
    const { issue, frame } = headlineIssue(
      [
        { role: 'kicker', text: '引题', style: PS.kicker },
        { role: 'main', text: '主题文字', style: PS.main },
      ],
      'vertical',
      { width: 100, height: 200 },
    );
    const h = headline(layoutIssue(issue, fake));
    assert.deepEqual(h.lines.map((l) => l.text), ['引题', '主题文字']);
    assert.ok(h.lines.every((l) => l.vertical));
    const [k, m] = h.lines;
    assert.equal(r3(k!.x), r3(frame.x + 100 - 14));
    assert.equal(r3(m!.x), r3(k!.x - 0.5 * 24 - 24));
    // centred down the column: slack (200 - 28) / 2 = 86; baseline 0.88 em below each em top
    assert.deepEqual(k!.runs[0]!.glyphs.map((gl) => r3(gl.y!)), [86 + 14 * 0.88, 86 + 14 + 14 * 0.88].map(r3));
    assert.ok(k!.runs[0]!.glyphs.every((gl) => gl.vertical && gl.x === 0));
  });

  it('headline-vertical-uses-vert-alternates-and-vmtx', () => {
    const fonts = realFonts();
    const { issue } = headlineIssue([{ role: 'main', text: '（新）——', style: PS.main }], 'vertical', { width: 60, height: 300 });
    const h = headline(layoutIssue(issue, fonts));
    const glyphs = h.lines[0]!.runs[0]!.glyphs;
    const font = realFont('NotoSansSC-Bold');
    // brackets and dashes take their vertical forms; 新 stays the same glyph
    assert.notEqual(glyphs[0]!.id, font.glyph(0xff08).id);
    assert.equal(glyphs[1]!.id, font.glyph('新'.codePointAt(0)!).id);
    assert.notEqual(glyphs[3]!.id, font.glyph(0x2014).id);
    // vertical advances from vmtx: one em each (24 pt)
    assert.deepEqual(glyphs.map((gl) => r3(gl.advance)), [24, 24, 24, 24, 24]);
  });

  it('headline-vertical-latin-set-sideways', () => {
    const { issue } = headlineIssue([{ role: 'main', text: '2020年', style: PS.main }], 'vertical', { width: 60, height: 300 });
    const h = headline(layoutIssue(issue, fake));
    const glyphs = h.lines[0]!.runs[0]!.glyphs;
    assert.deepEqual(glyphs.map((gl) => Boolean(gl.rotated)), [true, true, true, true, false]);
  });
});
