// The IPC gate: every contract channel has a handler; every handler refuses foreign senders and
// malformed payloads before any implementation or dependency is reached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS, CHANNEL_NAMES, type Channel, type RequestIn, type Result } from '../../../main/ipc/contract';
import { IpcFailure, ipcError, refuseSender, registerHandlers, type Handlers } from '../../../main/ipc/handlers';
import { createShell, type ShellDeps } from '../../../main/ipc/implementation';
import { IssueFileError } from '../../../main/files/errors';
import { newIssue } from '../../../renderer/model/defaults';
import { FakeIpcMain, OUR_WEB_CONTENTS, foreignEvents, trustedEvent, tripwire } from './fakes';

const policy = { isOurWebContents: (id: number) => id === OUR_WEB_CONTENTS };
const issue = newIssue({ preset: 'tabloid' });
const documentId = 'doc-1';

/** A valid request for every channel (the type makes the table complete). */
const VALID: { [C in Channel]: RequestIn<C> } = {
  'app.locale': {},
  'issue.current': {},
  'issue.new': { preset: 'tabloid' },
  'issue.open': {},
  'issue.openPath': { path: '/tmp/a.banmian' },
  'issue.save': { documentId, issue },
  'issue.saveAs': { documentId, issue },
  'issue.recent': {},
  'issue.setDirty': { documentId, dirty: true },
  'issue.close': { documentId },
  'issue.closeAnswer': { documentId, requestId: 'r-1', proceed: true },
  'fonts.list': {},
  'fonts.bytes': { postscriptName: 'NotoSerifSC-Regular' },
  'fonts.resolve': { postscriptName: 'NotoSerifSC-Regular' },
  'assets.importImages': { documentId, jobId: 'job-1', paths: ['/tmp/a.jpg'] },
  'assets.preview': { documentId, assetId: 'a'.repeat(64) },
  'export.pdf': { documentId, jobId: 'job-2', issue, options: { purpose: 'press' } },
  'press.profile': {},
  'press.chooseProfile': {},
  'press.clearProfile': {},
  'edit.native': { action: 'copy' },
  'clipboard.writeFrames': {
    documentId,
    fragment: {
      format: 'banmian-frames',
      version: 1,
      frames: [{ id: 'f1', kind: 'box', x: 0, y: 0, width: 10, height: 10, fill: null, stroke: null }],
      stories: [],
      paragraphStyles: [],
      characterStyles: [],
      swatches: [],
      assets: [],
      fonts: [],
    },
  },
  'clipboard.readFrames': { documentId },
  'recovery.snapshot': { documentId, issue },
  'recovery.check': {},
  'recovery.open': { documentId },
  'recovery.discard': { documentId },
};

/** Payloads no channel accepts. */
const MALFORMED: Array<[string, unknown[]]> = [
  ['a number', [42]],
  ['a string', ['issue.json']],
  ['null', [null]],
  ['an array', [[]]],
  ['an object with unknown fields only', [{ unexpected: true }]],
  ['two arguments', [{}, {}]],
];

function spyHandlers(calls: string[]): Handlers {
  const h: Record<string, (req: unknown) => unknown> = {};
  for (const c of CHANNEL_NAMES) {
    h[c] = (req) => {
      calls.push(c);
      return { echoed: req };
    };
  }
  return h as unknown as Handlers;
}

test('every contract channel has exactly one handler on ipcMain, and nothing else is registered', () => {
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, spyHandlers([]), policy);
  assert.deepEqual([...ipc.handlers.keys()].sort(), Object.keys(CHANNELS).sort());
});

test('the unregister function removes every handler', () => {
  const ipc = new FakeIpcMain();
  const off = registerHandlers(ipc, spyHandlers([]), policy);
  off();
  assert.equal(ipc.handlers.size, 0);
});

test('the channels of the shell implementation are exactly the contract channels', () => {
  const { handlers } = createShell(tripwire([]) as ShellDeps);
  assert.deepEqual(Object.keys(handlers).sort(), [...CHANNEL_NAMES].sort());
});

for (const channel of CHANNEL_NAMES) {
  test(`${channel}: a valid request from our window reaches the handler`, async () => {
    const calls: string[] = [];
    const ipc = new FakeIpcMain();
    registerHandlers(ipc, spyHandlers(calls), policy);
    const r = (await ipc.invoke(channel, trustedEvent(), VALID[channel])) as Result<unknown>;
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(calls, [channel]);
  });

  test(`${channel}: malformed payloads are refused with bad-request, the handler is not called`, async () => {
    const calls: string[] = [];
    const ipc = new FakeIpcMain();
    registerHandlers(ipc, spyHandlers(calls), policy);
    for (const [what, args] of MALFORMED) {
      const r = (await ipc.invoke(channel, trustedEvent(), ...args)) as Result<unknown>;
      assert.equal(r.ok, false, `${what} was accepted`);
      if (!r.ok) {
        assert.equal(r.error.code, 'bad-request', what);
        assert.match(r.error.message, new RegExp(channel.replace('.', '\\.')));
        assert.ok(r.error.messageZh.length > 0);
      }
    }
    assert.deepEqual(calls, []);
  });

  test(`${channel}: foreign senders are refused with forbidden, the handler is not called`, async () => {
    const calls: string[] = [];
    const ipc = new FakeIpcMain();
    registerHandlers(ipc, spyHandlers(calls), policy);
    for (const [what, event] of foreignEvents()) {
      const r = (await ipc.invoke(channel, event, VALID[channel])) as Result<unknown>;
      assert.equal(r.ok, false, `${what} was accepted`);
      if (!r.ok) assert.equal(r.error.code, 'forbidden', what);
    }
    assert.deepEqual(calls, []);
  });

  test(`${channel}: with the real implementation, refused requests touch no dependency`, async () => {
    const calls: string[] = [];
    const ipc = new FakeIpcMain();
    registerHandlers(ipc, createShell(tripwire(calls) as ShellDeps).handlers, policy);
    for (const [, event] of foreignEvents()) await ipc.invoke(channel, event, VALID[channel]);
    for (const [, args] of MALFORMED) await ipc.invoke(channel, trustedEvent(), ...args);
    assert.deepEqual(calls, []);
  });
}

test('refuseSender explains each refusal and accepts our main frame', () => {
  assert.equal(refuseSender(trustedEvent(), policy), null);
  for (const [what, event] of foreignEvents()) assert.ok(refuseSender(event, policy), what);
});

test('an IssueFileError from an implementation comes back with its code and both messages', async () => {
  const ipc = new FakeIpcMain();
  const handlers = {
    ...spyHandlers([]),
    'issue.openPath': () => {
      throw new IssueFileError('not-found', { path: '/tmp/a.banmian', detail: '"/tmp/a.banmian" does not exist', detailZh: '“/tmp/a.banmian”不存在' });
    },
  } as Handlers;
  registerHandlers(ipc, handlers, policy);
  const r = (await ipc.invoke('issue.openPath', trustedEvent(), { path: '/tmp/a.banmian' })) as Result<unknown>;
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'not-found');
    assert.match(r.error.message, /does not exist/);
    assert.match(r.error.messageZh, /不存在/);
  }
});

test('an unexpected error is logged in main and reported as internal, without its stack', async () => {
  const ipc = new FakeIpcMain();
  const logged: string[] = [];
  const handlers = {
    ...spyHandlers([]),
    'fonts.list': () => {
      throw new Error('secret /home/user/.config path');
    },
  } as Handlers;
  registerHandlers(ipc, handlers, policy, { error: (m) => logged.push(m) });
  const r = (await ipc.invoke('fonts.list', trustedEvent())) as Result<unknown>;
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'internal');
    assert.doesNotMatch(JSON.stringify(r.error), /secret/);
  }
  assert.equal(logged.length, 1);
});

test('an IpcFailure passes its error through unchanged', async () => {
  const ipc = new FakeIpcMain();
  const handlers = {
    ...spyHandlers([]),
    'fonts.list': () => {
      throw new IpcFailure(ipcError('no-font', 'No font.', '没有字体。'));
    },
  } as Handlers;
  registerHandlers(ipc, handlers, policy);
  const r = (await ipc.invoke('fonts.list', trustedEvent())) as Result<unknown>;
  assert.deepEqual(r, { ok: false, error: { code: 'no-font', message: 'No font.', messageZh: '没有字体。' } });
});

test('an omitted request counts as {} for channels without fields', async () => {
  const calls: string[] = [];
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, spyHandlers(calls), policy);
  const r = (await ipc.invoke('issue.recent', trustedEvent())) as Result<unknown>;
  assert.equal(r.ok, true);
  assert.deepEqual(calls, ['issue.recent']);
});

test('schema problems are listed with their paths', async () => {
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, spyHandlers([]), policy);
  const r = (await ipc.invoke('issue.setDirty', trustedEvent(), { documentId: '../../etc', dirty: 'yes' })) as Result<unknown>;
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.ok(r.error.problems?.some((p) => p.startsWith('documentId:')), JSON.stringify(r.error.problems));
    assert.ok(r.error.problems?.some((p) => p.startsWith('dirty:')), JSON.stringify(r.error.problems));
  }
});
