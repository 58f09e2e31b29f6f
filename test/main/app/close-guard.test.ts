// Unsaved changes ask before the window closes: 保存 / 不保存 / 取消.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCloseGuard, type CloseChoice } from '../../../main/app/close-guard';

class FakeWindow {
  closed = false;
  private listener: ((e: { preventDefault(): void }) => void) | null = null;
  on(_event: 'close', l: (e: { preventDefault(): void }) => void) {
    this.listener = l;
  }
  close() {
    let prevented = false;
    this.listener?.({ preventDefault: () => void (prevented = true) });
    if (!prevented) this.closed = true;
  }
}

const tick = () => new Promise((r) => setImmediate(r));

function setup(dirty: boolean, choice: CloseChoice) {
  const win = new FakeWindow();
  const events: string[] = [];
  let asked = 0;
  const guard = attachCloseGuard(win, {
    isDirty: () => dirty,
    ask: async () => {
      asked++;
      return choice;
    },
    requestSave: (id) => events.push(`save ${id}`),
    onCancel: () => events.push('cancel'),
    newRequestId: () => 'req-1',
  });
  return { win, guard, events, asked: () => asked };
}

test('a clean window closes without a question', async () => {
  const t = setup(false, 'cancel');
  t.win.close();
  assert.equal(t.win.closed, true);
  assert.equal(t.asked(), 0);
});

test("a dirty window asks; Don't Save closes it", async () => {
  const t = setup(true, 'discard');
  t.win.close();
  assert.equal(t.win.closed, false);
  await tick();
  assert.equal(t.asked(), 1);
  assert.equal(t.win.closed, true);
});

test('Cancel keeps the window and calls off a quit', async () => {
  const t = setup(true, 'cancel');
  t.win.close();
  await tick();
  assert.equal(t.win.closed, false);
  assert.deepEqual(t.events, ['cancel']);
});

test('Save asks the renderer to save; the window closes only when it answers proceed', async () => {
  const t = setup(true, 'save');
  t.win.close();
  await tick();
  assert.deepEqual(t.events, ['save req-1']);
  assert.equal(t.guard.busy, true);
  assert.equal(t.guard.answer('someone-else', true), false);
  assert.equal(t.win.closed, false);
  assert.equal(t.guard.answer('req-1', true), true);
  assert.equal(t.win.closed, true);
});

test('a failed or cancelled save keeps the window', async () => {
  const t = setup(true, 'save');
  t.win.close();
  await tick();
  t.guard.answer('req-1', false);
  assert.equal(t.win.closed, false);
  assert.deepEqual(t.events, ['save req-1', 'cancel']);
});

test('closing again while the question is open asks only once', async () => {
  const t = setup(true, 'cancel');
  t.win.close();
  t.win.close();
  await tick();
  assert.equal(t.asked(), 1);
});
