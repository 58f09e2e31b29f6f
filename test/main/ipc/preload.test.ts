// The preload's API object: named functions only, channels fixed by the contract, no ipcRenderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNEL_NAMES, EVENTS, EVENT_NAMES, apiPath } from '../../../main/ipc/contract';
import { buildApi, type IpcRendererLike } from '../../../main/ipc/preload-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<[string, unknown[]]> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, args]);
    return Promise.resolve({ ok: true, value: null });
  }
  on(channel: string, listener: Listener): this {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ sender: this, secret: 'ipcRenderer' }, payload);
  }
}

/** Like contextBridge.exposeInMainWorld: records what was exposed under which key. */
function fakeContextBridge() {
  const world: Record<string, unknown> = {};
  return { world, exposeInMainWorld: (key: string, value: unknown) => void (world[key] = value) };
}

function build() {
  const ipc = new FakeIpcRenderer();
  const bridge = fakeContextBridge();
  bridge.exposeInMainWorld('api', buildApi(ipc, () => '/tmp/dropped.jpg'));
  return { ipc, api: bridge.world.api as Record<string, Record<string, unknown>>, world: bridge.world };
}

/** Every leaf of the API object with its path. */
function leaves(obj: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(obj).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' ? leaves(v as Record<string, unknown>, `${prefix}${k}.`) : [[`${prefix}${k}`, v] as [string, unknown]],
  );
}

test('only "api" is exposed in the main world', () => {
  assert.deepEqual(Object.keys(build().world), ['api']);
});

test('the API is a fixed tree of named functions: one per channel, one per event, plus files.pathForFile', () => {
  const { api } = build();
  const all = leaves(api);
  for (const [path, value] of all) assert.equal(typeof value, 'function', `${path} is not a function`);
  const expected = [
    ...CHANNEL_NAMES.map((c) => apiPath(c).join('.')),
    ...EVENT_NAMES.map((e) => `on.${EVENTS[e].method}`),
    'files.pathForFile',
  ].sort();
  assert.deepEqual(all.map(([p]) => p).sort(), expected);
});

test('no generic invoke/send/on and no ipcRenderer anywhere in the API', () => {
  const { api, ipc } = build();
  const names = leaves(api).map(([p]) => p);
  for (const bad of ['invoke', 'send', 'sendSync', 'ipcRenderer', 'postMessage']) {
    assert.ok(!names.some((n) => n.split('.').includes(bad)), `${bad} is exposed`);
  }
  for (const [, v] of leaves(api)) assert.notEqual(v, ipc);
  for (const ns of Object.values(api)) assert.notEqual(ns, ipc);
});

test('the API object and its namespaces are frozen', () => {
  const { api } = build();
  assert.ok(Object.isFrozen(api));
  for (const ns of Object.values(api)) assert.ok(Object.isFrozen(ns));
});

test('each function invokes its own channel with exactly one argument', async () => {
  const { api, ipc } = build();
  for (const channel of CHANNEL_NAMES) {
    const [ns, method] = apiPath(channel);
    const fn = api[ns]?.[method] as (req?: unknown, extra?: unknown) => Promise<unknown>;
    await fn({ probe: channel }, 'an extra argument that must not cross');
  }
  assert.deepEqual(
    ipc.invoked,
    CHANNEL_NAMES.map((c) => [c, [{ probe: c }]]),
  );
});

test('a call without a request sends {}', async () => {
  const { api, ipc } = build();
  await (api.issue!.recent as () => Promise<unknown>)();
  assert.deepEqual(ipc.invoked, [['issue.recent', [{}]]]);
});

test('event subscriptions pass only the payload (never the IPC event) and can unsubscribe', () => {
  const { api, ipc } = build();
  const got: unknown[] = [];
  const off = (api.on!.menuCommand as (l: (...a: unknown[]) => void) => () => void)((...args) => got.push(args));
  ipc.emit('menu:command', { command: 'file.save' });
  assert.deepEqual(got, [[{ command: 'file.save' }]]);
  off();
  ipc.emit('menu:command', { command: 'file.save' });
  assert.equal(got.length, 1);
  assert.equal(ipc.listeners.get('menu:command')?.size, 0);
});

test('subscribing listens only on the contract event channel', () => {
  const { api, ipc } = build();
  for (const name of EVENT_NAMES) (api.on![EVENTS[name].method] as (l: () => void) => void)(() => {});
  assert.deepEqual([...ipc.listeners.keys()].sort(), [...EVENT_NAMES].sort());
});

test('files.pathForFile returns the path, or "" when Electron throws', () => {
  const { api } = build();
  assert.equal((api.files!.pathForFile as (f: unknown) => string)({}), '/tmp/dropped.jpg');
  const throwing = buildApi(new FakeIpcRenderer(), () => {
    throw new Error('not a file');
  });
  assert.equal(throwing.files.pathForFile({} as File), '');
});
