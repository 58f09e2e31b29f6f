// The issue file, .banmian: a zip archive holding
//   issue.json               the Issue, canonical JSON (canonical-json.ts), deflated
//   assets/<sha256>.<ext>    each placed image once, named by the SHA-256 of its bytes
// Entries are written in that order (assets sorted by id) with a fixed time, so identical
// documents give identical files and a save/open/save round trip is byte-stable.
//
// Opening never trusts the file: zip structure, names and sizes are checked before anything is
// inflated (zip.ts), issue.json is migrated to the current format version and validated, and
// every failure is an IssueFileError that says what is wrong and what to do.
//
// Assets on opening:
// - listed in issue.json but absent from the archive: the issue opens; the id is in
//   missingAssets with a 'missing-asset' warning, frames show a placeholder, and the Asset record
//   stays in issue.json when saved again (so it is reported missing again, and can be relinked);
// - present but damaged (checksum fails, or the bytes do not hash to the id): treated exactly as
//   missing, with a 'damaged-asset' warning. Damaged bytes are never shown or saved again: a
//   wrong picture in print is worse than a visible placeholder;
// - present but not listed in issue.json: ignored with an 'unlisted-asset' warning, and not saved
//   again;
// - an image whose EXIF orientation turns it a quarter (5-8) but whose record has the stored,
//   unturned size (files saved before Banmian read orientation): the record gets the upright
//   size, with an 'asset-size-corrected' warning (uprightSizes below).
import { readFile, stat } from 'node:fs/promises';
import {
  FORMAT_ID,
  FORMAT_VERSION,
  FormatError,
  MIGRATIONS,
  migrate,
  validateIssue,
  type Asset,
  type AssetId,
  type Issue,
  type Migration,
  type ModelProblem,
  type ValidateResult,
} from '../../renderer/model';
import { ASSET_EXT, assetEntryName, sha256Hex, sniffImage } from './assets';
import { writeFileAtomic, type AtomicFs, type SavePhase } from './atomic';
import { canonicalJson } from './canonical-json';
import { IssueFileError, fileLabel, fromFsError, type IssueFileWarning } from './errors';
import { DEFAULT_ZIP_LIMITS, readZipDirectory, readZipEntry, writeZip, type ZipEntry, type ZipInput, type ZipLimits } from './zip';

export { IssueFileError } from './errors';
export type { IssueFileErrorCode, IssueFileWarning, IssueFileWarningCode } from './errors';
export { addAsset } from './assets';

export const ISSUE_JSON = 'issue.json';
export const FILE_EXTENSION = '.banmian';
/**
 * Largest issue.json we parse: 256 MiB of JSON is about 80 million Chinese characters, far past
 * any issue, and keeps the decoded string well under V8's string length limit (~512 Mi chars).
 */
const MAX_ISSUE_JSON = 256 * 1024 ** 2;
/** Largest .banmian file we read: the unpacked limit plus room for zip headers. */
const MAX_FILE = DEFAULT_ZIP_LIMITS.maxTotal + 64 * 1024 ** 2;
/** Most entries a written archive may have: the classic (non-Zip64) limit, minus issue.json. */
const MAX_WRITE_ENTRIES = 0xffff - 1;
/** Warnings about unknown entries are listed up to this many, then summarised. */
const MAX_ENTRY_WARNINGS = 20;

export interface OpenedIssue {
  /** Migrated, validated, with defaults filled in. */
  issue: Issue;
  /** Bytes of every asset that is present and intact, by id. */
  assets: Map<AssetId, Uint8Array>;
  /** Assets listed in issue.json whose bytes are missing or damaged: show a placeholder. */
  missingAssets: AssetId[];
  warnings: IssueFileWarning[];
}

export interface ReadOptions {
  /** Migration list and current version; tests inject their own, the app uses the defaults. */
  migrations?: readonly Migration[];
  currentVersion?: number;
  limits?: ZipLimits;
  /**
   * The validator for the migrated document; defaults to validateIssue. Only tests of future
   * format versions replace it (this build's schema knows only FORMAT_VERSION).
   */
  validate?: (doc: unknown) => ValidateResult;
}

/** Opens an issue from the bytes of a .banmian file. Throws IssueFileError and nothing else. */
export function readIssueBytes(bytes: Uint8Array, fileName?: string, opts: ReadOptions = {}): OpenedIssue {
  const f = fileLabel(fileName);
  const entries = readZipDirectory(bytes, fileName, opts.limits);
  const byName = new Map(entries.map((e) => [e.name, e]));

  const jsonEntry = byName.get(ISSUE_JSON);
  if (!jsonEntry) {
    const nested = entries.find((e) => e.name.endsWith(`/${ISSUE_JSON}`));
    throw new IssueFileError('no-issue-json', {
      path: fileName,
      detail: nested
        ? `${f.en} is a zip archive with issue.json inside a folder ("${nested.name}"), as if it had been unpacked and packed again`
        : `${f.en} is a zip archive but has no issue.json`,
      detailZh: nested ? `${f.zh}的 issue.json 位于文件夹内（“${nested.name}”），像是被解压后重新打包过` : `${f.zh}是 zip 压缩包，但其中没有 issue.json`,
      ...(nested
        ? { todo: 'Open the backup copy (.bak), or pack the folder\'s contents (not the folder itself) into the zip again.', todoZh: '请打开备份文件（.bak），或把文件夹里的内容（而不是文件夹本身）重新打包。' }
        : {}),
    });
  }
  if (jsonEntry.size > MAX_ISSUE_JSON) {
    throw new IssueFileError('too-large', {
      path: fileName,
      detail: `${f.en}: issue.json is ${jsonEntry.size} bytes; the limit is ${MAX_ISSUE_JSON}`,
      detailZh: `${f.zh}：issue.json 有 ${jsonEntry.size} 字节，上限为 ${MAX_ISSUE_JSON}`,
    });
  }
  const doc = parseJson(readZipEntry(bytes, jsonEntry, fileName), fileName);
  const { current, migrated, fromVersion } = upgrade(doc, fileName, opts);
  const issue = validate(migrated, fileName, opts.validate ?? validateIssue);

  const warnings: IssueFileWarning[] = [];
  if (fromVersion < current) {
    warnings.push({
      code: 'migrated',
      message: `This issue was saved in file format version ${fromVersion} and has been upgraded to version ${current}; once saved, older versions of Banmian cannot open it.`,
      messageZh: `此版面以文件格式第 ${fromVersion} 版保存，已升级为第 ${current} 版；保存后旧版版面将无法打开。`,
    });
  }
  const { assets, missingAssets } = readAssets(bytes, entries, byName, issue.assets, fileName, warnings);
  return { issue: uprightSizes(issue, assets, warnings), assets, missingAssets, warnings };
}

/**
 * Asset records carry the upright pixel size (after EXIF orientation, assets.ts); Banmian before
 * this rule recorded the stored size, so a phone photo turned a quarter (orientation 5-8) was
 * laid out with its sides swapped. The fix needs the image's bytes, which a migration of
 * issue.json does not have, and is unambiguous: for such an image the stored size is the upright
 * size with the sides swapped, and a square image has nothing to correct. So it is made here,
 * on every opening, for files of any format version, and the format version stays: the schema
 * did not change, and a bump would lock earlier Banmian out of every file for the sake of these
 * images alone. Frames keep their fit, scale (points per pixel) and offset: `fill` and `fit`
 * frames show the whole picture upright again; a `manual` frame keeps its scale and top-left,
 * so its crop may need a look, which the warning says. A record that matches neither size (a
 * file edited by hand) is left as it is.
 */
function uprightSizes(issue: Issue, assets: ReadonlyMap<AssetId, Uint8Array>, warnings: IssueFileWarning[]): Issue {
  let changed = false;
  const records = issue.assets.map((a) => {
    const bytes = assets.get(a.id);
    if (!bytes || a.width === a.height) return a;
    let info: ReturnType<typeof sniffImage>;
    try {
      info = sniffImage(bytes, a.name);
    } catch {
      return a; // not an image we can read: it shows as a placeholder, its record is kept
    }
    if (info.orientation < 5 || a.width !== info.height || a.height !== info.width) return a;
    changed = true;
    warnings.push({
      code: 'asset-size-corrected',
      assetId: a.id,
      message: `The image "${a.name}" is a photo the camera recorded turned a quarter (EXIF orientation ${info.orientation}); this file was saved before Banmian read that, so its size was recorded sideways. It is now placed upright, ${info.width} × ${info.height} pixels, on screen and in print; check the crop of frames that show it at a manual scale.`,
      messageZh: `图片“${a.name}”由相机按旋转方向记录（EXIF 方向 ${info.orientation}）；此文件保存时版面尚未读取该方向，尺寸按横躺记录。现已在屏幕和印刷中按正确方向置入（${info.width} × ${info.height} 像素）；请检查按手动比例显示该图片的图框裁切。`,
    });
    return { ...a, width: info.width, height: info.height };
  });
  return changed ? { ...issue, assets: records } : issue;
}

function parseJson(data: Uint8Array, fileName: string | undefined): unknown {
  const f = fileLabel(fileName);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch (e) {
    throw new IssueFileError('bad-json', {
      path: fileName,
      detail: `${f.en}: issue.json is not UTF-8 text`,
      detailZh: `${f.zh}：issue.json 不是 UTF-8 文本`,
      cause: e,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new IssueFileError('bad-json', {
      path: fileName,
      detail: `${f.en}: issue.json is not valid JSON (${why.length > 200 ? `${why.slice(0, 200)}…` : why})`,
      detailZh: `${f.zh}：issue.json 不是有效的 JSON（${why.length > 200 ? `${why.slice(0, 200)}…` : why}）`,
      cause: e,
    });
  }
}

/** Runs the migrations up to the current version; refuses newer files, naming both versions. */
function upgrade(doc: unknown, fileName: string | undefined, opts: ReadOptions) {
  const f = fileLabel(fileName);
  const current = opts.currentVersion ?? FORMAT_VERSION;
  const d = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
  if (!d || d.format !== FORMAT_ID) {
    const what = !d ? 'does not hold an object' : d.format === undefined ? 'has no "format" field' : `has format ${JSON.stringify(d.format)?.slice(0, 60)}`;
    throw new IssueFileError('not-an-issue', {
      path: fileName,
      detail: `${f.en}: issue.json ${what}, not "${FORMAT_ID}"`,
      detailZh: `${f.zh}：issue.json ${!d ? '不是一个对象' : d.format === undefined ? '没有 format 字段' : `的 format 为 ${JSON.stringify(d.format)?.slice(0, 60)}`}，而不是 "${FORMAT_ID}"`,
    });
  }
  const v = d.version;
  if (typeof v === 'number' && Number.isInteger(v) && v > current) {
    throw new IssueFileError('newer-version', {
      path: fileName,
      detail: `${f.en} was saved by a newer Banmian in file format version ${v}; this Banmian reads versions 1 to ${current}`,
      detailZh: `${f.zh}由更新版本的版面以文件格式第 ${v} 版保存；本版面只能读取第 1 至 ${current} 版`,
    });
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    const expected = `expected a whole number from 1 to ${current}`;
    const got = v === undefined ? 'missing' : `${expected}, got ${JSON.stringify(v)?.slice(0, 40) ?? String(v)}`;
    throw new IssueFileError('invalid', {
      path: fileName,
      detail: `${f.en}: issue.json has no usable format version`,
      detailZh: `${f.zh}：issue.json 没有可用的格式版本号`,
      problems: [{ path: 'version', message: v === undefined ? `missing: ${expected}` : got }],
    });
  }
  try {
    const migrated = migrate(d, opts.migrations ?? MIGRATIONS, current);
    return { current, migrated, fromVersion: v };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const problems: ModelProblem[] = [{ path: 'version', message: why }];
    if (e instanceof FormatError && e.kind === 'bad-version') {
      // A gap in the migration list: a bug in this build, not in the file.
      throw new IssueFileError('invalid', {
        path: fileName,
        detail: `${f.en}: this Banmian cannot upgrade issue.json from format version ${v} (${why})`,
        detailZh: `${f.zh}：本版面无法将 issue.json 从第 ${v} 版升级（${why}）`,
        problems,
        todo: 'This is a bug in Banmian: please report it; the file has not been changed.',
        todoZh: '这是版面的程序错误，请报告；文件没有被改动。',
        cause: e,
      });
    }
    throw new IssueFileError('invalid', {
      path: fileName,
      detail: `${f.en}: upgrading issue.json from format version ${String(v)} to ${current} failed`,
      detailZh: `${f.zh}：将 issue.json 从第 ${String(v)} 版升级到第 ${current} 版失败`,
      problems,
      cause: e,
    });
  }
}

function validate(doc: unknown, fileName: string | undefined, validator: (doc: unknown) => ValidateResult): Issue {
  const f = fileLabel(fileName);
  let r: ValidateResult;
  try {
    r = validator(doc);
  } catch (e) {
    // The validator walks the document recursively; only a pathological one can exhaust the stack.
    throw new IssueFileError('invalid', {
      path: fileName,
      detail: `${f.en}: issue.json could not be checked (${e instanceof Error ? e.message : String(e)})`,
      detailZh: `${f.zh}：无法检查 issue.json`,
      cause: e,
    });
  }
  if (r.ok) return r.issue;
  const n = r.problems.length;
  throw new IssueFileError('invalid', {
    path: fileName,
    detail: `${f.en}: issue.json has ${n} problem${n === 1 ? '' : 's'}`,
    detailZh: `${f.zh}：issue.json 有 ${n} 处错误`,
    problems: r.problems,
  });
}

const ASSET_ENTRY = /^assets\/([0-9a-f]{64})\.([A-Za-z0-9]{1,8})$/;

function readAssets(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  byName: ReadonlyMap<string, ZipEntry>,
  listed: readonly Asset[],
  fileName: string | undefined,
  warnings: IssueFileWarning[],
): { assets: Map<AssetId, Uint8Array>; missingAssets: AssetId[] } {
  // Index asset entries by id. The extension is not trusted for anything: the type is in issue.json.
  const byId = new Map<string, ZipEntry>();
  let unknown = 0;
  const unknownWarning = (e: ZipEntry) => {
    unknown++;
    if (unknown <= MAX_ENTRY_WARNINGS) {
      warnings.push({
        code: 'unknown-entry',
        entry: e.name,
        message: `The file contains "${e.name}", which is not part of a Banmian issue; it was ignored and will not be saved again.`,
        messageZh: `文件中的“${e.name}”不属于版面文件，已忽略，再次保存时不会保留。`,
      });
    }
  };
  for (const e of entries) {
    if (e.name === ISSUE_JSON || e.name === 'assets/') continue;
    const m = ASSET_ENTRY.exec(e.name);
    if (!m || byId.has(m[1]!)) unknownWarning(e);
    else byId.set(m[1]!, e);
  }
  if (unknown > MAX_ENTRY_WARNINGS) {
    warnings.push({
      code: 'unknown-entry',
      message: `${unknown - MAX_ENTRY_WARNINGS} more unknown entries were ignored.`,
      messageZh: `另有 ${unknown - MAX_ENTRY_WARNINGS} 个未知条目已忽略。`,
    });
  }

  const assets = new Map<AssetId, Uint8Array>();
  const missingAssets: AssetId[] = [];
  const seen = new Set<string>();
  for (const a of listed) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);
    const e = byId.get(a.id) ?? byName.get(assetEntryName(a));
    if (!e) {
      missingAssets.push(a.id);
      warnings.push({
        code: 'missing-asset',
        assetId: a.id,
        message: `The image "${a.name}" is missing from the file; it is shown as a placeholder. Place or relink the image again before printing.`,
        messageZh: `文件中缺少图片“${a.name}”，以占位框显示。付印前请重新置入或链接该图片。`,
      });
      continue;
    }
    let data: Uint8Array | null = null;
    let why = '';
    try {
      data = readZipEntry(bytes, e, fileName);
      if (sha256Hex(data) !== a.id) {
        why = 'its bytes do not match its checksum name';
        data = null;
      }
    } catch (err) {
      why = err instanceof IssueFileError && err.code === 'corrupt' ? 'it is damaged in the archive' : String(err);
      if (!(err instanceof IssueFileError)) throw err;
    }
    if (!data) {
      missingAssets.push(a.id);
      warnings.push({
        code: 'damaged-asset',
        assetId: a.id,
        entry: e.name,
        message: `The image "${a.name}" could not be used (${why}); it is shown as a placeholder. Place or relink the image again before printing.`,
        messageZh: `图片“${a.name}”已损坏，无法使用，以占位框显示。付印前请重新置入或链接该图片。`,
      });
      continue;
    }
    // Copy out of the archive buffer so the (possibly large) file bytes can be released.
    assets.set(a.id, data.slice());
  }
  for (const [id, e] of byId) {
    if (seen.has(id)) continue;
    warnings.push({
      code: 'unlisted-asset',
      entry: e.name,
      message: `The file contains an image ("${e.name}") that the issue does not use; it was ignored and will not be saved again.`,
      messageZh: `文件中含有版面未使用的图片（“${e.name}”），已忽略，再次保存时不会保留。`,
    });
  }
  return { assets, missingAssets };
}

/**
 * Reads and opens a .banmian file. Throws IssueFileError: 'not-found', 'permission', 'io' and
 * 'too-large' for the file itself, then everything readIssueBytes can throw.
 */
export async function openIssueFile(path: string, opts: ReadOptions = {}): Promise<OpenedIssue> {
  const f = fileLabel(path);
  let bytes: Uint8Array;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      throw new IssueFileError('not-a-zip', {
        path,
        detail: `${f.en} is a folder, not a file`,
        detailZh: `${f.zh}是文件夹而不是文件`,
        todo: 'Choose the .banmian file inside it.',
        todoZh: '请选择其中的 .banmian 文件。',
      });
    }
    if (st.size > MAX_FILE) {
      throw new IssueFileError('too-large', {
        path,
        detail: `${f.en} is ${st.size} bytes; Banmian opens issue files up to ${MAX_FILE} bytes`,
        detailZh: `${f.zh}有 ${st.size} 字节；版面只能打开不超过 ${MAX_FILE} 字节的文件`,
      });
    }
    bytes = await readFile(path);
  } catch (e) {
    throw fromFsError(e, path, 'open');
  }
  return readIssueBytes(bytes, path, opts);
}

/**
 * The bytes of a .banmian file for `issue` and the bytes of its assets. The issue is validated
 * first (an issue that would not open again is never written); assets are written in id order
 * and only those issue.json lists; a listed asset with no bytes in `assets` keeps its record in
 * issue.json (it opens as missing). Throws IssueFileError 'invalid' or 'too-large'.
 */
export function writeIssueBytes(issue: Issue, assets: ReadonlyMap<AssetId, Uint8Array>): Uint8Array {
  return encodeIssue(issue, assets, undefined);
}

function encodeIssue(issue: Issue, assets: ReadonlyMap<AssetId, Uint8Array>, path: string | undefined): Uint8Array {
  const f = path ? { en: `"${path}" cannot be saved: `, zh: `无法保存“${path}”：` } : { en: '', zh: '' };
  const r = validateIssue(issue);
  if (!r.ok) {
    throw new IssueFileError('invalid', {
      path,
      detail: `${f.en}the issue cannot be saved because it is not valid (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})`,
      detailZh: `${f.zh}版面数据无效，无法保存（${r.problems.length} 处错误）`,
      problems: r.problems,
      todo: 'This is a bug in Banmian: please report it with the problems listed. The file on disk was not changed.',
      todoZh: '这是版面的程序错误，请连同所列问题一起报告。磁盘上的文件没有被改动。',
    });
  }
  const valid = r.issue;
  const entries: ZipInput[] = [{ name: ISSUE_JSON, data: new TextEncoder().encode(canonicalJson(valid)), compress: true }];
  const listed = [...new Map(valid.assets.map((a) => [a.id, a])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let total = entries[0]!.data.length;
  for (const a of listed) {
    const data = assets.get(a.id);
    if (!data) continue;
    if (sha256Hex(data) !== a.id) {
      throw new IssueFileError('invalid', {
        path,
        detail: `${f.en}the bytes given for image "${a.name}" do not hash to its id ${a.id}`,
        detailZh: `${f.zh}图片“${a.name}”的数据与其编号 ${a.id} 不符`,
        todo: 'This is a bug in Banmian: please report it. The file on disk was not changed.',
        todoZh: '这是版面的程序错误，请报告。磁盘上的文件没有被改动。',
      });
    }
    total += data.length;
    // JPEG and PNG are compressed already; deflating them again costs time and saves nothing.
    entries.push({ name: `assets/${a.id}.${ASSET_EXT[a.mime]}`, data, compress: a.mime === 'image/tiff' });
  }
  if (entries.length > MAX_WRITE_ENTRIES || total > DEFAULT_ZIP_LIMITS.maxTotal) {
    throw new IssueFileError('too-large', {
      path,
      detail: `${f.en}the issue holds ${entries.length - 1} images, ${total} bytes in all; a .banmian file holds at most ${MAX_WRITE_ENTRIES - 1} images and ${DEFAULT_ZIP_LIMITS.maxTotal} bytes`,
      detailZh: `${f.zh}版面含 ${entries.length - 1} 张图片，共 ${total} 字节；一个 .banmian 文件最多容纳 ${MAX_WRITE_ENTRIES - 1} 张图片、${DEFAULT_ZIP_LIMITS.maxTotal} 字节`,
      todo: 'Reduce the image sizes or split the issue into several files. The file on disk was not changed.',
      todoZh: '请缩小图片或把版面拆分为多个文件。磁盘上的文件没有被改动。',
    });
  }
  return writeZip(entries);
}

export interface SaveOptions {
  /** Keep the previous file as `<name>.bak` (default true). */
  backup?: boolean;
  /** Injected file system, for tests. */
  fs?: AtomicFs;
  /** Called as the save moves through its steps (atomic.ts). */
  onPhase?: (phase: SavePhase) => void;
}

/**
 * Saves atomically (atomic.ts): the file at `path` is at every moment either the complete old
 * file or the complete new one, and the old one is kept as `<path>.bak`. Throws IssueFileError
 * 'disk-full', 'permission', 'io', 'invalid' or 'too-large'; after a failure the old file is
 * unchanged and no temp file is left.
 */
export async function saveIssueFile(path: string, issue: Issue, assets: ReadonlyMap<AssetId, Uint8Array>, opts: SaveOptions = {}): Promise<void> {
  const bytes = encodeIssue(issue, assets, path);
  await writeFileAtomic(path, bytes, opts);
}
