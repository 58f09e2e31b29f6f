// LayoutResult -> press PDF (PDF/X-1a:2001 or PDF/X-4), one file per page or one for the issue.
// The only place pdf-lib is used (HOUSE_STYLE.md); pure: fonts, converted images and the output
// profile come in through PdfResources, bytes go out.
//
//   collect glyphs -> subset fonts -> page content -> page boxes -> output intent, Info, XMP, ID
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFRef, type PDFDict } from 'pdf-lib';
import { zlibSync, strToU8 } from 'fflate';
import type { LayoutResult, PageLayout } from '../engine/types';
import { descriptorMetrics, GlyphUse, SubsetCache, toUnicodeCMap, widthsArray } from './cidfont';
import { ContentWriter, num, type FontRef } from './content';
import { Hash128 } from './hash';
import { MARKS_MARGIN, markPaths, SLUG_SIZE, slugText } from './marks';
import { outputIntentText, patchHeader, pdfDate, PDFX, xmpPacket } from './pdfx';
import type { PdfFile, PdfFontFace, PdfResources, PdfWriteOptions } from './types';

export const PT_PER_MM = 72 / 25.4;
const CREATOR = 'Banmian 版面';
const PRODUCER = 'Banmian PDF writer (pdf-lib 1.17.1, fontkit 2.0.4)';

/** Shared by default so repeated exports in one process reuse font subsets. */
const defaultCache = new SubsetCache();

/**
 * Compressed output profiles by deflate function and profile bytes: the same ~1 MB profile goes
 * into every file of an export (one per page), and compressing it takes longer than writing a page.
 */
const compressedProfiles = new WeakMap<(b: Uint8Array) => Uint8Array, WeakMap<Uint8Array, Uint8Array>>();

/** A text string: literal when plain printable ASCII without delimiters, else UTF-16BE hex. */
const pdfText = (s: string) => (/^[\x20-\x7e]*$/.test(s) && !/[()\\]/.test(s) ? PDFString.of(s) : PDFHexString.fromText(s));

/** Page geometry in PDF user space (y up, origin at the MediaBox's lower-left). */
interface Geometry {
  bleed: number;
  margin: number;
  trimW: number;
  trimH: number;
  mediaW: number;
  mediaH: number;
}

function geometry(p: PageLayout, opts: PdfWriteOptions): Geometry {
  const bleed = Math.min(5, Math.max(0, opts.bleedMm)) * PT_PER_MM;
  const margin = opts.marks ? MARKS_MARGIN : 0;
  return { bleed, margin, trimW: p.width, trimH: p.height, mediaW: p.width + 2 * (bleed + margin), mediaH: p.height + 2 * (bleed + margin) };
}

/** Glyphs of the slug line, shaped by fontkit (no layout engine needed for one line of 6 pt). */
interface SlugGlyph {
  id: number;
  x: number;
  text: string;
}
function shapeSlug(face: PdfFontFace, text: string): SlugGlyph[] {
  const run = face.font.layout(text);
  const s = SLUG_SIZE / face.font.unitsPerEm;
  let x = 0;
  return run.glyphs.map((g, i) => {
    const out = { id: g.id, x, text: String.fromCodePoint(...g.codePoints) };
    x += (run.positions[i]?.xAdvance ?? g.advanceWidth) * s;
    return out;
  });
}

/**
 * Write the PDF file(s). Throws when a run's font cannot be had (preflight reports that first).
 * Identical layout, options (including `created`) and resources give identical bytes.
 */
export async function writePdf(layout: LayoutResult, opts: PdfWriteOptions, res: PdfResources, cache: SubsetCache = defaultCache): Promise<PdfFile[]> {
  const indices = (opts.pages ?? layout.pages.map((_, i) => i)).filter((i) => i >= 0 && i < layout.pages.length);
  const groups = opts.split === 'single' ? [indices] : indices.map((i) => [i]);
  const files: PdfFile[] = [];
  let done = 0;
  for (const g of groups) {
    const pages = g.map((i) => layout.pages[i]!);
    const bytes = await writeDocument(pages, opts, res, cache, (k) => {
      done++;
      opts.onProgress?.(done, indices.length, `page ${pages[k]!.number}`);
    });
    files.push({ pages: pages.map((p) => p.number), bytes });
  }
  return files;
}

async function writeDocument(pages: PageLayout[], opts: PdfWriteOptions, res: PdfResources, cache: SubsetCache, pageDone: (indexInGroup: number) => void): Promise<Uint8Array> {
  const level = PDFX[opts.pdfx];
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const ref = (o: Parameters<typeof ctx.register>[0]) => ctx.register(o);
  const deflate = res.deflate ?? ((b: Uint8Array) => zlibSync(b));
  const flate = (data: string | Uint8Array, dict: Record<string, unknown> = {}) =>
    ref(ctx.stream(deflate(typeof data === 'string' ? strToU8(data) : data), { ...(dict as object), Filter: 'FlateDecode' } as never));
  const profileStream = (bytes: Uint8Array) => {
    let byBytes = compressedProfiles.get(deflate);
    if (!byBytes) compressedProfiles.set(deflate, (byBytes = new WeakMap()));
    let z = byBytes.get(bytes);
    if (!z) byBytes.set(bytes, (z = deflate(bytes)));
    // N 4: a CMYK output profile (the CLI refuses any other kind)
    return ref(ctx.stream(z, { N: 4, Filter: 'FlateDecode' }));
  };

  // 1. glyphs used, per face
  const uses = new Map<string, GlyphUse>();
  const use = (ps: string) => {
    let u = uses.get(ps);
    if (!u) uses.set(ps, (u = new GlyphUse(res.font(ps))));
    return u;
  };
  for (const p of pages) for (const f of p.frames) for (const l of f.lines) for (const r of l.runs) {
    const u = use(r.font);
    for (const g of r.glyphs) u.add(g.id, g.text);
  }
  const slugFont = opts.slugFont ?? 'NotoSansSC-Regular';
  const slugs = new Map<PageLayout, SlugGlyph[]>();
  if (opts.marks) {
    const u = use(slugFont);
    for (const p of pages) {
      const gl = shapeSlug(u.face, slugText(opts.paper, opts.issueDate, p.number, opts.created));
      for (const g of gl) u.add(g.id, g.text);
      slugs.set(p, gl);
    }
  }

  // 2. fonts: Type0 -> CIDFontType2 -> FontDescriptor -> FontFile2, plus ToUnicode
  const fontRefs = new Map<string, FontRef>();
  const fontDict: Record<string, PDFRef> = {};
  const idHash = new Hash128().update(opts.pdfx).update(opts.title);
  [...uses.keys()].sort().forEach((ps, i) => {
    const u = uses.get(ps)!;
    const gids = [...u.glyphs.keys()].sort((a, b) => a - b);
    const sub = cache.get(u.face, gids, deflate);
    const name = `F${i + 1}`;
    const baseFont = `${sub.tag}+${u.face.postscriptName.replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`;
    idHash.update(baseFont);
    const m = descriptorMetrics(u.face.font);
    const fontFile = ref(ctx.stream(sub.fontFile, { Filter: 'FlateDecode', Length1: sub.length1 }));
    const descriptor = ref(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        // 4 = Symbolic: the glyphs are addressed by CID, not by a standard Latin encoding.
        Flags: 4,
        FontBBox: m.bbox,
        ItalicAngle: m.italicAngle,
        Ascent: m.ascent,
        Descent: m.descent,
        CapHeight: m.capHeight,
        // StemV is required but unused by TrueType rasterisers; 80 is a regular weight's value.
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    const cidFont = ref(
      ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: 1000,
        W: widthsArray(sub.widths),
        CIDToGIDMap: 'Identity',
      }),
    );
    const toUnicode = flate(toUnicodeCMap(gids, (g) => u.glyphs.get(g) ?? ''));
    fontDict[name] = ref(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: baseFont, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }));
    const cids = new Map<number, number>(gids.map((g, k) => [g, k + 1]));
    fontRefs.set(ps, { name, cid: (g) => cids.get(g) ?? 0, width: (g) => (sub.widths[(cids.get(g) ?? 1) - 1] ?? 1000) / 1000 });
  });

  // 3. images, once per file
  const imageDict: Record<string, PDFRef> = {};
  const imageNames = new Map<string, string | null>();
  const imageName = (assetId: string): string | null => {
    if (imageNames.has(assetId)) return imageNames.get(assetId)!;
    const img = res.image(assetId);
    let name: string | null = null;
    if (img) {
      name = `Im${imageNames.size + 1}`;
      const n = img.colorSpace === 'cmyk' ? 4 : 1;
      imageDict[name] = ref(
        ctx.stream(img.data, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: img.width,
          Height: img.height,
          ColorSpace: img.colorSpace === 'cmyk' ? 'DeviceCMYK' : 'DeviceGray',
          BitsPerComponent: 8,
          Filter: img.filter,
          ...(img.filter === 'DCTDecode' && img.adobeInverted && n === 4 ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
        }),
      );
      idHash.update(img.data.subarray(0, 4096));
    }
    imageNames.set(assetId, name);
    return name;
  };

  // Shared page resources.
  const extGState = ref(
    ctx.obj({
      GSop: { Type: 'ExtGState', OP: true, op: true, OPM: 1 },
      GSko: { Type: 'ExtGState', OP: false, op: false },
    }),
  );
  // Registration colour: one separation that every plate prints (ISO 32000 §8.6.6.4 "All").
  const csAll = opts.marks
    ? ref(ctx.obj(['Separation', 'All', 'DeviceCMYK', { FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }]))
    : null;

  // 4. pages
  const pageContents: string[] = [];
  for (const [pageInGroup, p] of pages.entries()) {
    const g = geometry(p, opts);
    const ox = g.bleed + g.margin;
    const w = new ContentWriter({ font: (ps) => fontRefs.get(ps)!, image: imageName }, g.trimH);
    // Clip the artwork to the bleed: whatever extends further is not the plant's business.
    w.op(`q 1 0 0 1 ${num(ox)} ${num(ox)} cm ${num(-g.bleed)} ${num(-g.bleed)} ${num(g.trimW + 2 * g.bleed)} ${num(g.trimH + 2 * g.bleed)} re W n`);
    w.page(p);
    w.op('Q');
    if (opts.marks) {
      w.op('q /GSko gs /CSAll CS /CSAll cs 1 SCN 1 scn');
      for (const m of markPaths({ trimX: ox, trimY: ox, trimW: g.trimW, trimH: g.trimH, bleed: g.bleed })) w.op(m);
      const f = fontRefs.get(slugFont)!;
      const gl = slugs.get(p)!;
      let hex = '';
      const parts: string[] = [];
      let pen = 0;
      for (const s of gl) {
        const adj = Math.round(((pen - s.x) * 1000) / SLUG_SIZE * 100) / 100;
        if (Math.abs(adj) >= 0.01) {
          if (hex) parts.push(`<${hex}>`);
          hex = '';
          parts.push(num(adj));
        }
        hex += f.cid(s.id).toString(16).padStart(4, '0').toUpperCase();
        pen = s.x + f.width(s.id) * SLUG_SIZE;
      }
      if (hex) parts.push(`<${hex}>`);
      // Slug: under the bottom-left crop mark, clear of the bleed and the marks.
      w.op(`BT /${f.name} ${SLUG_SIZE} Tf 1 0 0 1 ${num(ox + g.bleed + 20)} ${num(ox - g.bleed - SLUG_SIZE - 4)} Tm [${parts.join('')}] TJ ET`);
      w.op('Q');
    }
    const content = w.out.join('\n');
    pageContents.push(content);
    idHash.update(content);

    const page = doc.addPage([g.mediaW, g.mediaH]);
    page.setMediaBox(0, 0, g.mediaW, g.mediaH);
    page.setBleedBox(ox - g.bleed, ox - g.bleed, g.trimW + 2 * g.bleed, g.trimH + 2 * g.bleed);
    page.setTrimBox(ox, ox, g.trimW, g.trimH);
    const resources: Record<string, unknown> = { Font: fontDict, ExtGState: extGState };
    if (Object.keys(imageDict).length) resources.XObject = { ...imageDict };
    if (csAll) resources.ColorSpace = { CSAll: csAll };
    page.node.set(PDFName.of('Resources'), ctx.obj(resources as never));
    page.node.set(PDFName.of('Contents'), flate(content));
    pageDone(pageInGroup);
  }

  // 5. PDF/X: output intent, Info, XMP, ID
  const id = idHash.update(pdfDate(opts.created)).hex();
  const catalog: PDFDict = doc.catalog;
  const profile = res.outputProfile;
  // Both levels embed the profile: the intent names no registered condition (pdfx.ts
  // outputIntentText), so the profile is what defines it.
  const text = outputIntentText(profile);
  const intent: Record<string, unknown> = {
    Type: 'OutputIntent',
    S: 'GTS_PDFX',
    OutputConditionIdentifier: PDFString.of(text.identifier),
    OutputCondition: pdfText(text.condition),
    Info: pdfText(text.info),
    DestOutputProfile: profileStream(profile.bytes),
  };
  catalog.set(PDFName.of('OutputIntents'), ctx.obj([ctx.obj(intent as never)]));
  const xmp = strToU8(xmpPacket({ level: opts.pdfx, title: opts.title, created: opts.created, creatorTool: CREATOR, producer: PRODUCER, id }));
  catalog.set(PDFName.of('Metadata'), ref(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  const date = PDFString.of(pdfDate(opts.created));
  const info: Record<string, unknown> = {
    Title: PDFHexString.fromText(opts.title),
    Creator: PDFHexString.fromText(CREATOR),
    Producer: PDFString.of(PRODUCER),
    CreationDate: date,
    ModDate: date,
    Trapped: 'False',
    GTS_PDFXVersion: PDFString.of(level.version),
  };
  if (level.conformance) info.GTS_PDFXConformance = PDFString.of(level.conformance);
  ctx.trailerInfo.Info = ref(ctx.obj(info as never));
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of(id), PDFHexString.of(id)]);

  // Classic xref table and no object streams: both are PDF 1.5 features, out of bounds for 1.3.
  return patchHeader(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }), level.header);
}
