// Atomic replacement of a file, with a backup of the previous version.
//
// Order of operations (target = issue.banmian, in folder D):
//   1. write the new bytes to a temp file in D: .issue.banmian.<pid>.<random>.tmp (O_EXCL), in
//      1 MiB chunks; fsync it; close it.
//   2. backup: hard-link the CURRENT target to .issue.banmian.bak.<pid>.<random>.tmp, then rename
//      that over issue.banmian.bak. (Where hard links are not possible, e.g. FAT/exFAT sticks and
//      some network shares, the target is copied and the copy fsynced instead.)
//   3. rename the temp file over the target.
//   4. fsync D, so the renames themselves survive a power cut (skipped where the platform
//      cannot open a folder for fsync, i.e. Windows).
//   5. remove temp files left behind by earlier saves that were killed (see removeStaleTemps).
//
// Why this order: the target name always holds a complete file. Until step 3 it is the old file,
// untouched (steps 1-2 only create other names); rename(2) swaps it for the complete new file in
// one step. The backup is made by a link, not by renaming the target away: rename(target -> bak)
// followed by rename(tmp -> target) would leave an instant with NO file under the user's name,
// and a crash there would show the user an empty folder. Replacing the old .bak also goes
// through a temp name plus rename, so there is always either the older or the newer backup.
// A failure anywhere before step 3 leaves the target as it was and deletes our temp files.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoCode, fromFsError } from './errors';

/** The file handle operations a save needs; node's FileHandle satisfies it. */
export interface AtomicFileHandle {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  chmod(mode: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file-system calls a save uses, injectable so tests can make any step fail (disk full,
 * permission denied, read-only disk) without needing a real full disk. Defaults to node:fs.
 */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; mtimeMs: number; isFile(): boolean }>;
  readdir(path: string): Promise<string[]>;
  realpath(path: string): Promise<string>;
}

export const nodeFs: AtomicFs = {
  open: (p, flags, mode) => fsp.open(p, flags, mode),
  rename: fsp.rename,
  link: fsp.link,
  copyFile: (a, b) => fsp.copyFile(a, b),
  unlink: fsp.unlink,
  stat: (p) => fsp.stat(p),
  readdir: (p) => fsp.readdir(p),
  realpath: (p) => fsp.realpath(p),
};

/** Steps of a save, reported through onPhase (tests use them; a UI may show progress). */
export type SavePhase = 'temp-open' | 'write' | 'fsync' | 'backup' | 'rename' | 'dir-fsync' | 'cleanup' | 'done';

export interface AtomicWriteOptions {
  /** Keep the previous file as `<name>.bak` (default true). */
  backup?: boolean;
  fs?: AtomicFs;
  /**
   * Called as each step starts. A callback that throws cancels the save like any failure of
   * that step: the old file stays, temp files are removed, the error comes back as 'io'.
   */
  onPhase?: (phase: SavePhase) => void;
}

/** Write size per call: large enough to be fast, small enough that progress can be reported. */
const CHUNK = 1024 * 1024;
/**
 * A temp file of a dead process, or older than this, is ours to delete. An hour is far longer
 * than any save takes, so a save running in another Banmian (even on another machine sharing
 * the folder, whose pid we cannot check) is never disturbed.
 */
const STALE_TEMP_MS = 60 * 60 * 1000;

export function backupPath(target: string): string {
  return `${target}.bak`;
}

const tempName = (base: string, kind: '' | '.bak') => `.${base}${kind}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;

/** Matches our temp names for `base` and captures the pid that made them. */
function tempPattern(base: string): RegExp {
  const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${esc}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`);
}

/** Replaces `target` with `bytes` atomically (see the order above). Throws IssueFileError. */
export async function writeFileAtomic(target: string, bytes: Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const phase = opts.onPhase ?? (() => {});
  // Saving through a symbolic link replaces the file it points to and keeps the link.
  const abs = await fs.realpath(resolve(target)).catch(() => resolve(target));
  const dir = dirname(abs);
  const base = basename(abs);
  const tmp = join(dir, tempName(base, ''));
  const created: string[] = [];

  let old: { mode: number } | null = null;
  try {
    const st = await fs.stat(abs);
    if (!st.isFile()) throw Object.assign(new Error(`${abs} is not a regular file`), { code: 'EISDIR' });
    old = st;
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw fromFsError(e, target, 'save', dir);
  }

  try {
    phase('temp-open');
    const fh = await fs.open(tmp, 'wx', 0o666);
    created.push(tmp);
    try {
      if (old) await fh.chmod(old.mode & 0o7777).catch(() => {}); // keep the old file's permissions
      phase('write');
      let pos = 0;
      while (pos < bytes.length) {
        const n = Math.min(CHUNK, bytes.length - pos);
        const { bytesWritten } = await fh.write(bytes, pos, n, pos);
        if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
        pos += bytesWritten;
      }
      phase('fsync');
      await fh.sync();
    } finally {
      await fh.close().catch(() => {});
    }

    if (old && opts.backup !== false) {
      phase('backup');
      const bakTmp = join(dir, tempName(base, '.bak'));
      created.push(bakTmp);
      await makeBackupCopy(fs, abs, bakTmp);
      await renameWithRetry(fs, bakTmp, backupPath(abs));
      // rename(2) does nothing when both names are links to the same file, which is the case
      // when an earlier save was killed between its backup and its final rename (.bak and the
      // target are then one inode). The backup is correct then; only the temp name must go.
      await fs.unlink(bakTmp).catch(() => {});
      created.pop();
    }

    phase('rename');
    await renameWithRetry(fs, tmp, abs);
    created.length = 0;
  } catch (e) {
    for (const p of created) await fs.unlink(p).catch(() => {});
    throw fromFsError(e, target, 'save', dir, old !== null);
  }

  phase('dir-fsync');
  await syncDir(fs, dir);
  phase('cleanup');
  await removeStaleTemps(fs, dir, base).catch(() => {});
  phase('done');
}

/** A hard link to the current file, or a full fsynced copy where links are not supported. */
async function makeBackupCopy(fs: AtomicFs, target: string, bakTmp: string): Promise<void> {
  try {
    await fs.link(target, bakTmp);
    return;
  } catch (e) {
    const c = errnoCode(e);
    // ENOSPC/EDQUOT/EROFS/EIO are real failures; the rest mean "this file system has no links".
    if (c === 'ENOSPC' || c === 'EDQUOT' || c === 'EROFS' || c === 'EIO' || c === 'ENOENT') throw e;
  }
  await fs.copyFile(target, bakTmp);
  const fh = await fs.open(bakTmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close().catch(() => {});
  }
}

/**
 * rename(2). On Windows a rename over a file that another program (a virus scanner, a backup
 * tool) holds open fails with EPERM/EBUSY for a moment; retry there for up to ~1 s.
 */
async function renameWithRetry(fs: AtomicFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (e) {
      const c = errnoCode(e);
      if (process.platform !== 'win32' || attempt >= 10 || (c !== 'EPERM' && c !== 'EBUSY' && c !== 'EACCES')) throw e;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** fsync the folder so a rename inside it is durable; not possible (and not needed) on Windows. */
async function syncDir(fs: AtomicFs, dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close().catch(() => {});
    }
  } catch {
    // Some file systems (certain network and FUSE mounts) refuse fsync on a folder: the data is
    // already safely in place, only the rename's durability across a power cut is weaker.
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM'; // exists, but belongs to another user
  }
}

/**
 * Deletes temp files of earlier saves of `base` that can no longer complete: their process is
 * gone, or they are older than STALE_TEMP_MS. Temp files never hide or replace the issue, so
 * until this runs they are merely clutter (hidden by their leading dot).
 */
export async function removeStaleTemps(fs: AtomicFs, dir: string, base: string): Promise<string[]> {
  const re = tempPattern(base);
  const removed: string[] = [];
  for (const name of await fs.readdir(dir)) {
    const m = re.exec(name);
    if (!m) continue;
    const p = join(dir, name);
    try {
      const st = await fs.stat(p);
      const dead = !processAlive(Number(m[1]));
      if (dead || Date.now() - st.mtimeMs > STALE_TEMP_MS) {
        await fs.unlink(p);
        removed.push(p);
      }
    } catch {
      // gone already, or not ours to delete
    }
  }
  return removed;
}
