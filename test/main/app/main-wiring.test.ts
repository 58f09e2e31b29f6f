// A smoke test of main/main.ts itself: bundled as scripts/build.mjs does, then run under Node
// with a fake 'electron' module (the real binary is not available in CI). It checks the wiring the
// unit tests cannot: the scheme is registered privileged before ready, the session is hardened,
// the protocol is served, every contract channel is handled, the menu is installed, and with no
// file argument a window opens on a document whose IPC answers come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CHANNEL_NAMES } from '../../../main/ipc/contract';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The fake electron: records what main does, then drives one IPC round trip and prints a report. */
const FAKE_ELECTRON = String.raw`
const { EventEmitter } = require('node:events');
const report = { privileged: null, lockAsked: false, handled: [], protocols: [], permissionDenied: null, menu: null, windows: [], answers: {} };
let readyResolve; const ready = new Promise((r) => (readyResolve = r));
const app = new EventEmitter();
Object.assign(app, {
  isPackaged: false,
  requestSingleInstanceLock: () => { report.lockAsked = true; return true; },
  quit() {}, exit(c) { process.exit(c); },
  whenReady: () => ready,
  getPreferredSystemLanguages: () => ['zh-CN'],
  getLocale: () => 'zh-CN',
  getAppPath: () => process.env.FAKE_APP_PATH,
  getPath: () => process.env.FAKE_USER_DATA,
  getVersion: () => '0.0.0',
});
const handlers = new Map();
const ipcMain = { handle: (c, f) => { handlers.set(c, f); report.handled.push(c); }, removeHandler: (c) => handlers.delete(c) };
const protocol = {
  registerSchemesAsPrivileged: (s) => { report.privileged = { schemes: s, beforeReady: !report.readyFired }; },
  handle: (scheme, h) => { report.protocols.push(scheme); protocolHandler = h; },
};
let protocolHandler = null;
const hooks = {};
const session = { defaultSession: {
  setPermissionRequestHandler: (f) => (hooks.request = f),
  setPermissionCheckHandler: (f) => (hooks.check = f),
  webRequest: { onBeforeRequest: (f) => (hooks.before = f), onHeadersReceived: (f) => (hooks.headers = f) },
} };
let nextId = 1;
const allWc = new Map();
class WebContents extends EventEmitter {
  constructor() { super(); this.id = nextId++; this.sent = []; allWc.set(this.id, this); }
  setWindowOpenHandler(h) { this.openHandler = h; }
  send(ch, p) { this.sent.push([ch, p]); }
}
class BrowserWindow extends EventEmitter {
  constructor(opts) { super(); this.opts = opts; this.webContents = new WebContents(); this.destroyed = false; report.windows.push(this); }
  loadURL(u) { this.url = u; return Promise.resolve(); }
  show() {} isDestroyed() { return this.destroyed; } setTitle(t) { this.opts.title = t; }
  setRepresentedFilename() {} setDocumentEdited() {} isMinimized() { return false; } restore() {} focus() {}
  close() { const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } }; this.emit('close', e); if (!e.defaultPrevented) { this.destroyed = true; this.emit('closed'); } }
  static getFocusedWindow() { return null; }
}
const Menu = { buildFromTemplate: (t) => t, setApplicationMenu: (m) => { report.menu = m.map((x) => x.label); } };
const dialog = { showErrorBox: (t, b) => { report.error = t + ': ' + b; }, showMessageBox: async () => ({ response: 2 }), showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) };
const webContents = { fromId: (id) => allWc.get(id) };
module.exports = { app, ipcMain, protocol, session, BrowserWindow, Menu, dialog, webContents, contextBridge: {}, ipcRenderer: {}, webUtils: {} };

setTimeout(async () => { report.readyFired = true; readyResolve(); }, 10);
// Wait (up to 30 s on a slow machine) until start() has opened its first window.
const started = Date.now();
const poll = setInterval(() => {
  if (report.windows.length > 0 || Date.now() - started > 30000) {
    clearInterval(poll);
    // Let start() finish the synchronous wiring after the window (menu, autosave clock).
    setTimeout(drive, 100);
  }
}, 50);
async function drive() {
  const win = report.windows[0];
  const ev = (url, parent = null) => ({ sender: { id: win ? win.webContents.id : -1 }, senderFrame: { url, parent } });
  if (win) {
    report.windowOptions = { webPreferences: win.opts.webPreferences, title: win.opts.title, url: win.url };
    report.answers.current = await handlers.get('issue.current')(ev('banmian://app/index.html'), {});
    report.answers.foreign = await handlers.get('issue.current')(ev('https://evil.example/'), {});
    report.answers.locale = await handlers.get('app.locale')(ev('banmian://app/index.html'));
    let granted = null; hooks.request(null, 'media', (g) => (granted = g), {});
    report.permissionDenied = granted === false && hooks.check(null, 'media', '', {}) === false;
    const r = await protocolHandler(new Request('banmian://app/index.html'));
    report.protocolStatus = r.status; report.csp = r.headers.get('content-security-policy');
    report.navigationDenied = (() => { let p = false; win.webContents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (p = true) }); return p; })();
    report.openDenied = win.webContents.openHandler({ url: 'https://evil.example/' });
  }
  const c = report.answers.current;
  if (c && c.ok) c.value = { documentId: c.value.documentId, title: c.value.title, preset: c.value.issue.pageSize.preset, isSample: c.value.isSample };
  delete report.windows;
  process.stdout.write('REPORT' + JSON.stringify(report) + '\n');
  process.exit(0);
}
`;

test('main.ts wiring: starts, hardens, serves, handles every channel, opens a window on a new issue', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-main-'));
  await writeFile(join(dir, 'electron.cjs'), FAKE_ELECTRON);
  await build({
    absWorkingDir: root,
    entryPoints: ['main/main.ts'],
    outfile: join(dir, 'main', 'main.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    external: ['fontkit', 'pdf-lib', 'fflate', 'zod'],
    alias: { electron: join(dir, 'electron.cjs') },
  });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'renderer'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html>');
  const r = spawnSync(process.execPath, [join(dir, 'main', 'main.cjs')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      NODE_PATH: join(root, 'node_modules'),
      BANMIAN_ROOT: root,
      // No sample in the fake app folder: the start falls back to a new tabloid issue.
      FAKE_APP_PATH: dir,
      FAKE_USER_DATA: join(dir, 'userData'),
    },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('REPORT'));
  assert.ok(line, `no report; stderr:\n${r.stderr}`);
  const report = JSON.parse(line.slice('REPORT'.length));
  assert.equal(report.lockAsked, true);
  assert.equal(report.privileged.beforeReady, true);
  assert.deepEqual(report.privileged.schemes[0].scheme, 'banmian');
  assert.equal(report.privileged.schemes[0].privileges.standard, true);
  assert.equal(report.privileged.schemes[0].privileges.secure, true);
  assert.deepEqual([...report.handled].sort(), [...CHANNEL_NAMES].sort());
  assert.deepEqual(report.protocols, ['banmian']);
  assert.equal(report.protocolStatus, 200);
  assert.match(report.csp, /^default-src 'self'; script-src 'self';/);
  assert.equal(report.permissionDenied, true);
  assert.deepEqual(report.menu, ['文件', '编辑', '视图', '版面', '帮助']);
  assert.equal(report.windowOptions.url, 'banmian://app/index.html');
  assert.equal(report.windowOptions.webPreferences.sandbox, true);
  assert.equal(report.windowOptions.webPreferences.contextIsolation, true);
  assert.equal(report.windowOptions.webPreferences.nodeIntegration, false);
  assert.equal(report.windowOptions.webPreferences.preload, join(dir, 'main', 'preload.cjs'));
  assert.equal(report.windowOptions.title, '未命名 — 版面');
  assert.equal(report.navigationDenied, true);
  assert.deepEqual(report.openDenied, { action: 'deny' });
  assert.equal(report.answers.current.ok, true, JSON.stringify(report.answers.current));
  assert.equal(report.answers.current.value.preset, 'tabloid');
  assert.equal(report.answers.foreign.error.code, 'forbidden');
  assert.equal(report.answers.locale.value.locale, 'zh');
});
