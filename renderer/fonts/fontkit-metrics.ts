// FontMetrics over an upstream fontkit (2.0.4) Font. The engine never imports fontkit; this file
// is the adapter, and the only place that shapes text.
//
// - Every measurement passes script 'hani' and language 'ZHS' explicitly: with script detection,
//   fontkit picks different digit and quote widths depending on the neighbouring characters.
// - Each code point is shaped once per font and cached; Latin words are shaped once per word.
// - fontkit 2.0.4 misreads the vhea version and reports advanceHeight 0, so vhea/vmtx are read
//   here from the font's raw bytes.
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FontMetrics, GlyphMetrics, ShapedGlyph, VerticalGlyph } from '../engine/metrics';

const SCRIPT = 'hani';
const LANG = 'ZHS';

/**
 * Code points that may carry a full-width punctuation blank: general punctuation quotes
 * (U+2018–U+201F), CJK symbols and punctuation (U+3000–U+303F) and full-width forms
 * (U+FF00–U+FF65). Only these are asked for `halt`; everything else has no blank.
 */
function mayHaveBlank(cp: number): boolean {
  return (cp >= 0x2018 && cp <= 0x201f) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xff65);
}

/** Vertical metrics read from the raw vhea/vmtx tables. */
interface VmtxTable {
  numLong: number;
  offset: number;
  view: DataView;
}

interface FontInternals {
  directory?: { tables?: Record<string, { offset: number; length: number } | undefined> };
  stream?: { buffer?: Uint8Array };
}

function readVmtx(font: Font, bytes?: Uint8Array): VmtxTable | null {
  const internals = font as unknown as FontInternals;
  const buf = bytes ?? internals.stream?.buffer;
  const tables = internals.directory?.tables;
  const vhea = tables?.vhea;
  const vmtx = tables?.vmtx;
  if (!buf || !vhea || !vmtx || vhea.length < 36) return null;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  // vhea: version(4) ascender(2) descender(2) lineGap(2) advanceHeightMax(2) minTSB(2) minBSB(2)
  // yMaxExtent(2) caretSlopeRise(2) caretSlopeRun(2) caretOffset(2) reserved(8)
  // metricDataFormat(2) numOfLongVerMetrics(2) -> numOfLongVerMetrics at byte 34.
  const numLong = view.getUint16(vhea.offset + 34);
  if (numLong === 0) return null;
  return { numLong, offset: vmtx.offset, view };
}

export class FontkitMetrics implements FontMetrics {
  readonly postscriptName: string;
  readonly emBoxDescent: number;
  readonly spaceAdvance: number;
  private readonly upem: number;
  private readonly hasHalt: boolean;
  private readonly hasVert: boolean;
  private readonly vmtx: VmtxTable | null;
  /** Glyph metrics by code point: a dense array for the BMP (one index per character in the hot
   *  path, cheaper than a Map), a Map above it. */
  // filled with undefined up front: a JS array first written at index 0x4E00 would fall back to
  // slow dictionary elements
  private readonly bmp: (GlyphMetrics | undefined)[] = new Array<GlyphMetrics | undefined>(0x10000).fill(undefined);
  private readonly glyphs = new Map<number, GlyphMetrics>();
  private readonly words = new Map<string, readonly ShapedGlyph[]>();
  private readonly verticals = new Map<number, VerticalGlyph>();

  /**
   * @param font a fontkit Font (one face; pick the face of a collection before).
   * @param bytes the raw bytes of that face's file, if `font` was not created from a buffer that
   *   fontkit keeps (fontkit.create keeps it; needed only for vhea/vmtx).
   */
  constructor(private readonly font: Font, bytes?: Uint8Array) {
    this.postscriptName = font.postscriptName;
    this.upem = font.unitsPerEm;
    const os2 = font['OS/2'];
    // CJK fonts that follow the ideographic em-box convention set typo ascender - descender to
    // exactly one em (Noto CJK: 880 / -120; AR PL KaitiM: 900 / -124 of 1024). Otherwise fall
    // back to 0.12 em, the Adobe-Japan1 / Noto value.
    const typoAsc = os2?.typoAscender ?? 0;
    const typoDesc = os2?.typoDescender ?? 0;
    this.emBoxDescent = typoAsc - typoDesc === this.upem && typoDesc < 0 ? -typoDesc / this.upem : 0.12;
    const features = font.availableFeatures ?? [];
    this.hasHalt = features.includes('halt');
    this.hasVert = features.includes('vert');
    this.vmtx = readVmtx(font, bytes);
    this.spaceAdvance = this.glyph(0x20).advance || 0.25;
  }

  glyph(cp: number): GlyphMetrics {
    let g = cp < 0x10000 ? this.bmp[cp] : this.glyphs.get(cp);
    if (g) return g;
    const text = String.fromCodePoint(cp);
    const run = this.font.layout(text, [], SCRIPT, LANG);
    const first = run.glyphs[0];
    const pos = run.positions[0];
    const id = first?.id ?? 0;
    const advance = (pos?.xAdvance ?? 0) / this.upem;
    let blankStart = 0;
    let blankEnd = 0;
    if (mayHaveBlank(cp) && advance > 0.9) {
      if (this.hasHalt) {
        const h = this.font.layout(text, ['halt'], SCRIPT, LANG).positions[0];
        if (h) {
          blankStart = Math.max(0, -h.xOffset / this.upem);
          blankEnd = Math.max(0, advance - h.xAdvance / this.upem - blankStart);
        }
      } else if (first) {
        [blankStart, blankEnd] = blanksFromInk(first.bbox, advance * this.upem, this.upem);
      }
    }
    g = { id, advance, blankStart, blankEnd };
    if (cp < 0x10000) this.bmp[cp] = g;
    else this.glyphs.set(cp, g);
    return g;
  }

  shape(word: string): readonly ShapedGlyph[] {
    let w = this.words.get(word);
    if (w) return w;
    const run = this.font.layout(word, [], SCRIPT, LANG);
    const out: ShapedGlyph[] = [];
    for (let i = 0; i < run.glyphs.length; i++) {
      const g = run.glyphs[i]!;
      const p = run.positions[i]!;
      out.push({
        id: g.id,
        advance: p.xAdvance / this.upem,
        xOffset: p.xOffset / this.upem,
        yOffset: p.yOffset / this.upem,
        text: String.fromCodePoint(...g.codePoints),
      });
    }
    w = out;
    this.words.set(word, w);
    return w;
  }

  vertical(cp: number): VerticalGlyph {
    let v = this.verticals.get(cp);
    if (v) return v;
    const h = this.glyph(cp);
    if (isSideways(cp)) {
      v = { id: h.id, advance: h.advance, hAdvance: h.advance, rotated: true };
    } else {
      let id = h.id;
      if (this.hasVert) {
        const r = this.font.layout(String.fromCodePoint(cp), ['vert'], SCRIPT, LANG);
        id = r.glyphs[0]?.id ?? id;
      }
      const hAdvance = id === h.id ? h.advance : this.font.getGlyph(id).advanceWidth / this.upem;
      v = { id, advance: this.advanceHeight(id) ?? 1, hAdvance, rotated: false };
    }
    this.verticals.set(cp, v);
    return v;
  }

  /** Vertical advance of a glyph in em from vmtx, or null when the font has no vmtx. */
  private advanceHeight(id: number): number | null {
    const t = this.vmtx;
    if (!t) return null;
    const i = Math.min(id, t.numLong - 1);
    return t.view.getUint16(t.offset + i * 4) / this.upem;
  }
}

/**
 * Blank halves from the glyph's ink for fonts without `halt` (AR PL KaitiM has no GSUB/GPOS):
 * ink wholly in the left half -> the right half is blank, and so on; ink in the middle half ->
 * a quarter em each side (centred TC-style marks). 0.02 em of tolerance for overshoot.
 */
function blanksFromInk(bbox: { minX: number; maxX: number }, advanceUnits: number, upem: number): [number, number] {
  if (!Number.isFinite(bbox.minX) || !Number.isFinite(bbox.maxX)) return [0, 0];
  const tol = 0.02 * upem;
  const half = advanceUnits / 2;
  if (bbox.maxX <= half + tol) return [0, 0.5];
  if (bbox.minX >= half - tol) return [0.5, 0];
  if (bbox.minX >= advanceUnits / 4 - tol && bbox.maxX <= (3 * advanceUnits) / 4 + tol) return [0.25, 0.25];
  return [0, 0];
}

/** Characters set sideways in vertical text: Latin letters and ASCII digits and symbols. */
function isSideways(cp: number): boolean {
  return (cp >= 0x21 && cp <= 0x7e) || (cp >= 0xc0 && cp <= 0x24f);
}

/**
 * Metrics for the face in `bytes` (a .ttf/.otf, or a .ttc/.otc with `postscriptName` naming the
 * face). Throws with the name it looked for when the collection has no such face.
 */
export function metricsFromBytes(bytes: Uint8Array, postscriptName?: string): FontkitMetrics {
  const created = fontkit.create(bytes as Buffer, postscriptName);
  if (!('layout' in created)) {
    throw new Error(`font collection has no face named ${postscriptName ?? '(none given)'}: pass the PostScript name of one of its faces`);
  }
  return new FontkitMetrics(created);
}
