// Autosave snapshots in userData/recovery: write, find the unclean ones of earlier sessions, discard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecoveryStore } from '../../../main/app/recovery';
import type { IssueIo } from '../../../main/app/issue-io';
import type { DocumentId } from '../../../main/ipc/contract';
import { openIssueFile, saveIssueFile } from '../../../main/files/issue-file';
import { newIssue } from '../../../renderer/model/defaults';

const id = (s: string) => s as DocumentId;
const io: IssueIo = { openIssueFile, saveIssueFile };

async function dir() {
  return mkdtemp(join(tmpdir(), 'banmian-recovery-'));
}

test('a snapshot is a real issue file plus a manifest', async () => {
  const d = await dir();
  const store = createRecoveryStore({ dir: d, sessionId: 's1', io, now: () => new Date('2026-01-02T03:04:05Z') });
  const issue = newIssue({ preset: 'tabloid', meta: { paper: '天山社区晨报' } });
  await store.write({ documentId: id('doc-1'), path: '/home/u/a.banmian', title: 'a', issue, assets: new Map() });
  assert.deepEqual((await readdir(d)).sort(), ['doc-1.banmian', 'doc-1.json']);
  const reopened = await openIssueFile(join(d, 'doc-1.banmian'));
  assert.equal(reopened.issue.meta.paper, '天山社区晨报');
});

test("this session's own snapshots are not offered; an earlier session's are", async () => {
  const d = await dir();
  const issue = newIssue({ preset: 'tabloid' });
  const crashed = createRecoveryStore({ dir: d, sessionId: 'old', io, now: () => new Date('2026-01-01T10:00:00Z') });
  await crashed.write({ documentId: id('doc-a'), path: null, title: '未命名', issue, assets: new Map() });
  await crashed.write({ documentId: id('doc-b'), path: '/x/b.banmian', title: 'b', issue, assets: new Map() });
  assert.deepEqual(await crashed.listUnclean(), []);
  const next = createRecoveryStore({ dir: d, sessionId: 'new', io });
  await next.write({ documentId: id('doc-c'), path: null, title: 'c', issue, assets: new Map() });
  const unclean = await next.listUnclean();
  assert.deepEqual(unclean.map((e) => [e.documentId, e.path, e.title]).sort(), [
    ['doc-a', null, '未命名'],
    ['doc-b', '/x/b.banmian', 'b'],
  ]);
  assert.equal(unclean[0]?.savedAt, '2026-01-01T10:00:00.000Z');
});

test('opening a snapshot claims it for this session', async () => {
  const d = await dir();
  const issue = newIssue({ preset: 'broadsheet' });
  await createRecoveryStore({ dir: d, sessionId: 'old', io }).write({ documentId: id('doc-a'), path: null, title: 'a', issue, assets: new Map() });
  const store = createRecoveryStore({ dir: d, sessionId: 'new', io });
  const { entry, opened } = await store.open(id('doc-a'));
  assert.equal(entry.documentId, 'doc-a');
  assert.equal(opened.issue.pageSize.preset, 'broadsheet');
  assert.deepEqual(await store.listUnclean(), []);
});

test('discard deletes the snapshot and its manifest; discarding twice is harmless', async () => {
  const d = await dir();
  const store = createRecoveryStore({ dir: d, sessionId: 'old', io });
  await store.write({ documentId: id('doc-a'), path: null, title: 'a', issue: newIssue({ preset: 'tabloid' }), assets: new Map() });
  await store.discard(id('doc-a'));
  await store.discard(id('doc-a'));
  assert.deepEqual(await readdir(d), []);
});

test('a manifest without its issue file, a damaged manifest and stray files are ignored', async () => {
  const d = await dir();
  await writeFile(join(d, 'lonely.json'), JSON.stringify({ version: 1, documentId: 'lonely', sessionId: 'old', path: null, title: 'x', savedAt: '' }));
  await writeFile(join(d, 'bad.json'), '{');
  await writeFile(join(d, 'bad.banmian'), 'x');
  await writeFile(join(d, 'notes.txt'), 'x');
  assert.deepEqual(await createRecoveryStore({ dir: d, sessionId: 'new', io }).listUnclean(), []);
});

test('a missing recovery folder means nothing to recover', async () => {
  const store = createRecoveryStore({ dir: join(await dir(), 'nope'), sessionId: 's', io });
  assert.deepEqual(await store.listUnclean(), []);
});

test('document ids that are not safe file names are refused before any file is touched', async () => {
  const d = await dir();
  const store = createRecoveryStore({ dir: d, sessionId: 's', io });
  await assert.rejects(store.discard(id('../../etc/passwd')));
  await assert.rejects(store.write({ documentId: id('a/b'), path: null, title: '', issue: newIssue(), assets: new Map() }));
  assert.deepEqual(await readdir(d), []);
});
