// The zip container of a .banmian file: a small reader that checks everything before it inflates
// anything, and a deterministic writer. fflate does only the DEFLATE (de)compression.
//
// Why not fflate's unzipSync: it trusts the declared sizes (it allocates what an entry declares
// and silently truncates an entry that inflates to more), accepts any entry name and keeps the
// last of two entries with the same name. Opening untrusted files needs each of those to be a
// named error, so the central directory is parsed here.
//
// Nothing here touches the disk: entries are only ever read into memory, never extracted, so an
// entry named ../x cannot write anywhere; such names are still refused, because an archive that
// contains them was not made by Banmian.
import { deflateSync, inflateSync } from 'fflate';
import { IssueFileError, fileLabel } from './errors';

// Record signatures (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_END_LOCATOR = 0x07064b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_SIZE = 22;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const MAX_COMMENT = 0xffff;

const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
/** General-purpose flag bits (APPNOTE 4.4.4): 0 = encrypted, 6 = strong encryption, 11 = UTF-8 names. */
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;

/**
 * Fixed entry time, so that identical documents give identical files: 1980-01-01 00:00:00, the
 * earliest MS-DOS date (date word: year-1980 << 9 | month << 5 | day; time word 0).
 */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

export interface ZipLimits {
  /** Most uncompressed bytes in the whole archive. */
  maxTotal: number;
  /** Most entries. */
  maxEntries: number;
  /**
   * Largest uncompressed/compressed ratio of a deflated entry. DEFLATE cannot exceed about
   * 1032:1 (a 258-byte match costs at least 2 bits), so anything above this is a lie or a bomb.
   */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // 2 GiB: far beyond any community paper (a 16-page issue with 200 photos is ~500 MB), and
  // below what a Uint8Array and the machine's memory can hold without trouble.
  maxTotal: 2 * 1024 ** 3,
  // A real issue has one entry per image; the schema allows 100,000 assets.
  maxEntries: 100_001,
  maxRatio: 1100,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  localOffset: number;
  /** Offset and end of the entry's (compressed) data, after the local header. */
  dataStart: number;
  dataEnd: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(raw: Uint8Array): string {
  // Names are decoded as UTF-8 whatever flag 11 says (Banmian only writes ASCII names); bytes
  // that are not UTF-8 fall back to Latin-1 so that '/', '\' and '.' still show for the checks.
  try {
    return utf8.decode(raw);
  } catch {
    return latin1.decode(raw);
  }
}

/** Why an entry name is unsafe, or null. Rules: relative, '/'-separated, no '..', no drive or stream. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return 'an empty name';
  if (name.includes('\\')) return 'a backslash';
  if (name.startsWith('/')) return 'an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.includes(':')) return 'a colon';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character';
  if (name.split('/').some((seg) => seg === '..')) return "a '..' (parent folder) part";
  return null;
}

function showName(name: string): string {
  const s = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(s);
}

const looksLikeZipStart = (b: Uint8Array) => b.length >= 4 && u32(b, 0) === SIG_LOCAL;

/**
 * Parses and checks the central directory: entry names, duplicates, sizes against the limits,
 * and every local header. Inflates nothing. Throws IssueFileError.
 */
export function readZipDirectory(bytes: Uint8Array, path?: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const f = fileLabel(path);
  const corrupt = (why: string, whyZh: string) => new IssueFileError('corrupt', { path, detail: `${f.en} ${why}`, detailZh: `${f.zh}${whyZh}` });

  if (bytes.length === 0) {
    throw new IssueFileError('not-a-zip', { path, detail: `${f.en} is empty`, detailZh: `${f.zh}是空文件` });
  }
  // Find the end-of-central-directory record, last one first (the comment may contain the signature).
  let end = -1;
  const lowest = Math.max(0, bytes.length - END_SIZE - MAX_COMMENT);
  for (let i = bytes.length - END_SIZE; i >= lowest; i--) {
    if (bytes[i] === 0x50 && u32(bytes, i) === SIG_END && i + END_SIZE + u16(bytes, i + 20) <= bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    if (looksLikeZipStart(bytes)) {
      throw new IssueFileError('truncated', {
        path,
        detail: `${f.en} is a zip archive whose end is missing (${bytes.length} bytes)`,
        detailZh: `${f.zh}是缺少结尾部分的 zip 压缩包（${bytes.length} 字节）`,
      });
    }
    throw new IssueFileError('not-a-zip', { path, detail: `${f.en} is not a zip archive`, detailZh: `${f.zh}不是 zip 压缩包` });
  }

  const disk = u16(bytes, end + 4);
  const cdDisk = u16(bytes, end + 6);
  const countHere = u16(bytes, end + 8);
  const count = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || (end >= 20 && u32(bytes, end - 20) === SIG_ZIP64_END_LOCATOR)) {
    throw new IssueFileError('unsupported', {
      path,
      detail: `${f.en} is a Zip64 archive, which Banmian does not write`,
      detailZh: `${f.zh}是 Zip64 格式的压缩包，版面不使用这种格式`,
    });
  }
  if (disk !== 0 || cdDisk !== 0 || countHere !== count) {
    throw new IssueFileError('unsupported', {
      path,
      detail: `${f.en} is one part of a multi-part (spanned) zip archive`,
      detailZh: `${f.zh}是分卷 zip 压缩包的一部分`,
    });
  }
  if (count > limits.maxEntries) {
    throw new IssueFileError('too-large', {
      path,
      detail: `${f.en} has ${count} entries; the limit is ${limits.maxEntries}`,
      detailZh: `${f.zh}含有 ${count} 个条目，上限为 ${limits.maxEntries}`,
    });
  }
  if (cdOffset + cdSize > end) {
    if (looksLikeZipStart(bytes) && cdOffset <= end) {
      throw new IssueFileError('truncated', {
        path,
        detail: `${f.en} is missing part of its table of contents`,
        detailZh: `${f.zh}缺少部分目录数据`,
      });
    }
    throw corrupt('has a table of contents that points outside the file', '的目录指向文件之外');
  }

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER_SIZE > cdEnd || u32(bytes, p) !== SIG_CENTRAL) {
      throw corrupt(`has a damaged table of contents (entry ${i + 1} of ${count})`, `的目录已损坏（第 ${i + 1} 个条目，共 ${count} 个）`);
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const next = p + CENTRAL_HEADER_SIZE + nameLen + extraLen + commentLen;
    if (next > cdEnd) throw corrupt(`has a damaged table of contents (entry ${i + 1})`, `的目录已损坏（第 ${i + 1} 个条目）`);
    const rawName = bytes.subarray(p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLen);
    const name = decodeName(rawName);
    p = next;

    const unsafe = unsafeNameReason(name);
    if (unsafe) {
      throw new IssueFileError('unsafe-path', {
        path,
        detail: `${f.en} contains an entry named ${showName(name)}, with ${unsafe}`,
        detailZh: `${f.zh}含有名为 ${showName(name)} 的条目，其中有不安全的路径（${unsafe}）`,
      });
    }
    if (seen.has(name)) {
      throw new IssueFileError('duplicate-entry', {
        path,
        detail: `${f.en} contains the entry ${showName(name)} twice`,
        detailZh: `${f.zh}含有两个同名条目 ${showName(name)}`,
      });
    }
    seen.add(name);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) {
      throw new IssueFileError('unsupported', {
        path,
        detail: `${f.en} is encrypted (entry ${showName(name)})`,
        detailZh: `${f.zh}已加密（条目 ${showName(name)}）`,
      });
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) {
      throw new IssueFileError('unsupported', {
        path,
        detail: `${f.en} uses compression method ${method} for ${showName(name)}; Banmian reads only stored and deflated entries`,
        detailZh: `${f.zh}的条目 ${showName(name)} 使用了压缩方法 ${method}；版面只支持存储和 deflate`,
      });
    }
    // Declared sizes are checked BEFORE anything is inflated: a zip bomb declares (or hides) a
    // huge size behind a few compressed bytes.
    const bomb = method === METHOD_STORED ? size !== compressedSize : size > limits.maxRatio * compressedSize + 1024;
    if (bomb) {
      throw new IssueFileError(method === METHOD_STORED ? 'corrupt' : 'too-large', {
        path,
        detail: `${f.en}: entry ${showName(name)} declares ${size} bytes from ${compressedSize} stored bytes, which is impossible`,
        detailZh: `${f.zh}：条目 ${showName(name)} 声称由 ${compressedSize} 字节解压为 ${size} 字节，这不可能`,
      });
    }
    total += size;
    if (total > limits.maxTotal) {
      throw new IssueFileError('too-large', {
        path,
        detail: `${f.en} would unpack to more than ${limits.maxTotal} bytes`,
        detailZh: `${f.zh}解压后将超过 ${limits.maxTotal} 字节`,
      });
    }

    // The local header must exist, lie before the table of contents and repeat the same name.
    if (localOffset + LOCAL_HEADER_SIZE > cdOffset || u32(bytes, localOffset) !== SIG_LOCAL) {
      throw corrupt(`: entry ${showName(name)} points to a missing or damaged header`, `：条目 ${showName(name)} 的头部缺失或已损坏`);
    }
    const lNameLen = u16(bytes, localOffset + 26);
    const lExtraLen = u16(bytes, localOffset + 28);
    const dataStart = localOffset + LOCAL_HEADER_SIZE + lNameLen + lExtraLen;
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > cdOffset) {
      throw corrupt(`: entry ${showName(name)} runs past the end of the data`, `：条目 ${showName(name)} 超出了数据末尾`);
    }
    const lName = bytes.subarray(localOffset + LOCAL_HEADER_SIZE, localOffset + LOCAL_HEADER_SIZE + lNameLen);
    if (!sameBytes(lName, rawName)) {
      throw corrupt(`: entry ${showName(name)} has a different name in its own header`, `：条目 ${showName(name)} 的头部名称不一致`);
    }
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset, dataStart, dataEnd });
  }

  // Entries must not share bytes: overlapping entries are how "non-recursive" zip bombs
  // multiply one compressed block many times over.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    if (byOffset[i]!.localOffset < byOffset[i - 1]!.dataEnd) {
      throw corrupt(`: entries ${showName(byOffset[i - 1]!.name)} and ${showName(byOffset[i]!.name)} overlap`, `：条目 ${showName(byOffset[i - 1]!.name)} 与 ${showName(byOffset[i]!.name)} 相互重叠`);
    }
  }
  return entries;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Inflates one entry (already checked by readZipDirectory) and verifies its size and CRC-32. */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, path?: string): Uint8Array {
  const f = fileLabel(path);
  const raw = bytes.subarray(e.dataStart, e.dataEnd);
  let out: Uint8Array;
  if (e.method === METHOD_STORED) {
    out = raw;
  } else {
    // One byte more than declared: fflate fills a given buffer and drops the rest silently, so a
    // full extra byte is how an entry that inflates to MORE than it declared is caught.
    const buf = new Uint8Array(e.size + 1);
    try {
      out = inflateSync(raw, { out: buf });
    } catch (err) {
      throw new IssueFileError('corrupt', {
        path,
        detail: `${f.en}: entry ${showName(e.name)} cannot be decompressed (${err instanceof Error ? err.message : String(err)})`,
        detailZh: `${f.zh}：条目 ${showName(e.name)} 无法解压`,
        cause: err,
      });
    }
  }
  if (out.length !== e.size) {
    throw new IssueFileError('corrupt', {
      path,
      detail: `${f.en}: entry ${showName(e.name)} holds ${out.length > e.size ? 'more' : 'fewer'} bytes than its declared ${e.size}`,
      detailZh: `${f.zh}：条目 ${showName(e.name)} 的实际大小与声明的 ${e.size} 字节不符`,
    });
  }
  if (crc32(out) !== e.crc) {
    throw new IssueFileError('corrupt', {
      path,
      detail: `${f.en}: entry ${showName(e.name)} fails its checksum`,
      detailZh: `${f.zh}：条目 ${showName(e.name)} 校验和错误`,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zip stores it.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// writer

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
