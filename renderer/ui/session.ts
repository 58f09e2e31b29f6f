// The open document's conversation with the main process: save, place images, export, dirty
// state and autosave. No React: the App calls it, and tests drive it with a fake api.
import type { BanmianApi, DocumentId, DocumentPayload, PdfExportOptions, PlantProfileInfo, ProgressEvent } from '../api';
import { call, newJobId } from '../api';
import { copyFrames } from '../editor/clipboard';
import type { Editor } from '../editor/editor';
import type { Asset, AssetId, FrameId } from '../model/schema';

/** Autosave interval while there are unsaved changes (main keeps the snapshot for crash recovery). */
export const AUTOSAVE_MS = 60_000;

export class DocumentSession {
  readonly documentId: DocumentId;
  title: string;
  path: string | null;
  /** Bytes of assets added in this window and not yet saved (main keeps the others). */
  private newAssets = new Map<AssetId, Uint8Array>();
  private reportedDirty: boolean;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly api: BanmianApi,
    readonly editor: Editor,
    doc: DocumentPayload,
    private readonly onAsset: (asset: Asset, bytes: Uint8Array) => void,
  ) {
    this.documentId = doc.documentId;
    this.title = doc.title;
    this.path = doc.path;
    this.reportedDirty = doc.recovered;
    // A recovered document starts dirty: it was never saved in this form.
    if (doc.recovered) editor.markUnsaved();
  }

  /** Tells main whether there are unsaved changes, when that changed. Call after every state change. */
  syncDirty(): void {
    const dirty = this.editor.dirty;
    if (dirty === this.reportedDirty) return;
    this.reportedDirty = dirty;
    void this.api.issue.setDirty({ documentId: this.documentId, dirty });
  }

  startAutosave(): void {
    this.timer ??= setInterval(() => {
      if (this.editor.dirty) void this.api.recovery.snapshot({ documentId: this.documentId, issue: this.editor.settledIssue });
    }, AUTOSAVE_MS);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Saves (asking for a name when needed). false = the user cancelled the dialog. Throws ApiError. */
  async save(as = false): Promise<boolean> {
    const issue = this.editor.settledIssue;
    const assets = [...this.newAssets].filter(([id]) => issue.assets.some((a) => a.id === id)).map(([id, bytes]) => ({ id, bytes }));
    const req = { documentId: this.documentId, issue, assets };
    const saved = await call(as ? this.api.issue.saveAs(req) : this.api.issue.save(req));
    if (!saved) return false;
    this.path = saved.path;
    this.title = saved.title;
    for (const a of assets) this.newAssets.delete(a.id);
    this.editor.markSaved(issue);
    this.syncDirty();
    return true;
  }

  /**
   * Imports images (the open dialog, or dropped files' paths) and places the first into `frameId`.
   * Returns the failures (each with both languages) for the error dialog.
   */
  async placeImages(frameId: FrameId | null, paths?: string[], onProgress?: (e: ProgressEvent) => void) {
    const jobId = newJobId('img');
    const off = onProgress ? this.api.on.importProgress((e) => e.jobId === jobId && onProgress(e)) : null;
    try {
      const r = await call(this.api.assets.importImages({ documentId: this.documentId, jobId, ...(paths ? { paths } : {}) }));
      if (!r) return { placed: false, failed: [] };
      for (const a of r.imported) {
        this.newAssets.set(a.asset.id, a.bytes);
        this.onAsset(a.asset, a.bytes);
      }
      const first = r.imported[0];
      if (first && frameId) this.editor.run('placeImage', { frameId, asset: first.asset });
      return { placed: !!first, failed: r.failed };
    } finally {
      off?.();
    }
  }

  // ---- copy and paste of frames (main holds the clipboard, so any window can paste) ----------

  /** Copies the selected frames (clipboard.ts says what comes along). false = nothing selected. Throws ApiError. */
  async copyFrames(): Promise<boolean> {
    const ids = [...this.editor.state.selection];
    const fragment = copyFrames(this.editor.state.issue, ids);
    if (!fragment) return false;
    await call(this.api.clipboard.writeFrames({ documentId: this.documentId, fragment }));
    return true;
  }

  /**
   * Cut: copies, and once main holds the copy deletes the same frames as one undo step (a copy
   * that failed deletes nothing). false = nothing selected. Throws ApiError.
   */
  async cutFrames(): Promise<boolean> {
    const ids = [...this.editor.state.selection];
    const fragment = copyFrames(this.editor.state.issue, ids);
    if (!fragment) return false;
    await call(this.api.clipboard.writeFrames({ documentId: this.documentId, fragment }));
    return this.editor.run('cutFrames', { ids });
  }

  private pasting = false;

  /**
   * Pastes the frames last copied in any window onto the page shown: one undo step, the pasted
   * frames selected. false = the clipboard holds no frames; null = ignored because a paste is
   * still under way (a shortcut that arrives from both the menu and the keyboard pastes once).
   * Throws ApiError.
   */
  async pasteFrames(): Promise<boolean | null> {
    if (this.pasting) return null;
    this.pasting = true;
    try {
      const r = await call(this.api.clipboard.readFrames({ documentId: this.documentId }));
      if (!r) return false;
      // Images from another document: the window needs their bytes to draw them (main has
      // already added them to this document for saving and export).
      for (const a of r.assets) this.onAsset(a.asset, a.bytes);
      return this.editor.run('pasteFrames', { fragment: r.fragment });
    } finally {
      this.pasting = false;
    }
  }

  /** Exports a PDF with progress; null = cancelled. Throws ApiError (e.g. 'not-available'). */
  async exportPdf(options: PdfExportOptions, onProgress: (e: ProgressEvent) => void) {
    const jobId = newJobId('pdf');
    const off = this.api.on.exportProgress((e) => e.jobId === jobId && onProgress(e));
    try {
      return await call(this.api.export.pdf({ documentId: this.documentId, jobId, issue: this.editor.settledIssue, options }));
    } finally {
      off();
    }
  }

  // ---- the printing plant's colour profile (an app setting in main, used by every export) ----

  /** The stored plant profile, or null when none is set. Throws ApiError. */
  async plantProfile(): Promise<PlantProfileInfo | null> {
    return call(this.api.press.profile());
  }
  /** The open dialog for the plant's .icc/.icm; main checks and stores it. null = cancelled. Throws ApiError (e.g. 'bad-profile'). */
  async choosePlantProfile(): Promise<PlantProfileInfo | null> {
    return call(this.api.press.chooseProfile());
  }
  async clearPlantProfile(): Promise<void> {
    return call(this.api.press.clearProfile());
  }
}
