// CJK (and any TrueType) fonts embedded as Type0 / CIDFontType2 with Identity-H, subset by
// upstream fontkit's TrueType subsetter. pdf-lib's embedFont is not used: with @pdf-lib/fontkit
// it writes CJK subsets that Ghostscript and poppler reject (pdf-lib issues #1232, #808).
//
// CIDs: the glyphs a file uses are numbered 1..n in ascending order of their original glyph id;
// the subset font has exactly those glyph ids (fontkit numbers subset glyphs in inclusion order,
// 0 = .notdef; composite components it pulls in come after n), so CIDToGIDMap is /Identity.
// The W array gives each CID the glyph's own advance from hmtx: positions that differ (punctuation
// compression, justification) are made with TJ adjustments, never by lying about widths.
import type { Font } from 'fontkit';
import { zlibSync } from 'fflate';
import { Hash128 } from './hash';
import type { PdfFontFace } from './types';

/** The glyphs one file uses from one face, with the text each stands for. */
export class GlyphUse {
  /** original glyph id -> source text (first one seen; '' if only ever a later cluster glyph). */
  readonly glyphs = new Map<number, string>();
  constructor(readonly face: PdfFontFace) {}
  add(gid: number, text: string): void {
    const had = this.glyphs.get(gid);
    if (had === undefined || (had === '' && text !== '')) this.glyphs.set(gid, text);
  }
}

/** A built subset: what the PDF objects need, independent of any one document. */
export interface EncodedSubset {
  /** ABCDEF: deterministic from face and glyph set. */
  readonly tag: string;
  /** Sorted original glyph ids; CID i+1 is gids[i]. */
  readonly gids: readonly number[];
  /** The subset TrueType file, zlib-compressed, and its uncompressed length (/Length1). */
  readonly fontFile: Uint8Array;
  readonly length1: number;
  /** Advance of each CID (index = CID - 1) in 1/1000 em. */
  readonly widths: readonly number[];
}

/**
 * Subsets keyed by face id + glyph set. A long-lived cache makes a repeated export (preview, the
 * same page exported again) skip subsetting and compression, which are most of a page's cost.
 */
export class SubsetCache {
  private readonly map = new Map<string, EncodedSubset>();
  /** Bound on entries; the oldest are dropped first. 64 covers every page of a large issue. */
  constructor(private readonly max = 64) {}
  get(face: PdfFontFace, gids: readonly number[], deflate: (b: Uint8Array) => Uint8Array = zlibSync): EncodedSubset {
    const key = `${face.fontId}\u0000${gids.join(',')}`;
    let s = this.map.get(key);
    if (s) {
      this.map.delete(key);
      this.map.set(key, s);
      return s;
    }
    s = encodeSubset(face, gids, deflate);
    this.map.set(key, s);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
    return s;
  }
}

export function encodeSubset(face: PdfFontFace, gids: readonly number[], deflate: (b: Uint8Array) => Uint8Array = zlibSync): EncodedSubset {
  const font = face.font;
  const subset = font.createSubset();
  for (const gid of gids) subset.includeGlyph(gid as never);
  const ttf = subset.encode();
  const scale = 1000 / font.unitsPerEm;
  const widths = gids.map((g) => round3(font.getGlyph(g).advanceWidth * scale));
  const tag = new Hash128().update(face.fontId).update(gids.join(',')).tag();
  return { tag, gids, fontFile: deflate(ttf), length1: ttf.length, widths };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Font-wide values for the FontDescriptor, in 1/1000 em. */
export function descriptorMetrics(font: Font): { bbox: number[]; ascent: number; descent: number; capHeight: number; italicAngle: number } {
  const s = 1000 / font.unitsPerEm;
  const b = font.bbox;
  return {
    bbox: [b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * s)),
    ascent: Math.round(font.ascent * s),
    descent: Math.round(font.descent * s),
    // CJK fonts often have no cap height: the ascent is a fair stand-in for a preflight tool.
    capHeight: Math.round((font.capHeight || font.ascent) * s),
    italicAngle: font.italicAngle || 0,
  };
}

/** UTF-16BE hex of a string (ToUnicode destination). */
function utf16hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return out;
}

const cidHex = (cid: number) => cid.toString(16).padStart(4, '0').toUpperCase();

/** The ToUnicode CMap: CID -> the text the glyph stands for (glyphs with no text are left out). */
export function toUnicodeCMap(gids: readonly number[], textOf: (gid: number) => string): string {
  const pairs: string[] = [];
  gids.forEach((g, i) => {
    const t = textOf(g);
    if (t) pairs.push(`<${cidHex(i + 1)}> <${utf16hex(t)}>`);
  });
  const blocks: string[] = [];
  // A bfchar block holds at most 100 entries (Adobe TN 5411).
  for (let i = 0; i < pairs.length; i += 100) {
    const chunk = pairs.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** The W array: consecutive CIDs from 1 in one list. */
export function widthsArray(widths: readonly number[]): (number | number[])[] {
  return widths.length ? [1, [...widths]] : [];
}
