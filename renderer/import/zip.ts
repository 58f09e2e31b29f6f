// The one zip reader of Banmian: lists and checks an archive's entries, then inflates the ones a
// caller asks for. Two callers word its problems for the user in English and Chinese:
// main/files/zip.ts for the .banmian issue container (IssueFileError, with the writer beside it)
// and renderer/import/docx.ts for Word documents (DocxImportError).
//
// Why it lives here: the .docx import runs in the sandboxed renderer, which may import only types
// from main/ (eslint.config.mjs, test/lint-boundaries.test.ts), while main may import pure
// renderer modules (it already imports renderer/model, renderer/engine and, for `banmian new
// --from-text a.docx`, renderer/import/docx). renderer/import is linted as pure (no Node I/O, no
// DOM, no Electron) and is where the renderer already reads zips, so the shared reader is here and
// main wraps it. Only main writes zips, so the writer stays in main/files/zip.ts.
//
// Why not fflate's unzipSync: it trusts the declared sizes (it allocates what an entry declares
// and silently truncates an entry that inflates to more), accepts any entry name and keeps the
// last of two entries with the same name. Reading untrusted files needs each of those to be a
// named problem, so the central directory is parsed here and fflate does only the DEFLATE step.
//
// Checked before anything is inflated (readZipDirectory): every offset against the buffer, the
// number of entries, unsafe and duplicate names, encryption, the compression method, each declared
// size against its compressed size and the sum against a limit, each local header (present, before
// the table of contents, the same name) and that no two entries share bytes. Checked while
// inflating (readZipEntry): an optional per-entry size limit, the inflated size against the
// declared one and the CRC-32.
//
// Nothing here touches the disk: entries are only read into memory, never extracted, so an entry
// named ../x cannot write anywhere; such names are still refused, because neither Banmian nor Word
// makes them and an archive that contains them was crafted.
//
// Failures are ZipReadError: `problem` is a typed code with its facts (for callers that word each
// one, as main does), `kind` a coarse class (for callers that word a few, as the docx import
// does), `message` a short English reason without the file's name.
import { inflateSync } from 'fflate';

// Record signatures (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16, 4.3.15).
export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_END = 0x06054b50;
const SIG_ZIP64_END_LOCATOR = 0x07064b50;
export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const END_SIZE = 22;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const MAX_COMMENT = 0xffff;
/** Size of the Zip64 end-of-central-directory locator, which stands right before the end record. */
const ZIP64_LOCATOR_SIZE = 20;

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
/** General-purpose flag bits (APPNOTE 4.4.4): 0 = encrypted, 6 = strong encryption. */
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;

/**
 * DEFLATE cannot exceed about 1032:1 (a 258-byte match costs at least 2 bits), so a deflated entry
 * that declares more than this ratio is a lie or a bomb.
 */
export const MAX_DEFLATE_RATIO = 1100;

export interface ZipLimits {
  /** Most uncompressed bytes in the whole archive, summed over the declared sizes. */
  maxTotal: number;
  /** Most entries. */
  maxEntries: number;
  /** Largest uncompressed/compressed ratio of a deflated entry (MAX_DEFLATE_RATIO). */
  maxRatio: number;
}

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

/** What is wrong with an archive, with the facts a message needs. Names are as decoded. */
export type ZipProblem =
  | { code: 'empty' }
  | { code: 'not-a-zip' }
  /** Starts like a zip but has no end record: cut off. `length` is the file's size in bytes. */
  | { code: 'no-end'; length: number }
  | { code: 'zip64' }
  | { code: 'multi-part' }
  | { code: 'too-many-entries'; count: number; limit: number }
  /** The table of contents runs past the end record of a file that starts like a zip: cut off. */
  | { code: 'directory-cut' }
  | { code: 'directory-outside' }
  /** `entry` counts from 1; `of` is the declared count when the record itself is unreadable. */
  | { code: 'directory-damaged'; entry: number; of?: number }
  /** `reason` is unsafeNameReason's phrase. */
  | { code: 'unsafe-name'; name: string; reason: string }
  | { code: 'duplicate-name'; name: string }
  | { code: 'encrypted'; name: string }
  | { code: 'method'; name: string; method: number }
  /** A stored entry whose sizes differ, or a deflated one over maxRatio. */
  | { code: 'impossible-size'; name: string; method: number; size: number; compressedSize: number }
  | { code: 'too-large-total'; limit: number }
  | { code: 'bad-local-header'; name: string }
  | { code: 'past-data-end'; name: string }
  | { code: 'name-mismatch'; name: string }
  | { code: 'overlap'; first: string; second: string }
  /** Over the caller's limit for this entry (readZipEntry's maxSize). */
  | { code: 'entry-too-large'; name: string; size: number; limit: number }
  | { code: 'inflate-failed'; name: string; cause: unknown }
  | { code: 'size-mismatch'; name: string; actual: number; declared: number }
  | { code: 'bad-crc'; name: string };

export type ZipProblemCode = ZipProblem['code'];

/** The coarse classes of ZipProblem, for callers that word only a few. */
export type ZipProblemKind = 'not-a-zip' | 'truncated' | 'damaged' | 'encrypted' | 'too-large' | 'unsupported';

export function zipProblemKind(p: ZipProblem): ZipProblemKind {
  switch (p.code) {
    case 'empty':
    case 'not-a-zip':
      return 'not-a-zip';
    case 'no-end':
    case 'directory-cut':
      return 'truncated';
    case 'encrypted':
      return 'encrypted';
    case 'zip64':
    case 'multi-part':
    case 'method':
      return 'unsupported';
    case 'too-many-entries':
    case 'too-large-total':
    case 'entry-too-large':
      return 'too-large';
    case 'impossible-size':
      // A stored entry cannot grow: its two sizes disagreeing is damage. A deflated one declaring
      // more than DEFLATE can give is a bomb (or a lie) and is refused as too large.
      return p.method === METHOD_STORED ? 'damaged' : 'too-large';
    default:
      return 'damaged';
  }
}

/** A name for messages: JSON-quoted, cut at 80 characters. */
export function showName(name: string): string {
  const s = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  return JSON.stringify(s);
}

/** A short English reason, without the file's name. */
export function describeZipProblem(p: ZipProblem): string {
  switch (p.code) {
    case 'empty':
      return 'an empty file';
    case 'not-a-zip':
      return 'not a zip archive';
    case 'no-end':
      return `a zip archive whose end is missing (${p.length} bytes)`;
    case 'zip64':
      return 'a Zip64 archive (over 4 GB or 65,535 entries)';
    case 'multi-part':
      return 'one part of a multi-part (spanned) zip archive';
    case 'too-many-entries':
      return `${p.count} entries in the archive; the limit is ${p.limit}`;
    case 'directory-cut':
      return 'part of the archive’s table of contents is missing';
    case 'directory-outside':
      return 'the archive’s table of contents points outside the file';
    case 'directory-damaged':
      return `the archive’s table of contents is damaged (entry ${p.entry}${p.of !== undefined ? ` of ${p.of}` : ''})`;
    case 'unsafe-name':
      return `entry ${showName(p.name)} has an unsafe name, with ${p.reason}`;
    case 'duplicate-name':
      return `the entry ${showName(p.name)} is there twice`;
    case 'encrypted':
      return `entry ${showName(p.name)} is encrypted`;
    case 'method':
      return `entry ${showName(p.name)} uses compression method ${p.method}`;
    case 'impossible-size':
      return `entry ${showName(p.name)} declares ${p.size} bytes from ${p.compressedSize} stored bytes, which is impossible`;
    case 'too-large-total':
      return `the archive would unpack to more than ${p.limit} bytes`;
    case 'bad-local-header':
      return `entry ${showName(p.name)} points to a missing or damaged header`;
    case 'past-data-end':
      return `entry ${showName(p.name)} runs past the end of the data`;
    case 'name-mismatch':
      return `entry ${showName(p.name)} has a different name in its own header`;
    case 'overlap':
      return `entries ${showName(p.first)} and ${showName(p.second)} overlap`;
    case 'entry-too-large':
      return `entry ${showName(p.name)} is ${p.size} bytes; the limit is ${p.limit}`;
    case 'inflate-failed':
      return `entry ${showName(p.name)} cannot be decompressed (${causeText(p.cause)})`;
    case 'size-mismatch':
      return `entry ${showName(p.name)} holds ${p.actual > p.declared ? 'more' : 'fewer'} bytes than its declared ${p.declared}`;
    case 'bad-crc':
      return `entry ${showName(p.name)} fails its checksum`;
  }
}

export const causeText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class ZipReadError extends Error {
  override readonly name = 'ZipReadError';
  readonly kind: ZipProblemKind;
  constructor(readonly problem: ZipProblem) {
    super(describeZipProblem(problem), problem.code === 'inflate-failed' ? { cause: problem.cause } : undefined);
    this.kind = zipProblemKind(problem);
  }
}

function fail(p: ZipProblem): never {
  throw new ZipReadError(p);
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(raw: Uint8Array): string {
  // Names are decoded as UTF-8 whatever flag 11 says (Banmian writes ASCII names, Word and
  // LibreOffice ASCII part names); bytes that are not UTF-8 fall back to Latin-1 so that '/', '\'
  // and '.' still show for the checks.
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

/** True when the bytes begin with a local file header, as every zip made by a normal tool does. */
export const startsLikeZip = (b: Uint8Array): boolean => b.length >= 4 && u32(b, 0) === SIG_LOCAL;

/**
 * Parses and checks the central directory: entry names, duplicates, sizes against the limits,
 * and every local header. Inflates nothing. Throws ZipReadError.
 */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits): ZipEntry[] {
  if (bytes.length === 0) fail({ code: 'empty' });
  // Find the end-of-central-directory record, last one first (the comment may contain the signature).
  let end = -1;
  const lowest = Math.max(0, bytes.length - END_SIZE - MAX_COMMENT);
  for (let i = bytes.length - END_SIZE; i >= lowest; i--) {
    if (bytes[i] === 0x50 && u32(bytes, i) === SIG_END && i + END_SIZE + u16(bytes, i + 20) <= bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) fail(startsLikeZip(bytes) ? { code: 'no-end', length: bytes.length } : { code: 'not-a-zip' });

  const disk = u16(bytes, end + 4);
  const cdDisk = u16(bytes, end + 6);
  const countHere = u16(bytes, end + 8);
  const count = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff || (end >= ZIP64_LOCATOR_SIZE && u32(bytes, end - ZIP64_LOCATOR_SIZE) === SIG_ZIP64_END_LOCATOR)) {
    fail({ code: 'zip64' });
  }
  if (disk !== 0 || cdDisk !== 0 || countHere !== count) fail({ code: 'multi-part' });
  if (count > limits.maxEntries) fail({ code: 'too-many-entries', count, limit: limits.maxEntries });
  if (cdOffset + cdSize > end) fail(startsLikeZip(bytes) && cdOffset <= end ? { code: 'directory-cut' } : { code: 'directory-outside' });

  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER_SIZE > cdEnd || u32(bytes, p) !== SIG_CENTRAL) fail({ code: 'directory-damaged', entry: i + 1, of: count });
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
    if (next > cdEnd) fail({ code: 'directory-damaged', entry: i + 1 });
    const rawName = bytes.subarray(p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLen);
    const name = decodeName(rawName);
    p = next;

    const reason = unsafeNameReason(name);
    if (reason) fail({ code: 'unsafe-name', name, reason });
    if (seen.has(name)) fail({ code: 'duplicate-name', name });
    seen.add(name);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) fail({ code: 'encrypted', name });
    if (method !== METHOD_STORED && method !== METHOD_DEFLATE) fail({ code: 'method', name, method });
    // Declared sizes are checked BEFORE anything is inflated: a zip bomb declares (or hides) a
    // huge size behind a few compressed bytes. The 1024 bytes of slack let a tiny entry (a few
    // bytes of DEFLATE overhead) pass whatever its ratio.
    const impossible = method === METHOD_STORED ? size !== compressedSize : size > limits.maxRatio * compressedSize + 1024;
    if (impossible) fail({ code: 'impossible-size', name, method, size, compressedSize });
    total += size;
    if (total > limits.maxTotal) fail({ code: 'too-large-total', limit: limits.maxTotal });

    // The local header must exist, lie before the table of contents and repeat the same name.
    if (localOffset + LOCAL_HEADER_SIZE > cdOffset || u32(bytes, localOffset) !== SIG_LOCAL) fail({ code: 'bad-local-header', name });
    const lNameLen = u16(bytes, localOffset + 26);
    const lExtraLen = u16(bytes, localOffset + 28);
    const dataStart = localOffset + LOCAL_HEADER_SIZE + lNameLen + lExtraLen;
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > cdOffset) fail({ code: 'past-data-end', name });
    const lName = bytes.subarray(localOffset + LOCAL_HEADER_SIZE, localOffset + LOCAL_HEADER_SIZE + lNameLen);
    if (!sameBytes(lName, rawName)) fail({ code: 'name-mismatch', name });
    entries.push({ name, method, flags, crc, compressedSize, size, localOffset, dataStart, dataEnd });
  }

  // Entries must not share bytes: overlapping entries are how "non-recursive" zip bombs
  // multiply one compressed block many times over.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    if (byOffset[i]!.localOffset < byOffset[i - 1]!.dataEnd) fail({ code: 'overlap', first: byOffset[i - 1]!.name, second: byOffset[i]!.name });
  }
  return entries;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Inflates one entry (from readZipDirectory of the same bytes) and verifies its size and CRC-32.
 * `maxSize` bounds the declared size, checked before anything is inflated. Throws ZipReadError.
 */
export function readZipEntry(bytes: Uint8Array, e: ZipEntry, maxSize = Infinity): Uint8Array {
  if (e.size > maxSize) fail({ code: 'entry-too-large', name: e.name, size: e.size, limit: maxSize });
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
    } catch (cause) {
      return fail({ code: 'inflate-failed', name: e.name, cause });
    }
  }
  if (out.length !== e.size) fail({ code: 'size-mismatch', name: e.name, actual: out.length, declared: e.size });
  if (crc32(out) !== e.crc) fail({ code: 'bad-crc', name: e.name });
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
