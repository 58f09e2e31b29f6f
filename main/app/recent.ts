// The recent-files list: userData/recent.json, most recent first, at most 10 entries, no
// duplicates, files that no longer exist dropped whenever the list is read.
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { readJsonOrUndefined, writeJsonAtomic } from './json-file';
import type { RecentFile } from '../ipc/contract';

/** Ten is what the File > Open Recent submenu can show without scrolling on a laptop screen. */
export const MAX_RECENT = 10;

const RecentJson = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)).max(100) });

export interface RecentFilesOptions {
  /** userData/recent.json */
  file: string;
  /** Whether a path still exists (injected so tests need no real files for this). */
  exists: (path: string) => Promise<boolean>;
  /** Windows and macOS file systems are case-insensitive by default; compare paths accordingly. */
  caseInsensitive?: boolean;
  max?: number;
}

export interface RecentFiles {
  /** The list, missing files pruned (and the pruned list saved). */
  list(): Promise<RecentFile[]>;
  /** Puts path first (moving it if it is already there) and saves. */
  add(path: string): Promise<RecentFile[]>;
  remove(path: string): Promise<RecentFile[]>;
  clear(): Promise<void>;
}

export function createRecentFiles(opts: RecentFilesOptions): RecentFiles {
  const max = opts.max ?? MAX_RECENT;
  const key = (p: string) => (opts.caseInsensitive ? resolve(p).toLowerCase() : resolve(p));
  // Serialise the read-modify-write cycles: two windows saving at once must not lose an entry.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const next = queue.then(f, f);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<string[]> {
    const parsed = RecentJson.safeParse(await readJsonOrUndefined(opts.file));
    return parsed.success ? parsed.data.files : [];
  }
  const save = (files: string[]) => writeJsonAtomic(opts.file, { version: 1, files });
  const view = (files: string[]): RecentFile[] => files.map((path) => ({ path, name: basename(path) }));

  function dedupe(files: string[]): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const f of files) {
      const k = key(f);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(resolve(f));
    }
    return out.slice(0, max);
  }

  return {
    list: () =>
      serial(async () => {
        const files = await load();
        const present: string[] = [];
        for (const f of files) if (await opts.exists(f)) present.push(f);
        const cleaned = dedupe(present);
        if (cleaned.length !== files.length || cleaned.some((f, i) => f !== files[i])) await save(cleaned);
        return view(cleaned);
      }),
    add: (path) =>
      serial(async () => {
        const files = dedupe([path, ...(await load())]);
        await save(files);
        return view(files);
      }),
    remove: (path) =>
      serial(async () => {
        const files = (await load()).filter((f) => key(f) !== key(path));
        await save(files);
        return view(files);
      }),
    clear: () => serial(() => save([])),
  };
}
