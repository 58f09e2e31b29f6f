// Reading the few parts of a Word document out of its zip container (renderer/import/docx.ts).
//
// main/files/zip.ts is the strict reader of .banmian files; the renderer may not import main/, and
// a .docx needs less: read-only, in memory, a handful of named entries. What is checked here is
// what makes untrusted bytes safe to read: every offset against the buffer, the declared size of
// an entry against a limit BEFORE it is inflated, the inflated size against the declared one (one
// byte more is allotted, so an entry that inflates to more than it declares is caught, not cut),
// and the CRC-32. fflate does only the DEFLATE decompression (its unzipSync trusts the declared
// sizes and silently truncates, see main/files/zip.ts).
//
// Failures are ZipReadError with a short English reason; docx.ts words them for the user.
import { inflateSync } from 'fflate';

// Record signatures (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_HEADER_SIZE = 46;
const END_SIZE = 22;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const MAX_COMMENT = 0xffff;
/** General-purpose flag bits (APPNOTE 4.4.4): 0 = encrypted, 6 = strong encryption. */
const FLAG_ENCRYPTED = 0x0001 | 0x0040;

export type ZipProblem = 'not-a-zip' | 'truncated' | 'damaged' | 'encrypted' | 'too-large' | 'unsupported';

export class ZipReadError extends Error {
  override readonly name = 'ZipReadError';
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface ZipDirEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

export const startsLikeZip = (b: Uint8Array): boolean => b.length >= 4 && u32(b, 0) === SIG_LOCAL;

/** Lists the entries of the archive from its central directory. Inflates nothing. */
export function readZipEntries(bytes: Uint8Array, maxEntries = 10_000): ZipDirEntry[] {
  let end = -1;
  const lowest = Math.max(0, bytes.length - END_SIZE - MAX_COMMENT);
  for (let i = bytes.length - END_SIZE; i >= lowest; i--) {
    if (bytes[i] === 0x50 && u32(bytes, i) === SIG_END && i + END_SIZE + u16(bytes, i + 20) <= bytes.length) {
      end = i;
      break;
    }
  }
  if (end < 0) {
    if (startsLikeZip(bytes)) throw new ZipReadError('truncated', `a zip archive whose end is missing (${bytes.length} bytes)`);
    throw new ZipReadError('not-a-zip', 'not a zip archive');
  }
  const count = u16(bytes, end + 10);
  const cdSize = u32(bytes, end + 12);
  const cdOffset = u32(bytes, end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipReadError('unsupported', 'a Zip64 archive (over 4 GB or 65,535 entries)');
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0) throw new ZipReadError('unsupported', 'one part of a multi-part (spanned) zip archive');
  if (count > maxEntries) throw new ZipReadError('too-large', `${count} entries in the archive; the limit is ${maxEntries}`);
  if (cdOffset + cdSize > end) throw new ZipReadError('truncated', 'part of the archive’s table of contents is missing');

  const names = new TextDecoder('utf-8');
  const out: ZipDirEntry[] = [];
  let p = cdOffset;
  const cdEnd = cdOffset + cdSize;
  for (let k = 0; k < count; k++) {
    if (p + CENTRAL_HEADER_SIZE > cdEnd || u32(bytes, p) !== SIG_CENTRAL) throw new ZipReadError('damaged', `the archive’s table of contents is damaged (entry ${k + 1} of ${count})`);
    const nameLen = u16(bytes, p + 28);
    const next = p + CENTRAL_HEADER_SIZE + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
    if (next > cdEnd) throw new ZipReadError('damaged', `the archive’s table of contents is damaged (entry ${k + 1})`);
    out.push({
      name: names.decode(bytes.subarray(p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLen)),
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      localOffset: u32(bytes, p + 42),
    });
    p = next;
  }
  return out;
}

/**
 * Inflates one entry and checks it. `maxSize` bounds the declared size, checked before anything
 * is inflated (a zip bomb declares a huge size, or lies about it, behind a few bytes).
 */
export function readZipEntry(bytes: Uint8Array, e: ZipDirEntry, maxSize: number): Uint8Array {
  const label = JSON.stringify(e.name);
  if (e.flags & FLAG_ENCRYPTED) throw new ZipReadError('encrypted', `entry ${label} is encrypted`);
  if (e.method !== 0 && e.method !== 8) throw new ZipReadError('unsupported', `entry ${label} uses compression method ${e.method}`);
  if (e.size > maxSize) throw new ZipReadError('too-large', `entry ${label} is ${e.size} bytes; the limit is ${maxSize}`);
  if (e.localOffset + LOCAL_HEADER_SIZE > bytes.length || u32(bytes, e.localOffset) !== SIG_LOCAL) throw new ZipReadError('damaged', `entry ${label} points to a missing header`);
  const start = e.localOffset + LOCAL_HEADER_SIZE + u16(bytes, e.localOffset + 26) + u16(bytes, e.localOffset + 28);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw new ZipReadError('truncated', `entry ${label} runs past the end of the file`);
  const raw = bytes.subarray(start, end);
  let data: Uint8Array;
  if (e.method === 0) data = raw;
  else {
    try {
      data = inflateSync(raw, { out: new Uint8Array(e.size + 1) });
    } catch (err) {
      throw new ZipReadError('damaged', `entry ${label} cannot be decompressed (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (data.length !== e.size) throw new ZipReadError('damaged', `entry ${label} holds ${data.length > e.size ? 'more' : 'fewer'} bytes than its declared ${e.size}`);
  if (crc32(data) !== e.crc) throw new ZipReadError('damaged', `entry ${label} fails its checksum`);
  return data;
}

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

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
