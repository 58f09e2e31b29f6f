// The autosave clock. Main owns the policy (how often, and only for documents with unsaved
// changes, which main knows from issue.setDirty); the renderer owns the document, so on each tick
// main sends `recovery:snapshot-due` to every dirty window and the renderer answers with
// recovery.snapshot.
import type { DocumentId } from '../ipc/contract';

/** One minute: at most a minute of work is lost in a crash, and the write (an atomic zip of the
 * issue and its images) stays well below 1% of the time even for a 100 MB issue. */
export const AUTOSAVE_INTERVAL_MS = 60_000;

export interface AutosaveDeps {
  /** The documents with unsaved changes and the web contents showing them. */
  dirtyDocuments(): Array<{ id: DocumentId; webContentsId: number | null }>;
  send(webContentsId: number, documentId: DocumentId): void;
  setInterval(f: () => void, ms: number): { unref?(): void };
  clearInterval(handle: unknown): void;
}

/** Starts the clock; returns the function that stops it. */
export function startAutosave(deps: AutosaveDeps, intervalMs = AUTOSAVE_INTERVAL_MS): () => void {
  const tick = () => {
    for (const d of deps.dirtyDocuments()) if (d.webContentsId !== null) deps.send(d.webContentsId, d.id);
  };
  const handle = deps.setInterval(tick, intervalMs);
  // The clock alone must not keep the process alive.
  handle.unref?.();
  return () => deps.clearInterval(handle);
}
