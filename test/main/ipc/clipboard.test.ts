// The clipboard channels with the real implementation and fake windows: frames copied in one
// window (one issue) paste into another, with their images' bytes; the system clipboard gets the
// text and, when it changes, the frames are stale; a window touches only its own document.
// This is also the cross-issue paste test of the image case: the browser harness plays every
// window with one web contents (test/e2e/clipboard.test.ts drives two pages over it as well).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Documents } from '../../../main/app/documents';
import type { Channel, RequestIn, ResponseOf, Result } from '../../../main/ipc/contract';
import { registerHandlers } from '../../../main/ipc/handlers';
import { createShell, type ShellDeps, type SystemClipboard } from '../../../main/ipc/implementation';
import { copyFrames, pasteFragment } from '../../../renderer/editor/clipboard';
import { newIssue } from '../../../renderer/model/defaults';
import type { Asset, AssetId, FrameId, Issue } from '../../../renderer/model/schema';
import { validateIssue } from '../../../renderer/model/validate';
import { FakeIpcMain, trustedEvent } from './fakes';

const PHOTO: Asset = { id: 'e'.repeat(64) as AssetId, name: 'photo.jpg', mime: 'image/jpeg', width: 640, height: 480 };
const PHOTO_BYTES = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
const WIN_A = 100;
const WIN_B = 101;

/** Issue A: an image frame with the photo and its caption. */
function issueWithPhoto(): Issue {
  const base = newIssue({ preset: 'tabloid' });
  return {
    ...base,
    pages: [
      {
        ...base.pages[0]!,
        frames: [
          { id: 'img' as FrameId, kind: 'image', x: 60, y: 120, width: 200, height: 150, assetId: PHOTO.id, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 },
          { id: 'cap' as FrameId, kind: 'caption', x: 60, y: 275, width: 200, height: 22, imageId: 'img' as FrameId, storyId: 's1' as Issue['stories'][number]['id'] },
        ],
      },
    ],
    stories: [{ id: 's1' as Issue['stories'][number]['id'], name: '图说', paragraphs: [{ style: 'caption' as never, runs: [{ text: '社区服务站。' }] }] }],
    assets: [PHOTO],
  };
}

function setup(systemClipboard?: SystemClipboard) {
  const documents = new Documents();
  const saved: Array<{ path: string; assets: Map<AssetId, Uint8Array> }> = [];
  const logged: string[] = [];
  let opened = 0;
  const noop = () => {};
  const deps: ShellDeps = {
    documents,
    io: {
      openIssueFile: async () => ({ issue: issueWithPhoto(), assets: new Map([[PHOTO.id, PHOTO_BYTES]]), missingAssets: [], warnings: [] }),
      saveIssueFile: async (path, _issue, assets) => void saved.push({ path, assets: new Map(assets) }),
      readFile: async () => new Uint8Array(),
      addAsset: () => {
        throw new Error('not used');
      },
    },
    images: { preview: async () => Promise.reject(new Error('not used')) },
    fonts: { list: async () => [], bytes: async () => null, resolve: async () => null },
    dialogs: { openIssue: async () => null, saveIssue: async () => '/home/u/b.banmian', openImages: async () => null, savePdf: async () => null, openIccProfile: async () => null },
    windows: {
      open: (doc) => void (doc.webContentsId = WIN_A + opened++),
      focus: noop,
      close: noop,
      answerClose: noop,
      refresh: noop,
      nativeEdit: noop,
      send: noop,
    },
    recent: { list: async () => [], add: async () => [], remove: async () => [], clear: async () => {} },
    onRecentChanged: noop,
    recovery: { write: async () => {}, listUnclean: async () => [], open: async () => Promise.reject(new Error('none')), discard: async () => {} },
    press: { get: async () => null, choose: async () => Promise.reject(new Error('not used')), clear: async () => {}, forExport: async () => null },
    exportPdf: null,
    newIssue: (preset) => newIssue({ preset }),
    locale: () => ({ locale: 'en', languages: ['en-US'], platform: 'linux' }),
    samplePath: () => null,
    log: { error: (m) => void logged.push(m) },
    ...(systemClipboard ? { systemClipboard } : {}),
  };
  const shell = createShell(deps);
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, shell.handlers, { isOurWebContents: (id) => documents.isOurWebContents(id) });
  const call = async <C extends Channel>(channel: C, senderId: number, req?: RequestIn<C>) =>
    (await ipc.invoke(channel, { ...trustedEvent(), sender: { id: senderId } }, req)) as Result<ResponseOf<C>>;
  return { shell, documents, call, saved, logged };
}

function fakeSystemClipboard() {
  const c = { text: '', writes: [] as string[] };
  const api: SystemClipboard = {
    writeText: (t) => {
      c.text = t;
      c.writes.push(t);
    },
    readText: () => c.text,
  };
  return { c, api };
}

async function twoWindows(systemClipboard?: SystemClipboard) {
  const t = setup(systemClipboard);
  const a = await t.shell.actions.openPath('/home/u/a.banmian');
  const b = t.shell.actions.openNew('broadsheet');
  return { ...t, a: a.documentId, b: b.documentId };
}

test('an image frame copied in one window pastes into another issue with its caption and the image bytes', async () => {
  const sys = fakeSystemClipboard();
  const t = await twoWindows(sys.api);
  const issueA = t.documents.get(t.a)!.issue;
  const fragment = copyFrames(issueA, ['img' as FrameId])!;
  const w = await t.call('clipboard.writeFrames', WIN_A, { documentId: t.a, fragment });
  assert.equal(w.ok, true, JSON.stringify(w));
  assert.deepEqual(sys.c.writes, ['社区服务站。'], 'the caption text is on the system clipboard');

  assert.equal(t.documents.get(t.b)!.assets.has(PHOTO.id), false);
  const r = await t.call('clipboard.readFrames', WIN_B, { documentId: t.b });
  assert.ok(r.ok && r.value, JSON.stringify(r));
  const clip = r.value;
  assert.deepEqual(clip.assets.map((x) => x.asset), [PHOTO]);
  assert.deepEqual([...clip.assets[0]!.bytes], [...PHOTO_BYTES], 'the bytes travel');
  assert.deepEqual([...t.documents.get(t.b)!.assets.get(PHOTO.id)!], [...PHOTO_BYTES], 'and stay with the pasting document');

  // window B pastes into its own issue and saves: the image is written into B's file
  const issueB = t.documents.get(t.b)!.issue;
  const pasted = pasteFragment(issueB, 0, clip.fragment);
  assert.deepEqual(pasted.ids.map((id) => pasted.issue.pages[0]!.frames.find((f) => f.id === id)!.kind), ['image', 'caption']);
  assert.equal(pasted.dx, 0, 'in place: nothing sits there in the other issue');
  const v = validateIssue(JSON.parse(JSON.stringify(pasted.issue)));
  assert.ok(v.ok, JSON.stringify(!v.ok && v.problems));
  const s = await t.call('issue.save', WIN_B, { documentId: t.b, issue: pasted.issue });
  assert.equal(s.ok, true, JSON.stringify(s));
  assert.deepEqual([...t.saved[0]!.assets.keys()], [PHOTO.id]);
});

test('the clipboard outlives the window it was copied in, and any window reads the same frames', async () => {
  const t = await twoWindows();
  const fragment = copyFrames(t.documents.get(t.a)!.issue, ['img' as FrameId])!;
  await t.call('clipboard.writeFrames', WIN_A, { documentId: t.a, fragment });
  await t.shell.actions.closed(t.a);
  const r = await t.call('clipboard.readFrames', WIN_B, { documentId: t.b });
  assert.ok(r.ok && r.value);
  assert.equal(r.value.assets.length, 1, 'main kept the bytes');
});

test('nothing copied yet: readFrames answers null', async () => {
  const t = await twoWindows();
  const r = await t.call('clipboard.readFrames', WIN_B, { documentId: t.b });
  assert.deepEqual(r, { ok: true, value: null });
});

test('something else copied since (the system clipboard holds other text): the frames are stale', async () => {
  const sys = fakeSystemClipboard();
  const t = await twoWindows(sys.api);
  await t.call('clipboard.writeFrames', WIN_A, { documentId: t.a, fragment: copyFrames(t.documents.get(t.a)!.issue, ['img' as FrameId])! });
  sys.c.text = '别的程序复制的文字';
  const r = await t.call('clipboard.readFrames', WIN_B, { documentId: t.b });
  assert.deepEqual(r, { ok: true, value: null });
});

test('a system clipboard that fails to take the text does not fail the copy', async () => {
  const t = await twoWindows({
    writeText: () => {
      throw new Error('no display');
    },
    readText: () => '社区服务站。',
  });
  const w = await t.call('clipboard.writeFrames', WIN_A, { documentId: t.a, fragment: copyFrames(t.documents.get(t.a)!.issue, ['img' as FrameId])! });
  assert.equal(w.ok, true);
  assert.equal(t.logged.length, 1);
  const r = await t.call('clipboard.readFrames', WIN_B, { documentId: t.b });
  assert.ok(r.ok && r.value);
});

test('a window can neither copy from nor paste into another window’s document', async () => {
  const t = await twoWindows();
  const fragment = copyFrames(t.documents.get(t.a)!.issue, ['img' as FrameId])!;
  const w = await t.call('clipboard.writeFrames', WIN_B, { documentId: t.a, fragment });
  assert.equal(!w.ok && w.error.code, 'no-document');
  await t.call('clipboard.writeFrames', WIN_A, { documentId: t.a, fragment });
  const r = await t.call('clipboard.readFrames', WIN_A, { documentId: t.b });
  assert.equal(!r.ok && r.error.code, 'no-document');
  assert.equal(t.documents.get(t.b)!.assets.size, 0, 'no bytes were added to B');
});

test('a malformed fragment is refused with the path of the problem', async () => {
  const t = await twoWindows();
  const good = copyFrames(t.documents.get(t.a)!.issue, ['img' as FrameId])!;
  const cases: Array<[string, unknown, RegExp]> = [
    ['no frames', { ...good, frames: [] }, /^fragment\.frames/],
    ['another format', { ...good, format: 'banmian-issue' }, /^fragment\.format/],
    ['an asset id that is no SHA-256', { ...good, assets: [{ ...PHOTO, id: '../../etc/passwd' }] }, /^fragment\.assets\.0\.id/],
    ['a frame of an unknown kind', { ...good, frames: [{ ...good.frames[0], kind: 'script' }] }, /^fragment\.frames\.0/],
  ];
  for (const [what, fragment, path] of cases) {
    const r = await t.call('clipboard.writeFrames', WIN_A, { documentId: t.a, fragment } as never);
    assert.equal(r.ok, false, what);
    if (!r.ok) {
      assert.equal(r.error.code, 'bad-request', what);
      assert.ok(r.error.problems?.some((p) => path.test(p)), `${what}: ${JSON.stringify(r.error.problems)}`);
    }
  }
  const r = await t.call('clipboard.readFrames', WIN_B, { documentId: t.b });
  assert.deepEqual(r, { ok: true, value: null }, 'nothing was copied');
});
