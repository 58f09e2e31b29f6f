// The document session's cut, copy and paste against a fake window.api: copy sends the
// selection's fragment to main; cut deletes only once main holds the copy (one undo step); paste
// hands the images' bytes to the window's image store and pastes as one undo step; a second paste
// while one is under way (menu accelerator and key for the same press) is ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BanmianApi, ClipboardFrames, DocumentId, DocumentPayload, Result } from '../../../renderer/api';
import { ApiError } from '../../../renderer/api';
import { Editor } from '../../../renderer/editor/editor';
import { makeImage } from '../../../renderer/editor/factories';
import { makeTextFrame } from '../../../renderer/editor/ops';
import { newIssue } from '../../../renderer/model/defaults';
import type { IssueFragment } from '../../../renderer/model/fragment';
import type { Asset, AssetId } from '../../../renderer/model/schema';
import { DocumentSession } from '../../../renderer/ui/session';

const DOC = 'doc-1' as DocumentId;
const PHOTO: Asset = { id: 'f'.repeat(64) as AssetId, name: 'p.jpg', mime: 'image/jpeg', width: 10, height: 10 };

function setup(opts: { failWrite?: boolean } = {}) {
  let held: ClipboardFrames | null = null;
  const writes: IssueFragment[] = [];
  let release: (() => void) | null = null;
  let slow = false;
  const api = {
    clipboard: {
      writeFrames: (r: { fragment: IssueFragment }): Promise<Result<void>> => {
        if (opts.failWrite) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'broken', messageZh: '出错' } });
        writes.push(r.fragment);
        held = { fragment: r.fragment, assets: r.fragment.assets.map((asset) => ({ asset, bytes: new Uint8Array([7]) })) };
        return Promise.resolve({ ok: true, value: undefined });
      },
      readFrames: async (): Promise<Result<ClipboardFrames | null>> => {
        if (slow) await new Promise<void>((r) => (release = r));
        return { ok: true, value: held };
      },
    },
    issue: { setDirty: () => Promise.resolve({ ok: true, value: undefined }) },
  };
  const issue = newIssue();
  const editor = new Editor(issue);
  const text = makeTextFrame(issue, { x: 60, y: 100, width: 150, height: 200 });
  editor.run('addFrames', { frames: [text.frame], stories: [text.story] });
  const img = { ...makeImage(editor.state.issue, { x: 60, y: 320, width: 150, height: 100 }), assetId: PHOTO.id };
  editor.run('addFrames', { frames: [img] });
  editor.run('placeImage', { frameId: img.id, asset: PHOTO });
  const payload: DocumentPayload = { documentId: DOC, path: null, title: '未命名', issue, assets: [], missingAssets: [], warnings: [], recovered: false, isSample: false };
  const added: string[] = [];
  const session = new DocumentSession(api as unknown as BanmianApi, editor, payload, (a) => added.push(a.id));
  return { editor, session, writes, added, ids: [text.frame.id, img.id], slowRead: () => (slow = true), release: () => release?.() };
}

test('copy with nothing selected sends nothing', async () => {
  const t = setup();
  t.editor.run('select', { ids: [] });
  assert.equal(await t.session.copyFrames(), false);
  assert.equal(t.writes.length, 0);
});

test('copy sends the selection; paste brings the image bytes to the window and is one undo step', async () => {
  const t = setup();
  t.editor.run('select', { ids: t.ids });
  assert.equal(await t.session.copyFrames(), true);
  assert.deepEqual(t.writes[0]!.frames.map((f) => f.kind), ['text', 'image']);
  const steps = t.editor.history.size.past;
  assert.equal(await t.session.pasteFrames(), true);
  assert.equal(t.editor.history.size.past, steps + 1);
  assert.deepEqual(t.added, [PHOTO.id]);
  assert.equal(t.editor.state.selection.length, 2);
  assert.ok(t.editor.state.selection.every((id) => !t.ids.includes(id)));
});

test('cut deletes the copied frames as one undo step, only after main holds the copy', async () => {
  const t = setup();
  t.editor.run('select', { ids: t.ids });
  const before = t.editor.state.issue;
  const steps = t.editor.history.size.past;
  assert.equal(await t.session.cutFrames(), true);
  assert.equal(t.editor.state.issue.pages[0]!.frames.length, 0);
  assert.equal(t.editor.history.size.past, steps + 1);
  t.editor.undo();
  assert.equal(t.editor.state.issue, before);

  const failing = setup({ failWrite: true });
  failing.editor.run('select', { ids: failing.ids });
  const kept = failing.editor.state.issue;
  await assert.rejects(failing.session.cutFrames(), ApiError);
  assert.equal(failing.editor.state.issue, kept, 'a failed copy deletes nothing');
});

test('a paste requested while one is under way is ignored; an empty clipboard pastes nothing', async () => {
  const t = setup();
  assert.equal(await t.session.pasteFrames(), false, 'nothing copied yet');
  t.editor.run('select', { ids: t.ids });
  await t.session.copyFrames();
  t.slowRead();
  const first = t.session.pasteFrames();
  assert.equal(await t.session.pasteFrames(), null, 'ignored, not "nothing to paste"');
  t.release();
  assert.equal(await first, true);
  assert.equal(t.editor.state.issue.pages[0]!.frames.length, 4, 'pasted once');
});
