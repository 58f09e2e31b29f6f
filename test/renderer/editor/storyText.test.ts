// The story as textarea text: edits keep paragraph styles and character runs outside the change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyCharStyle, applyTextEdit, paragraphsInRange, storyToText } from '../../../renderer/editor/storyText';
import { CS, PS } from '../../../renderer/model/defaults';
import type { Story, StoryId } from '../../../renderer/model/schema';

const story: Story = {
  id: 's1' as StoryId,
  name: 'x',
  paragraphs: [
    { style: PS.byline, runs: [{ text: '■记者 王敏' }] },
    { style: PS.body, runs: [{ text: '本报讯', style: CS.bold }, { text: '社区新闻。' }] },
  ],
};

test('storyToText joins paragraphs with newlines', () => {
  assert.equal(storyToText(story), '■记者 王敏\n本报讯社区新闻。');
});

test('typing inside a bold run stays bold', () => {
  const s = applyTextEdit(story, '■记者 王敏\n本报讯讯社区新闻。', PS.body);
  assert.deepEqual(s.paragraphs[1]!.runs, [{ text: '本报讯讯', style: CS.bold }, { text: '社区新闻。' }]);
});

test('Enter splits a paragraph into two of the same style', () => {
  const s = applyTextEdit(story, '■记者 王敏\n本报讯社区\n新闻。', PS.body);
  assert.deepEqual(s.paragraphs.map((p) => p.style), [PS.byline, PS.body, PS.body]);
  assert.equal(storyToText(s), '■记者 王敏\n本报讯社区\n新闻。');
});

test('joining two paragraphs keeps the first one’s style', () => {
  const s = applyTextEdit(story, '■记者 王敏本报讯社区新闻。', PS.body);
  assert.equal(s.paragraphs.length, 1);
  assert.equal(s.paragraphs[0]!.style, PS.byline);
});

test('an unchanged text returns the same story object', () => {
  assert.equal(applyTextEdit(story, storyToText(story), PS.body), story);
});

test('applyCharStyle sets and clears 楷 on a range, merging runs', () => {
  const k = applyCharStyle(story, 10, 12, CS.kai, PS.body);
  assert.deepEqual(k.paragraphs[1]!.runs, [{ text: '本报讯', style: CS.bold }, { text: '社区', style: CS.kai }, { text: '新闻。' }]);
  const plain = applyCharStyle(k, 7, 17, undefined, PS.body);
  assert.deepEqual(plain.paragraphs[1]!.runs, [{ text: '本报讯社区新闻。' }]);
});

test('paragraphsInRange finds the paragraphs a selection touches', () => {
  assert.deepEqual(paragraphsInRange(story, 0, 0), [0]);
  assert.deepEqual(paragraphsInRange(story, 8, 9), [1]);
  assert.deepEqual(paragraphsInRange(story, 3, 9), [0, 1]);
});

test('pasted paragraphs keep their roles’ styles; the first continues a paragraph it lands inside', async () => {
  const { insertParagraphs } = await import('../../../renderer/editor/storyText');
  const empty: Story = { id: 's2' as StoryId, name: '', paragraphs: [] };
  const r = insertParagraphs(empty, 0, 0, [{ text: '■记者 李', style: PS.byline }, { text: '正文。', style: PS.body }], PS.body);
  assert.deepEqual(r.story.paragraphs.map((p) => p.style), [PS.byline, PS.body]);
  assert.equal(r.caret, '■记者 李\n正文。'.length);
  const mid = insertParagraphs(story, 9, 9, [{ text: 'X', style: PS.credit }, { text: 'Y', style: PS.credit }], PS.body);
  assert.deepEqual(mid.story.paragraphs.map((p) => p.style), [PS.byline, PS.body, PS.credit]);
});

test('an insert at a stale caret (past the end, or reversed) lands at the end with its runs on its own characters', async () => {
  const { insertParagraphs, storyToText } = await import('../../../renderer/editor/storyText');
  const len = storyToText(story).length;
  const paras = [{ text: '', style: PS.body, runs: [{ text: '甲' }, { text: '乙丙', style: CS.bold }] }] as const;
  const late = insertParagraphs(story, len + 50, len + 50, paras as never, PS.body);
  const atEnd = insertParagraphs(story, len, len, paras as never, PS.body);
  assert.deepEqual(late.story, atEnd.story);
  assert.equal(late.caret, atEnd.caret);
  const reversed = insertParagraphs(story, 9, 3, [{ text: 'Z', style: PS.body }], PS.body);
  const forward = insertParagraphs(story, 3, 9, [{ text: 'Z', style: PS.body }], PS.body);
  assert.deepEqual(reversed.story, forward.story);
});
