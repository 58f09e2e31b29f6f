// What the channels do, with fake windows, dialogs, files and stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Documents } from '../../../main/app/documents';
import type { RecoveryStore } from '../../../main/app/recovery';
import type { Channel, DocumentId, RequestIn, ResponseOf, Result } from '../../../main/ipc/contract';
import { registerHandlers } from '../../../main/ipc/handlers';
import { createShell, type ExportPdf, type ShellDeps } from '../../../main/ipc/implementation';
import { IssueFileError } from '../../../main/files/errors';
import { newIssue } from '../../../renderer/model/defaults';
import type { AssetId, Issue } from '../../../renderer/model/schema';
import { FakeIpcMain, trustedEvent } from './fakes';

const A1 = 'a'.repeat(64) as AssetId;
const A2 = 'b'.repeat(64) as AssetId;

function setup(over: Partial<ShellDeps> = {}) {
  const log: string[] = [];
  const saved: Array<{ path: string; issue: Issue; assets: string[] }> = [];
  const sent: Array<[number, string, unknown]> = [];
  const opened: string[] = [];
  const documents = new Documents();
  const discarded: string[] = [];
  const recentAdded: string[] = [];
  let saveDialogAnswer: string | null = '/home/u/new-name';
  const recovery: RecoveryStore = {
    write: async (s) => void log.push(`snapshot ${s.documentId}`),
    listUnclean: async () => [],
    open: async () => {
      throw new Error('none');
    },
    discard: async (id) => void discarded.push(id),
  };
  const deps: ShellDeps = {
    documents,
    io: {
      openIssueFile: async (path) => {
        if (path.includes('missing')) throw new IssueFileError('not-found', { path, detail: 'gone', detailZh: '不存在' });
        return { issue: newIssue({ preset: 'broadsheet' }), assets: new Map(), missingAssets: [], warnings: [] };
      },
      saveIssueFile: async (path, issue, assets) => void saved.push({ path, issue, assets: [...assets.keys()] }),
      readFile: async (path) => new TextEncoder().encode(path),
      addAsset: (bytes, name) => ({
        asset: { id: A2, name, mime: 'image/jpeg', width: 10, height: 10 },
        bytes,
      }),
    },
    images: {
      preview: async (assetId, bytes) => {
        log.push(`preview ${assetId.slice(0, 4)} ${bytes.length}`);
        if (bytes[0] === 0xee) throw new Error('not an image');
        return { mime: 'image/jpeg', width: 2, height: 1, bytes: new Uint8Array([0xff, 0xd8]) };
      },
    },
    fonts: { list: async () => [], bytes: async () => null, resolve: async () => null },
    dialogs: {
      openIssue: async () => null,
      saveIssue: async () => saveDialogAnswer,
      openImages: async () => null,
      savePdf: async () => '/home/u/out',
      openIccProfile: async () => null,
    },
    windows: {
      open: (doc) => {
        doc.webContentsId = 100 + opened.length;
        opened.push(doc.id);
      },
      focus: (id) => void log.push(`focus ${id}`),
      close: (id) => void log.push(`close ${id}`),
      answerClose: (id, r, p) => void log.push(`answer ${id} ${r} ${p}`),
      refresh: (id) => void log.push(`refresh ${id}`),
      nativeEdit: (id, a) => void log.push(`edit ${id} ${a}`),
      send: (id, e, p) => void sent.push([id, e, p]),
    },
    recent: {
      list: async () => [],
      add: async (p) => {
        recentAdded.push(p);
        return [{ path: p, name: p }];
      },
      remove: async () => [],
      clear: async () => {},
    },
    onRecentChanged: () => {},
    recovery,
    press: { get: async () => null, choose: async () => Promise.reject(new Error('not used')), clear: async () => {}, forExport: async () => null },
    exportPdf: null,
    newIssue: (preset) => newIssue({ preset }),
    locale: () => ({ locale: 'en', languages: ['en-US'], platform: 'linux' }),
    samplePath: () => null,
    ...over,
  };
  const shell = createShell(deps);
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, shell.handlers, { isOurWebContents: (id) => documents.isOurWebContents(id) });
  const call = async <C extends Channel>(channel: C, senderId: number, req?: RequestIn<C>) => {
    const ev = { ...trustedEvent(), sender: { id: senderId } };
    return (await ipc.invoke(channel, ev, req)) as Result<ResponseOf<C>>;
  };
  return {
    deps, shell, documents, call, log, saved, sent, opened, discarded, recentAdded,
    setSaveDialog: (v: string | null) => void (saveDialogAnswer = v),
  };
}

test('issue.current gives each window its own document', async () => {
  const t = setup();
  const a = t.shell.actions.openNew('tabloid');
  const b = await t.shell.actions.openPath('/home/u/b.banmian');
  const ra = await t.call('issue.current', 100);
  const rb = await t.call('issue.current', 101);
  assert.equal(ra.ok && ra.value.documentId, a.documentId);
  assert.equal(rb.ok && rb.value.documentId, b.documentId);
  assert.equal(rb.ok && rb.value.title, 'b');
  assert.equal(ra.ok && ra.value.title, 'Untitled');
});

test('a window cannot save, snapshot or close another window\'s document', async () => {
  const t = setup();
  const a = t.shell.actions.openNew('tabloid');
  t.shell.actions.openNew('tabloid');
  const issue = newIssue({ preset: 'tabloid' });
  for (const [ch, req] of [
    ['issue.save', { documentId: a.documentId, issue }],
    ['recovery.snapshot', { documentId: a.documentId, issue }],
    ['issue.close', { documentId: a.documentId }],
    ['issue.setDirty', { documentId: a.documentId, dirty: false }],
  ] as const) {
    const r = await t.call(ch, 101, req);
    assert.equal(r.ok, false, ch);
    assert.equal(!r.ok && r.error.code, 'no-document', ch);
  }
  assert.deepEqual(t.saved, []);
  assert.ok(!t.log.some((l) => l.startsWith('close') || l.startsWith('snapshot')));
});

test('issue.save of a new document asks for a name, adds .banmian, saves only listed assets, clears dirty and the autosave', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  const doc = t.documents.get(documentId)!;
  doc.dirty = true;
  const issue: Issue = { ...newIssue({ preset: 'tabloid' }), assets: [{ id: A1, name: 'a.jpg', mime: 'image/jpeg', width: 1, height: 1 }] };
  const r = await t.call('issue.save', 100, { documentId, issue, assets: [{ id: A1, bytes: new Uint8Array([1]) }, { id: A2, bytes: new Uint8Array([2]) }] });
  assert.deepEqual(r, { ok: true, value: { path: '/home/u/new-name.banmian', title: 'new-name' } });
  assert.deepEqual(t.saved.map((s) => [s.path, s.assets]), [['/home/u/new-name.banmian', [A1]]]);
  assert.equal(doc.dirty, false);
  assert.equal(doc.path, '/home/u/new-name.banmian');
  assert.deepEqual(t.discarded, [documentId]);
  assert.deepEqual(t.recentAdded, ['/home/u/new-name.banmian']);
  // The second save goes to the same file without a dialog.
  t.setSaveDialog(null);
  const again = await t.call('issue.save', 100, { documentId, issue });
  assert.equal(again.ok && again.value?.path, '/home/u/new-name.banmian');
});

test('issue.save answers null when the dialog is cancelled, and writes nothing', async () => {
  const t = setup();
  t.setSaveDialog(null);
  const { documentId } = t.shell.actions.openNew('tabloid');
  const r = await t.call('issue.save', 100, { documentId, issue: newIssue({ preset: 'tabloid' }) });
  assert.deepEqual(r, { ok: true, value: null });
  assert.deepEqual(t.saved, []);
});

test('the sample issue is never saved over: Save asks for a new name', async () => {
  const t = setup({ samplePath: () => '/app/samples/tianshan.banmian' });
  const { documentId } = await t.shell.actions.openSample();
  const r = await t.call('issue.save', 100, { documentId, issue: newIssue({ preset: 'tabloid' }) });
  assert.equal(r.ok && r.value?.path, '/home/u/new-name.banmian');
  assert.deepEqual(t.recentAdded, ['/home/u/new-name.banmian'], 'the sample itself is not a recent file');
});

test('openSample falls back to a new tabloid issue when the sample is missing or unreadable', async () => {
  const none = setup({ samplePath: () => null });
  const a = await none.shell.actions.openSample();
  assert.equal(none.documents.get(a.documentId)?.issue.pageSize.preset, 'tabloid');
  const broken = setup({ samplePath: () => '/app/samples/missing.banmian' });
  const b = await broken.shell.actions.openSample();
  assert.equal(broken.documents.get(b.documentId)?.path, null);
});

test('opening a file that is already open focuses its window instead', async () => {
  const t = setup();
  const a = await t.shell.actions.openPath('/home/u/x.banmian');
  const b = await t.call('issue.openPath', 100, { path: '/home/u/x.banmian' });
  assert.equal(b.ok && b.value.documentId, a.documentId);
  assert.equal(t.opened.length, 1);
  assert.ok(t.log.includes(`focus ${a.documentId}`));
});

test('issue.openPath of a missing file answers with the IssueFileError code', async () => {
  const t = setup();
  t.shell.actions.openNew('tabloid');
  const r = await t.call('issue.openPath', 100, { path: '/home/u/missing.banmian' });
  assert.equal(!r.ok && r.error.code, 'not-found');
});

test('assets.importImages refuses relative and non-image paths, imports the rest, and reports progress', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  const r = await t.call('assets.importImages', 100, {
    documentId,
    jobId: 'j1',
    paths: ['/home/u/photo.JPG', 'relative.jpg', '/etc/passwd', '/home/u/notes.txt'],
  });
  assert.equal(r.ok, true);
  if (r.ok) {
    assert.deepEqual(r.value?.imported.map((i) => i.asset.name), ['photo.JPG']);
    assert.deepEqual(r.value?.failed.map((f) => [f.path, f.error.code]), [
      ['relative.jpg', 'bad-image'],
      ['/etc/passwd', 'bad-image'],
      ['/home/u/notes.txt', 'bad-image'],
    ]);
  }
  assert.ok(t.documents.get(documentId)!.assets.has(A2));
  const progress = t.sent.filter(([, e]) => e === 'assets:progress').map(([id, , p]) => [id, (p as { done: number }).done]);
  assert.deepEqual(progress, [[100, 0], [100, 1], [100, 2], [100, 3], [100, 4]]);
});

test('assets.preview makes the preview from the bytes main holds for the calling window\'s document only', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  const other = t.shell.actions.openNew('tabloid').documentId;
  t.documents.get(documentId)!.assets.set(A1, new Uint8Array([1, 2, 3]));
  t.documents.get(documentId)!.assets.set(A2, new Uint8Array([0xee]));
  const r = await t.call('assets.preview', 100, { documentId, assetId: A1 });
  assert.deepEqual(r, { ok: true, value: { assetId: A1, mime: 'image/jpeg', width: 2, height: 1, bytes: new Uint8Array([0xff, 0xd8]) } });
  assert.deepEqual(t.log.filter((l) => l.startsWith('preview')), ['preview aaaa 3']);
  // another window's document, an asset the document does not have, bytes the decoder refuses
  const foreign = await t.call('assets.preview', 101, { documentId, assetId: A1 });
  assert.equal(!foreign.ok && foreign.error.code, 'no-document');
  const missing = await t.call('assets.preview', 101, { documentId: other, assetId: A1 });
  assert.equal(!missing.ok && missing.error.code, 'no-asset');
  const bad = await t.call('assets.preview', 100, { documentId, assetId: A2 });
  assert.equal(!bad.ok && bad.error.code, 'bad-image');
  assert.match(!bad.ok ? bad.error.messageZh : '', /灰框/);
});

test('export.pdf answers not-available until the PDF writer is wired', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  const r = await t.call('export.pdf', 100, { documentId, jobId: 'e1', issue: newIssue({ preset: 'tabloid' }), options: {} });
  assert.equal(!r.ok && r.error.code, 'not-available');
});

test('export.pdf calls the injected writer with the chosen path and forwards its progress', async () => {
  const jobs: string[] = [];
  const exportPdf: ExportPdf = async (job) => {
    jobs.push(job.outPath);
    job.onProgress(1, 2, 'Page 1', '第 1 版');
    return { pages: 2, warnings: [] };
  };
  const t = setup({ exportPdf });
  const { documentId } = t.shell.actions.openNew('tabloid');
  const r = await t.call('export.pdf', 100, { documentId, jobId: 'e1', issue: newIssue({ preset: 'tabloid' }), options: {} });
  assert.deepEqual(r, { ok: true, value: { path: '/home/u/out.pdf', pages: 2, warnings: [] } });
  assert.deepEqual(jobs, ['/home/u/out.pdf']);
  assert.deepEqual(t.sent, [[100, 'export:progress', { jobId: 'e1', done: 1, total: 2, stage: 'Page 1', stageZh: '第 1 版' }]]);
});

test('recovery.discard refuses the autosave of a document that is open', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  const r = await t.call('recovery.discard', 100, { documentId });
  assert.equal(!r.ok && r.error.code, 'no-document');
  const other = await t.call('recovery.discard', 100, { documentId: 'old-doc' as DocumentId });
  assert.equal(other.ok, true);
  assert.deepEqual(t.discarded, ['old-doc']);
});

test('a clean close forgets the document and deletes its autosave', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  await t.shell.actions.closed(documentId);
  assert.equal(t.documents.get(documentId), undefined);
  assert.deepEqual(t.discarded, [documentId]);
});

test('a window whose renderer crashed keeps its autosave when it closes', async () => {
  const t = setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  t.documents.get(documentId)!.keepRecovery = true;
  await t.shell.actions.closed(documentId);
  assert.deepEqual(t.discarded, []);
});
