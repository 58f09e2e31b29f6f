// flowFrames: columns, threads across frames and pages, the line grid, copy-fit labels, text
// wrap, jump lines, and incremental relayout. Fake fixed-width metrics (1 em = 9 pt at the
// tabloid body size), so every x and y is exact.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLayoutSession, layoutIssue, mapFontProvider } from '../../../renderer/engine/index';
import type { FrameLayout, LayoutResult } from '../../../renderer/engine/types';
import { lineTop } from '../../../renderer/model/grid';
import { frameId, PS } from '../../../renderer/model/defaults';
import type { Frame, ImageFrame, Issue } from '../../../renderer/model/schema';
import { fakeMetrics } from './fake-metrics';
import { gridFrame, issueWithStory, storyId } from './fixtures';

const fonts = mapFontProvider({}, fakeMetrics());
const han = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String.fromCodePoint(0x4e00 + from + i)).join('');
const textFrames = (r: LayoutResult, page = 0): FrameLayout[] => r.pages[page]!.frames.filter((f) => f.kind === 'text');
const texts = (f: FrameLayout) => f.lines.map((l) => l.text);
/** Baseline of grid line i for 9 pt type: em-box top + 0.88 em. */
const baseline = (issue: Issue, i: number) => lineTop(issue.grid, i) + 9 * 0.88;
const r3 = (v: number) => Math.round(v * 1000) / 1000;

describe('flowFrames', () => {
  it('flow-columns-fill-left-to-right-on-the-grid', () => {
    const issue = issueWithStory('tabloid', [han(50)], (is) => [gridFrame(is, 'f1', 's1', { cols: 2, lines: 3 })]);
    const r = layoutIssue(issue, fonts);
    const f = textFrames(r)[0]!;
    // indent 2: 9 + 11 + 11 | 11 + 8
    assert.deepEqual(f.lines.map((l) => [...l.text].length), [9, 11, 11, 11, 8]);
    const g = issue.grid;
    const col2 = g.marginLeft + 11 * 9 + 9; // column + one-character gutter
    assert.deepEqual(f.lines.map((l) => r3(l.x)), [g.marginLeft + 18, g.marginLeft, g.marginLeft, col2, col2].map(r3));
    assert.deepEqual(f.lines.map((l) => r3(l.y)), [0, 1, 2, 0, 1].map((i) => r3(baseline(issue, i))));
    assert.deepEqual(r.stories[0]!.label, '空 1 行');
  });

  it('flow-overset-label-counts-chars-and-lines', () => {
    const issue = issueWithStory('tabloid', [han(50)], (is) => [gridFrame(is, 'f1', 's1', { cols: 1, lines: 2 })]);
    const fit = layoutIssue(issue, fonts).stories[0]!;
    assert.equal(fit.status, 'overset');
    assert.equal(fit.label, '超出 30 字 / 3 行');
    assert.deepEqual([fit.overChars, fit.overLines], [30, 3]);
  });

  it('flow-underset-label-counts-empty-lines', () => {
    const issue = issueWithStory('tabloid', [han(20)], (is) => [gridFrame(is, 'f1', 's1', { cols: 1, lines: 5 })]);
    const fit = layoutIssue(issue, fonts).stories[0]!;
    assert.deepEqual([fit.status, fit.label, fit.emptyLines], ['underset', '空 3 行', 3]);
  });

  it('flow-exact-fit', () => {
    const issue = issueWithStory('tabloid', [han(31)], (is) => [gridFrame(is, 'f1', 's1', { cols: 1, lines: 3 })]);
    assert.equal(layoutIssue(issue, fonts).stories[0]!.label, '正好排满');
  });

  it('flow-off-grid-frame-snaps-to-next-grid-line', () => {
    const issue = issueWithStory('tabloid', [han(30)], (is) => {
      const f = gridFrame(is, 'f1', 's1', { cols: 1, line: 4, lines: 6 });
      return [{ ...f, y: f.y - 5, height: f.height + 5 }];
    });
    const f = textFrames(layoutIssue(issue, fonts))[0]!;
    assert.equal(r3(f.lines[0]!.y), r3(baseline(issue, 4)));
  });

  it('flow-neighbouring-frames-share-baselines', () => {
    const issue = issueWithStory('tabloid', [han(60)], (is) => [
      gridFrame(is, 'a', 's1', { col: 0, cols: 1, line: 0, lines: 3, next: 'b' }),
      gridFrame(is, 'b', 's1', { col: 1, cols: 1, line: 0, lines: 3 }),
    ]);
    const [a, b] = textFrames(layoutIssue(issue, fonts));
    assert.deepEqual(a!.lines.map((l) => l.y), b!.lines.map((l) => l.y));
  });

  it('flow-thread-order-follows-next-links', () => {
    // b is first on the page but the thread starts at a
    const issue = issueWithStory('tabloid', [han(8) + '。', han(22, 100)], (is) => [
      gridFrame(is, 'b', 's1', { col: 0, cols: 1, lines: 2 }),
      gridFrame(is, 'a', 's1', { col: 3, cols: 1, lines: 2, next: 'b' }),
    ]);
    const r = layoutIssue(issue, fonts);
    const byId = new Map(textFrames(r).map((f) => [f.id, f]));
    assert.deepEqual(texts(byId.get('a')!), [han(8) + '。', han(9, 100)]);
    assert.deepEqual(texts(byId.get('b')!), [han(11, 109), han(2, 120)]);
  });

  it('flow-byline-never-justified', () => {
    // clreq §3.8: a paragraph's last line (so the only line of a one-line paragraph) is not
    // justified; a byline (PS.byline, align start) is set flush left on every line, including the
    // first line of a byline that wraps. No joint opens wider than its natural glue (a word space).
    const issue = issueWithStory('tabloid', ['', '', '记者 陈玲'], (is) => [gridFrame(is, 'f1', 's1', { cols: 1 })]);
    const paras = issue.stories[0]!.paragraphs;
    paras[0] = { style: PS.byline, runs: [{ text: '■记者 陈玲' }] };
    paras[1] = { style: PS.byline, runs: [{ text: '■记者 陈玲 实习生 章臻瑶 通讯员 王明' }] };
    const f = textFrames(layoutIssue(issue, fonts))[0]!;
    assert.equal(f.lines.length, 4);
    assert.deepEqual([f.lines[0]!.text, f.lines[3]!.text], ['■记者 陈玲', '记者 陈玲']);
    for (const l of [f.lines[0]!, f.lines[3]!]) assert.ok(l.width < l.measure / 2, `stretched: "${l.text}" ${l.width} of ${l.measure}`);
    for (const l of f.lines) {
      const gs = l.runs.flatMap((r) => r.glyphs);
      for (let i = 1; i < gs.length; i++) {
        const open = gs[i]!.x - gs[i - 1]!.x - gs[i - 1]!.advance;
        assert.ok(open <= 0.25 * 9 + 1e-6, `"${l.text}": ${r3(open)} pt before ${gs[i]!.text}`);
      }
    }
  });

  it('flow-space-before-is-whole-grid-lines', () => {
    const issue = issueWithStory('tabloid', [han(5), han(5, 50), han(5, 80)]);
    issue.stories[0]!.paragraphs[1] = { style: PS.subtitle, runs: [{ text: han(5, 50) }] }; // spaceBefore 0.5 -> 1 line
    const f = textFrames(layoutIssue(issue, fonts))[0]!;
    assert.deepEqual(f.lines.map((l) => r3(l.y)), [0, 2, 3].map((i) => r3(baseline(issue, i))));
  });

  it('flow-headline-paragraph-occupies-whole-grid-lines', () => {
    const issue = issueWithStory('tabloid', [han(3), han(5, 50)]);
    issue.stories[0]!.paragraphs[0] = { style: PS.main, runs: [{ text: han(3) }] }; // 24 pt: 3 lines of 12 pt
    const f = textFrames(layoutIssue(issue, fonts))[0]!;
    const g = issue.grid;
    // em box of 24 pt centred in the 3-line band (3 x 12 - 3 = 33 pt): top + 4.5, baseline + 24 x 0.88
    assert.equal(r3(f.lines[0]!.y), r3(lineTop(g, 0) + 4.5 + 24 * 0.88));
    assert.equal(r3(f.lines[1]!.y), r3(baseline(issue, 3)));
  });

  it('flow-wrap-pushes-text-out-of-covered-lines', () => {
    const issue = issueWithStory('tabloid', [han(60)], (is) => {
      const f = gridFrame(is, 'f1', 's1', { cols: 1, lines: 6 });
      const img: ImageFrame = {
        id: frameId('img'), kind: 'image', x: f.x, y: lineTop(is.grid, 1), width: f.width, height: 2 * 12 - 3,
        assetId: null, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0, wrap: { enabled: true, offset: 0 },
      };
      return [f, img as Frame];
    });
    const f = textFrames(layoutIssue(issue, fonts))[0]!;
    assert.deepEqual(f.lines.map((l) => r3(l.y)), [0, 3, 4, 5].map((i) => r3(baseline(issue, i))));
  });

  it('flow-wrap-offset-narrows-lines-beside-a-photo', () => {
    const issue = issueWithStory('tabloid', [han(40)], (is) => {
      const f = gridFrame(is, 'f1', 's1', { cols: 1, lines: 6 });
      // a photo over the right 4 characters of lines 0-1, with 9 pt (one character) of wrap offset
      const img: ImageFrame = {
        id: frameId('img'), kind: 'image', x: f.x + 7 * 9 + 9, y: lineTop(is.grid, 0), width: 4 * 9, height: 12,
        assetId: null, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0, wrap: { enabled: true, offset: 9 },
      };
      return [f, img as Frame];
    });
    const f = textFrames(layoutIssue(issue, fonts))[0]!;
    // lines 0 and 1 keep 7 characters of measure (the first loses 2 more to the indent)
    assert.deepEqual(f.lines.map((l) => [...l.text].length), [5, 7, 11, 11, 6]);
    assert.deepEqual(f.lines.map((l) => r3(l.measure)), [63, 63, 99, 99, 99]);
  });

  it('flow-jump-lines-across-pages', () => {
    const issue = issueWithStory('tabloid', [han(60)], (is) => [gridFrame(is, 'a', 's1', { cols: 1, lines: 3, next: 'b' })], 2);
    issue.pages[1]!.frames.push(gridFrame(issue, 'b', 's1', { cols: 1, lines: 10 }));
    const r = layoutIssue(issue, fonts);
    const a = textFrames(r, 0)[0]!;
    const b = textFrames(r, 1)[0]!;
    assert.equal(a.lines.length, 3);
    assert.equal(a.lines[2]!.text, '（下转第2版）');
    assert.equal(a.lines[2]!.role, 'jump');
    assert.equal(b.lines[0]!.text, '（上接第1版）');
    // the continued notice is set flush right in its line
    assert.equal(r3(a.lines[2]!.x + a.lines[2]!.width), r3(issue.grid.marginLeft + 99));
    // text is not lost: 9 + 11 characters on page 1, the rest (40) on page 2
    const chars = (f: FrameLayout) => f.lines.filter((l) => l.role === 'text').reduce((n, l) => n + [...l.text].length, 0);
    assert.deepEqual([chars(a), chars(b)], [20, 40]);
  });

  it('flow-jump-page-numbers-follow-page-order', () => {
    const issue = issueWithStory('tabloid', [han(60)], (is) => [gridFrame(is, 'a', 's1', { cols: 1, lines: 3, next: 'b' })], 3);
    issue.pages[2]!.frames.push(gridFrame(issue, 'b', 's1', { cols: 1, lines: 10 }));
    let r = layoutIssue(issue, fonts);
    assert.equal(textFrames(r, 0)[0]!.lines[2]!.text, '（下转第3版）');
    // move the continuation page to second place: the notice follows
    issue.pages = [issue.pages[0]!, issue.pages[2]!, issue.pages[1]!];
    r = layoutIssue(issue, fonts);
    assert.equal(textFrames(r, 0)[0]!.lines[2]!.text, '（下转第2版）');
    assert.equal(textFrames(r, 1)[0]!.lines[0]!.text, '（上接第1版）');
  });

  it('flow-no-jump-line-when-story-ends-on-the-page', () => {
    const issue = issueWithStory('tabloid', [han(15)], (is) => [gridFrame(is, 'a', 's1', { cols: 1, lines: 3, next: 'b' })], 2);
    issue.pages[1]!.frames.push(gridFrame(issue, 'b', 's1', { cols: 1, lines: 10 }));
    const r = layoutIssue(issue, fonts);
    assert.ok(textFrames(r, 0)[0]!.lines.every((l) => l.role === 'text'));
    assert.equal(textFrames(r, 1)[0]!.lines.length, 0);
  });

  it('flow-jump-line-not-used-for-a-single-continued-line', () => {
    // 9 + 11 + 11 characters: exactly three lines, so the third goes in the line kept for the notice
    const issue = issueWithStory('tabloid', [han(31)], (is) => [gridFrame(is, 'a', 's1', { cols: 1, lines: 3, next: 'b' })], 2);
    issue.pages[1]!.frames.push(gridFrame(issue, 'b', 's1', { cols: 1, lines: 10 }));
    const r = layoutIssue(issue, fonts);
    assert.deepEqual(textFrames(r, 0)[0]!.lines.map((l) => l.role), ['text', 'text', 'text']);
    assert.equal(textFrames(r, 1)[0]!.lines.length, 0);
  });

  it('flow-story-without-frames-is-overset', () => {
    const issue = issueWithStory('tabloid', [han(20)], () => []);
    const fit = layoutIssue(issue, fonts).stories[0]!;
    assert.equal(fit.label, '超出 20 字 / 2 行');
  });

  it('flow-relayout-after-edit-equals-fresh-layout-and-reuses-lines', () => {
    const paras = Array.from({ length: 20 }, (_, i) => han(30 + i, i * 40));
    const issue = issueWithStory('tabloid', paras);
    const session = createLayoutSession(fonts);
    const before = session.layout(issue);
    const story = issue.stories[0]!;
    const edited: Issue = {
      ...issue,
      stories: [{ ...story, paragraphs: story.paragraphs.map((p, i) => (i === 5 ? { ...p, runs: [{ text: '新' + p.runs[0]!.text }] } : p)) }],
    };
    const after = session.layout(edited);
    assert.deepEqual(after, layoutIssue(edited, fonts));
    const lb = textFrames(before)[0]!.lines;
    const la = textFrames(after)[0]!.lines;
    // paragraph 0's lines are reused objects (same runs), paragraph 5's are new
    assert.equal(la[0]!.runs, lb[0]!.runs);
    const p5 = la.findIndex((l) => l.source?.paragraph === 5);
    assert.notEqual(la[p5]!.runs, lb[p5]!.runs);
    assert.equal(la[p5]!.text[0], '新');
    void storyId;
  });
});
