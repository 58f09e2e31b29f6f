// Editor core: every user action is undoable and redoable, gestures record one entry, Esc rolls
// back, view changes never enter history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Editor } from '../../../renderer/editor/editor';
import { makeTextFrame, threadOf } from '../../../renderer/editor/ops';
import { makeImage } from '../../../renderer/editor/factories';
import { findFrame } from '../../../renderer/editor/state';
import { moveFrames } from '../../../renderer/editor/ops';
import { CS, PS, SW, newIssue } from '../../../renderer/model/defaults';
import type { Asset, AssetId, FrameId, Issue, StoryId } from '../../../renderer/model/schema';
import { validateIssue } from '../../../renderer/model/validate';

const rect = { x: 50, y: 80, width: 200, height: 300 };

function withText(ed: Editor, r = rect) {
  const { frame, story } = makeTextFrame(ed.state.issue, r, 2);
  ed.run('addFrames', { frames: [frame], stories: [story] });
  return frame.id;
}

/** Runs `act`, then checks undo restores the issue before it and redo the issue after it. */
function assertUndoable(ed: Editor, act: () => void, what: string) {
  const before = ed.state.issue;
  act();
  const after = ed.state.issue;
  assert.notEqual(after, before, `${what}: changed the issue`);
  assert.ok(ed.undo(), `${what}: undo available`);
  assert.equal(ed.state.issue, before, `${what}: undo restores`);
  assert.ok(ed.redo(), `${what}: redo available`);
  assert.equal(ed.state.issue, after, `${what}: redo re-applies`);
}

const valid = (issue: Issue) => {
  const r = validateIssue(JSON.parse(JSON.stringify(issue)));
  assert.ok(r.ok, `issue stays valid: ${JSON.stringify(!r.ok && r)}`);
};

test('every user action is undoable and redoable', () => {
  const ed = new Editor(newIssue({ preset: 'tabloid' }));
  assertUndoable(ed, () => ed.run('addPage'), 'add page');
  assertUndoable(ed, () => ed.run('duplicatePage'), 'duplicate page');
  assertUndoable(ed, () => ed.run('movePage', { from: 0, to: 1 }), 'reorder pages');
  assertUndoable(ed, () => ed.run('deletePage'), 'delete page');
  let id!: FrameId;
  assertUndoable(ed, () => (id = withText(ed)), 'add frame');
  ed.run('select', { ids: [id] });
  assertUndoable(ed, () => ed.run('moveFrames', { dx: 10, dy: 5 }), 'move frame');
  assertUndoable(ed, () => ed.run('setRect', { id, x: 0, y: 0, width: 100, height: 100 }), 'resize frame');
  assertUndoable(ed, () => ed.run('toggleWrap'), 'wrap on');
  assertUndoable(ed, () => ed.run('toggleWrap'), 'wrap off');
  const sid = (findFrame(ed.state.issue, id)!.frame as { storyId: StoryId }).storyId;
  assertUndoable(ed, () => ed.run('setStoryText', { storyId: sid, text: '正文第一段\n第二段' }), 'edit story text');
  assertUndoable(ed, () => ed.run('setCharStyle', { storyId: sid, start: 0, end: 2, style: CS.bold }), 'bold run');
  assertUndoable(ed, () => ed.run('setParagraphStyle', { storyId: sid, start: 7, end: 7, style: PS.byline }), 'paragraph style');
  assertUndoable(ed, () => ed.run('updateParagraphStyle', { id: PS.body, patch: { size: 10 } }), 'change style');
  assertUndoable(ed, () => ed.run('updateSwatch', { id: SW.red, patch: { y: 90 } }), 'change swatch');
  assertUndoable(ed, () => ed.run('setGrid', { patch: { columns: 5, gutterChars: 1.5 } }), 'columns/gutter');
  assertUndoable(ed, () => ed.run('updateFrame', { id, patch: { columns: 4 } }), 'frame columns');
  const id2 = withText(ed, { x: 300, y: 80, width: 200, height: 300 });
  assertUndoable(ed, () => ed.run('linkThread', { from: id, to: id2 }), 'thread');
  assertUndoable(ed, () => ed.run('unthread', { id }), 'unthread');
  const img = makeImage(ed.state.issue, { x: 50, y: 500, width: 200, height: 150 });
  ed.run('addFrames', { frames: [img] });
  const asset: Asset = { id: 'c'.repeat(64) as AssetId, name: 'a.jpg', mime: 'image/jpeg', width: 800, height: 600 };
  assertUndoable(ed, () => ed.run('placeImage', { frameId: img.id, asset }), 'place image');
  assertUndoable(ed, () => ed.run('addCaption', { imageId: img.id, text: '图说' }), 'add caption');
  ed.run('select', { ids: [id] });
  assertUndoable(ed, () => ed.run('deleteFrames'), 'delete frame');
  assertUndoable(ed, () => ed.run('setMeta', { patch: { paper: '天山社区晨报' } }), 'issue details');
  valid(ed.state.issue);
});

test('view changes (selection, zoom, tool, page shown) never enter history', () => {
  const ed = new Editor(newIssue({ pages: 2 }));
  const id = withText(ed);
  const past = ed.history.size.past;
  ed.run('select', { ids: [id] });
  ed.run('setZoom', { zoom: 2 });
  ed.run('setTool', { tool: 'text' });
  ed.run('goToPage', { index: 1 });
  ed.run('toggleGrid');
  assert.equal(ed.history.size.past, past);
  assert.equal(ed.state.pageIndex, 1);
});

test('zoom is clamped to 10%..800%', () => {
  const ed = new Editor(newIssue());
  ed.run('setZoom', { zoom: 50 });
  assert.equal(ed.state.zoom, 8);
  ed.run('setZoom', { zoom: 0.001 });
  assert.equal(ed.state.zoom, 0.1);
});

test('a drag records one entry on commit and rolls back on cancel', () => {
  const ed = new Editor(newIssue());
  const id = withText(ed);
  ed.run('select', { ids: [id] });
  const before = ed.state.issue;
  const past = ed.history.size.past;
  ed.begin();
  for (let i = 1; i <= 20; i++) ed.preview((m) => ({ ...m, issue: moveFrames(m.issue, [id], i, i) }));
  assert.equal(ed.history.size.past, past, 'no entries while moving');
  assert.equal(findFrame(ed.state.issue, id)!.frame.x, rect.x + 20);
  assert.ok(ed.commit('move'));
  assert.equal(ed.history.size.past, past + 1, 'one entry on pointer-up');
  ed.undo();
  assert.equal(ed.state.issue, before);

  ed.begin();
  ed.preview((m) => ({ ...m, issue: moveFrames(m.issue, [id], 30, 0) }));
  ed.cancel();
  assert.equal(ed.state.issue, before, 'Esc rolls back to the mark');
  assert.equal(ed.history.size.past, past);
});

test('a click without movement records nothing', () => {
  const ed = new Editor(newIssue());
  withText(ed);
  const past = ed.history.size.past;
  ed.begin();
  ed.preview((m) => m);
  assert.equal(ed.commit(), false);
  assert.equal(ed.history.size.past, past);
});

test('typing in one story coalesces into one undo step per pause', () => {
  let now = 0;
  const ed = new Editor(newIssue(), { now: () => now });
  const id = withText(ed);
  const sid = (findFrame(ed.state.issue, id)!.frame as { storyId: StoryId }).storyId;
  const before = ed.state.issue;
  for (const t of ['社', '社区', '社区报']) {
    now += 200;
    ed.run('setStoryText', { storyId: sid, text: t });
  }
  now += 5000;
  ed.run('setStoryText', { storyId: sid, text: '社区报。' });
  ed.undo();
  assert.equal(ed.state.issue.stories.find((s) => s.id === sid)!.paragraphs[0]!.runs[0]!.text, '社区报');
  ed.undo();
  assert.equal(ed.state.issue, before);
});

test('holding an arrow key nudges in 1 pt (Shift: one grid step) and undoes as one step', () => {
  const ed = new Editor(newIssue());
  const id = withText(ed);
  ed.run('select', { ids: [id] });
  const before = ed.state.issue;
  for (let i = 0; i < 5; i++) ed.run('nudge', { key: 'ArrowRight', shift: false });
  assert.equal(findFrame(ed.state.issue, id)!.frame.x, rect.x + 5);
  ed.run('nudge', { key: 'ArrowDown', shift: true });
  const g = ed.state.issue.grid;
  assert.equal(findFrame(ed.state.issue, id)!.frame.y, rect.y + g.bodySize + g.lineGap);
  ed.undo();
  assert.equal(ed.state.issue, before);
});

test('threading: to takes from’s story; cycles and second predecessors are refused', () => {
  const ed = new Editor(newIssue({ pages: 2 }));
  const a = withText(ed);
  ed.run('goToPage', { index: 1 });
  const b = withText(ed);
  ed.run('linkThread', { from: a, to: b });
  const fa = findFrame(ed.state.issue, a)!.frame as { storyId: string; next: string | null };
  const fb = findFrame(ed.state.issue, b)!.frame as { storyId: string };
  assert.equal(fa.next, b);
  assert.equal(fb.storyId, fa.storyId);
  assert.deepEqual(threadOf(ed.state.issue, b).map((f) => f.id), [a, b]);
  const issue = ed.state.issue;
  ed.run('linkThread', { from: b, to: a });
  assert.equal(ed.state.issue, issue, 'a cycle is refused');
});

test('deleting a frame in the middle of a thread bridges it', () => {
  const ed = new Editor(newIssue());
  const a = withText(ed, { x: 0, y: 0, width: 50, height: 50 });
  const b = withText(ed, { x: 60, y: 0, width: 50, height: 50 });
  const c = withText(ed, { x: 120, y: 0, width: 50, height: 50 });
  ed.run('linkThread', { from: a, to: b });
  ed.run('linkThread', { from: b, to: c });
  ed.run('select', { ids: [b] });
  ed.run('deleteFrames');
  assert.equal((findFrame(ed.state.issue, a)!.frame as { next: string | null }).next, c);
});

test('duplicating a page copies its stories and keeps in-page threads', () => {
  const ed = new Editor(newIssue());
  const a = withText(ed, { x: 0, y: 0, width: 50, height: 50 });
  const b = withText(ed, { x: 60, y: 0, width: 50, height: 50 });
  ed.run('linkThread', { from: a, to: b });
  const sid = (findFrame(ed.state.issue, a)!.frame as { storyId: StoryId }).storyId;
  ed.run('setStoryText', { storyId: sid, text: '原文' });
  ed.run('duplicatePage');
  const copy = ed.state.issue.pages[1]!;
  const [ca, cb] = copy.frames as Array<{ id: string; storyId: string; next: string | null }>;
  assert.notEqual(ca!.storyId, sid);
  assert.equal(ca!.next, cb!.id);
  assert.equal(ed.state.issue.stories.find((s) => s.id === ca!.storyId)!.paragraphs[0]!.runs[0]!.text, '原文');
  valid(ed.state.issue);
});

test('dirty follows the saved issue through undo', () => {
  const ed = new Editor(newIssue());
  assert.equal(ed.dirty, false);
  withText(ed);
  assert.equal(ed.dirty, true);
  ed.undo();
  assert.equal(ed.dirty, false, 'undo back to the saved issue is clean');
  ed.redo();
  ed.markSaved();
  assert.equal(ed.dirty, false);
});

test('moving an image moves its caption', () => {
  const ed = new Editor(newIssue());
  const img = makeImage(ed.state.issue, { x: 50, y: 500, width: 200, height: 150 });
  ed.run('addFrames', { frames: [img] });
  ed.run('addCaption', { imageId: img.id, text: '图说' });
  const cap = ed.state.selection[0]!;
  const y0 = findFrame(ed.state.issue, cap)!.frame.y;
  ed.run('select', { ids: [img.id] });
  ed.run('moveFrames', { dx: 0, dy: 24 });
  assert.equal(findFrame(ed.state.issue, cap)!.frame.y, y0 + 24);
});

test('deleting the last page is refused', () => {
  const ed = new Editor(newIssue());
  assert.equal(ed.run('deletePage'), false);
});

test('commit hands subscribers a new state so derived data follows the settled issue', () => {
  const ed = new Editor(newIssue());
  const id = withText(ed);
  ed.run('select', { ids: [id] });
  ed.begin();
  ed.preview((m) => ({ ...m, issue: moveFrames(m.issue, [id], 10, 0) }));
  const during = ed.getState();
  assert.notEqual(ed.settledIssue, during.issue, 'during the drag, derived data uses the issue at pointer-down');
  ed.commit();
  assert.notEqual(ed.getState(), during);
  assert.equal(ed.settledIssue, ed.state.issue);
});

test('threading into a new empty frame drops its empty story; a story with text stays', () => {
  const ed = new Editor(newIssue());
  const a = withText(ed);
  const b = withText(ed, { x: 300, y: 80, width: 100, height: 100 });
  const c = withText(ed, { x: 300, y: 300, width: 100, height: 100 });
  const sb = (findFrame(ed.state.issue, b)!.frame as { storyId: StoryId }).storyId;
  const sc = (findFrame(ed.state.issue, c)!.frame as { storyId: StoryId }).storyId;
  ed.run('setStoryText', { storyId: sc, text: '另一篇' });
  ed.run('linkThread', { from: a, to: b });
  assert.ok(!ed.state.issue.stories.some((s) => s.id === sb));
  ed.run('linkThread', { from: b, to: c });
  assert.ok(ed.state.issue.stories.some((s) => s.id === sc));
});

test('placing imported articles is one undoable step', async () => {
  const { cleanupText } = await import('../../../renderer/import/cleanup');
  const { readFile } = await import('node:fs/promises');
  const ed = new Editor(newIssue());
  const { articles } = cleanupText(await readFile('/work/shared/samples/jiangpu-community.txt', 'utf8'));
  assert.ok(articles.length > 1);
  const before = ed.state.issue;
  assert.ok(ed.run('placeArticles', { articles }));
  assert.ok(ed.state.issue.stories.length >= articles.length - 1);
  valid(ed.state.issue);
  ed.undo();
  assert.equal(ed.state.issue, before);
});
