// The sfnt container (TrueType .ttf, OpenType .otf, and .ttc/.otc collections) at the byte level:
// enough to list the faces of a file with their names without parsing any outlines (scanning
// hundreds of system fonts stays cheap), to cut one face out of a collection as a standalone
// font, and to build a collection (test fixtures).
//
// All numbers in an sfnt are big-endian. Offsets in a face's table directory count from the
// start of the FILE, also for faces inside a collection. Spec: OpenType 1.9, chapter
// "The OpenType font file" (offset table, TTC header) and the 'name' and 'OS/2' tables.
import { createHash } from 'node:crypto';

/** One entry of a face's table directory. */
export interface TableRecord {
  /** Four-character table tag, e.g. 'cmap', 'OS/2'. */
  readonly tag: string;
  readonly checksum: number;
  /** Byte offset of the table from the start of the file. */
  readonly offset: number;
  /** Table length in bytes, without padding. */
  readonly length: number;
}

/** What a font file says about one of its faces, read from the table directory and 'name'. */
export interface SfntFaceInfo {
  /** Position of the face in its file: 0 for a plain .ttf/.otf, 0..n-1 inside a collection. */
  readonly faceIndex: number;
  /** Number of faces in the file (1 for a plain font). */
  readonly faceCount: number;
  /** name ID 6. Derived from the full name when a (broken) font has none. */
  readonly postscriptName: string;
  /** Typographic family (name ID 16), else the legacy family (name ID 1). */
  readonly family: string;
  /** Typographic subfamily (name ID 17), else the legacy subfamily (name ID 2), e.g. Bold. */
  readonly subfamily: string;
  /** name ID 4, e.g. "Noto Serif SC Bold". */
  readonly fullName: string;
  /** A Chinese family name when the font has one (e.g. 思源宋体), for the font menu; else null. */
  readonly familyZh: string | null;
  /** OS/2 usWeightClass, 100..900 (400 regular, 700 bold); 400 when the font has no OS/2 table. */
  readonly weight: number;
  /** 'truetype' = glyf outlines, 'cff' = CFF or CFF2 outlines. */
  readonly outlines: 'truetype' | 'cff';
  /**
   * 16 hex digits of SHA-256 over the face's (tag, checksum, length) records. The checksums
   * change with the content, so this tells two versions of a font with the same PostScript name
   * apart without hashing megabytes, and it does not depend on where the file lies.
   */
  readonly fingerprint: string;
}

/** Why a file cannot be used; `code` picks the translated message for the UI. */
export type FontFileProblem =
  | 'unreadable'
  | 'not-a-font'
  | 'web-font'
  | 'type1'
  | 'truncated'
  | 'corrupt'
  | 'no-outlines'
  | 'no-face';

const PROBLEM_ZH: Record<FontFileProblem, string> = {
  unreadable: '无法读取该文件',
  'not-a-font': '该文件不是 TrueType/OpenType 字体',
  'web-font': '这是网页字体（WOFF），请改用 TTF 或 OTF 文件',
  type1: '不支持旧式 PostScript Type 1 字体，请改用 TTF 或 OTF 文件',
  truncated: '字体文件不完整（可能下载或复制未完成）',
  corrupt: '字体文件已损坏',
  'no-outlines': '该字体没有可用于排版的字形轮廓',
  'no-face': '字体集中没有所选的字体',
};

/** A font file that cannot be used. `message` is English detail; `messageZh` is for the UI. */
export class FontFileError extends Error {
  readonly code: FontFileProblem;
  readonly messageZh: string;
  constructor(code: FontFileProblem, message: string, zhDetail = '') {
    super(message);
    this.name = 'FontFileError';
    this.code = code;
    this.messageZh = PROBLEM_ZH[code] + (zhDetail ? `：${zhDetail}` : '');
  }
}

/**
 * The parsers below are generators that yield the byte ranges they need and receive the bytes
 * (fewer at the end of the file). One parser thus serves in-memory data, synchronous file reads
 * (CLI) and asynchronous ones (the app's main process must not block), through the drivers
 * `runParser` / `runParserAsync`.
 */
export interface ReadOp {
  readonly offset: number;
  readonly length: number;
}
export type SfntParser<T> = Generator<ReadOp, T, Uint8Array>;

export function runParser<T>(parser: SfntParser<T>, read: (offset: number, length: number) => Uint8Array): T {
  let step = parser.next();
  while (!step.done) step = parser.next(read(step.value.offset, step.value.length));
  return step.value;
}

export async function runParserAsync<T>(parser: SfntParser<T>, read: (offset: number, length: number) => Promise<Uint8Array>): Promise<T> {
  let step = parser.next();
  while (!step.done) step = parser.next(await read(step.value.offset, step.value.length));
  return step.value;
}

/** Runs a parser over in-memory data. */
const parseBytes = <T>(bytes: Uint8Array, parser: (size: number) => SfntParser<T>): T =>
  runParser(parser(bytes.byteLength), (o, l) => bytes.subarray(o, o + l));

const TAG_TTCF = 0x74746366; // 'ttcf'
const SFNT_TRUETYPE = 0x00010000;
const SFNT_TRUE = 0x74727565; // 'true' (old Apple TrueType)
const SFNT_OTTO = 0x4f54544f; // 'OTTO' (CFF outlines)
/** Caps that no real font reaches; they stop a corrupt header from making us allocate gigabytes. */
const MAX_FACES = 256;
const MAX_TABLES = 512;
/** The name table of a CJK font with many languages is a few kB; 1 MB leaves wide room. */
const MAX_NAME_TABLE = 1 << 20;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const tagString = (n: number) =>
  String.fromCharCode((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);

function* readExactly(offset: number, length: number, what: string): SfntParser<Uint8Array> {
  const b = yield { offset, length };
  if (b.byteLength < length) {
    throw new FontFileError('truncated', `the file ends inside the ${what} (at byte ${offset + b.byteLength}, wanted ${offset + length})`);
  }
  return b;
}

/** Offsets of the faces in a file: [0] for a plain sfnt, the TTC header's list for a collection. */
export function* faceOffsets(size: number): SfntParser<number[]> {
  if (size < 12) throw new FontFileError('not-a-font', `the file is only ${size} bytes long`);
  const head = yield* readExactly(0, 12, 'file header');
  const magic = view(head).getUint32(0);
  if (magic === SFNT_TRUETYPE || magic === SFNT_TRUE || magic === SFNT_OTTO) return [0];
  if (magic === TAG_TTCF) {
    const numFonts = view(head).getUint32(8);
    if (numFonts < 1 || numFonts > MAX_FACES) {
      throw new FontFileError('corrupt', `the collection header claims ${numFonts} faces`);
    }
    const list = view(yield* readExactly(12, numFonts * 4, 'collection header'));
    const offsets: number[] = [];
    for (let i = 0; i < numFonts; i++) {
      const off = list.getUint32(i * 4);
      if (off + 12 > size) throw new FontFileError('truncated', `face ${i} starts at byte ${off}, past the end of the file`);
      offsets.push(off);
    }
    return offsets;
  }
  const tag = tagString(magic);
  if (tag === 'wOFF' || tag === 'wOF2') throw new FontFileError('web-font', `${tag === 'wOFF' ? 'WOFF' : 'WOFF2'} web fonts are not supported; use the TTF or OTF file`);
  if (tag === 'typ1' || (head[0] === 0x80 && head[1] === 0x01) || tag.startsWith('%!')) {
    throw new FontFileError('type1', 'PostScript Type 1 fonts are not supported; use a TTF or OTF file');
  }
  throw new FontFileError('not-a-font', 'the file does not start like a TrueType/OpenType font or collection');
}

/** Version and table count from a face's 12-byte offset table. */
function parseOffsetTable(head: Uint8Array, faceOffset: number): { version: number; numTables: number } {
  const v = view(head);
  const version = v.getUint32(0);
  if (version !== SFNT_TRUETYPE && version !== SFNT_TRUE && version !== SFNT_OTTO) {
    throw new FontFileError('corrupt', `the face at byte ${faceOffset} has an unknown sfnt version 0x${version.toString(16)}`);
  }
  const numTables = v.getUint16(4);
  if (numTables < 1 || numTables > MAX_TABLES) {
    throw new FontFileError('corrupt', `the face at byte ${faceOffset} claims ${numTables} tables`);
  }
  return { version, numTables };
}

/** The 16-byte table records that follow the offset table; each must lie inside the file. */
function parseTableRecords(dir: Uint8Array, numTables: number, size: number): TableRecord[] {
  const v = view(dir);
  const records: TableRecord[] = [];
  for (let i = 0; i < numTables; i++) {
    const r: TableRecord = {
      tag: tagString(v.getUint32(i * 16)),
      checksum: v.getUint32(i * 16 + 4),
      offset: v.getUint32(i * 16 + 8),
      length: v.getUint32(i * 16 + 12),
    };
    if (r.offset + r.length > size) {
      throw new FontFileError('truncated', `table '${r.tag}' runs to byte ${r.offset + r.length} but the file has ${size} bytes`);
    }
    records.push(r);
  }
  return records;
}

/** The sfnt version and table directory of the face whose offset table starts at `faceOffset`. */
export function* readTableDirectory(size: number, faceOffset: number): SfntParser<{ version: number; records: TableRecord[] }> {
  const { version, numTables } = parseOffsetTable(yield* readExactly(faceOffset, 12, 'offset table'), faceOffset);
  return { version, records: parseTableRecords(yield* readExactly(faceOffset + 12, numTables * 16, 'table directory'), numTables, size) };
}

// ---------------------------------------------------------------------------------------------
// the 'name' table

interface NameRecord {
  platform: number;
  encoding: number;
  language: number;
  nameId: number;
  text: string;
}

const utf16be = new TextDecoder('utf-16be');
function decoderFor(platform: number, encoding: number): TextDecoder | null {
  // Unicode platform, and Windows symbol / BMP / full repertoire: UTF-16BE.
  if (platform === 0 || (platform === 3 && (encoding === 0 || encoding === 1 || encoding === 10))) return utf16be;
  if (platform === 1) {
    // Old Mac records: Roman (0), traditional Chinese (2), simplified Chinese (25).
    const label = encoding === 0 ? 'macintosh' : encoding === 2 ? 'big5' : encoding === 25 ? 'gbk' : null;
    if (!label) return null;
    try {
      return new TextDecoder(label);
    } catch {
      return null; // a Node build without full ICU: skip such records
    }
  }
  return null; // Windows legacy code pages (3/2..6) store text oddly; fonts carry UTF-16 too
}

export function parseNameTable(bytes: Uint8Array): NameRecord[] {
  if (bytes.byteLength < 6) throw new FontFileError('corrupt', "the 'name' table is too short");
  const v = view(bytes);
  const count = v.getUint16(2);
  const storage = v.getUint16(4);
  if (6 + count * 12 > bytes.byteLength) throw new FontFileError('corrupt', `the 'name' table claims ${count} records but is ${bytes.byteLength} bytes long`);
  const out: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const p = 6 + i * 12;
    const platform = v.getUint16(p);
    const encoding = v.getUint16(p + 2);
    const len = v.getUint16(p + 8);
    const start = storage + v.getUint16(p + 10);
    if (start + len > bytes.byteLength) continue; // one bad record does not spoil the others
    const dec = decoderFor(platform, encoding);
    if (!dec) continue;
    const text = dec.decode(bytes.subarray(start, start + len)).replace(/\0/g, '').trim();
    if (text) out.push({ platform, encoding, language: v.getUint16(p + 4), nameId: v.getUint16(p + 6), text });
  }
  return out;
}

/** Windows language ids of Chinese locales: zh-CN, zh-SG, zh-TW, zh-HK, zh-MO. */
const ZH_LANGS = new Set([0x0804, 0x1004, 0x0404, 0x0c04, 0x1404]);
/** Mac language ids: 19 traditional Chinese, 33 simplified Chinese. */
const MAC_ZH_LANGS = new Set([19, 33]);

/** Rank of a record as the English (default) name: lower is better. */
function englishRank(r: NameRecord): number {
  if (r.platform === 3 && r.language === 0x0409) return 0;
  if (r.platform === 3 && (r.language & 0x3ff) === 0x09) return 1; // other English locales
  if (r.platform === 0) return 2;
  if (r.platform === 1 && r.language === 0) return 3;
  return 4;
}

function pick(records: NameRecord[], ...ids: number[]): string {
  for (const id of ids) {
    let best: NameRecord | null = null;
    for (const r of records) if (r.nameId === id && (!best || englishRank(r) < englishRank(best))) best = r;
    if (best) return best.text;
  }
  return '';
}

function pickChinese(records: NameRecord[]): string | null {
  for (const id of [16, 1]) {
    const r = records.find(
      (x) => x.nameId === id && ((x.platform === 3 && ZH_LANGS.has(x.language)) || (x.platform === 1 && MAC_ZH_LANGS.has(x.language))),
    );
    if (r && /[\u3400-\u9fff]/.test(r.text)) return r.text;
  }
  return null;
}

function fingerprintOf(records: readonly TableRecord[]): string {
  const h = createHash('sha256');
  for (const r of [...records].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))) {
    h.update(`${r.tag}:${r.checksum}:${r.length};`);
  }
  return h.digest('hex').slice(0, 16);
}

/** Describe one face from its table directory, reading only its 'name' and the start of 'OS/2'. */
function* describeFace(size: number, faceOffset: number, faceIndex: number, faceCount: number): SfntParser<SfntFaceInfo> {
  const { records } = yield* readTableDirectory(size, faceOffset);
  const byTag = new Map(records.map((r) => [r.tag, r]));
  for (const tag of ['cmap', 'head', 'hhea', 'hmtx', 'maxp']) {
    if (!byTag.has(tag)) throw new FontFileError('corrupt', `the face has no '${tag}' table`);
  }
  const outlines = byTag.has('glyf') && byTag.has('loca') ? 'truetype' : byTag.has('CFF ') || byTag.has('CFF2') ? 'cff' : null;
  if (!outlines) throw new FontFileError('no-outlines', 'the face has no glyf or CFF outlines (a bitmap-only or colour-only font)');
  const nameRec = byTag.get('name');
  if (!nameRec) throw new FontFileError('corrupt', "the face has no 'name' table");
  if (nameRec.length > MAX_NAME_TABLE) throw new FontFileError('corrupt', `the 'name' table is ${nameRec.length} bytes long`);
  const names = parseNameTable(yield* readExactly(nameRec.offset, nameRec.length, "'name' table"));

  const family = pick(names, 16, 1);
  const subfamily = pick(names, 17, 2) || 'Regular';
  const fullName = pick(names, 4) || `${family} ${subfamily}`.trim();
  // PostScript names are printable ASCII without spaces or []{}()<>/% (OpenType 'name' ID 6).
  const postscriptName = (pick(names, 6) || fullName).replace(/[\s[\](){}<>/%]/g, '').replace(/[^\x21-\x7e]/g, '');
  if (!postscriptName) throw new FontFileError('corrupt', 'the face has neither a PostScript name nor a full name');

  let weight = 400;
  const os2 = byTag.get('OS/2');
  if (os2 && os2.length >= 6) {
    const w = view(yield* readExactly(os2.offset, 6, "'OS/2' table")).getUint16(4);
    // A few old fonts store 1..9 instead of 100..900.
    if (w >= 1 && w <= 9) weight = w * 100;
    else if (w >= 50 && w <= 1000) weight = w;
  }
  return {
    faceIndex,
    faceCount,
    postscriptName,
    family: family || postscriptName,
    subfamily,
    fullName,
    familyZh: pickChinese(names),
    weight,
    outlines,
    fingerprint: fingerprintOf(records),
  };
}

/**
 * Every face of a font file (one for .ttf/.otf, several for .ttc/.otc), from the headers and
 * 'name' tables only. Throws FontFileError when the file cannot be used.
 */
export function* readFontFaces(size: number): SfntParser<SfntFaceInfo[]> {
  const offsets = yield* faceOffsets(size);
  const faces: SfntFaceInfo[] = [];
  for (let i = 0; i < offsets.length; i++) {
    try {
      faces.push(yield* describeFace(size, offsets[i]!, i, offsets.length));
    } catch (e) {
      if (e instanceof FontFileError && offsets.length > 1) {
        throw new FontFileError(e.code, `face ${i} of the collection: ${e.message}`);
      }
      throw e;
    }
  }
  return faces;
}

/** The faces of in-memory font data (see readFontFaces). */
export function fontFacesOfBytes(bytes: Uint8Array): SfntFaceInfo[] {
  return parseBytes(bytes, readFontFaces);
}

// ---------------------------------------------------------------------------------------------
// writing

/** Sum of the big-endian uint32 words of `b`, the last word padded with zeros (OpenType checksum). */
export function sfntChecksum(b: Uint8Array): number {
  const v = view(b);
  let sum = 0;
  const whole = b.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  if (whole < b.byteLength) {
    let last = 0;
    for (let i = 0; i < 4; i++) last = (last << 8) | (b[whole + i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

const pad4 = (n: number) => (n + 3) & ~3;
/** 'head' checkSumAdjustment is set so that the whole file sums to this (OpenType 'head'). */
const CHECKSUM_MAGIC = 0xb1b0afba;

const faceOffsetsSync = (bytes: Uint8Array) => parseBytes(bytes, faceOffsets);

/** Number of faces in font data: 1 for a plain sfnt, the face count for a collection. */
export const faceCount = (bytes: Uint8Array): number => faceOffsetsSync(bytes).length;

/** One table's tag and bytes (unpadded), for writing. */
export interface SfntTable {
  tag: string;
  data: Uint8Array;
}

/** The sfnt version and tables of face `index` of `bytes` (a collection or a plain sfnt), as copies. */
export function faceTables(bytes: Uint8Array, index: number): { version: number; tables: SfntTable[] } {
  const offsets = faceOffsetsSync(bytes);
  const at = offsets[index];
  if (at === undefined || !Number.isInteger(index)) {
    throw new FontFileError('no-face', `face ${index} asked for, but the data holds ${offsets.length} face(s)`, `共 ${offsets.length} 个字体，没有第 ${index} 个`);
  }
  const { version, records } = parseBytes(bytes, (size) => readTableDirectory(size, at));
  return { version, tables: records.map((r) => ({ tag: r.tag, data: bytes.slice(r.offset, r.offset + r.length) })) };
}

/** Write one sfnt (offset table, directory, tables) at `out[base..]`, table data from `dataAt`. */
function writeFace(out: Uint8Array, base: number, version: number, tables: { tag: string; data: Uint8Array }[], dataAt: number): number {
  const v = view(out);
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 16 * 2 ** entrySelector;
  v.setUint32(base, version);
  v.setUint16(base + 4, n);
  v.setUint16(base + 6, searchRange);
  v.setUint16(base + 8, entrySelector);
  v.setUint16(base + 10, n * 16 - searchRange);
  let pos = dataAt;
  tables.forEach((t, i) => {
    const rec = base + 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = t.tag.charCodeAt(k);
    v.setUint32(rec + 4, sfntChecksum(t.data));
    v.setUint32(rec + 8, pos);
    v.setUint32(rec + 12, t.data.byteLength);
    out.set(t.data, pos);
    pos += pad4(t.data.byteLength);
  });
  return pos;
}

const byTagOrder = (a: { tag: string }, b: { tag: string }) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);

/**
 * A plain sfnt file of `tables`, in tag order, with a fresh directory, table checksums and
 * head.checkSumAdjustment. `version` is the sfnt version of the source face (0x00010000 or 'OTTO').
 */
export function writeSfnt(version: number, tables: readonly SfntTable[]): Uint8Array {
  const sorted = tables.map((t) => ({ tag: t.tag, data: t.data.slice() })).sort(byTagOrder);
  const head = sorted.find((t) => t.tag === 'head');
  if (head && head.data.byteLength >= 12) view(head.data).setUint32(8, 0); // checksum with adjustment 0
  const dirSize = 12 + sorted.length * 16;
  const total = sorted.reduce((s, t) => s + pad4(t.data.byteLength), pad4(dirSize));
  const out = new Uint8Array(total);
  writeFace(out, 0, version, sorted, pad4(dirSize));
  if (head && head.data.byteLength >= 12) {
    const headAt = view(out).getUint32(12 + sorted.indexOf(head) * 16 + 8);
    view(out).setUint32(headAt + 8, (CHECKSUM_MAGIC - sfntChecksum(out)) >>> 0);
  }
  return out;
}

/**
 * A standalone font file holding face `index` of a collection: the face's tables copied, the
 * directory rebuilt with new offsets and checksums, and head.checkSumAdjustment recomputed.
 * A DSIG table is dropped: it signs the original file and would no longer verify. Works on a
 * plain sfnt too (index 0), which yields a normalised copy.
 */
export function extractFace(ttcBytes: Uint8Array, index: number): Uint8Array {
  const { version, tables } = faceTables(ttcBytes, index);
  return writeSfnt(version, tables.filter((t) => t.tag !== 'DSIG'));
}

/**
 * A TrueType collection (TTC version 1.0) holding the given plain fonts, in order. Tables are
 * not shared between faces. Used to make collection fixtures for tests.
 */
export function buildCollection(fonts: readonly Uint8Array[]): Uint8Array {
  if (fonts.length < 1 || fonts.length > MAX_FACES) throw new RangeError(`a collection holds 1..${MAX_FACES} faces, got ${fonts.length}`);
  const faces = fonts.map((f, i) => {
    if (faceOffsetsSync(f).length !== 1) throw new RangeError(`font ${i} is itself a collection`);
    const face = faceTables(f, 0);
    return { version: face.version, tables: face.tables.sort(byTagOrder) };
  });
  const headerSize = 12 + 4 * faces.length;
  const dirSizes = faces.map((f) => 12 + 16 * f.tables.length);
  let dataAt = pad4(headerSize + dirSizes.reduce((a, b) => a + b, 0));
  const total = faces.reduce((s, f) => s + f.tables.reduce((t, x) => t + pad4(x.data.byteLength), 0), dataAt);
  const out = new Uint8Array(total);
  const v = view(out);
  v.setUint32(0, TAG_TTCF);
  v.setUint32(4, 0x00010000);
  v.setUint32(8, faces.length);
  let dirAt = headerSize;
  faces.forEach((f, i) => {
    v.setUint32(12 + i * 4, dirAt);
    dataAt = writeFace(out, dirAt, f.version, f.tables, dataAt);
    dirAt += dirSizes[i]!;
  });
  return out;
}
