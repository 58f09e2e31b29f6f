// What each IPC channel does, once handlers.ts has checked the sender and parsed the payload.
//
// Everything Electron-specific (windows, dialogs, sending events) and every file operation comes
// in through ShellDeps, so this runs under Node with fakes. The same actions serve the menu and
// the command line (open a path, a new issue, the sample), via `actions`.
import { basename, extname, isAbsolute } from 'node:path';
import type { AssetId, Issue, PagePreset } from '../../renderer/model/schema';
import { fragmentText, type IssueFragment } from '../../renderer/model/fragment';
import type { Documents, OpenDocument } from '../app/documents';
import { documentTitle } from '../app/documents';
import type { IssueIo, OpenedIssueLike } from '../app/issue-io';
import type { PlantProfile, PressProfileStore } from '../app/press-profile';
import type { RecentFiles } from '../app/recent';
import type { RecoveryStore } from '../app/recovery';
import type {
  AssetWithBytes,
  ClipboardFrames,
  DocumentId,
  DocumentOpened,
  DocumentPayload,
  EventName,
  EventPayload,
  FontBytes,
  FontResolved,
  FontInfo,
  ImagePreview,
  IpcError,
  LocaleInfo,
  PdfExportOptions,
  RecentFile,
  RequestOf,
  WarningInfo,
} from './contract';
import { IpcFailure, ipcError, toIpcError, type Handlers, type Logger } from './handlers';

export type NativeEditAction = RequestOf<'edit.native'>['action'];

/** The PDF writer (renderer/pdf, later); main calls it with everything it needs. */
export type ExportPdf = (job: {
  issue: Issue;
  assets: ReadonlyMap<AssetId, Uint8Array>;
  options: PdfExportOptions;
  /** The plant's profile from the app settings (main/app/press-profile.ts); null/absent = the generic profile. */
  plantProfile?: PlantProfile | null;
  outPath: string;
  onProgress: (done: number, total: number, stage: string, stageZh: string) => void;
}) => Promise<{ pages: number; warnings: WarningInfo[] }>;

export interface ShellDeps {
  documents: Documents;
  io: IssueIo & {
    readFile(path: string): Promise<Uint8Array>;
    addAsset(bytes: Uint8Array, name: string): AssetWithBytes;
  };
  /** Screen previews of images the renderer cannot decode (main/files/images.ts ScreenPreviews). */
  images: {
    preview(assetId: AssetId, bytes: Uint8Array): Promise<{ mime: 'image/jpeg'; width: number; height: number; bytes: Uint8Array }>;
  };
  fonts: {
    list(): Promise<FontInfo[]>;
    /** null when neither the font nor a stand-in is available. */
    bytes(postscriptName: string): Promise<FontBytes | null>;
    /** Which face will be delivered and where its bytes are served; null as for bytes. */
    resolve(postscriptName: string): Promise<FontResolved | null>;
  };
  /** Native dialogs, parented to the window of the given web contents. null = cancelled. */
  dialogs: {
    openIssue(senderId: number | null): Promise<string | null>;
    saveIssue(senderId: number, defaultName: string): Promise<string | null>;
    openImages(senderId: number): Promise<string[] | null>;
    savePdf(senderId: number, defaultName: string): Promise<string | null>;
    /** An .icc/.icm file: the printing plant's profile. */
    openIccProfile(senderId: number): Promise<string | null>;
  };
  windows: {
    /** Makes a window for a document just added to `documents`. */
    open(doc: OpenDocument): void;
    focus(id: DocumentId): void;
    /** Closes through the unsaved-changes question (main/app/close-guard.ts). */
    close(id: DocumentId): void;
    answerClose(id: DocumentId, requestId: string, proceed: boolean): void;
    /** Title and the macOS "edited" dot after a save or a dirty change. */
    refresh(id: DocumentId): void;
    nativeEdit(senderId: number, action: NativeEditAction): void;
    send<E extends EventName>(senderId: number, event: E, payload: EventPayload<E>): void;
  };
  recent: RecentFiles;
  /** The recent list changed: rebuild the menu, tell the windows. */
  onRecentChanged(recent: RecentFile[]): void;
  recovery: RecoveryStore;
  /** The plant's colour profile setting. */
  press: PressProfileStore;
  /** null until the PDF writer exists. */
  exportPdf: ExportPdf | null;
  /**
   * The system clipboard's plain text (Electron's `clipboard`). Absent (tests, the browser
   * harness): copied frames stay in main only and are never considered stale.
   */
  systemClipboard?: SystemClipboard;
  newIssue(preset: PagePreset): Issue;
  locale(): LocaleInfo;
  /** The bundled sample issue's path, or null when it is not installed. */
  samplePath(): string | null;
  log?: Logger;
}

export interface SystemClipboard {
  writeText(text: string): void;
  readText(): string;
}

export interface ShellActions {
  openPath(path: string, opts?: { isSample?: boolean }): Promise<DocumentOpened>;
  openNew(preset: PagePreset): DocumentOpened;
  /** The open dialog, then openPath. null = cancelled. */
  openWithDialog(senderId: number | null): Promise<DocumentOpened | null>;
  /** The sample issue, or a new tabloid issue when the sample is missing or unreadable. */
  openSample(): Promise<DocumentOpened>;
  /** Opens an autosave left by an earlier session (keeping its document id). */
  recover(id: DocumentId): Promise<DocumentOpened>;
  /** The window of a document closed (after the unsaved-changes question): forget it. */
  closed(id: DocumentId): Promise<void>;
}

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.tif', '.tiff']);

function withBanmianExtension(path: string): string {
  return extname(path).toLowerCase() === '.banmian' ? path : `${path}.banmian`;
}

const noDocument = (): IpcFailure =>
  new IpcFailure(
    ipcError(
      'no-document',
      'This window has no such document; it may have been closed. Reopen the file (File > Open).',
      '此窗口没有这个文档，可能已被关闭。请重新打开文件（“文件 > 打开”）。',
    ),
  );

export function createShell(deps: ShellDeps): { handlers: Handlers; actions: ShellActions } {
  const { documents } = deps;
  const title = (doc: OpenDocument) => documentTitle(doc, deps.locale().locale);

  /** The document, if it belongs to the calling window; nobody may touch another window's. */
  function own(id: DocumentId, senderId: number): OpenDocument {
    const doc = documents.get(id);
    if (!doc || doc.webContentsId !== senderId) throw noDocument();
    return doc;
  }

  async function rememberRecent(path: string): Promise<void> {
    try {
      deps.onRecentChanged(await deps.recent.add(path));
    } catch (e) {
      // The recent list is a convenience; failing to write it must not fail an open or a save.
      deps.log?.error('banmian: could not update the recent-files list', e);
    }
  }

  function openDocument(init: Parameters<Documents['add']>[0]): DocumentOpened {
    const doc = documents.add(init);
    deps.windows.open(doc);
    return { documentId: doc.id };
  }

  const fromOpened = (o: OpenedIssueLike) => ({
    issue: o.issue,
    assets: o.assets,
    missingAssets: o.missingAssets,
    warnings: o.warnings,
  });

  const actions: ShellActions = {
    async openPath(path, opts = {}) {
      const already = opts.isSample ? undefined : documents.byPath(path);
      if (already) {
        deps.windows.focus(already.id);
        return { documentId: already.id };
      }
      const opened = await deps.io.openIssueFile(path);
      const result = openDocument({ path, isSample: opts.isSample ?? false, ...fromOpened(opened) });
      if (!opts.isSample) await rememberRecent(path);
      return result;
    },
    openNew(preset) {
      return openDocument({ path: null, issue: deps.newIssue(preset) });
    },
    async openWithDialog(senderId) {
      const path = await deps.dialogs.openIssue(senderId);
      return path ? actions.openPath(path) : null;
    },
    async openSample() {
      const sample = deps.samplePath();
      if (sample) {
        try {
          return await actions.openPath(sample, { isSample: true });
        } catch (e) {
          deps.log?.error(`banmian: the sample issue ${sample} could not be opened; starting with a new issue`, e);
        }
      }
      return actions.openNew('tabloid');
    },
    async recover(id) {
      const already = documents.get(id);
      if (already) {
        deps.windows.focus(already.id);
        return { documentId: already.id };
      }
      const { entry, opened } = await deps.recovery.open(id);
      return openDocument({ id: entry.documentId, path: entry.path, recovered: true, ...fromOpened(opened) });
    },
    async closed(id) {
      const keep = documents.get(id)?.keepRecovery ?? false;
      documents.remove(id);
      if (keep) return;
      // A clean close: the autosave of this document is no longer needed.
      await deps.recovery.discard(id).catch((e: unknown) => deps.log?.error('banmian: could not delete a recovery file', e));
    },
  };

  async function save(req: RequestOf<'issue.save'>, senderId: number, forceDialog: boolean) {
    const doc = own(req.documentId, senderId);
    let path = !forceDialog && doc.path && !doc.isSample ? doc.path : null;
    if (!path) {
      const chosen = await deps.dialogs.saveIssue(senderId, `${title(doc)}.banmian`);
      if (!chosen) return null;
      path = withBanmianExtension(chosen);
    }
    for (const a of req.assets ?? []) doc.assets.set(a.id, a.bytes);
    // Only the assets the issue lists: images deleted from the layout are not written again.
    const listed = new Map<AssetId, Uint8Array>();
    for (const a of req.issue.assets) {
      const bytes = doc.assets.get(a.id);
      if (bytes) listed.set(a.id, bytes);
    }
    await deps.io.saveIssueFile(path, req.issue, listed);
    doc.path = path;
    doc.isSample = false;
    doc.issue = req.issue;
    doc.dirty = false;
    deps.windows.refresh(doc.id);
    await deps.recovery.discard(doc.id).catch((e: unknown) => deps.log?.error('banmian: could not delete a recovery file', e));
    await rememberRecent(path);
    return { path, title: title(doc) };
  }

  /**
   * The frames last copied in any window, with their images' bytes (assets are stored by the
   * SHA-256 of their bytes, so an id names the same image in every document), and the text put
   * on the system clipboard with them: when the system clipboard holds other text now, something
   * else was copied since, and a paste must not bring back these frames.
   */
  let copied: { fragment: IssueFragment; bytes: Map<AssetId, Uint8Array>; text: string } | null = null;

  const handlers: Handlers = {
    'app.locale': () => deps.locale(),

    'issue.current': (_req, { senderId }) => {
      const doc = documents.byWebContents(senderId);
      if (!doc) throw noDocument();
      const payload: DocumentPayload = {
        documentId: doc.id,
        path: doc.isSample ? null : doc.path,
        title: title(doc),
        issue: doc.issue,
        assets: doc.issue.assets.flatMap((asset) => {
          const bytes = doc.assets.get(asset.id);
          return bytes ? [{ asset, bytes }] : [];
        }),
        missingAssets: doc.missingAssets,
        warnings: doc.warnings,
        recovered: doc.recovered,
        isSample: doc.isSample,
      };
      return payload;
    },
    'issue.new': (req) => actions.openNew(req.preset),
    'issue.open': (_req, { senderId }) => actions.openWithDialog(senderId),
    'issue.openPath': (req) => actions.openPath(req.path),
    'issue.save': (req, { senderId }) => save(req, senderId, false),
    'issue.saveAs': (req, { senderId }) => save(req, senderId, true),
    'issue.recent': () => deps.recent.list(),
    'issue.setDirty': (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      doc.dirty = req.dirty;
      deps.windows.refresh(doc.id);
    },
    'issue.close': (req, { senderId }) => {
      deps.windows.close(own(req.documentId, senderId).id);
    },
    'issue.closeAnswer': (req, { senderId }) => {
      deps.windows.answerClose(own(req.documentId, senderId).id, req.requestId, req.proceed);
    },

    'fonts.list': () => deps.fonts.list(),
    'fonts.bytes': async (req) => (await deps.fonts.bytes(req.postscriptName)) ?? noFont(req.postscriptName),
    'fonts.resolve': async (req) => (await deps.fonts.resolve(req.postscriptName)) ?? noFont(req.postscriptName),

    'assets.importImages': async (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      const paths = req.paths ?? (await deps.dialogs.openImages(senderId));
      if (!paths) return null;
      const imported: AssetWithBytes[] = [];
      const failed: Array<{ path: string; error: IpcError }> = [];
      const progress = (done: number) =>
        deps.windows.send(senderId, 'assets:progress', {
          jobId: req.jobId,
          done,
          total: paths.length,
          stage: `Placing images (${done}/${paths.length})`,
          stageZh: `正在置入图片（${done}/${paths.length}）`,
        });
      progress(0);
      for (const [i, path] of paths.entries()) {
        try {
          // Paths from the renderer come from a drop or our own dialog; accept only absolute
          // paths of image files, so a compromised page cannot make main read arbitrary files.
          if (!isAbsolute(path) || !IMAGE_EXTENSIONS.has(extname(path).toLowerCase())) {
            throw new IpcFailure(
              ipcError(
                'bad-image',
                `"${basename(path)}" is not a JPEG, PNG or TIFF file. Convert it and place it again.`,
                `“${basename(path)}”不是 JPEG、PNG 或 TIFF 文件。请转换格式后重新置入。`,
              ),
            );
          }
          const added = deps.io.addAsset(await deps.io.readFile(path), basename(path));
          doc.assets.set(added.asset.id, added.bytes);
          imported.push(added);
        } catch (e) {
          failed.push({ path, error: toIpcError(e, deps.log, 'assets.importImages') });
        }
        progress(i + 1);
      }
      return { imported, failed };
    },

    'assets.preview': async (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      const bytes = doc.assets.get(req.assetId);
      const name = doc.issue.assets.find((a) => a.id === req.assetId)?.name ?? req.assetId.slice(0, 12);
      if (!bytes) {
        throw new IpcFailure(
          ipcError(
            'no-asset',
            `The image "${name}" is not in this document; place it again.`,
            `此文档中没有图片“${name}”；请重新置入。`,
          ),
        );
      }
      let p: Awaited<ReturnType<ShellDeps['images']['preview']>>;
      try {
        p = await deps.images.preview(req.assetId, bytes);
      } catch (e) {
        deps.log?.error(`banmian: no screen preview for ${name}`, e);
        throw new IpcFailure(
          ipcError(
            'bad-image',
            `The image "${name}" could not be read for the screen; it shows as a grey box. Open it in an image editor, save it again as TIFF or JPEG, and place it again.`,
            `无法读取图片“${name}”以在屏幕上显示，现以灰框代替。请用图像软件打开并重新存为 TIFF 或 JPEG 后重新置入。`,
          ),
        );
      }
      const preview: ImagePreview = { assetId: req.assetId, mime: p.mime, width: p.width, height: p.height, bytes: p.bytes };
      return preview;
    },

    'export.pdf': async (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      if (!deps.exportPdf) {
        throw new IpcFailure(
          ipcError(
            'not-available',
            'PDF export is not available in this build of Banmian yet.',
            '此版本的版面尚不能导出 PDF。',
          ),
        );
      }
      // Before the save dialog: a plant profile that went missing fails the export at once.
      const plantProfile = await deps.press.forExport();
      const outPath = await deps.dialogs.savePdf(senderId, `${title(doc)}.pdf`);
      if (!outPath) return null;
      const pdfPath = extname(outPath).toLowerCase() === '.pdf' ? outPath : `${outPath}.pdf`;
      const result = await deps.exportPdf({
        issue: req.issue,
        assets: doc.assets,
        options: req.options,
        ...(plantProfile ? { plantProfile } : {}),
        outPath: pdfPath,
        onProgress: (done, total, stage, stageZh) => deps.windows.send(senderId, 'export:progress', { jobId: req.jobId, done, total, stage, stageZh }),
      });
      return { path: pdfPath, pages: result.pages, warnings: result.warnings };
    },

    'press.profile': () => deps.press.get(),
    'press.chooseProfile': async (_req, { senderId }) => {
      const path = await deps.dialogs.openIccProfile(senderId);
      return path ? deps.press.choose(path) : null;
    },
    'press.clearProfile': () => deps.press.clear(),

    'edit.native': (req, { senderId }) => {
      deps.windows.nativeEdit(senderId, req.action);
    },

    'clipboard.writeFrames': (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      const bytes = new Map<AssetId, Uint8Array>();
      for (const a of req.fragment.assets) {
        const b = doc.assets.get(a.id);
        if (b) bytes.set(a.id, b);
      }
      const text = fragmentText(req.fragment);
      copied = { fragment: req.fragment, bytes, text };
      try {
        deps.systemClipboard?.writeText(text);
      } catch (e) {
        // The frames are copied either way; only pasting their text into other programs is lost.
        deps.log?.error('banmian: could not put the copied text on the system clipboard', e);
      }
    },
    'clipboard.readFrames': (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      if (!copied) return null;
      if (deps.systemClipboard && deps.systemClipboard.readText() !== copied.text) return null;
      const assets: AssetWithBytes[] = [];
      for (const asset of copied.fragment.assets) {
        const bytes = copied.bytes.get(asset.id) ?? doc.assets.get(asset.id);
        if (!bytes) continue;
        // The pasting document keeps the bytes, so its next save and export include the image.
        if (!doc.assets.has(asset.id)) doc.assets.set(asset.id, bytes);
        assets.push({ asset, bytes });
      }
      const value: ClipboardFrames = { fragment: copied.fragment, assets };
      return value;
    },

    'recovery.snapshot': async (req, { senderId }) => {
      const doc = own(req.documentId, senderId);
      doc.issue = req.issue;
      await deps.recovery.write({ documentId: doc.id, path: doc.path, title: title(doc), issue: req.issue, assets: doc.assets });
    },
    'recovery.check': async () => {
      const open = new Set(documents.all().map((d) => d.id));
      return (await deps.recovery.listUnclean()).filter((e) => !open.has(e.documentId));
    },
    'recovery.open': (req) => actions.recover(req.documentId),
    'recovery.discard': async (req) => {
      // Only snapshots of earlier sessions: an open document's autosave is not the renderer's to delete.
      if (documents.get(req.documentId)) throw noDocument();
      await deps.recovery.discard(req.documentId);
    },
  };

  return { handlers, actions };
}

/** The answer when neither the font nor a stand-in exists: reinstall to restore the bundled faces. */
function noFont(postscriptName: string): never {
  throw new IpcFailure(
    ipcError(
      'no-font',
      `The font "${postscriptName}" is not available and no bundled font can stand in. Reinstall Banmian to restore its fonts.`,
      `字体“${postscriptName}”不可用，也没有可替代的内置字体。请重新安装版面以恢复内置字体。`,
    ),
  );
}
