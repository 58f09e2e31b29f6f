import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Documents, documentTitle, windowTitle } from '../../../main/app/documents';
import { newIssue } from '../../../renderer/model/defaults';

test('documents are found by id, by window and by path; the sample never counts as an open file', () => {
  const docs = new Documents({ caseInsensitivePaths: true });
  const a = docs.add({ path: '/Issues/A.banmian', issue: newIssue() });
  const s = docs.add({ path: '/app/samples/tianshan.banmian', issue: newIssue(), isSample: true });
  a.webContentsId = 5;
  assert.equal(docs.get(a.id), a);
  assert.equal(docs.byWebContents(5), a);
  assert.equal(docs.byPath('/issues/a.banmian'), a);
  assert.equal(docs.byPath('/app/samples/tianshan.banmian'), undefined);
  assert.equal(docs.isOurWebContents(5), true);
  assert.equal(docs.isOurWebContents(6), false);
  docs.remove(a.id);
  assert.equal(docs.isOurWebContents(5), false);
  assert.deepEqual(docs.all(), [s]);
});

test('a recovered document starts dirty and keeps its id', () => {
  const docs = new Documents();
  const d = docs.add({ id: 'old-1' as never, path: null, issue: newIssue(), recovered: true });
  assert.equal(d.id, 'old-1');
  assert.equal(d.dirty, true);
  assert.throws(() => docs.add({ id: 'old-1' as never, path: null, issue: newIssue() }));
});

test('titles: file name without .banmian, 未命名/Untitled, an unsaved mark except on macOS', () => {
  assert.equal(documentTitle({ path: '/x/天山 第8545期.banmian' }, 'zh'), '天山 第8545期');
  assert.equal(documentTitle({ path: null }, 'zh'), '未命名');
  assert.equal(documentTitle({ path: null }, 'en'), 'Untitled');
  assert.equal(windowTitle({ path: '/x/a.banmian', dirty: true }, 'zh', 'win32'), 'a * — 版面');
  assert.equal(windowTitle({ path: '/x/a.banmian', dirty: true }, 'en', 'darwin'), 'a — Banmian');
  assert.equal(windowTitle({ path: null, dirty: false }, 'en', 'linux'), 'Untitled — Banmian');
});
