// The zip container of a .banmian file: the checking reader shared with the .docx import
// (renderer/import/zip.ts, which explains what is checked and why it lives there), worded here
// for the issue file's errors, and a deterministic writer. fflate does only the DEFLATE
// (de)compression.
//
// This module keeps the issue layer's zip API: readZipDirectory and readZipEntry throw
// IssueFileError with the file's name in English and Chinese, never the core's ZipReadError.
import { deflateSync } from 'fflate';
import {
  CENTRAL_HEADER_SIZE,
  crc32,
  END_SIZE,
  LOCAL_HEADER_SIZE,
  MAX_DEFLATE_RATIO,
  METHOD_DEFLATE,
  METHOD_STORED,
  readZipDirectory as readDirectory,
  readZipEntry as readEntry,
  showName,
  SIG_CENTRAL,
  SIG_END,
  SIG_LOCAL,
  causeText,
  ZipReadError,
  type ZipEntry,
  type ZipLimits,
  type ZipProblem,
} from '../../renderer/import/zip';
import { IssueFileError, fileLabel, type IssueFileErrorCode } from './errors';

export { crc32, unsafeNameReason, type ZipEntry, type ZipLimits } from '../../renderer/import/zip';

/** General-purpose flag bit 11 (APPNOTE 4.4.4): the name is UTF-8. */
const FLAG_UTF8 = 0x0800;

/**
 * Fixed entry time, so that identical documents give identical files: 1980-01-01 00:00:00, the
 * earliest MS-DOS date (date word: year-1980 << 9 | month << 5 | day; time word 0).
 */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // 2 GiB: far beyond any community paper (a 16-page issue with 200 photos is ~500 MB), and
  // below what a Uint8Array and the machine's memory can hold without trouble.
  maxTotal: 2 * 1024 ** 3,
  // A real issue has one entry per image; the schema allows 100,000 assets.
  maxEntries: 100_001,
  maxRatio: MAX_DEFLATE_RATIO,
};

/**
 * Parses and checks the central directory: entry names, duplicates, sizes against the limits,
 * and every local header. Inflates nothing. Throws IssueFileError.
 */
export function readZipDirectory(bytes: Uint8Array, path?: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  try {
    return readDirectory(bytes, limits);
  } catch (err) {
    throw err instanceof ZipReadError ? issueFileError(err.problem, path) : err;
  }
}

/** Inflates one entry (already checked by readZipDirectory) and verifies its size and CRC-32. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, path?: string): Uint8Array {
  try {
    return readEntry(bytes, e);
  } catch (err) {
    throw err instanceof ZipReadError ? issueFileError(err.problem, path) : err;
  }
}

/** The issue file's words for a problem of the zip reader. */
function issueFileError(p: ZipProblem, path: string | undefined): IssueFileError {
  const f = fileLabel(path);
  const error = (code: IssueFileErrorCode, detail: string, detailZh: string, cause?: unknown) => new IssueFileError(code, { path, detail, detailZh, cause });
  const corrupt = (why: string, whyZh: string) => error('corrupt', `${f.en} ${why}`, `${f.zh}${whyZh}`);
  switch (p.code) {
    case 'empty':
      return error('not-a-zip', `${f.en} is empty`, `${f.zh}是空文件`);
    case 'not-a-zip':
      return error('not-a-zip', `${f.en} is not a zip archive`, `${f.zh}不是 zip 压缩包`);
    case 'no-end':
      return error('truncated', `${f.en} is a zip archive whose end is missing (${p.length} bytes)`, `${f.zh}是缺少结尾部分的 zip 压缩包（${p.length} 字节）`);
    case 'zip64':
      return error('unsupported', `${f.en} is a Zip64 archive, which Banmian does not write`, `${f.zh}是 Zip64 格式的压缩包，版面不使用这种格式`);
    case 'multi-part':
      return error('unsupported', `${f.en} is one part of a multi-part (spanned) zip archive`, `${f.zh}是分卷 zip 压缩包的一部分`);
    case 'too-many-entries':
      return error('too-large', `${f.en} has ${p.count} entries; the limit is ${p.limit}`, `${f.zh}含有 ${p.count} 个条目，上限为 ${p.limit}`);
    case 'directory-cut':
      return error('truncated', `${f.en} is missing part of its table of contents`, `${f.zh}缺少部分目录数据`);
    case 'directory-outside':
      return corrupt('has a table of contents that points outside the file', '的目录指向文件之外');
    case 'directory-damaged':
      return p.of !== undefined
        ? corrupt(`has a damaged table of contents (entry ${p.entry} of ${p.of})`, `的目录已损坏（第 ${p.entry} 个条目，共 ${p.of} 个）`)
        : corrupt(`has a damaged table of contents (entry ${p.entry})`, `的目录已损坏（第 ${p.entry} 个条目）`);
    case 'unsafe-name':
      return error('unsafe-path', `${f.en} contains an entry named ${showName(p.name)}, with ${p.reason}`, `${f.zh}含有名为 ${showName(p.name)} 的条目，其中有不安全的路径（${p.reason}）`);
    case 'duplicate-name':
      return error('duplicate-entry', `${f.en} contains the entry ${showName(p.name)} twice`, `${f.zh}含有两个同名条目 ${showName(p.name)}`);
    case 'encrypted':
      return error('unsupported', `${f.en} is encrypted (entry ${showName(p.name)})`, `${f.zh}已加密（条目 ${showName(p.name)}）`);
    case 'method':
      return error(
        'unsupported',
        `${f.en} uses compression method ${p.method} for ${showName(p.name)}; Banmian reads only stored and deflated entries`,
        `${f.zh}的条目 ${showName(p.name)} 使用了压缩方法 ${p.method}；版面只支持存储和 deflate`,
      );
    case 'impossible-size':
      return error(
        p.method === METHOD_STORED ? 'corrupt' : 'too-large',
        `${f.en}: entry ${showName(p.name)} declares ${p.size} bytes from ${p.compressedSize} stored bytes, which is impossible`,
        `${f.zh}：条目 ${showName(p.name)} 声称由 ${p.compressedSize} 字节解压为 ${p.size} 字节，这不可能`,
      );
    case 'too-large-total':
      return error('too-large', `${f.en} would unpack to more than ${p.limit} bytes`, `${f.zh}解压后将超过 ${p.limit} 字节`);
    case 'bad-local-header':
      return corrupt(`: entry ${showName(p.name)} points to a missing or damaged header`, `：条目 ${showName(p.name)} 的头部缺失或已损坏`);
    case 'past-data-end':
      return corrupt(`: entry ${showName(p.name)} runs past the end of the data`, `：条目 ${showName(p.name)} 超出了数据末尾`);
    case 'name-mismatch':
      return corrupt(`: entry ${showName(p.name)} has a different name in its own header`, `：条目 ${showName(p.name)} 的头部名称不一致`);
    case 'overlap':
      return corrupt(`: entries ${showName(p.first)} and ${showName(p.second)} overlap`, `：条目 ${showName(p.first)} 与 ${showName(p.second)} 相互重叠`);
    case 'entry-too-large':
      // Not raised here (readZipEntry sets no per-entry limit: the directory's total bounds it).
      return error('too-large', `${f.en}: entry ${showName(p.name)} is ${p.size} bytes; the limit is ${p.limit}`, `${f.zh}：条目 ${showName(p.name)} 为 ${p.size} 字节，上限为 ${p.limit}`);
    case 'inflate-failed':
      return error('corrupt', `${f.en}: entry ${showName(p.name)} cannot be decompressed (${causeText(p.cause)})`, `${f.zh}：条目 ${showName(p.name)} 无法解压`, p.cause);
    case 'size-mismatch':
      return error(
        'corrupt',
        `${f.en}: entry ${showName(p.name)} holds ${p.actual > p.declared ? 'more' : 'fewer'} bytes than its declared ${p.declared}`,
        `${f.zh}：条目 ${showName(p.name)} 的实际大小与声明的 ${p.declared} 字节不符`,
      );
    case 'bad-crc':
      return error('corrupt', `${f.en}: entry ${showName(p.name)} fails its checksum`, `${f.zh}：条目 ${showName(p.name)} 校验和错误`);
  }
}

// ---------------------------------------------------------------------------------------------
// writer (record layouts: APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16)

export interface ZipInput {
  /** Entry name, '/'-separated. Not checked here: tests use this writer to build bad archives. */
  name: string;
  data: Uint8Array;
  /** Deflate it (level 6) if that makes it smaller; otherwise it is stored. */
  compress: boolean;
}

/**
 * Writes a zip archive with the entries in the given order. Deterministic: a fixed time, no
 * extra fields, no comment, fixed version and attribute fields, so equal input gives equal bytes.
 * No Zip64: the caller keeps entries and total size under 4 GiB and 65,535 entries.
 */
export function writeZip(entries: readonly ZipInput[]): Uint8Array {
  const enc = new TextEncoder();
  const prepared = entries.map((e) => {
    const name = enc.encode(e.name);
    let data = e.data;
    let method = METHOD_STORED;
    if (e.compress && e.data.length > 0) {
      const d = deflateSync(e.data, { level: 6 });
      if (d.length < e.data.length) {
        data = d;
        method = METHOD_DEFLATE;
      }
    }
    const ascii = name.every((b) => b < 0x80);
    return { name, data, method, crc: crc32(e.data), size: e.data.length, flags: ascii ? 0 : FLAG_UTF8 };
  });
  let localTotal = 0;
  let centralTotal = 0;
  for (const e of prepared) {
    localTotal += LOCAL_HEADER_SIZE + e.name.length + e.data.length;
    centralTotal += CENTRAL_HEADER_SIZE + e.name.length;
  }
  const out = new Uint8Array(localTotal + centralTotal + END_SIZE);
  const dv = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  for (const e of prepared) {
    offsets.push(p);
    dv.setUint32(p, SIG_LOCAL, true);
    dv.setUint16(p + 4, 20, true); // version needed: 2.0 (deflate)
    dv.setUint16(p + 6, e.flags, true);
    dv.setUint16(p + 8, e.method, true);
    dv.setUint16(p + 10, DOS_TIME, true);
    dv.setUint16(p + 12, DOS_DATE, true);
    dv.setUint32(p + 14, e.crc, true);
    dv.setUint32(p + 18, e.data.length, true);
    dv.setUint32(p + 22, e.size, true);
    dv.setUint16(p + 26, e.name.length, true);
    dv.setUint16(p + 28, 0, true);
    out.set(e.name, p + LOCAL_HEADER_SIZE);
    out.set(e.data, p + LOCAL_HEADER_SIZE + e.name.length);
    p += LOCAL_HEADER_SIZE + e.name.length + e.data.length;
  }
  const cdOffset = p;
  prepared.forEach((e, i) => {
    dv.setUint32(p, SIG_CENTRAL, true);
    dv.setUint16(p + 4, 20, true); // made by: MS-DOS host, spec 2.0 (no Unix permissions stored)
    dv.setUint16(p + 6, 20, true);
    dv.setUint16(p + 8, e.flags, true);
    dv.setUint16(p + 10, e.method, true);
    dv.setUint16(p + 12, DOS_TIME, true);
    dv.setUint16(p + 14, DOS_DATE, true);
    dv.setUint32(p + 16, e.crc, true);
    dv.setUint32(p + 20, e.data.length, true);
    dv.setUint32(p + 24, e.size, true);
    dv.setUint16(p + 28, e.name.length, true);
    // extra, comment, disk number, internal and external attributes: all 0
    dv.setUint32(p + 42, offsets[i]!, true);
    out.set(e.name, p + CENTRAL_HEADER_SIZE);
    p += CENTRAL_HEADER_SIZE + e.name.length;
  });
  dv.setUint32(p, SIG_END, true);
  dv.setUint16(p + 8, prepared.length, true);
  dv.setUint16(p + 10, prepared.length, true);
  dv.setUint32(p + 12, p - cdOffset, true);
  dv.setUint32(p + 16, cdOffset, true);
  return out;
}
