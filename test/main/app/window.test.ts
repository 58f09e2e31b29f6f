// The document window is sandboxed and cannot navigate or open windows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createDocumentWindow, hardenWebContents, type WebContentsLike } from '../../../main/window';
import { APP_INDEX_URL } from '../../../main/app/protocol';

type Ev = { preventDefault(): void; url: string; prevented?: boolean };

class FakeWebContents implements WebContentsLike {
  readonly id = 3;
  readonly listeners = new Map<string, (e: Ev) => void>();
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  on(event: string, l: (e: Ev) => void) {
    this.listeners.set(event, l);
    return this;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' } | { action: 'allow' }) {
    this.openHandler = h;
  }
  fire(event: string, url: string): boolean {
    const e: Ev = { url, preventDefault: () => void (e.prevented = true) };
    this.listeners.get(event)?.(e);
    return e.prevented === true;
  }
}

class FakeBrowserWindow {
  static made: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  shown = false;
  private ready: (() => void) | null = null;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeBrowserWindow.made.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  once(_e: 'ready-to-show', l: () => void) {
    this.ready = l;
    return this;
  }
  show() {
    this.shown = true;
  }
  paint() {
    this.ready?.();
  }
}

test('the window is sandboxed, context-isolated, without Node, and uses our preload', () => {
  const win = createDocumentWindow(FakeBrowserWindow, { preloadPath: '/app/dist/main/preload.cjs', title: '天山' });
  const wp = win.options.webPreferences!;
  assert.equal(wp.sandbox, true);
  assert.equal(wp.contextIsolation, true);
  assert.equal(wp.nodeIntegration, false);
  assert.equal(wp.nodeIntegrationInWorker, false);
  assert.equal(wp.nodeIntegrationInSubFrames, false);
  assert.equal(wp.webSecurity, true);
  assert.equal(wp.webviewTag, false);
  assert.equal(wp.navigateOnDragDrop, false);
  assert.equal(wp.allowRunningInsecureContent, false);
  assert.equal(wp.preload, '/app/dist/main/preload.cjs');
  assert.equal(win.options.title, '天山');
});

test('the window loads banmian://app/index.html and shows itself on first paint', () => {
  const win = createDocumentWindow(FakeBrowserWindow, { preloadPath: '/p.cjs', title: 't' });
  assert.equal(win.loaded, APP_INDEX_URL);
  assert.equal(win.options.show, false);
  win.paint();
  assert.equal(win.shown, true);
});

test('navigation, frame navigation, redirects and webviews are denied', () => {
  const wc = new FakeWebContents();
  hardenWebContents(wc);
  for (const ev of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
    assert.equal(wc.fire(ev, 'https://evil.example/'), true, ev);
  }
  // Even a navigation to our own origin: the app is one page.
  assert.equal(wc.fire('will-navigate', 'banmian://app/other.html'), true);
});

test('window.open is denied', () => {
  const wc = new FakeWebContents();
  hardenWebContents(wc);
  assert.deepEqual(wc.openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(wc.openHandler?.({ url: 'banmian://app/index.html' }), { action: 'deny' });
});
