// The document window: one BrowserWindow per open issue, locked down.
//
// BrowserWindow is passed in (main.ts gives Electron's; tests give a fake), so this module can be
// tested under Node without the Electron binary.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_INDEX_URL } from './app/protocol';

/**
 * The renderer runs as an ordinary, sandboxed web page: no Node, an isolated world for the
 * preload, no <webview>, no navigation by dropping a file on the window.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    spellcheck: false,
    // Repeated alert()/confirm() get a "prevent more dialogs" box; the renderer should not use them.
    safeDialogs: true,
  };
}

/** The part of WebContents that hardening touches. */
export interface WebContentsLike {
  readonly id: number;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (e: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/**
 * Denies everything a page could use to leave banmian://app/ or open more windows: navigation
 * of any frame (the app is a single page that never navigates), redirects, window.open and
 * target=_blank links, and <webview> tags. Applied to every web contents (main.ts also calls it
 * from app 'web-contents-created', so nothing escapes by being created some other way).
 */
export function hardenWebContents(wc: WebContentsLike, log?: (message: string) => void): void {
  const deny = (what: string) => (e: { preventDefault(): void; url?: string }) => {
    e.preventDefault();
    log?.(`banmian: denied ${what}${e.url ? ` to ${e.url.slice(0, 120)}` : ''}`);
  };
  wc.on('will-navigate', deny('navigation'));
  wc.on('will-frame-navigate', deny('frame navigation'));
  wc.on('will-redirect', deny('redirect'));
  wc.on('will-attach-webview', deny('webview'));
  wc.setWindowOpenHandler(({ url }) => {
    log?.(`banmian: denied window.open of ${url.slice(0, 120)}`);
    return { action: 'deny' };
  });
}

/** The part of BrowserWindow this module uses. */
export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
}

export interface DocumentWindowOptions {
  preloadPath: string;
  title: string;
  /** Cascade new windows a little so they do not hide each other exactly. */
  offset?: number;
  icon?: string;
  log?: (message: string) => void;
}

/** Window options for a document window (exported for the test). */
export function documentWindowOptions(opts: DocumentWindowOptions): BrowserWindowConstructorOptions {
  const o: BrowserWindowConstructorOptions = {
    title: opts.title,
    width: 1400,
    height: 900,
    // Below this the tool panels and one tabloid page at fit-size no longer fit side by side.
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#e8e8e8',
    webPreferences: secureWebPreferences(opts.preloadPath),
  };
  if (opts.offset) {
    o.x = 60 + opts.offset * 24;
    o.y = 60 + opts.offset * 24;
  }
  if (opts.icon) o.icon = opts.icon;
  return o;
}

/** Makes, hardens and loads a document window; it is shown once its first paint is ready. */
export function createDocumentWindow<W extends BrowserWindowLike>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  opts: DocumentWindowOptions,
): W {
  const win = new BrowserWindow(documentWindowOptions(opts));
  hardenWebContents(win.webContents, opts.log);
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_INDEX_URL).catch((e: unknown) => opts.log?.(`banmian: could not load ${APP_INDEX_URL}: ${String(e)}`));
  return win;
}
