// The open documents of this session: one per window. Main keeps, per document, its file path,
// whether the renderer has unsaved changes, and the asset bytes (so a save does not have to send
// every image back over IPC; the renderer sends only the bytes it added).
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { AssetId, Issue } from '../../renderer/model/schema';
import type { DocumentId, Locale, WarningInfo } from '../ipc/contract';

export interface OpenDocument {
  readonly id: DocumentId;
  /** The file it is saved in; null until first saved. */
  path: string | null;
  /** The bundled sample: Save asks for a new name instead of writing over it. */
  isSample: boolean;
  recovered: boolean;
  dirty: boolean;
  /**
   * Keep the autosave when the window closes: its renderer crashed, so the autosave may hold
   * work that was never saved; it is offered for recovery at the next start.
   */
  keepRecovery: boolean;
  /** The web contents of its window, once the window exists. */
  webContentsId: number | null;
  /** The latest issue main has seen: as opened, then as last saved or autosaved. */
  issue: Issue;
  assets: Map<AssetId, Uint8Array>;
  missingAssets: AssetId[];
  warnings: WarningInfo[];
}

export interface NewDocument {
  path: string | null;
  issue: Issue;
  assets?: Map<AssetId, Uint8Array>;
  missingAssets?: AssetId[];
  warnings?: ReadonlyArray<WarningInfo>;
  isSample?: boolean;
  recovered?: boolean;
  /** Keep this id (a recovered document keeps the id of its recovery file). */
  id?: DocumentId;
}

/** File name without folder or extension, or 未命名 / Untitled. */
export function documentTitle(doc: Pick<OpenDocument, 'path'>, locale: Locale): string {
  if (!doc.path) return locale === 'zh' ? '未命名' : 'Untitled';
  return basename(doc.path).replace(/\.banmian$/i, '');
}

/** The window title: document title, an unsaved-changes mark where the OS has no other, the app. */
export function windowTitle(doc: Pick<OpenDocument, 'path' | 'dirty'>, locale: Locale, platform: string): string {
  // macOS shows unsaved changes as a dot in the close button (setDocumentEdited) instead.
  const mark = doc.dirty && platform !== 'darwin' ? ' *' : '';
  return `${documentTitle(doc, locale)}${mark} — ${locale === 'zh' ? '版面' : 'Banmian'}`;
}

export class Documents {
  readonly #docs = new Map<DocumentId, OpenDocument>();
  readonly #caseInsensitive: boolean;

  constructor(opts: { caseInsensitivePaths?: boolean } = {}) {
    this.#caseInsensitive = opts.caseInsensitivePaths ?? false;
  }

  add(init: NewDocument): OpenDocument {
    const id = init.id ?? (randomUUID() as DocumentId);
    if (this.#docs.has(id)) throw new Error(`document ${id} is already open`);
    const doc: OpenDocument = {
      id,
      path: init.path ? resolve(init.path) : null,
      isSample: init.isSample ?? false,
      recovered: init.recovered ?? false,
      dirty: init.recovered ?? false,
      keepRecovery: false,
      webContentsId: null,
      issue: init.issue,
      assets: init.assets ?? new Map(),
      missingAssets: init.missingAssets ?? [],
      warnings: [...(init.warnings ?? [])].map((w) => ({ code: w.code, message: w.message, messageZh: w.messageZh })),
    };
    this.#docs.set(id, doc);
    return doc;
  }

  get(id: DocumentId): OpenDocument | undefined {
    return this.#docs.get(id);
  }

  byWebContents(webContentsId: number): OpenDocument | undefined {
    for (const d of this.#docs.values()) if (d.webContentsId === webContentsId) return d;
    return undefined;
  }

  byPath(path: string): OpenDocument | undefined {
    const key = (p: string) => (this.#caseInsensitive ? resolve(p).toLowerCase() : resolve(p));
    for (const d of this.#docs.values()) if (d.path && !d.isSample && key(d.path) === key(path)) return d;
    return undefined;
  }

  remove(id: DocumentId): void {
    this.#docs.delete(id);
  }

  all(): OpenDocument[] {
    return [...this.#docs.values()];
  }

  isOurWebContents(webContentsId: number): boolean {
    return this.byWebContents(webContentsId) !== undefined;
  }
}
