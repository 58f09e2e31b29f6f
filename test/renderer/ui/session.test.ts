// The document session against a fake window.api: save sends only new asset bytes and clears the
// dirty state, dirty changes are reported once, images are placed, export progress is filtered by
// job, errors arrive in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanmianApi, DocumentId, DocumentPayload, ProgressEvent, Result } from '../../../renderer/api';
import { ApiError, errorMessages } from '../../../renderer/api';
import { Editor } from '../../../renderer/editor/editor';
import { makeImage } from '../../../renderer/editor/factories';
import { findFrame } from '../../../renderer/editor/state';
import { newIssue } from '../../../renderer/model/defaults';
import type { AssetId } from '../../../renderer/model/schema';
import { DocumentSession } from '../../../renderer/ui/session';
import { cleanedParagraphs } from '../../../renderer/ui/StoryEditor';
import { STRINGS, parsePageRange } from '../../../renderer/i18n';

const DOC = 'doc-1' as DocumentId;
const A = 'd'.repeat(64) as AssetId;
const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });

function fakeApi() {
  const log: Array<[string, unknown]> = [];
  const listeners = new Map<string, (p: unknown) => void>();
  const api = {
    issue: {
      save: (r: unknown) => (log.push(['save', r]), ok({ path: '/x/a.banmian', title: 'a' })),
      saveAs: (r: unknown) => (log.push(['saveAs', r]), ok(null)),
      setDirty: (r: unknown) => (log.push(['setDirty', r]), ok(undefined)),
    },
    assets: {
      importImages: (r: { jobId: string }) => {
        listeners.get('importProgress')?.({ jobId: r.jobId, done: 1, total: 1, stage: 's', stageZh: 's' });
        return ok({ imported: [{ asset: { id: A, name: 'p.jpg', mime: 'image/jpeg', width: 100, height: 80 }, bytes: new Uint8Array([1, 2, 3]) }], failed: [] });
      },
    },
    export: {
      pdf: (r: { jobId: string }) => {
        listeners.get('exportProgress')?.({ jobId: 'other', done: 9, total: 9, stage: 'x', stageZh: 'x' });
        listeners.get('exportProgress')?.({ jobId: r.jobId, done: 1, total: 2, stage: 'page 1', stageZh: '第1版' });
        return Promise.resolve({ ok: false, error: { code: 'not-available', message: 'PDF export is not available.', messageZh: '尚不能导出 PDF。' } });
      },
    },
    recovery: { snapshot: (r: unknown) => (log.push(['snapshot', r]), ok(undefined)) },
    on: {
      importProgress: (l: (p: unknown) => void) => (listeners.set('importProgress', l), () => listeners.delete('importProgress')),
      exportProgress: (l: (p: unknown) => void) => (listeners.set('exportProgress', l), () => listeners.delete('exportProgress')),
    },
  };
  return { api: api as unknown as BanmianApi, log };
}

function setup(recovered = false) {
  const issue = newIssue();
  const editor = new Editor(issue);
  const payload: DocumentPayload = { documentId: DOC, path: null, title: '未命名', issue, assets: [], missingAssets: [], warnings: [], recovered, isSample: false };
  const f = fakeApi();
  const added: string[] = [];
  const session = new DocumentSession(f.api, editor, payload, (a) => added.push(a.id));
  return { editor, session, ...f, added };
}

test('placing an image imports it, places it in the frame and keeps its bytes for the next save', async () => {
  const { editor, session, log, added } = setup();
  const img = makeImage(editor.state.issue, { x: 0, y: 0, width: 100, height: 80 });
  editor.run('addFrames', { frames: [img] });
  const progress: ProgressEvent[] = [];
  const r = await session.placeImages(img.id, undefined, (e) => progress.push(e));
  assert.equal(r.placed, true);
  assert.equal(progress.length, 1);
  assert.deepEqual(added, [A]);
  assert.equal((findFrame(editor.state.issue, img.id)!.frame as { assetId: string }).assetId, A);
  await session.save();
  const req = log.find(([k]) => k === 'save')![1] as { assets: Array<{ id: string; bytes: Uint8Array }> };
  assert.deepEqual(req.assets.map((a) => a.id), [A]);
  assert.equal(editor.dirty, false);
  await session.save();
  const second = log.filter(([k]) => k === 'save')[1]![1] as { assets: unknown[] };
  assert.equal(second.assets.length, 0, 'bytes are sent once');
});

test('dirty changes are reported to main once per change', () => {
  const { editor, session, log } = setup();
  editor.run('addPage');
  session.syncDirty();
  session.syncDirty();
  editor.undo();
  session.syncDirty();
  assert.deepEqual(log.filter(([k]) => k === 'setDirty').map(([, r]) => (r as { dirty: boolean }).dirty), [true, false]);
});

test('a recovered document starts dirty', () => {
  const { editor } = setup(true);
  assert.equal(editor.dirty, true);
});

test('Save As cancelled leaves the document dirty', async () => {
  const { editor, session } = setup();
  editor.run('addPage');
  assert.equal(await session.save(true), false);
  assert.equal(editor.dirty, true);
});

test('export: progress of this job only; an api error carries both languages', async () => {
  const { session } = setup();
  const seen: ProgressEvent[] = [];
  await assert.rejects(session.exportPdf({ purpose: 'press' }, (e) => seen.push(e)), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    const m = errorMessages(e);
    assert.equal(m.en, 'PDF export is not available.');
    assert.equal(m.zh, '尚不能导出 PDF。');
    return true;
  });
  assert.deepEqual(seen.map((e) => e.stageZh), ['第1版']);
});

test('pasted copy is cleaned and bylines and credits get their styles', () => {
  const paras = cleanedParagraphs('本报讯 社区 新闻,今天开会(详见二版)。\n■记者 王敏\n▶ 下转2版\n');
  assert.ok(paras.length >= 1);
  assert.match(paras[0]!.text, /，/);
  assert.ok(!paras.some((p) => p.text.includes('下转')), 'stale jump lines are dropped');
});

test('page ranges: 1-3,5 with full-width commas; out of range is refused', () => {
  assert.deepEqual(parsePageRange('1-3，5', 8), [1, 2, 3, 5]);
  assert.deepEqual(parsePageRange('', 8), []);
  assert.equal(parsePageRange('7-9', 8), null);
  assert.equal(parsePageRange('x', 8), null);
});

test('Chinese and English UI strings have the same keys', () => {
  const keys = (o: object): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v).map((s) => `${k}.${s}`) : [k])).sort();
  assert.deepEqual(keys(STRINGS.zh), keys(STRINGS.en));
});

test('autosave sends a recovery snapshot each minute while there are unsaved changes', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const { editor, session, log } = setup();
  const snaps = () => log.filter(([k]) => k === 'snapshot');
  session.startAutosave();
  t.mock.timers.tick(60_000);
  assert.equal(snaps().length, 0, 'nothing to save while clean');
  editor.run('addPage');
  t.mock.timers.tick(60_000);
  assert.equal(snaps().length, 1);
  assert.equal((snaps()[0]![1] as { issue: unknown }).issue, editor.state.issue);
  session.stop();
});
