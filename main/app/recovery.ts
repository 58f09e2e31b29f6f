// Autosave and crash recovery.
//
// While a document is open with unsaved changes, the renderer sends a snapshot about once a
// minute; it is written to userData/recovery/<documentId>.banmian (an ordinary issue file, saved
// atomically) plus <documentId>.json, a small manifest: which session wrote it, the document's
// own file, its title, when. Saving the document or closing it cleanly deletes both.
//
// So at start-up, every manifest written by ANOTHER session is a document that was not closed
// cleanly (crash, power cut, killed process): those are offered for recovery. The session id is
// what tells them apart from this session's own autosaves (single-instance: there is no other
// live session to confuse them with).
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { AssetId, Issue } from '../../renderer/model/schema';
import { DocumentId, type RecoveryEntry } from '../ipc/contract';
import type { IssueIo, OpenedIssueLike } from './issue-io';
import { readJsonOrUndefined, writeJsonAtomic } from './json-file';

const Manifest = z.object({
  version: z.literal(1),
  documentId: DocumentId,
  sessionId: z.string().min(1).max(100),
  path: z.string().max(4096).nullable(),
  title: z.string().max(1000),
  savedAt: z.string().max(40),
});
type Manifest = z.infer<typeof Manifest>;

export interface RecoveryOptions {
  /** userData/recovery */
  dir: string;
  /** A random id for this run of the app. */
  sessionId: string;
  io: IssueIo;
  now?: () => Date;
}

export interface Snapshot {
  documentId: DocumentId;
  path: string | null;
  title: string;
  issue: Issue;
  assets: Map<AssetId, Uint8Array>;
}

export interface RecoveryStore {
  write(snapshot: Snapshot): Promise<void>;
  /** Snapshots left by earlier sessions that did not close their documents cleanly, newest first. */
  listUnclean(): Promise<RecoveryEntry[]>;
  /** Reads a snapshot and marks it as this session's (it is open again, so no longer orphaned). */
  open(documentId: DocumentId): Promise<{ entry: RecoveryEntry; opened: OpenedIssueLike }>;
  discard(documentId: DocumentId): Promise<void>;
}

export function createRecoveryStore(opts: RecoveryOptions): RecoveryStore {
  const now = opts.now ?? (() => new Date());
  const issuePath = (id: DocumentId) => join(opts.dir, `${id}.banmian`);
  const manifestPath = (id: DocumentId) => join(opts.dir, `${id}.json`);
  // documentIds are validated by the contract's regex (letters, digits, -), so they are safe
  // file names; check again here because this module writes and deletes files by them.
  const checked = (id: DocumentId) => DocumentId.parse(id);

  async function readManifest(id: DocumentId): Promise<Manifest | undefined> {
    const m = Manifest.safeParse(await readJsonOrUndefined(manifestPath(id)));
    return m.success && m.data.documentId === id ? m.data : undefined;
  }
  const entryOf = (m: Manifest): RecoveryEntry => ({ documentId: m.documentId, path: m.path, title: m.title, savedAt: m.savedAt });

  return {
    async write(s) {
      const id = checked(s.documentId);
      // Issue first, manifest second: a manifest always has its issue file beside it.
      // No .bak: the snapshot before this one is of no use once this one is complete.
      await opts.io.saveIssueFile(issuePath(id), s.issue, s.assets, { backup: false });
      await writeJsonAtomic(manifestPath(id), {
        version: 1,
        documentId: id,
        sessionId: opts.sessionId,
        path: s.path,
        title: s.title,
        savedAt: now().toISOString(),
      } satisfies Manifest);
    },

    async listUnclean() {
      let names: string[];
      try {
        names = await readdir(opts.dir);
      } catch {
        return [];
      }
      const issues = new Set(names.filter((n) => n.endsWith('.banmian')));
      const out: RecoveryEntry[] = [];
      for (const name of names) {
        if (!name.endsWith('.json')) continue;
        const id = DocumentId.safeParse(name.slice(0, -'.json'.length));
        if (!id.success || !issues.has(`${id.data}.banmian`)) continue;
        const m = await readManifest(id.data);
        if (m && m.sessionId !== opts.sessionId) out.push(entryOf(m));
      }
      return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },

    async open(documentId) {
      const id = checked(documentId);
      const m = await readManifest(id);
      if (!m) throw new Error(`no recovery snapshot for ${id}`);
      const opened = await opts.io.openIssueFile(issuePath(id));
      await writeJsonAtomic(manifestPath(id), { ...m, sessionId: opts.sessionId } satisfies Manifest);
      return { entry: entryOf(m), opened };
    },

    async discard(documentId) {
      const id = checked(documentId);
      // Manifest first: without it the snapshot is no longer offered, even if removing the
      // issue file fails.
      await rm(manifestPath(id), { force: true });
      await rm(issuePath(id), { force: true });
      // Left by an older build that saved snapshots with a backup.
      await rm(`${issuePath(id)}.bak`, { force: true });
    },
  };
}
