// Images placed in an issue. Each is stored once in the .banmian file, under the SHA-256 of its
// bytes (assets/<sha256>.<ext>), and issue.json refers to it by that hash. The format, pixel size
// and EXIF orientation are read from the file header: no image library, no decoding.
//
// The size recorded is the picture's upright size, after its EXIF orientation (what a phone
// writes instead of turning the pixels; InDesign honours it on place too): Chromium shows JPEG
// and PNG upright on screen, and main's screen previews and the press conversion turn the pixels
// upright with sharp's autoOrient (images.ts), so layout, screen and PDF all see one picture.
import { createHash } from 'node:crypto';
import type { Asset, AssetId } from '../../renderer/model';
import { IssueFileError } from './errors';

export type AssetMime = Asset['mime'];

/** File extension used inside the archive for each type. */
export const ASSET_EXT: Record<AssetMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
};

/** Largest pixel size on either side (the schema's limit). */
const MAX_PIXELS = 100_000;

export function sha256Hex(bytes: Uint8Array): AssetId {
  return createHash('sha256').update(bytes).digest('hex') as AssetId;
}

/** Archive entry name of an asset: assets/<sha256>.<ext>. */
export function assetEntryName(asset: Pick<Asset, 'id' | 'mime'>): string {
  return `assets/${asset.id}.${ASSET_EXT[asset.mime]}`;
}

export interface ImageInfo {
  mime: AssetMime;
  /** Pixel size of the upright picture: the stored size, sides swapped for orientations 5-8. */
  width: number;
  height: number;
  /**
   * EXIF orientation, 1..8 (TIFF 6.0 / Exif tag 0x0112, Orientation): how the stored pixels are
   * turned or mirrored to view them; 1 (as stored) when absent or out of range, as Chromium and
   * libvips read it.
   */
  orientation: number;
}

/** A header's findings before orientation is applied: the stored pixel size. */
type Stored = Omit<ImageInfo, 'orientation'> & { orientation?: number };

const be16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const be32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const le16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const le32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

/**
 * The Orientation tag (274) of the first IFD of a TIFF structure at `start` .. `end` of `b`: a
 * TIFF file itself, the Exif block of a JPEG's APP1 segment or a PNG's eXIf chunk. 1 when it is
 * absent, damaged or outside 1..8 (then readers show the pixels as stored).
 */
export function tiffOrientation(b: Uint8Array, start = 0, end = b.length): number {
  if (end - start < 8) return 1;
  const order = ascii(b, start, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const r16 = order === 'II' ? le16 : be16;
  const r32 = order === 'II' ? le32 : be32;
  if (r16(b, start + 2) !== 42) return 1;
  const ifd = start + r32(b, start + 4);
  if (ifd < start + 8 || ifd + 2 > end) return 1;
  const n = r16(b, ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) return 1;
    if (r16(b, e) !== 274) continue;
    // SHORT (3), count 1: the value sits in the first two bytes of the value field.
    const v = r16(b, e + 2) === 3 && r32(b, e + 4) === 1 ? r16(b, e + 8) : 0;
    return v >= 1 && v <= 8 ? v : 1;
  }
  return 1;
}

/** A name for formats we recognise but do not place, for a better message. */
function otherFormat(b: Uint8Array): string | null {
  if (ascii(b, 0, 4) === 'GIF8') return 'GIF';
  if (ascii(b, 0, 2) === 'BM') return 'BMP';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'WebP';
  if (ascii(b, 0, 4) === '%PDF') return 'PDF';
  if (ascii(b, 0, 4) === '8BPS') return 'Photoshop (PSD)';
  if (ascii(b, 4, 4) === 'ftyp' && /^(heic|heix|mif1|msf1|avif)$/.test(ascii(b, 8, 4))) return 'HEIC/AVIF';
  if (/^\s*(<\?xml|<svg)/.test(ascii(b, 0, 64))) return 'SVG';
  if (ascii(b, 0, 4) === '%!PS' || be32(b, 0) === 0xc5d0d3c6) return 'EPS';
  if (ascii(b, 0, 4) === 'II+\0' || ascii(b, 0, 4) === 'MM\0+') return 'BigTIFF';
  return null;
}

function png(b: Uint8Array): Stored | string {
  // 8-byte signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return 'the PNG header is incomplete';
  return { mime: 'image/png', width: be32(b, 16), height: be32(b, 20), orientation: pngOrientation(b) };
}

/**
 * Orientation from a PNG's eXIf chunk (PNG 3rd edition; a TIFF structure without the "Exif\0\0"
 * prefix JPEG uses). Only chunks before the image data count: the chunk must come before IDAT,
 * and Chromium reads it only there.
 */
function pngOrientation(b: Uint8Array): number {
  let p = 8;
  while (p + 8 <= b.length) {
    const len = be32(b, p);
    const type = ascii(b, p + 4, 4);
    if (type === 'IDAT' || type === 'IEND') return 1;
    if (type === 'eXIf') return tiffOrientation(b, p + 8, Math.min(b.length, p + 8 + len));
    p += 12 + len;
  }
  return 1;
}

/** JPEG start-of-frame markers that carry the size: SOF0-3, 5-7, 9-11, 13-15 (not DHT C4, JPG C8, DAC CC). */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpeg(b: Uint8Array): Stored | string {
  let p = 2;
  // From the first APP1 segment that holds Exif (it comes before the frame header).
  let orientation: number | undefined;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return 'the JPEG markers are damaged';
    let m = b[p + 1]!;
    // 0xFF fill bytes may pad between markers.
    while (m === 0xff && p + 2 < b.length) {
      p++;
      m = b[p + 1]!;
    }
    p += 2;
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) continue; // markers without a length
    if (m === 0xd9 || m === 0xda) return 'the JPEG has no frame header before its image data';
    if (p + 2 > b.length) break;
    const len = be16(b, p);
    if (len < 2) return 'the JPEG markers are damaged';
    // APP1: length, "Exif\0\0", then a TIFF structure.
    if (m === 0xe1 && orientation === undefined && len >= 16 && ascii(b, p + 2, 6) === 'Exif\0\0') {
      orientation = tiffOrientation(b, p + 8, Math.min(b.length, p + len));
    }
    if (isSof(m)) {
      if (p + 7 > b.length) break;
      const height = be16(b, p + 3);
      const width = be16(b, p + 5);
      if (height === 0) return 'the JPEG gives its height later in the data (DNL), which Banmian does not read';
      return { mime: 'image/jpeg', width, height, orientation: orientation ?? 1 };
    }
    p += len;
  }
  return 'the JPEG header is incomplete';
}

function tiff(b: Uint8Array): Stored | string {
  const le = b[0] === 0x49;
  const r16 = le ? le16 : be16;
  const r32 = le ? le32 : be32;
  const ifd = r32(b, 4);
  if (ifd < 8 || ifd + 2 > b.length) return 'the TIFF header is incomplete';
  const n = r16(b, ifd);
  let width = 0;
  let height = 0;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > b.length) return 'the TIFF header is incomplete';
    const tag = r16(b, e);
    if (tag !== 256 && tag !== 257) continue; // ImageWidth, ImageLength
    const type = r16(b, e + 2);
    // SHORT (3) sits in the first two bytes of the value field; LONG (4) fills it.
    const v = type === 3 ? r16(b, e + 8) : type === 4 ? r32(b, e + 8) : 0;
    if (tag === 256) width = v;
    else height = v;
  }
  if (!width || !height) return 'the TIFF does not give its pixel size';
  return { mime: 'image/tiff', width, height, orientation: tiffOrientation(b) };
}

/**
 * Identifies a JPEG, PNG or TIFF by its first bytes and reads its pixel size. Throws an
 * IssueFileError 'bad-image' naming the file and what it is instead.
 */
export function sniffImage(bytes: Uint8Array, name: string): ImageInfo {
  const label = `"${name}"`;
  const labelZh = `“${name}”`;
  let r: Stored | string;
  if (bytes.length >= 8 && be32(bytes, 0) === 0x89504e47 && be32(bytes, 4) === 0x0d0a1a0a) r = png(bytes);
  else if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) r = jpeg(bytes);
  else if (bytes.length >= 8 && (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*')) r = tiff(bytes);
  else {
    const other = bytes.length >= 12 ? otherFormat(bytes) : null;
    throw new IssueFileError('bad-image', {
      path: name,
      detail: `${label} is not a JPEG, PNG or TIFF image${other ? ` (it is ${other})` : bytes.length === 0 ? ' (it is empty)' : ''}`,
      detailZh: `${labelZh}不是 JPEG、PNG 或 TIFF 图片${other ? `（它是 ${other}）` : bytes.length === 0 ? '（空文件）' : ''}`,
    });
  }
  if (typeof r === 'string') {
    throw new IssueFileError('bad-image', { path: name, detail: `${label}: ${r}`, detailZh: `${labelZh}：文件头已损坏或不完整（${r}）` });
  }
  if (r.width < 1 || r.height < 1 || r.width > MAX_PIXELS || r.height > MAX_PIXELS) {
    throw new IssueFileError('bad-image', {
      path: name,
      detail: `${label} is ${r.width} × ${r.height} pixels; each side must be from 1 to ${MAX_PIXELS}`,
      detailZh: `${labelZh}为 ${r.width} × ${r.height} 像素；每边须在 1 到 ${MAX_PIXELS} 之间`,
    });
  }
  const orientation = r.orientation ?? 1;
  // 5-8 turn the picture a quarter (and may mirror it): the upright picture's sides are swapped.
  return orientation >= 5 ? { mime: r.mime, width: r.height, height: r.width, orientation } : { mime: r.mime, width: r.width, height: r.height, orientation };
}

/**
 * Makes the Asset record for an image file's bytes: id = SHA-256, type and upright pixel size
 * from the header, name = the file's base name (for messages and relinking). The bytes are returned
 * unchanged, to go into the assets map that saveIssueFile writes.
 */
export function addAsset(bytes: Uint8Array, name: string): { asset: Asset; bytes: Uint8Array } {
  const base = name.split(/[\\/]/).pop() || name;
  const info = sniffImage(bytes, base);
  const asset: Asset = { id: sha256Hex(bytes), name: base.slice(0, 1000), mime: info.mime, width: info.width, height: info.height };
  return { asset, bytes };
}
