// A .docx imported into a story as the story editor does it: bold runs become 粗体 (CS.bold) and
// 楷 runs 楷体 (CS.kai), the rest of the text is plain whatever the caret's style was, bylines
// and credits get their paragraph styles, the insert is one undoable step, and a refused file's
// error reaches the error dialog in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessages } from '../../../renderer/api';
import { Editor } from '../../../renderer/editor/editor';
import { makeTextFrame } from '../../../renderer/editor/ops';
import { insertParagraphs, storyToText } from '../../../renderer/editor/storyText';
import { DocxImportError } from '../../../renderer/import/docx';
import { importDocx, importFile } from '../../../renderer/import/files';
import { CS, PS, newIssue } from '../../../renderer/model/defaults';
import { runsFor, storyFromArticle } from '../../../renderer/model/from-text';
import type { Story, StoryId } from '../../../renderer/model/schema';
import { validateIssue } from '../../../renderer/model/validate';
import { importedParagraphs } from '../../../renderer/ui/StoryEditor';
import { fixture } from '../import/docx-build';

const empty: Story = { id: 's1' as StoryId, name: '', paragraphs: [] };

test('runsFor cuts the text at the spans: bold → 粗体, kai → 楷体, the runs join to the text', () => {
  assert.deepEqual(runsFor('开幕式上，学习节开幕。', [{ start: 5, end: 8, mark: 'bold' }]), [{ text: '开幕式上，' }, { text: '学习节', style: CS.bold }, { text: '开幕。' }]);
  assert.deepEqual(runsFor('楷粗', [{ start: 0, end: 1, mark: 'kai' }, { start: 1, end: 2, mark: 'bold' }]), [{ text: '楷', style: CS.kai }, { text: '粗', style: CS.bold }]);
  assert.deepEqual(runsFor('文字', []), [{ text: '文字' }]);
  // spans the import never makes (overlapping, outside the text) are skipped, never corrupt the text
  const odd = runsFor('文字', [{ start: 1, end: 9, mark: 'bold' }, { start: 0, end: 2, mark: 'kai' }]);
  assert.equal(odd.map((r) => r.text).join(''), '文字');
});

test('story.docx into an empty story: paragraph styles by role, 粗体 and 楷体 runs, jump line dropped', () => {
  const paras = importedParagraphs(importDocx(fixture('story.docx')));
  const { story } = insertParagraphs(empty, 0, 0, paras, PS.body);
  assert.deepEqual(
    story.paragraphs.map((p) => p.style),
    [PS.subtitle, PS.byline, PS.body, PS.body, PS.body, PS.body],
  );
  assert.deepEqual(story.paragraphs[2]!.runs, [
    { text: '本报讯 7月25日，“活力江浦、智汇文化”江浦路社区第八届学习节开幕。开幕式上，' },
    { text: '学习节的四大服务项目', style: CS.bold },
    { text: '被辖区8家企业认领。' },
  ]);
  assert.deepEqual(story.paragraphs[3]!.runs, [{ text: '据了解，' }, { text: '“星尚文化”、“韵动生活”', style: CS.kai }, { text: '等服务项目将开展音乐夏令营、公益轮滑体验、白领台球赛等活动。' }]);
  // the whole-paragraph faces of the headline (bold) and byline (楷) are their paragraph styles
  assert.deepEqual(story.paragraphs[0]!.runs, [{ text: '江浦路社区第八届学习节开幕' }]);
  assert.deepEqual(story.paragraphs[1]!.runs, [{ text: '■记者 陈玲 实习生 章臻瑶' }]);
  assert.ok(!storyToText(story).includes('下转'));
});

test('inserting formatted copy inside a bold run: the copy keeps its own faces and does not inherit bold', () => {
  const story: Story = { id: 's1' as StoryId, name: 'x', paragraphs: [{ style: PS.body, runs: [{ text: '粗体文字', style: CS.bold }, { text: '正文。' }] }] };
  const paras = importedParagraphs(importDocx(fixture('story.docx'))).slice(2, 3);
  const r = insertParagraphs(story, 2, 2, paras, PS.body);
  const runs = r.story.paragraphs[0]!.runs;
  assert.equal(runs[0]!.text, '粗体');
  assert.equal(runs[0]!.style, CS.bold);
  assert.equal(runs[1]!.style, undefined, 'the imported text starts plain');
  assert.ok(runs.some((x) => x.text === '学习节的四大服务项目' && x.style === CS.bold));
  // what followed the caret keeps its faces: 文字 bold, 正文。 plain
  assert.deepEqual(runs.slice(-3), [{ text: '被辖区8家企业认领。' }, { text: '文字', style: CS.bold }, { text: '正文。' }]);
  assert.equal(storyToText(r.story), `粗体${paras[0]!.text}文字正文。`);
  assert.equal(r.caret, 2 + paras[0]!.text.length);
});

test('a face whose character style the issue lacks stays plain (no reference to a missing style)', () => {
  const r = importDocx(fixture('story.docx'));
  const withBoldOnly = importedParagraphs(r, new Set([CS.bold]));
  assert.ok(withBoldOnly.some((p) => p.runs?.some((x) => x.style === CS.bold)));
  assert.ok(!withBoldOnly.some((p) => p.runs?.some((x) => x.style === CS.kai)));
});

test('the import is one undoable step through replaceStory, and the issue stays valid', () => {
  const ed = new Editor(newIssue({ preset: 'tabloid' }));
  const { frame, story } = makeTextFrame(ed.state.issue, { x: 50, y: 80, width: 200, height: 300 }, 2);
  ed.run('addFrames', { frames: [frame], stories: [story] });
  const before = ed.state.issue;
  const current = before.stories.find((s) => s.id === story.id)!;
  const paras = importedParagraphs(importFile('稿件.docx', fixture('story.docx')), new Set(before.characterStyles.map((c) => c.id)));
  const r = insertParagraphs(current, 0, 0, paras, PS.body);
  assert.ok(ed.run('replaceStory', { story: r.story }));
  const after = ed.state.issue;
  const placed = after.stories.find((s) => s.id === story.id)!;
  assert.ok(placed.paragraphs.some((p) => p.runs.some((x) => x.style === CS.bold)));
  assert.ok(placed.paragraphs.some((p) => p.runs.some((x) => x.style === CS.kai)));
  const v = validateIssue(JSON.parse(JSON.stringify(after)));
  assert.ok(v.ok, JSON.stringify(!v.ok && v));
  assert.ok(ed.undo());
  assert.equal(ed.state.issue, before, 'one undo restores the story as it was');
  assert.ok(ed.redo());
  assert.equal(ed.state.issue, after);
});

test('CLI-side stories (storyFromArticle) carry the same runs', () => {
  const a = importDocx(fixture('story.docx')).articles[0]!;
  const s = storyFromArticle(a, 's9' as StoryId);
  assert.equal(s.name, '江浦路社区第八届学习节开幕');
  assert.deepEqual(
    s.paragraphs.flatMap((p) => p.runs.filter((r) => r.style).map((r) => [r.style, r.text])),
    [
      [CS.bold, '学习节的四大服务项目'],
      [CS.kai, '“星尚文化”、“韵动生活”'],
    ],
  );
});

test('a refused file reaches the error dialog in English and Chinese', () => {
  let err: unknown;
  try {
    importFile('旧稿.doc', fixture('story.doc'));
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof DocxImportError);
  const m = errorMessages(err);
  assert.match(m.en, /"旧稿\.doc" is an old Word 97–2003 document/);
  assert.match(m.zh, /^“旧稿\.doc”是旧版 Word 97–2003 文档/);
});
