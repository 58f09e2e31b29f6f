// The Electron main process: wiring only. The logic lives in plain modules that take their
// Electron dependencies as parameters and are tested under Node (main/ipc, main/app, window.ts,
// menu.ts); this file connects them to the real app, windows, dialogs and menus.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, clipboard, dialog, ipcMain, protocol, session, webContents, type MessageBoxOptions } from 'electron';
import { newIssue } from '../renderer/model/defaults';
import { addAsset, openIssueFile, saveIssueFile } from './files/issue-file';
import { createFontRegistry } from './files/fonts';
import { ScreenPreviews } from './files/images';
import { createPdfExporter } from './app/export-pdf';
import { fontChannels, type FontChannels } from './app/font-channels';
import { OpenFileQueue, issuePathsFromArgv } from './app/args';
import { attachCloseGuard, type CloseChoice, type CloseGuard } from './app/close-guard';
import { Documents, documentTitle, windowTitle, type OpenDocument } from './app/documents';
import { startAutosave } from './app/autosave';
import { pickLocale } from './app/locale';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app/protocol';
import { createPressProfileStore } from './app/press-profile';
import { createRecentFiles } from './app/recent';
import { createRecoveryStore } from './app/recovery';
import { hardenSession } from './app/session';
import type { DocumentId, EventName, EventPayload, LocaleInfo, MenuCommand, RecentFile } from './ipc/contract';
import { IpcFailure, ipcError, registerHandlers, toIpcError } from './ipc/handlers';
import { createShell, type ShellActions } from './ipc/implementation';
import { strings } from './i18n';
import { MAIN_COMMANDS, buildMenuTemplate, toElectronTemplate } from './menu';
import { createDocumentWindow, hardenWebContents } from './window';

const log = {
  info: (m: string) => console.log(m),
  error: (m: string, e?: unknown) => console.error(m, e ?? ''),
};

/** Larger than any photo a newspaper places (a 100-megapixel TIFF is ~300 MB uncompressed, but
 * cameras write JPEG); anything bigger is refused before it is read into memory. */
const MAX_IMAGE_BYTES = 200 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// before 'ready'

// Must precede 'ready': the scheme's privileges are fixed when Chromium starts.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

let shell: { actions: ShellActions } | null = null;
const openQueue = new OpenFileQueue((path) => void openPathReporting(path));

if (!app.requestSingleInstanceLock()) {
  // Another Banmian is running: it received our argv through 'second-instance' and opens the files.
  app.quit();
} else {
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openQueue.push(path);
  });
  app.on('second-instance', (_event, argv, cwd) => {
    const paths = issuePathsFromArgv(argv, cwd);
    for (const p of paths) openQueue.push(p);
    if (paths.length === 0) focusAnyWindow();
  });
  app.on('web-contents-created', (_event, wc) => hardenWebContents(wc, log.info));
  app.whenReady().then(start, (e: unknown) => {
    log.error('banmian: start-up failed', e);
    app.exit(1);
  });
}

// ---------------------------------------------------------------------------------------------
// state

interface DocWindow {
  win: BrowserWindow;
  guard: CloseGuard;
}
const windows = new Map<DocumentId, DocWindow>();
const documents = new Documents({ caseInsensitivePaths: process.platform !== 'linux' });
let quitting = false;
let localeInfo: LocaleInfo = { locale: 'en', languages: [], platform: process.platform };
let recentCache: RecentFile[] = [];

function focusAnyWindow(): void {
  const first = windows.values().next().value;
  if (!first) return;
  if (first.win.isMinimized()) first.win.restore();
  first.win.focus();
}

function windowOfSender(senderId: number): BrowserWindow | null {
  const doc = documents.byWebContents(senderId);
  return doc ? (windows.get(doc.id)?.win ?? null) : null;
}

function showError(e: unknown): void {
  const err = toIpcError(e, log);
  const s = strings(localeInfo.locale);
  const body = localeInfo.locale === 'zh' ? `${err.messageZh}\n\n${err.message}` : `${err.message}\n\n${err.messageZh}`;
  dialog.showErrorBox(s.dialogs.openFailedTitle, body);
}

async function openPathReporting(path: string): Promise<void> {
  if (!shell) return;
  try {
    await shell.actions.openPath(path);
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// start

async function start(): Promise<void> {
  const languages = app.getPreferredSystemLanguages();
  localeInfo = { locale: pickLocale(languages, app.getLocale()), languages, platform: process.platform };
  const s = strings(localeInfo.locale);

  const rendererRoot = join(__dirname, '..', 'renderer');
  const preloadPath = join(__dirname, 'preload.cjs');
  const samplePath = app.isPackaged
    ? join(process.resourcesPath, 'samples', 'tianshan.banmian')
    : join(app.getAppPath(), 'assets', 'samples', 'tianshan.banmian');

  hardenSession(session.defaultSession, log.info);
  // Font faces are served on the app origin once the fonts channels exist (below).
  let served: FontChannels | null = null;
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, { readFile, realpath }, { fontFile: async (id) => (served ? served.file(id) : null) }));

  const userData = app.getPath('userData');
  const recent = createRecentFiles({
    file: join(userData, 'recent.json'),
    exists: (p) => access(p).then(
      () => true,
      () => false,
    ),
    caseInsensitive: process.platform !== 'linux',
  });
  const io = { openIssueFile, saveIssueFile };
  const recovery = createRecoveryStore({ dir: join(userData, 'recovery'), sessionId: randomUUID(), io });
  const fontOptions = app.isPackaged ? { fontsDir: join(process.resourcesPath, 'fonts') } : {};
  const fonts = createFontRegistry(fontOptions);
  // Start the system font scan now; fonts.list waits for it.
  const scanning = fonts.scanSystemFontsAsync().catch((e: unknown) => log.error('banmian: system font scan failed', e));

  const send = <E extends EventName>(senderId: number, event: E, payload: EventPayload<E>) => {
    const win = windowOfSender(senderId);
    if (win && !win.isDestroyed()) win.webContents.send(event, payload);
  };

  const installMenu = () => {
    const template = buildMenuTemplate(localeInfo.locale, process.platform, recentCache, { devTools: !app.isPackaged });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        toElectronTemplate(template, {
          command: runMenuCommand,
          openRecent: (p) => void openPathReporting(p),
          clearRecent: () => void recent.clear().then(() => onRecentChanged([])),
        }),
      ),
    );
  };
  const onRecentChanged = (list: RecentFile[]) => {
    recentCache = list;
    installMenu();
    for (const { win } of windows.values()) if (!win.isDestroyed()) win.webContents.send('issue:recent-changed', { recent: list });
  };

  let cascade = 0;
  const openWindow = (doc: OpenDocument) => {
    const win = createDocumentWindow(BrowserWindow, {
      preloadPath,
      title: windowTitle(doc, localeInfo.locale, process.platform),
      offset: cascade++ % 8,
      log: log.info,
    });
    doc.webContentsId = win.webContents.id;
    const guard = attachCloseGuard(win, {
      isDirty: () => documents.get(doc.id)?.dirty ?? false,
      ask: () => askUnsaved(win, documentTitle(doc, localeInfo.locale)),
      requestSave: (requestId) => win.webContents.send('issue:save-before-close', { requestId }),
      onCancel: () => {
        quitting = false;
      },
      newRequestId: () => randomUUID(),
    });
    windows.set(doc.id, { win, guard });
    win.on('closed', () => {
      windows.delete(doc.id);
      void shell?.actions.closed(doc.id);
      // A quit stopped by this window's question goes on once the window is gone.
      if (quitting) app.quit();
    });
    // A renderer that crashed or was killed cannot answer "save before closing"; let its window
    // close without asking, and keep its last autosave for recovery at the next start.
    win.webContents.on('render-process-gone', (_e, details) => {
      log.error(`banmian: the window of ${doc.id} lost its renderer (${details.reason})`);
      const d = documents.get(doc.id);
      if (d && d.dirty) {
        d.keepRecovery = true;
        d.dirty = false;
      }
    });
  };

  const askUnsaved = async (win: BrowserWindow, title: string): Promise<CloseChoice> => {
    const options: MessageBoxOptions = {
      type: 'warning',
      buttons: [s.dialogs.save, s.dialogs.dontSave, s.dialogs.cancel],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
      message: s.dialogs.unsavedMessage(title),
      detail: s.dialogs.unsavedDetail,
    };
    const { response } = await dialog.showMessageBox(win, options);
    return response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel';
  };

  const parentOf = (senderId: number | null) => (senderId === null ? null : windowOfSender(senderId));
  const issueFilter = { name: s.dialogs.issueFilter, extensions: ['banmian'] };

  const created = createShell({
    documents,
    io: {
      ...io,
      addAsset,
      readFile: async (path) => {
        const st = await stat(path);
        if (st.size > MAX_IMAGE_BYTES) {
          throw new IpcFailure(
            ipcError(
              'too-large',
              `The image "${path}" is larger than 200 MB; reduce it in an image editor and place it again.`,
              `图片“${path}”超过 200 MB；请用图像软件缩小后重新置入。`,
            ),
          );
        }
        return readFile(path);
      },
    },
    // TIFF and CMYK images for the screen, made once per asset hash for the whole app.
    images: new ScreenPreviews(),
    fonts: (served = fontChannels(fonts, { ready: scanning, log: (m, e) => log.error(m, e) })),
    dialogs: {
      openIssue: async (senderId) => {
        const parent = parentOf(senderId);
        const opts = { title: s.dialogs.openIssueTitle, filters: [issueFilter], properties: ['openFile' as const] };
        const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      saveIssue: async (senderId, defaultName) => {
        const opts = { title: s.dialogs.saveIssueTitle, defaultPath: defaultName, filters: [issueFilter] };
        const parent = parentOf(senderId);
        const r = parent ? await dialog.showSaveDialog(parent, opts) : await dialog.showSaveDialog(opts);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      openImages: async (senderId) => {
        const opts = {
          title: s.dialogs.importImagesTitle,
          filters: [{ name: s.dialogs.imageFilter, extensions: ['jpg', 'jpeg', 'png', 'tif', 'tiff'] }],
          properties: ['openFile' as const, 'multiSelections' as const],
        };
        const parent = parentOf(senderId);
        const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
        return r.canceled || r.filePaths.length === 0 ? null : r.filePaths;
      },
      savePdf: async (senderId, defaultName) => {
        const opts = { title: s.dialogs.exportPdfTitle, defaultPath: defaultName, filters: [{ name: s.dialogs.pdfFilter, extensions: ['pdf'] }] };
        const parent = parentOf(senderId);
        const r = parent ? await dialog.showSaveDialog(parent, opts) : await dialog.showSaveDialog(opts);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      openIccProfile: async (senderId) => {
        const opts = { title: s.dialogs.iccProfileTitle, filters: [{ name: s.dialogs.iccFilter, extensions: ['icc', 'icm', 'ICC', 'ICM'] }], properties: ['openFile' as const] };
        const parent = parentOf(senderId);
        const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
    },
    windows: {
      open: openWindow,
      focus: (id) => {
        const w = windows.get(id)?.win;
        if (!w) return;
        if (w.isMinimized()) w.restore();
        w.focus();
      },
      close: (id) => windows.get(id)?.win.close(),
      answerClose: (id, requestId, proceed) => {
        windows.get(id)?.guard.answer(requestId, proceed);
      },
      refresh: (id) => {
        const doc = documents.get(id);
        const w = windows.get(id)?.win;
        if (!doc || !w || w.isDestroyed()) return;
        w.setTitle(windowTitle(doc, localeInfo.locale, process.platform));
        if (doc.path) w.setRepresentedFilename(doc.path);
        w.setDocumentEdited(doc.dirty);
      },
      nativeEdit: (senderId, action) => {
        const wc = webContents.fromId(senderId);
        if (!wc || !windowOfSender(senderId)) return;
        if (action === 'undo') wc.undo();
        else if (action === 'redo') wc.redo();
        else if (action === 'cut') wc.cut();
        else if (action === 'copy') wc.copy();
        else if (action === 'paste') wc.paste();
        else if (action === 'delete') wc.delete();
        else wc.selectAll();
      },
      send,
    },
    recent,
    onRecentChanged,
    recovery,
    // The printing plant's profile: an app setting, read again (and checked) for every export.
    press: createPressProfileStore({ file: join(userData, 'press-settings.json'), log }),
    // In a worker thread, with a registry made like the window's, so the press PDF sets exactly
    // what is on screen and a long export never stalls this event loop.
    exportPdf: createPdfExporter({ fonts: fontOptions, log }),
    // Copied frames also put their text on the system clipboard (main/ipc 'clipboard.writeFrames').
    systemClipboard: { writeText: (text) => clipboard.writeText(text), readText: () => clipboard.readText() },
    newIssue: (preset) => newIssue({ preset }),
    locale: () => localeInfo,
    samplePath: () => (existsSync(samplePath) ? samplePath : null),
    log,
  });
  shell = created;

  registerHandlers(ipcMain, created.handlers, { isOurWebContents: (id) => documents.isOurWebContents(id) }, log);

  function runMenuCommand(command: MenuCommand): void {
    if (MAIN_COMMANDS.has(command)) {
      if (command === 'file.open') {
        const focused = BrowserWindow.getFocusedWindow();
        created.actions.openWithDialog(focused ? focused.webContents.id : null).catch(showError);
      } else if (command === 'help.openSample') {
        created.actions.openSample().catch(showError);
      } else if (command === 'help.about') {
        void dialog.showMessageBox({ type: 'info', message: s.menu.app, detail: s.dialogs.aboutDetail(app.getVersion()), buttons: ['OK'] });
      }
      return;
    }
    const focused = BrowserWindow.getFocusedWindow();
    const ours = focused && documents.isOurWebContents(focused.webContents.id) ? focused : null;
    if (ours) ours.webContents.send('menu:command', { command });
    else if (command === 'file.new') created.actions.openNew('tabloid');
  }

  recentCache = await recent.list().catch(() => []);
  installMenu();

  await offerRecovery(recovery, created.actions);

  // Files from our own argv (Windows/Linux file association, command line) and from macOS
  // 'open-file' events that came before 'ready'.
  for (const p of issuePathsFromArgv(process.argv, process.cwd())) openQueue.push(p);
  const hadQueued = openQueue.hasPending;
  openQueue.start();
  if (!hadQueued && windows.size === 0) await created.actions.openSample().catch(showError);

  startAutosave({
    dirtyDocuments: () => documents.all().filter((d) => d.dirty),
    send: (webContentsId, documentId) => send(webContentsId, 'recovery:snapshot-due', { documentId }),
    setInterval: (f, ms) => setInterval(f, ms),
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
  });

  app.on('activate', () => {
    if (windows.size === 0) created.actions.openNew('tabloid');
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' || quitting) app.quit();
  });
}

/** After a crash: offer the autosaves of documents that were not closed cleanly. */
async function offerRecovery(recovery: ReturnType<typeof createRecoveryStore>, actions: ShellActions): Promise<void> {
  const entries = await recovery.listUnclean().catch(() => []);
  if (entries.length === 0) return;
  const s = strings(localeInfo.locale);
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: [s.dialogs.recover, s.dialogs.discard, s.dialogs.later],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: s.dialogs.recoverMessage(entries.length),
    detail: s.dialogs.recoverDetail(entries.map((e) => e.title)),
  });
  for (const e of entries) {
    if (response === 0) {
      await actions.recover(e.documentId).catch(showError);
    } else if (response === 1) {
      await recovery.discard(e.documentId).catch((err: unknown) => log.error('banmian: could not discard a recovery file', err));
    }
  }
}
