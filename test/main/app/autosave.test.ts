import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTOSAVE_INTERVAL_MS, startAutosave } from '../../../main/app/autosave';
import type { DocumentId } from '../../../main/ipc/contract';

test('every minute, only windows with unsaved changes are asked for a snapshot', () => {
  let tick: (() => void) | null = null;
  let every = 0;
  let unref = false;
  let cleared = false;
  const sent: Array<[number, string]> = [];
  const docs = [
    { id: 'a' as DocumentId, webContentsId: 1, dirty: true },
    { id: 'b' as DocumentId, webContentsId: 2, dirty: false },
    { id: 'c' as DocumentId, webContentsId: null, dirty: true },
  ];
  const stop = startAutosave({
    dirtyDocuments: () => docs.filter((d) => d.dirty),
    send: (wc, id) => sent.push([wc, id]),
    setInterval: (f, ms) => {
      tick = f;
      every = ms;
      return { unref: () => void (unref = true) };
    },
    clearInterval: () => void (cleared = true),
  });
  assert.equal(every, AUTOSAVE_INTERVAL_MS);
  assert.equal(unref, true);
  tick!();
  assert.deepEqual(sent, [[1, 'a']]);
  docs[1]!.dirty = true;
  tick!();
  assert.deepEqual(sent, [[1, 'a'], [1, 'a'], [2, 'b']]);
  stop();
  assert.equal(cleared, true);
});
