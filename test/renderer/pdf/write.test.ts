// The PDF writer read back with pdf-lib: font objects, widths against positions, boxes, colour
// and overprint, PDF/X identification, determinism. (Real-tool checks: tools.test.ts.)
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { unzlibSync } from 'fflate';
import { type PDFArray, type PDFDict, PDFDocument, type PDFHexString, PDFName, type PDFNumber, type PDFRawStream, PDFRef, type PDFString, type PDFObject } from 'pdf-lib';
import { fileNameFor, writePdf } from '../../../renderer/pdf/index';
import { BLACK, face, GENERIC_OUTPUT, handPage, resources, textLine, writeOptions } from './helpers';
import { qrRects } from '../../../renderer/engine/qr';

const dec = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

async function load(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const look = <T extends PDFObject>(o: PDFObject | undefined): T => (o instanceof PDFRef ? (ctx.lookup(o) as T) : (o as T));
  const streamBytes = (s: PDFRawStream) => {
    const f = s.dict.get(PDFName.of('Filter'));
    return f && f.toString() === '/FlateDecode' ? unzlibSync(s.contents) : s.contents;
  };
  return { doc, ctx, look, streamBytes };
}

async function pageContent(bytes: Uint8Array, i = 0): Promise<string> {
  const { doc, look, streamBytes } = await load(bytes);
  const page = doc.getPages()[i]!;
  return dec(streamBytes(look<PDFRawStream>(page.node.get(PDFName.of('Contents')))));
}

describe('pdf writer: fonts', () => {
  it('cid-fonts-are-type0-identity-h-with-subset-fontfile2-and-tounicode', async () => {
    const layout = handPage(300, 100, [textLine('NotoSerifSC-Regular', '天山社区晨报，今日出版。', 10, 40, 12), textLine('GBZenKai-Medium', '记者 陈玲', 10, 70, 9)]);
    const [file] = await writePdf(layout, writeOptions(), resources());
    const { doc, look, streamBytes } = await load(file!.bytes);
    const fonts = look<PDFDict>(look<PDFDict>(doc.getPages()[0]!.node.get(PDFName.of('Resources'))).get(PDFName.of('Font')));
    const entries = fonts.entries();
    assert.equal(entries.length, 2);
    for (const [, ref] of entries) {
      const t0 = look<PDFDict>(ref);
      assert.equal(t0.get(PDFName.of('Subtype'))!.toString(), '/Type0');
      assert.equal(t0.get(PDFName.of('Encoding'))!.toString(), '/Identity-H');
      assert.match(t0.get(PDFName.of('BaseFont'))!.toString(), /^\/[A-Z]{6}\+(NotoSerifSC-Regular|GBZenKai-Medium)$/);
      const cid = look<PDFDict>(look<PDFArray>(t0.get(PDFName.of('DescendantFonts'))).get(0));
      assert.equal(cid.get(PDFName.of('Subtype'))!.toString(), '/CIDFontType2');
      assert.equal(cid.get(PDFName.of('CIDToGIDMap'))!.toString(), '/Identity');
      const fd = look<PDFDict>(cid.get(PDFName.of('FontDescriptor')));
      const ff = look<PDFRawStream>(fd.get(PDFName.of('FontFile2')));
      const ttf = streamBytes(ff);
      assert.equal(ttf.length, (ff.dict.get(PDFName.of('Length1')) as PDFNumber).asNumber());
      // a subset of a 15 MB face: a few KB
      assert.ok(ttf.length < 60_000, `subset is ${ttf.length} bytes`);
      const cmap = dec(streamBytes(look<PDFRawStream>(t0.get(PDFName.of('ToUnicode')))));
      assert.match(cmap, /beginbfchar/);
    }
    const cmaps = entries.map(([, r]) => dec(streamBytes(look<PDFRawStream>(look<PDFDict>(r).get(PDFName.of('ToUnicode')))))).join('\n');
    // 天 = U+5929, 陈 = U+9648
    assert.match(cmaps, /<5929>/);
    assert.match(cmaps, /<9648>/);
  });

  it('subset-tag-is-deterministic-and-depends-on-the-glyph-set', async () => {
    const a = await writePdf(handPage(200, 50, [textLine('NotoSansSC-Regular', '社区', 0, 20, 10)]), writeOptions(), resources());
    const b = await writePdf(handPage(200, 50, [textLine('NotoSansSC-Regular', '社区', 0, 20, 10)]), writeOptions(), resources());
    const c = await writePdf(handPage(200, 50, [textLine('NotoSansSC-Regular', '社会', 0, 20, 10)]), writeOptions(), resources());
    const tag = (bytes: Uint8Array) => /\/BaseFont \/([A-Z]{6})\+/.exec(dec(bytes))![1];
    assert.equal(tag(a[0]!.bytes), tag(b[0]!.bytes));
    assert.notEqual(tag(a[0]!.bytes), tag(c[0]!.bytes));
  });

  it('widths-match-hmtx-and-tj-adjustments-reproduce-layout-positions', async () => {
    // 1.5 pt of tracking after every glyph, plus a half-width comma: positions differ from the
    // font's advances, and the TJ numbers must make up the difference exactly.
    const size = 10;
    const line = textLine('NotoSerifSC-Regular', '今天，天山路街道A1', 20, 50, size, BLACK, 1.5);
    const [file] = await writePdf(handPage(300, 100, [line]), writeOptions(), resources());
    const { doc, look } = await load(file!.bytes);
    const t0 = look<PDFDict>(look<PDFDict>(look<PDFDict>(doc.getPages()[0]!.node.get(PDFName.of('Resources'))).get(PDFName.of('Font'))).entries()[0]![1]);
    const cid = look<PDFDict>(look<PDFArray>(t0.get(PDFName.of('DescendantFonts'))).get(0));
    const w = look<PDFArray>(cid.get(PDFName.of('W')));
    const first = (w.get(0) as PDFNumber).asNumber();
    const list = look<PDFArray>(w.get(1)).asArray().map((n) => (n as PDFNumber).asNumber());
    const widthOf = (c: number) => list[c - first]!;
    // the W entries are the font's own advances
    const f = face('NotoSerifSC-Regular').font;
    const gids = [...new Set(line.runs[0]!.glyphs.map((g) => g.id))].sort((a, b) => a - b);
    gids.forEach((g, i) => assert.equal(widthOf(i + 1), (f.getGlyph(g).advanceWidth * 1000) / f.unitsPerEm));
    // simulate the TJ: pen advances by W/1000*size per glyph and by -n/1000*size per number
    const content = await pageContent(file!.bytes);
    const m = /1 0 0 1 ([\d.]+) ([\d.]+) Tm\n\[(.*)\] TJ/.exec(content)!;
    let pen = Number(m[1]);
    const xs: number[] = [];
    for (const tok of m[3]!.matchAll(/<([0-9A-F]+)>|(-?[\d.]+)/g)) {
      if (tok[1]) {
        for (let i = 0; i < tok[1].length; i += 4) {
          const c = parseInt(tok[1].slice(i, i + 4), 16);
          xs.push(pen);
          pen += (widthOf(c) / 1000) * size;
        }
      } else pen -= (Number(tok[2]) / 1000) * size;
    }
    assert.equal(xs.length, line.runs[0]!.glyphs.length);
    line.runs[0]!.glyphs.forEach((g, i) => assert.ok(Math.abs(xs[i]! - (line.x + g.x)) < 0.01, `glyph ${i}: ${xs[i]} vs ${line.x + g.x}`));
  });
});

describe('pdf writer: vertical lines', () => {
  it('upright-glyphs-get-their-own-tm-latin-is-rotated-clockwise', async () => {
    const f = face('NotoSansSC-Bold').font;
    const g = (ch: string) => f.glyphForCodePoint(ch.codePointAt(0)!).id;
    const line = {
      text: '社区A',
      x: 100,
      y: 20,
      width: 36,
      measure: 200,
      size: 12,
      vertical: true as const,
      role: 'deck' as const,
      runs: [{ font: 'NotoSansSC-Bold', size: 12, fill: BLACK, glyphs: [
        { id: g('社'), x: 0, y: 10.56, advance: 12, text: '社', vertical: true as const },
        { id: g('区'), x: 0, y: 22.56, advance: 12, text: '区', vertical: true as const },
        { id: g('A'), x: 2, y: 24, advance: 7, text: 'A', rotated: true as const },
      ] }],
    };
    const content = await pageContent((await writePdf(handPage(300, 300, [line]), writeOptions(), resources()))[0]!.bytes);
    // CIDs number the glyphs in ascending glyph-id order
    const sorted = [g('社'), g('区'), g('A')].sort((a, b) => a - b);
    const cid = (ch: string) => (sorted.indexOf(g(ch)) + 1).toString(16).padStart(4, '0').toUpperCase();
    // page height 300: baseline 20 + 10.56 below the top is y = 269.44
    const want = `1 0 0 1 100 269.44 Tm\n<${cid('社')}> Tj\n1 0 0 1 100 257.44 Tm\n<${cid('区')}> Tj\n0 -1 1 0 102 256 Tm\n<${cid('A')}> Tj`;
    assert.ok(content.includes(want), content);
  });
});

describe('pdf writer: page boxes', () => {
  it('trimbox-is-the-page-and-bleedbox-grows-by-the-bleed', async () => {
    const [file] = await writePdf(handPage(400, 600, []), writeOptions({ bleedMm: 3 }), resources());
    const { doc } = await load(file!.bytes);
    const p = doc.getPages()[0]!;
    const b = (3 * 72) / 25.4; // 8.504 pt
    const trim = p.getTrimBox();
    const bleed = p.getBleedBox();
    const media = p.getMediaBox();
    assert.ok(Math.abs(trim.width - 400) < 1e-6 && Math.abs(trim.height - 600) < 1e-6);
    assert.ok(Math.abs(bleed.x - (trim.x - b)) < 1e-3 && Math.abs(bleed.width - (400 + 2 * b)) < 1e-3);
    assert.ok(Math.abs(media.width - bleed.width) < 1e-3, 'without marks the media is the bleed box');
  });

  it('marks-enlarge-the-media-box-and-use-the-all-separation', async () => {
    const [file] = await writePdf(handPage(400, 600, []), writeOptions({ bleedMm: 5, marks: true }), resources());
    const { doc } = await load(file!.bytes);
    const p = doc.getPages()[0]!;
    assert.ok(p.getMediaBox().width > p.getBleedBox().width + 40);
    const content = await pageContent(file!.bytes);
    assert.match(content, /\/CSAll CS \/CSAll cs 1 SCN 1 scn/);
    assert.match(dec(file!.bytes), /\/Separation \/All \/DeviceCMYK/);
  });

  it('zero-bleed-makes-bleedbox-equal-trimbox', async () => {
    const [file] = await writePdf(handPage(400, 600, []), writeOptions({ bleedMm: 0 }), resources());
    const { doc } = await load(file!.bytes);
    const p = doc.getPages()[0]!;
    assert.deepEqual(p.getBleedBox(), p.getTrimBox());
  });
});

describe('pdf writer: colour and overprint', () => {
  const RED = { swatch: 'red', c: 0, m: 100, y: 100, k: 0 };
  const WHITE = { swatch: 'paper', c: 0, m: 0, y: 0, k: 0 };
  const RICH = { swatch: 'rich', c: 60, m: 40, y: 40, k: 100 };
  it('black-text-overprints-others-knock-out', async () => {
    const layout = handPage(300, 200, [
      textLine('NotoSansSC-Regular', '黑字', 10, 30, 12, BLACK),
      textLine('NotoSansSC-Regular', '红字', 10, 60, 12, RED),
      textLine('NotoSansSC-Regular', '白字', 10, 90, 12, WHITE),
      textLine('NotoSansSC-Regular', '四色黑', 10, 120, 12, RICH),
    ]);
    const content = await pageContent((await writePdf(layout, writeOptions(), resources()))[0]!.bytes);
    const seq = [...content.matchAll(/\/GS(op|ko) gs|([\d.]+ [\d.]+ [\d.]+ [\d.]+) k/g)].map((m) => m[1] ?? m[2]);
    // state at each fill change: black after op, red/white/rich after ko
    assert.deepEqual(seq, ['op', '0 0 0 1', 'ko', '0 1 1 0', '0 0 0 0', '0.6 0.4 0.4 1']);
  });

  it('gstates-set-op-and-opm-1', async () => {
    const bytes = (await writePdf(handPage(100, 100, [textLine('NotoSansSC-Regular', '字', 10, 30, 12)]), writeOptions(), resources()))[0]!.bytes;
    assert.match(dec(bytes), /\/GSop <<\s*\/Type \/ExtGState\s*\/OP true\s*\/op true\s*\/OPM 1\s*>>/);
  });

  it('no-rgb-or-gray-colour-operators-anywhere', async () => {
    const layout = handPage(300, 200, [textLine('NotoSansSC-Regular', '字', 10, 30, 12, RED)], [
      { type: 'line', x1: 0, y1: 100, x2: 300, y2: 100, weight: 0.5, color: BLACK, dash: null, cap: 'butt' },
      { type: 'rect', x: 10, y: 110, width: 50, height: 50, fill: RED, stroke: BLACK, strokeWeight: 1 },
      { type: 'qr', x: 100, y: 110, size: 60, data: 'https://example.org/banmian', level: 'M', color: BLACK, ...qrRects('https://example.org/banmian', 'M', 100, 110, 60) },
    ]);
    const content = await pageContent((await writePdf(layout, writeOptions({ marks: true }), resources()))[0]!.bytes);
    assert.doesNotMatch(content, /\b(rg|RG|g|G|sc|SC)\b/);
    assert.match(content, /\bk\b/);
    assert.match(content, /re f/);
  });

  it('black-hairline-overprints-thick-black-bar-knocks-out', async () => {
    const layout = handPage(300, 200, [], [
      { type: 'line', x1: 0, y1: 100, x2: 300, y2: 100, weight: 0.5, color: BLACK, dash: null, cap: 'butt' },
      { type: 'line', x1: 0, y1: 150, x2: 300, y2: 150, weight: 6, color: BLACK, dash: null, cap: 'butt' },
    ]);
    const content = await pageContent((await writePdf(layout, writeOptions(), resources()))[0]!.bytes);
    assert.match(content, /\/GSop gs\n0 0 0 1 K\n0.5 w[^\n]*\n[^\n]* S\n\/GSko gs\n6 w/);
  });
});

describe('pdf writer: PDF/X identification', () => {
  const page = () => handPage(200, 200, [textLine('NotoSerifSC-Regular', '版面', 10, 30, 12)]);

  it('x1a-has-header-1.3-no-object-streams-info-xmp-outputintent-and-id', async () => {
    const bytes = (await writePdf(page(), writeOptions(), resources()))[0]!.bytes;
    const s = dec(bytes);
    assert.equal(s.slice(0, 8), '%PDF-1.3');
    assert.doesNotMatch(s, /\/ObjStm|\/XRef\b/);
    assert.match(s, /\nxref\n/);
    const { ctx, look, doc, streamBytes } = await load(bytes);
    const info = look<PDFDict>(ctx.trailerInfo.Info);
    assert.equal((info.get(PDFName.of('GTS_PDFXVersion')) as PDFString).decodeText(), 'PDF/X-1:2001');
    assert.equal((info.get(PDFName.of('GTS_PDFXConformance')) as PDFString).decodeText(), 'PDF/X-1a:2001');
    assert.equal(info.get(PDFName.of('Trapped'))!.toString(), '/False');
    assert.equal((info.get(PDFName.of('Title')) as PDFHexString).decodeText(), '天山社区晨报 2026-11-22');
    assert.equal((info.get(PDFName.of('CreationDate')) as PDFString).decodeText(), 'D:20261122083000Z');
    const id = look<PDFArray>(ctx.trailerInfo.ID);
    assert.equal(id.size(), 2);
    const intents = look<PDFArray>(doc.catalog.get(PDFName.of('OutputIntents')));
    assert.equal(intents.size(), 1);
    const oi = look<PDFDict>(intents.get(0));
    assert.equal(oi.get(PDFName.of('S'))!.toString(), '/GTS_PDFX');
    // the generic profile the RGB images were separated with, not a newsprint condition it is not
    assert.equal((oi.get(PDFName.of('OutputConditionIdentifier')) as PDFString).decodeText(), 'Custom');
    assert.equal((oi.get(PDFName.of('OutputCondition')) as PDFString).decodeText(), 'Chemical proof');
    assert.match((oi.get(PDFName.of('Info')) as PDFString).decodeText(), /^Chemical proof: the generic CMYK profile shipped with Banmian.*not the printing plant's/);
    assert.equal(oi.get(PDFName.of('RegistryName')), undefined, 'no registered condition is claimed');
    const icc = look<PDFRawStream>(oi.get(PDFName.of('DestOutputProfile')));
    assert.equal((icc.dict.get(PDFName.of('N')) as PDFNumber).asNumber(), 4);
    assert.deepEqual(streamBytes(icc), GENERIC_OUTPUT.bytes, 'PDF/X-1a embeds the profile too');
    const xmp = dec(look<PDFRawStream>(doc.catalog.get(PDFName.of('Metadata'))).contents);
    for (const want of ['<pdfxid:GTS_PDFXVersion>PDF/X-1:2001<', '<pdfx:GTS_PDFXConformance>PDF/X-1a:2001<', '<xmp:CreateDate>2026-11-22T08:30:00Z<', '<pdf:Trapped>False<', 'xmpMM:DocumentID>uuid:', 'xmpMM:InstanceID>uuid:']) {
      assert.ok(xmp.includes(want), `XMP lacks ${want}`);
    }
    assert.ok(new TextDecoder().decode(look<PDFRawStream>(doc.catalog.get(PDFName.of('Metadata'))).contents).includes('天山社区晨报'));
  });

  it('x4-has-header-1.6-and-embeds-the-output-profile', async () => {
    const profile = { bytes: new Uint8Array(200).fill(7), description: 'test profile', fromPlant: true };
    const bytes = (await writePdf(page(), writeOptions({ pdfx: '4' }), resources({ outputProfile: profile })))[0]!.bytes;
    const s = dec(bytes);
    assert.equal(s.slice(0, 8), '%PDF-1.6');
    const { ctx, look, doc, streamBytes } = await load(bytes);
    const info = look<PDFDict>(ctx.trailerInfo.Info);
    assert.equal((info.get(PDFName.of('GTS_PDFXVersion')) as PDFString).decodeText(), 'PDF/X-4');
    assert.equal(info.get(PDFName.of('GTS_PDFXConformance')), undefined);
    const oi = look<PDFDict>(look<PDFArray>(doc.catalog.get(PDFName.of('OutputIntents'))).get(0));
    const icc = look<PDFRawStream>(oi.get(PDFName.of('DestOutputProfile')));
    assert.equal((icc.dict.get(PDFName.of('N')) as PDFNumber).asNumber(), 4);
    assert.deepEqual(streamBytes(icc), profile.bytes);
    assert.equal((oi.get(PDFName.of('OutputConditionIdentifier')) as PDFString).decodeText(), 'Custom');
    assert.equal((oi.get(PDFName.of('OutputCondition')) as PDFString).decodeText(), 'test profile');
    assert.equal((oi.get(PDFName.of('Info')) as PDFString).decodeText(), "test profile: the printing plant's ICC profile; RGB images were separated with it");
  });

  it('a-profile-name-with-delimiters-or-chinese-is-a-utf16-text-string', async () => {
    const profile = { bytes: GENERIC_OUTPUT.bytes, description: '解放日报印务 新闻纸 (2024', fromPlant: true };
    const bytes = (await writePdf(page(), writeOptions(), resources({ outputProfile: profile })))[0]!.bytes;
    const { look, doc } = await load(bytes);
    const oi = look<PDFDict>(look<PDFArray>(doc.catalog.get(PDFName.of('OutputIntents'))).get(0));
    assert.equal((oi.get(PDFName.of('OutputCondition')) as PDFHexString).decodeText(), '解放日报印务 新闻纸 (2024');
  });

  it('identical-input-and-date-give-identical-bytes', async () => {
    const a = (await writePdf(page(), writeOptions({ marks: true }), resources()))[0]!.bytes;
    const b = (await writePdf(page(), writeOptions({ marks: true }), resources()))[0]!.bytes;
    assert.deepEqual(a, b);
    const c = (await writePdf(page(), writeOptions({ marks: true, created: new Date('2026-11-23T00:00:00Z') }), resources()))[0]!.bytes;
    assert.notDeepEqual(a, c);
  });
});

describe('pdf writer: files', () => {
  const three = () => {
    const l = handPage(200, 200, [textLine('NotoSerifSC-Regular', '一', 10, 30, 12)]);
    const p = l.pages[0]!;
    l.pages = [p, { ...p, id: 'p2', index: 1, number: 2 }, { ...p, id: 'p3', index: 2, number: 3 }];
    return l;
  };
  it('one-file-per-page-or-one-for-all-and-a-page-range', async () => {
    assert.deepEqual((await writePdf(three(), writeOptions(), resources())).map((f) => f.pages), [[1], [2], [3]]);
    assert.deepEqual((await writePdf(three(), writeOptions({ split: 'single' }), resources())).map((f) => f.pages), [[1, 2, 3]]);
    assert.deepEqual((await writePdf(three(), writeOptions({ pages: [0, 2] }), resources())).map((f) => f.pages), [[1], [3]]);
    const progress: string[] = [];
    await writePdf(three(), writeOptions({ onProgress: (d, t) => progress.push(`${d}/${t}`) }), resources());
    assert.deepEqual(progress, ['1/3', '2/3', '3/3']);
    // one file for the whole issue: each step names the page just written, not the file's first
    const named: string[] = [];
    await writePdf(three(), writeOptions({ split: 'single', onProgress: (d, t, m) => named.push(`${d}/${t} ${m}`) }), resources());
    assert.deepEqual(named, ['1/3 page 1', '2/3 page 2', '3/3 page 3']);
  });

  it('file-names-follow-the-pattern', () => {
    const meta = { paper: '天山社区晨报', date: '2026-11-22' };
    assert.equal(fileNameFor('{paper}-{date}-{page}', meta, 3), '天山社区晨报-2026-11-22-03.pdf');
    assert.equal(fileNameFor('{paper}-{date}-{page}', meta, null), '天山社区晨报-2026-11-22-all.pdf');
    assert.equal(fileNameFor('{paper}/{date}', meta, 12), '天山社区晨报_2026-11-22-12.pdf');
  });
});
