// The three sample texts set in tabloid columns (6 x 11 characters of 9 pt NotoSerifSC) with real
// fonts: no line may start with a mark that basic prohibition keeps off line starts, none may end
// with an opening mark, and every justified line fills its measure. Checked from the LayoutResult.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { layoutIssue } from '../../../renderer/engine/index';
import type { LineLayout } from '../../../renderer/engine/types';
import { realFonts } from '../fonts/load-fonts';
import { gridFrame, issueWithStory, SAMPLES, sampleParagraphs } from './fixtures';

// W3C clreq / GB/T 15834, level 'basic' (renderer/engine/chars.ts): may not start / end a line.
const NO_START = new Set([...'，。、；：？！）》」』】〕〉～·”’,.;:?!)]}']);
const NO_END = new Set([...'（《「『【〔〈“‘([{']);
const PAUSE = new Set([...'，、。．；：？！']);
const MARK = new Set([...'（〔［｛《〈「『【〖“‘）〕］｝》〉」』】〗”’，、。．；：？！·—…']);

/**
 * In-line pause/stop marks (not at the line end, not beside another mark) set narrower than one
 * em. clreq §6.2.2.3 compresses them only after the line-end mark, word spaces, adjacent pairs
 * and brackets (commas, 顿号, semicolons), or last of all after the CJK–Latin gaps (。？！).
 */
function narrowInlineMarks(lines: readonly LineLayout[]): number {
  let narrow = 0;
  for (const l of lines) {
    if (l.role !== 'text') continue;
    const size = l.runs.map((r) => r.size);
    const gs = l.runs.flatMap((r, ri) => r.glyphs.map((g) => ({ ...g, size: size[ri]! })));
    for (let i = 0; i + 1 < gs.length; i++) {
      const g = gs[i]!;
      if (!PAUSE.has(g.text) || MARK.has(gs[i + 1]!.text) || (i > 0 && MARK.has(gs[i - 1]!.text))) continue;
      if (g.advance < g.size - 0.01) narrow++;
    }
  }
  return narrow;
}

/**
 * In-line marks narrower than one em over the three samples: 99 with brackets and all pause/stop
 * marks compressed before the CJK–Latin gaps, 90 in the clreq order; 5 of margin for text changes.
 */
const NARROW_INLINE_MAX = 95;

describe('sample texts in tabloid columns', () => {
  const fonts = realFonts();
  for (const name of SAMPLES) {
    it(`samples-${name}-no-prohibited-line-starts-or-ends`, async () => {
      const paras = await sampleParagraphs(name);
      const issue = issueWithStory('tabloid', paras, (is) => [gridFrame(is, 'a', 's1', { next: 'b' })], 2);
      issue.pages[1]!.frames.push(gridFrame(issue, 'b', 's1'));
      const r = layoutIssue(issue, fonts);
      assert.notEqual(r.stories[0]!.status, 'overset', r.stories[0]!.label);
      const lines = r.pages.flatMap((p) => p.frames.filter((f) => f.kind === 'text').flatMap((f) => f.lines));
      assert.ok(lines.length > 100, `${lines.length} lines`);
      const bad: string[] = [];
      for (const l of lines) {
        const chars = [...l.text];
        if (NO_START.has(chars[0]!)) bad.push(`starts with ${chars[0]}: ${l.text}`);
        if (NO_END.has(chars.at(-1)!)) bad.push(`ends with ${chars.at(-1)}: ${l.text}`);
      }
      assert.deepEqual(bad, []);
      // justified lines (not the last of a paragraph, not jump notices) fill the 99 pt measure
      const bySource = lines.filter((l) => l.role === 'text' && l.source);
      let full = 0;
      for (let i = 0; i + 1 < bySource.length; i++) {
        const l = bySource[i]!;
        if (bySource[i + 1]!.source!.paragraph !== l.source!.paragraph) continue;
        // a line holding one unbreakable Latin unit has no joint to stretch: set flush left
        if ((l.text.match(/[\u3000-\u9fff\uff00-\uffef]/g) ?? []).length < 2) continue;
        const indent = l.source!.start === 0 ? 18 : 0;
        assert.ok(Math.abs(l.width - (l.measure - indent)) < 0.01, `line not justified: "${l.text}" ${l.width} of ${l.measure - indent}`);
        full++;
      }
      assert.ok(full > 50);
    });
  }

  it('samples-inline-pause-marks-keep-full-width-clreq-reduction-order', async () => {
    let narrow = 0;
    for (const name of SAMPLES) {
      const paras = await sampleParagraphs(name);
      const issue = issueWithStory('tabloid', paras, (is) => [gridFrame(is, 'a', 's1', { next: 'b' })], 2);
      issue.pages[1]!.frames.push(gridFrame(issue, 'b', 's1'));
      const r = layoutIssue(issue, fonts);
      narrow += narrowInlineMarks(r.pages.flatMap((p) => p.frames.filter((f) => f.kind === 'text').flatMap((f) => f.lines)));
    }
    assert.ok(narrow <= NARROW_INLINE_MAX, `${narrow} in-line marks compressed (at most ${NARROW_INLINE_MAX})`);
  });
});
