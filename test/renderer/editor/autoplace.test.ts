import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeArticles, estimateLines } from '../../../renderer/editor/autoplace';
import { newIssue, validateIssue, linePitch, typeArea, deckRoles, decksFor, storyFromArticle, storyChars, type Frame, type StoryId } from '../../../renderer/model';

const para = (n: number) => ({ role: 'body', text: '天山路街道举行既有多层住宅加装电梯攻坚战誓师大会。'.repeat(n) });

test('deck roles: 1 line 主题; 2 lines 主题+副题; 3 lines 引题+主题+副题', () => {
  assert.deepEqual(deckRoles(1), ['main']);
  assert.deepEqual(deckRoles(2), ['main', 'sub']);
  assert.deepEqual(deckRoles(3), ['kicker', 'main', 'sub']);
  assert.deepEqual(decksFor(['引', '主', '副']).map((d) => d.style), ['kicker', 'headline', 'subhead']);
});

test('story from article: roles become styles, copy jump lines are dropped', () => {
  const s = storyFromArticle(
    { headlines: ['标题'], paragraphs: [{ role: 'byline', text: '本报讯' }, { role: 'body', text: '正文，ABC 123。' }, { role: 'jump', text: '▶ 下转2版' }] },
    's1' as StoryId,
  );
  assert.equal(s.name, '标题');
  assert.deepEqual(s.paragraphs.map((p) => p.style), ['byline', 'body']);
  assert.equal(storyChars(s), 3 + 10); // spaces are not counted
});

test('placement: a short article fits on page 1 with a headline frame above its text frame', () => {
  const issue = placeArticles(newIssue({ preset: 'tabloid' }), [{ headlines: ['主题', '副题'], paragraphs: [para(5)] }]);
  assert.equal(validateIssue(issue).ok, true);
  assert.equal(issue.pages.length, 1);
  const kinds = issue.pages[0]!.frames.map((f) => f.kind);
  assert.deepEqual(kinds, ['headline', 'text']);
  const [h, t] = issue.pages[0]!.frames as [Frame, Frame];
  assert.ok(t.y > h.y + h.height, 'text below headline');
  // frames sit on the grid: their tops are whole grid lines from the type area's top
  const ta = typeArea(issue.grid);
  for (const f of [h, t]) {
    const k = (f.y - ta.y) / linePitch(issue.grid);
    assert.ok(Math.abs(k - Math.round(k)) < 1e-9, `frame ${f.id} on a grid line`);
  }
});

test('placement: a long article threads onto as many pages as it needs, and the thread is valid', () => {
  const issue = placeArticles(newIssue({ preset: 'tabloid' }), [{ headlines: ['长文'], paragraphs: Array.from({ length: 120 }, () => para(6)) }]);
  assert.equal(validateIssue(issue).ok, true);
  assert.ok(issue.pages.length >= 3, `pages: ${issue.pages.length}`);
  const texts = issue.pages.flatMap((p) => p.frames).filter((f) => f.kind === 'text');
  assert.equal(texts.length, issue.pages.length);
  for (let i = 0; i < texts.length - 1; i++) assert.equal((texts[i] as { next: string }).next, texts[i + 1]!.id);
  assert.equal((texts.at(-1) as { next: string | null }).next, null);
  // capacity placed >= lines estimated
  const story = issue.stories[0]!;
  const lines = texts.reduce((a, f) => a + Math.round((f.height + issue.grid.lineGap) / linePitch(issue.grid)) * (f as { columns: number }).columns, 0);
  assert.ok(lines >= estimateLines(issue, story), `${lines} >= ${estimateLines(issue, story)}`);
});

test('placement: placing a second text never overlaps what the first placed', () => {
  let issue = placeArticles(newIssue({ preset: 'tabloid' }), [{ headlines: ['一'], paragraphs: Array.from({ length: 40 }, () => para(6)) }]);
  issue = placeArticles(issue, [{ headlines: ['二'], paragraphs: [para(8)] }, { headlines: ['三'], paragraphs: Array.from({ length: 30 }, () => para(6)) }]);
  assert.equal(validateIssue(issue).ok, true);
  for (const p of issue.pages) {
    const fs = p.frames;
    for (let i = 0; i < fs.length; i++) for (let j = i + 1; j < fs.length; j++) {
      const a = fs[i]!;
      const b = fs[j]!;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert.ok(!overlap, `${a.id} overlaps ${b.id} on ${p.id}`);
    }
  }
});
