// End-to-end harness: the built renderer in Debian's Chromium, talking to the REAL main-process
// modules in this Node process.
//
//   buildRenderer()  vite build into a fresh temp folder (each test file runs in its own process)
//   serve()          a tiny http server on 127.0.0.1 with the app's Content-Security-Policy
//   openApp()        Chromium via playwright-core; window.api is defined by an init script whose
//                    functions forward to main/ipc (createShell + registerHandlers: the same
//                    payload parsing and implementation the Electron handlers run) through
//                    page.exposeFunction. exposeFunction passes JSON while Electron IPC passes
//                    structured clones, so bytes cross as { $bytes: base64 } in both directions.
//   electronApp()    the real app via playwright-core's _electron when an Electron binary exists.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Documents, type OpenDocument } from '../../main/app/documents';
import { APP_ORIGIN, createAppProtocolHandler, type AppProtocolOptions } from '../../main/app/protocol';
import { createPressProfileStore } from '../../main/app/press-profile';
import { createRecentFiles } from '../../main/app/recent';
import { createRecoveryStore } from '../../main/app/recovery';
import { CHANNEL_NAMES, EVENTS, EVENT_NAMES, apiPath, type DocumentId, type EventName, type EventPayload} from '../../main/ipc/contract';
import { registerHandlers, type IpcMainLike, type InvokeEventLike } from '../../main/ipc/handlers';
import { createShell, type ExportPdf, type ShellActions } from '../../main/ipc/implementation';
import { createFontRegistry } from '../../main/files/fonts';
import { ScreenPreviews } from '../../main/files/images';
import { addAsset, openIssueFile, saveIssueFile } from '../../main/files/issue-file';
import { createPdfExporter } from '../../main/app/export-pdf';
import { fontChannels } from '../../main/app/font-channels';
import { newIssue } from '../../renderer/model/defaults';
import type { PagePreset } from '../../renderer/model/schema';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// ---------------------------------------------------------------------------------------------
// build and serve

let built: Promise<string> | null = null;

/** Builds the renderer once per process into a temp folder; returns the folder. */
export function buildRenderer(): Promise<string> {
  built ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'banmian-renderer-'));
    const { build } = await import('vite');
    await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, ...(process.env.BANMIAN_NO_MINIFY ? { minify: false } : {}) } });
    return outDir;
  })();
  return built;
}


/**
 * Serves `dir` on 127.0.0.1 (a free port) through the app's own protocol handler
 * (main/app/protocol.ts, what banmian://app/ runs in Electron): the same files, headers and CSP,
 * and with `fontFile`, the same fonts/<fontId> route.
 */
export async function serve(dir: string, opts: AppProtocolOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const handle = createAppProtocolHandler(dir, { readFile, realpath }, opts);
  const server: Server = createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      const r = await handle(new Request(`${APP_ORIGIN}${path}`, { method: req.method ?? 'GET' }));
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch {
      res.writeHead(500).end('harness error');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((r) => server.close(() => r())) };
}

// ---------------------------------------------------------------------------------------------
// bytes across JSON

type Json = unknown;

/** Replaces every Uint8Array (Buffer included) by { $bytes: base64 }. */
export function encodeBytes(v: unknown): Json {
  if (v instanceof Uint8Array) return { $bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (Array.isArray(v)) return v.map(encodeBytes);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = encodeBytes(x);
    return o;
  }
  return v;
}

export function decodeBytes(v: Json): unknown {
  if (Array.isArray(v)) return v.map(decodeBytes);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.$bytes === 'string' && Object.keys(o).length === 1) return new Uint8Array(Buffer.from(o.$bytes, 'base64'));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decodeBytes(x);
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// the main side

/** Answers for the native dialogs; each is used once (null = the user cancels). */
export interface DialogAnswers {
  openIssue: string[];
  saveIssue: string[];
  openImages: string[][];
  savePdf: string[];
  /** The plant's colour profile (press.chooseProfile). */
  openIccProfile: string[];
}

const WEB_CONTENTS_ID = 1;

export interface MainSide {
  actions: ShellActions;
  documents: Documents;
  dialogs: DialogAnswers;
  /** Every event sent to the window, in order. */
  sent: Array<{ event: EventName; payload: unknown }>;
  /** Called for every request, for tests that check what crossed. */
  calls: string[];
  userData: string;
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Where events to the window go (set by openApp). */
  deliver: ((event: EventName, payload: unknown) => void) | null;
  /** Windows main asked to open (new issue, open file). */
  opened: OpenDocument[];
  /** The fonts/<fontId> route of the app protocol (served by openApp's server). */
  fontFile: (fontId: string) => Promise<Uint8Array | null>;
}

/**
 * The main process without Electron: the shell of main/ipc/implementation.ts with the real file,
 * font, recent and recovery modules and scripted dialogs.
 */
export async function createMainSide(opts: { exportPdf?: ExportPdf | null; locale?: 'zh' | 'en' } = {}): Promise<MainSide> {
  const userData = await mkdtemp(join(tmpdir(), 'banmian-userdata-'));
  const documents = new Documents();
  const dialogs: DialogAnswers = { openIssue: [], saveIssue: [], openImages: [], savePdf: [], openIccProfile: [] };
  const fonts = createFontRegistry({ projectRoot: repoRoot, systemFontDirs: [] });
  const io = { openIssueFile, saveIssueFile };
  const fontCh = fontChannels(fonts);
  const side: MainSide = {
    actions: null as unknown as ShellActions,
    documents,
    dialogs,
    sent: [],
    calls: [],
    userData,
    invoke: async () => undefined,
    deliver: null,
    opened: [],
    fontFile: (id) => fontCh.file(id),
  };
  const send = <E extends EventName>(_id: number, event: E, payload: EventPayload<E>) => {
    side.sent.push({ event, payload });
    side.deliver?.(event, payload);
  };
  const shell = createShell({
    documents,
    io: { ...io, addAsset, readFile: async (p) => new Uint8Array(await readFile(p)) },
    images: new ScreenPreviews(),
    fonts: fontCh,
    dialogs: {
      openIssue: async () => dialogs.openIssue.shift() ?? null,
      saveIssue: async () => dialogs.saveIssue.shift() ?? null,
      openImages: async () => dialogs.openImages.shift() ?? null,
      savePdf: async () => dialogs.savePdf.shift() ?? null,
      openIccProfile: async () => dialogs.openIccProfile.shift() ?? null,
    },
    windows: {
      open: (doc) => {
        // One browser page plays the window of the most recently opened document.
        for (const d of documents.all()) if (d.webContentsId === WEB_CONTENTS_ID) d.webContentsId = null;
        doc.webContentsId = WEB_CONTENTS_ID;
        side.opened.push(doc);
      },
      focus: () => {},
      close: () => {},
      answerClose: () => {},
      refresh: () => {},
      nativeEdit: () => {},
      send,
    },
    recent: createRecentFiles({ file: join(userData, 'recent.json'), exists: async (p) => existsSync(p) }),
    onRecentChanged: () => {},
    recovery: createRecoveryStore({ dir: join(userData, 'recovery'), sessionId: randomUUID(), io }),
    // As main.ts wires it: the plant's profile setting in this run's userData.
    press: createPressProfileStore({ file: join(userData, 'press-settings.json') }),
    // As main.ts wires it: the app's own exporter over the bundled fonts (pass null to test the
    // 'not available' path).
    exportPdf: opts.exportPdf === undefined ? pdfExportVia() : opts.exportPdf,
    newIssue: (preset: PagePreset) => newIssue({ preset }),
    locale: () => (opts.locale === 'en' ? { locale: 'en', languages: ['en-US'], platform: process.platform } : { locale: 'zh', languages: ['zh-CN'], platform: process.platform }),
    samplePath: () => null,
  });
  side.actions = shell.actions;
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  const ipc: IpcMainLike = { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) };
  registerHandlers(ipc, shell.handlers, { isOurWebContents: (id) => id === WEB_CONTENTS_ID });
  const event: InvokeEventLike = { sender: { id: WEB_CONTENTS_ID }, senderFrame: { url: 'banmian://app/index.html', parent: null } };
  side.invoke = async (channel, request) => {
    side.calls.push(channel);
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, request);
  };
  return side;
}

/** The app's own PDF exporter (main/app/export-pdf.ts, in its worker thread), with the repo's bundled fonts only. */
export function pdfExportVia(): ExportPdf {
  return createPdfExporter({ fonts: { projectRoot: repoRoot, systemFontDirs: [] } });
}

// ---------------------------------------------------------------------------------------------
// the browser side

/**
 * The init script: window.api with the contract's shape, forwarding to the exposed bridge. Kept
 * as plain JavaScript text: a function serialised by playwright would carry the helpers tsx's
 * transform adds (__name), which do not exist in the page.
 */
function initScript(spec: { channels: Array<[string, string, string]>; events: Array<[string, string]> }): string {
  return `(() => {
  const spec = ${JSON.stringify(spec)};
  const enc = (v) => {
    if (v instanceof Uint8Array) {
      let s = '';
      for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
      return { $bytes: btoa(s) };
    }
    if (Array.isArray(v)) return v.map(enc);
    if (v && typeof v === 'object') {
      const o = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = enc(x);
      return o;
    }
    return v;
  };
  const dec = (v) => {
    if (Array.isArray(v)) return v.map(dec);
    if (v && typeof v === 'object') {
      if (typeof v.$bytes === 'string' && Object.keys(v).length === 1) {
        const bin = atob(v.$bytes);
        const out = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
        return out;
      }
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = dec(x);
      return out;
    }
    return v;
  };
  const api = {};
  for (const [channel, ns, method] of spec.channels) {
    (api[ns] ??= {})[method] = async (request) => dec(JSON.parse(await window.__banmianInvoke(channel, JSON.stringify(enc(request ?? {})))));
  }
  const listeners = new Map();
  const on = {};
  for (const [event, method] of spec.events) {
    on[method] = (l) => {
      if (typeof l !== 'function') throw new TypeError('api.on.' + method + ' needs a function');
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(l);
      return () => set.delete(l);
    };
  }
  window.__banmianEmit = (event, json) => {
    for (const l of listeners.get(event) ?? []) l(dec(JSON.parse(json)));
  };
  // A dropped file has no path in a plain browser; tests place images through the dialog answer.
  const files = { pathForFile: () => '' };
  for (const ns of Object.keys(api)) Object.freeze(api[ns]);
  window.api = Object.freeze({ ...api, on: Object.freeze(on), files: Object.freeze(files) });
})();`;
}

export interface AppHandle {
  page: Page;
  main: MainSide;
  documentId: DocumentId;
  /** Console errors and page errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

let browser: Promise<Browser> | null = null;

function getBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = null;
}

/**
 * Opens a window of the app on a document: a new issue of `preset`, or the file at `path`.
 * Waits until the editor has rendered its first layout.
 */
export async function openApp(opts: { preset?: PagePreset; path?: string; main?: MainSide; viewport?: { width: number; height: number } } = {}): Promise<AppHandle> {
  const dir = await buildRenderer();
  const main = opts.main ?? (await createMainSide());
  const server = await serve(dir, { fontFile: main.fontFile });
  const opened = opts.path ? await main.actions.openPath(opts.path) : main.actions.openNew(opts.preset ?? 'tabloid');
  const b = await getBrowser();
  const context = await b.newContext({ viewport: opts.viewport ?? { width: 1400, height: 1000 }, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message.slice(0, 300)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location().url.startsWith('http://127.0.0.1')) errors.push(`console: ${m.text().slice(0, 300)}`);
    if (process.env.BANMIAN_E2E_DEBUG) console.log(`[browser ${m.type()}] ${m.text()}`);
  });
  await page.exposeFunction('__banmianInvoke', async (channel: string, json: string) => JSON.stringify(encodeBytes(await main.invoke(channel, decodeBytes(JSON.parse(json))))));
  const spec = {
    channels: CHANNEL_NAMES.map((c) => [c, ...apiPath(c)] as [string, string, string]),
    events: EVENT_NAMES.map((e) => [e, EVENTS[e].method] as [string, string]),
  };
  await page.addInitScript({ content: initScript(spec) });
  main.deliver = (event, payload) => {
    void page.evaluate(([e, j]) => (window as unknown as { __banmianEmit: (e: string, j: string) => void }).__banmianEmit(e, j), [event, JSON.stringify(encodeBytes(payload))] as const).catch(() => {});
  };
  await page.goto(server.url);
  try {
    await page.waitForSelector('[data-testid="app"]', { timeout: 30_000 });
  } catch (e) {
    const status = await page.locator('#boot-status').textContent().catch(() => null);
    throw new Error(`the editor did not start: ${status ?? ''} ${errors.join(' | ')} (${(e as Error).message.split('\n')[0]})`);
  }
  await page.waitForTimeout(300);
  return {
    page,
    main,
    documentId: opened.documentId,
    errors,
    close: async () => {
      await context.close();
      await server.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// screenshots

export const OUTPUT_DIR = join(repoRoot, 'test-output', 'e2e');
export const REFERENCE_DIR = join(repoRoot, 'test', 'fixtures', 'e2e');

/**
 * Saves a screenshot of the window under test-output/e2e/<name>.png (to look at) and compares
 * the page canvas — drawn only with the bundled fonts, so it does not depend on the machine's UI
 * fonts — with the committed reference test/fixtures/e2e/<name>.png. Without a reference (first
 * run, or BANMIAN_UPDATE_REFERENCES=1) the canvas crop becomes the new reference and the
 * comparison passes; `created` says so. Comparison: the share of pixels with a channel differing
 * by more than `channelTolerance` must stay under `maxDiffRatio` (anti-aliasing differs a little
 * between GPUs and Chromium builds; a layout change moves whole lines and exceeds it).
 */
export async function screenshotAndCompare(page: Page, name: string, opts: { maxDiffRatio?: number; channelTolerance?: number } = {}): Promise<{ path: string; created: boolean; diffRatio: number }> {
  await mkdir(OUTPUT_DIR, { recursive: true });
  // Page thumbnails redraw 250 ms after the layout settles; let them.
  await page.waitForTimeout(450);
  const full = await page.screenshot({ fullPage: false, animations: 'disabled', caret: 'hide' });
  const out = join(OUTPUT_DIR, `${name}.png`);
  await writeFile(out, full);
  const box = await page.getByTestId('canvas-box').boundingBox();
  const png = box ? await page.screenshot({ clip: box, animations: 'disabled', caret: 'hide' }) : full;
  await writeFile(join(OUTPUT_DIR, `${name}.canvas.png`), png);
  const ref = join(REFERENCE_DIR, `${name}.png`);
  if (!existsSync(ref) || process.env.BANMIAN_UPDATE_REFERENCES === '1') {
    await mkdir(REFERENCE_DIR, { recursive: true });
    await writeFile(ref, png);
    return { path: out, created: true, diffRatio: 0 };
  }
  const diffRatio = await pixelDiff(page, png, await readFile(ref), opts.channelTolerance ?? 48);
  const max = opts.maxDiffRatio ?? 0.01;
  if (diffRatio > max) throw new Error(`screenshot ${name}: the canvas differs from test/fixtures/e2e/${name}.png in ${(diffRatio * 100).toFixed(2)}% of pixels (allowed ${(max * 100).toFixed(2)}%); look at ${out} and ${name}.canvas.png; if the change is intended, run with BANMIAN_UPDATE_REFERENCES=1`);
  return { path: out, created: false, diffRatio };
}

/**
 * Share of differing pixels, decoded and compared in the browser (no PNG decoder needed in Node).
 * Passed as source text: a serialised TypeScript function would carry tsx's __name helper.
 */
async function pixelDiff(page: Page, a: Buffer, b: Buffer, tol: number): Promise<number> {
  const src = `(async () => {
    const load = async (s) => createImageBitmap(await (await fetch('data:image/png;base64,' + s)).blob());
    const [ia, ib] = await Promise.all([load(${JSON.stringify(a.toString('base64'))}), load(${JSON.stringify(b.toString('base64'))})]);
    if (ia.width !== ib.width || ia.height !== ib.height) return 1;
    const data = (img) => {
      const c = new OffscreenCanvas(img.width, img.height);
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height).data;
    };
    const da = data(ia), db = data(ib), t = ${tol};
    let diff = 0;
    for (let i = 0; i < da.length; i += 4) {
      if (Math.abs(da[i] - db[i]) > t || Math.abs(da[i + 1] - db[i + 1]) > t || Math.abs(da[i + 2] - db[i + 2]) > t) diff++;
    }
    return diff / (da.length / 4);
  })()`;
  // In a blank page of the same browser: the app's CSP (connect-src 'self') forbids data: fetches.
  const blank = await page.context().newPage();
  try {
    return (await blank.evaluate(src)) as number;
  } finally {
    await blank.close();
  }
}

// ---------------------------------------------------------------------------------------------
// the real app

/** The Electron binary's path when one is installed, else null with the reason. */
export function electronBinary(): { path: string | null; reason: string } {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    if (typeof p === 'string' && existsSync(p)) return { path: p, reason: '' };
    return { path: null, reason: `the electron package gives no existing binary (${String(p)}); its download is not possible here` };
  } catch (e) {
    return { path: null, reason: `electron is not installed: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** Launches the real app (built with `node scripts/build.mjs all`) through playwright-core's _electron. */
export async function electronApp(): Promise<{ page: Page; close: () => Promise<void> }> {
  const { _electron } = await import('playwright-core');
  const bin = electronBinary();
  if (!bin.path) throw new Error(bin.reason);
  const app = await _electron.launch({ executablePath: bin.path, args: [repoRoot], env: { ...process.env, BANMIAN_E2E: '1' } as Record<string, string> });
  const page = await app.firstWindow();
  await page.waitForSelector('[data-testid="app"]', { timeout: 60_000 });
  return { page, close: () => app.close() };
}

