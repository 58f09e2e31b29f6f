// Finding the fonts a user already owns: the operating system's font folders, walked and read
// cheaply (headers and 'name' tables only, see fontSfnt.ts). A scan never throws: a file that
// cannot be used is listed in `skipped` with the reason, and the scan goes on.
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { open as openAsync, readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { extname, join, posix, win32 } from 'node:path';
import { FontFileError, readFontFaces, runParser, runParserAsync, type SfntFaceInfo } from './fontSfnt';

/** A face found in a file on disk. */
export interface FontFileFace extends SfntFaceInfo {
  /** Absolute path of the file holding the face. */
  readonly path: string;
}

export interface SkippedFontFile {
  readonly path: string;
  /** English, for logs and the fonts dialog's details. */
  readonly reason: string;
  readonly reasonZh: string;
}

export interface FontScan {
  /** Every usable face, in folder order then path order (the first of two equal names wins). */
  readonly faces: readonly FontFileFace[];
  readonly skipped: readonly SkippedFontFile[];
  /** The folders that were asked for (missing ones are not an error: most machines lack some). */
  readonly dirs: readonly string[];
  /** Font files looked at (by extension). */
  readonly files: number;
  /** Wall time of the scan in milliseconds. */
  readonly ms: number;
}

/** Extensions of the files a scan reads; .woff/.dfont/.pfb and the rest are passed over. */
export const FONT_FILE_EXTENSIONS = new Set(['.ttf', '.otf', '.ttc', '.otc']);
/** Deep enough for /usr/share/fonts/truetype/<package>/ and macOS's supplemental folders. */
const MAX_DEPTH = 8;
/** Files read at the same time by the asynchronous scan: enough to hide disk latency. */
const SCAN_CONCURRENCY = 16;

/** The system and per-user font folders of a platform, most general first. */
export function systemFontDirs(
  platform: NodeJS.Platform = process.platform,
  env: Record<string, string | undefined> = process.env,
  home: string = homedir(),
): string[] {
  if (platform === 'win32') {
    const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    const dirs = [win32.join(windir, 'Fonts')];
    // Fonts installed "for me only" (Windows 10 1809 and later).
    const local = env.LOCALAPPDATA ?? (home ? win32.join(home, 'AppData', 'Local') : null);
    if (local) dirs.push(win32.join(local, 'Microsoft', 'Windows', 'Fonts'));
    return dirs;
  }
  if (platform === 'darwin') {
    return ['/System/Library/Fonts', '/Library/Fonts', posix.join(home, 'Library', 'Fonts')];
  }
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts'];
  const dataHome = env.XDG_DATA_HOME || posix.join(home, '.local', 'share');
  dirs.push(posix.join(dataHome, 'fonts'), posix.join(home, '.fonts'));
  return dirs;
}

const describeError = (e: unknown): { reason: string; reasonZh: string } => {
  if (e instanceof FontFileError) return { reason: e.message, reasonZh: e.messageZh };
  const code = (e as { code?: unknown } | null)?.code;
  const what = typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
  return { reason: `cannot read the file (${what})`, reasonZh: `无法读取该文件（${what}）` };
};

function unreadable(e: unknown): FontFileError {
  if (e instanceof FontFileError) return e;
  const { reason } = describeError(e);
  const code = (e as { code?: unknown } | null)?.code;
  return new FontFileError('unreadable', reason, typeof code === 'string' ? code : '');
}

/** The faces of a font file, reading only what the parser asks for. Throws FontFileError. */
export function readFontFileFaces(path: string): FontFileFace[] {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(e);
  }
  try {
    const size = fstatSync(fd).size;
    const faces = runParser(readFontFaces(size), (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const n = buf.length ? readSync(fd, buf, 0, buf.length, offset) : 0;
      return buf.subarray(0, n);
    });
    return faces.map((f) => ({ ...f, path }));
  } catch (e) {
    throw unreadable(e);
  } finally {
    closeSync(fd);
  }
}

/** readFontFileFaces without blocking the event loop. */
export async function readFontFileFacesAsync(path: string): Promise<FontFileFace[]> {
  let fh;
  try {
    fh = await openAsync(path, 'r');
  } catch (e) {
    throw unreadable(e);
  }
  try {
    const size = (await fh.stat()).size;
    const faces = await runParserAsync(readFontFaces(size), async (offset, length) => {
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = buf.length ? await fh.read(buf, 0, buf.length, offset) : { bytesRead: 0 };
      return buf.subarray(0, bytesRead);
    });
    return faces.map((f) => ({ ...f, path }));
  } catch (e) {
    throw unreadable(e);
  } finally {
    await fh.close();
  }
}

const isFontFile = (name: string) => FONT_FILE_EXTENSIONS.has(extname(name).toLowerCase());

/** Font files under `dirs`, depth-first in sorted order; folders it cannot list go to `skipped`. */
function listFontFiles(dirs: readonly string[], skipped: SkippedFontFile[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>(); // real paths of visited folders: symlink loops end here
  const walk = (dir: string, depth: number) => {
    let real: string;
    let names: string[];
    try {
      real = realpathSync(dir);
      if (seen.has(real)) return;
      seen.add(real);
      names = readdirSync(dir).sort();
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (depth > 0 || (code !== 'ENOENT' && code !== 'ENOTDIR')) skipped.push({ path: dir, ...describeError(e) });
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (isFontFile(name)) {
        out.push(p);
        continue;
      }
      if (depth >= MAX_DEPTH || name.startsWith('.')) continue;
      try {
        if (statSync(p).isDirectory()) walk(p, depth + 1);
      } catch {
        // a dangling symlink or a file that vanished: nothing to scan there
      }
    }
  };
  for (const d of dirs) walk(d, 0);
  return out;
}

async function listFontFilesAsync(dirs: readonly string[], skipped: SkippedFontFile[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      const real = await realpath(dir);
      if (seen.has(real)) return;
      seen.add(real);
      names = (await readdir(dir)).sort();
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (depth > 0 || (code !== 'ENOENT' && code !== 'ENOTDIR')) skipped.push({ path: dir, ...describeError(e) });
      return;
    }
    for (const name of names) {
      const p = join(dir, name);
      if (isFontFile(name)) {
        out.push(p);
        continue;
      }
      if (depth >= MAX_DEPTH || name.startsWith('.')) continue;
      try {
        if ((await stat(p)).isDirectory()) await walk(p, depth + 1);
      } catch {
        // a dangling symlink or a file that vanished
      }
    }
  };
  for (const d of dirs) await walk(d, 0);
  return out;
}

/** Every usable face under `dirs` (recursively). Never throws. */
export function scanFontDirs(dirs: readonly string[]): FontScan {
  const t0 = performance.now();
  const skipped: SkippedFontFile[] = [];
  const faces: FontFileFace[] = [];
  const files = listFontFiles(dirs, skipped);
  for (const path of files) {
    try {
      faces.push(...readFontFileFaces(path));
    } catch (e) {
      skipped.push({ path, ...describeError(e) });
    }
  }
  return { faces, skipped, dirs: [...dirs], files: files.length, ms: performance.now() - t0 };
}

/** scanFontDirs without blocking the event loop (the app's main process). Never rejects. */
export async function scanFontDirsAsync(dirs: readonly string[]): Promise<FontScan> {
  const t0 = performance.now();
  const skipped: SkippedFontFile[] = [];
  const files = await listFontFilesAsync(dirs, skipped);
  const results: Array<FontFileFace[] | SkippedFontFile> = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const path = files[i]!;
      try {
        results[i] = await readFontFileFacesAsync(path);
      } catch (e) {
        results[i] = { path, ...describeError(e) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, files.length) }, worker));
  const faces: FontFileFace[] = [];
  for (const r of results) {
    if (Array.isArray(r)) faces.push(...r);
    else skipped.push(r);
  }
  return { faces, skipped, dirs: [...dirs], files: files.length, ms: performance.now() - t0 };
}
