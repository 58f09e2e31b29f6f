// CMYK originals (a sponsor's logo, an ad delivered separated) keep their numbers at export: a
// CMYK JPEG goes in as it is, a CMYK TIFF losslessly; a K-only black stays on the K plate. Read
// back with pdfimages -all, Ghostscript's tiffsep and pdftoppm. The policy for images tagged with
// another profile (images.ts CmykPolicy) and the total-ink check on the numbers embedded.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { convertForPress, maxTacOf, screenPreview } from '../../../main/files/images';
import { jpegFrame, stripJpegMetadata } from '../../../main/files/jpeg';
import { sha256Hex } from '../../../main/files/assets';
import { ExportContext, exportIssue, GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { frameId, newIssue } from '../../../renderer/model/defaults';
import { typeArea } from '../../../renderer/model/grid';
import type { AssetId, Frame, Issue } from '../../../renderer/model/schema';
import { writePdf, type PdfImage } from '../../../renderer/pdf/index';
import { repoRoot } from '../../renderer/fonts/load-fonts';
import { handPage, resources, run, runOut, tmp, writeOptions, writeTmp } from '../../renderer/pdf/helpers';
import { requireTools } from '../../helpers/tools';
import { writeTiff } from '../../helpers/tiff';

const W = 120;
const H = 60;
/** The K-only "text" bar of the logo: x 20-99, y 20-39. */
const inBar = (x: number, y: number) => x >= 20 && x < 100 && y >= 20 && y < 40;

/**
 * A logo as a press supplier sends it: a 100 % K bar (K-only black type) on unprinted paper and,
 * with `cyan`, a 50 % C strip down the left edge (x < 10).
 */
function logo(opts: { cyan?: boolean; k?: number } = {}): Uint8Array {
  const s = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 4;
      if (opts.cyan && x < 10) s[o] = 128;
      if (inBar(x, y)) s[o + 3] = opts.k ?? 255;
    }
  }
  return s;
}

const tiffOf = (samples: Uint8Array, icc?: Uint8Array) => writeTiff({ width: W, height: H, samples, photometric: 'cmyk', ...(icc ? { icc } : {}) });

/** A CMYK JPEG as Photoshop and libjpeg write it: Adobe APP14 segment, samples stored inverted. */
async function adobeJpeg(samples: Uint8Array, icc?: Uint8Array): Promise<Buffer> {
  let p = sharp(tiffOf(samples, icc)).pipelineColourspace('cmyk').toColourspace('cmyk');
  if (icc) p = p.keepIccProfile();
  return p.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
}

/**
 * A CMYK JPEG without the Adobe segment, samples stored as they are (as some non-Adobe encoders
 * write): libvips writes inverted samples with the segment, so the samples are inverted before
 * and the segment removed after.
 */
async function plainJpeg(samples: Uint8Array): Promise<Buffer> {
  const inverted = samples.map((v) => 255 - v);
  const j = await adobeJpeg(inverted);
  // the APP14 segment sits right after SOI in libvips' output
  assert.deepEqual([j[2], j[3]], [0xff, 0xee]);
  const len = (j[4]! << 8) | j[5]!;
  return Buffer.concat([j.subarray(0, 2), j.subarray(4 + len)]);
}

/**
 * CMYK samples of a file as a PDF reader takes them with our image dictionary. libvips reads
 * every CMYK JPEG inverted (right for Adobe-marked ones, which get /Decode in the PDF); a CMYK
 * JPEG without the Adobe segment is taken as stored, so its libvips reading is turned back.
 */
async function cmykSamples(file: Uint8Array): Promise<Buffer> {
  const f = file[0] === 0xff && file[1] === 0xd8 ? jpegFrame(file) : null;
  const { data, info } = await sharp(Buffer.from(file)).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.channels, 4);
  return f && f.adobeTransform === null ? Buffer.from(data.map((v) => 255 - v)) : data;
}

/** The bytes from the first scan (SOS) to the end, found by walking the segments. */
function scanOf(jpeg: Uint8Array): Uint8Array {
  let i = 2;
  while (!(jpeg[i] === 0xff && jpeg[i + 1] === 0xda)) i += 2 + ((jpeg[i + 2]! << 8) | jpeg[i + 3]!);
  return jpeg.subarray(i);
}

/** The JPEG with an Exif APP1 segment right after SOI holding only an orientation. */
function withOrientation(jpeg: Uint8Array, orientation: number): Buffer {
  // "Exif\0\0", a little-endian TIFF header, one IFD entry: 0x0112 SHORT x1 = orientation
  const tiff = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0];
  const body = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  const app1 = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), app1, Buffer.from(jpeg.subarray(2))]);
}

/** Largest difference per channel between two CMYK sample buffers, inside and outside the bar. */
function compare(got: Uint8Array, want: Uint8Array): { cmyZeroKept: boolean; maxDiff: number[] } {
  let cmyZeroKept = true;
  const maxDiff = [0, 0, 0, 0];
  for (let i = 0; i < want.length; i++) {
    const c = i % 4;
    maxDiff[c] = Math.max(maxDiff[c]!, Math.abs(got[i]! - want[i]!));
    if (c < 3 && want[i] === 0 && got[i] !== 0) cmyZeroKept = false;
  }
  return { cmyZeroKept, maxDiff };
}

const shipped = () => new Uint8Array(readFileSync(join(repoRoot, GENERIC_PROFILE_FILE)));
/** A CMYK profile other than the output profile, made here: the shipped one under another description. */
function otherProfile(): Uint8Array {
  const p = shipped().slice();
  const at = Buffer.from(p).indexOf('Chemical proof');
  assert.ok(at > 0);
  p.set(Buffer.from('Supplier coats'), at);
  return p;
}

describe('cmyk originals keep their numbers', () => {
  it('an-adobe-cmyk-jpeg-is-embedded-byte-for-byte-with-decode', async () => {
    const jpeg = await adobeJpeg(logo({ cyan: true }));
    const c = await convertForPress(jpeg);
    assert.equal(c.route, 'cmyk-original');
    assert.equal(c.filter, 'DCTDecode');
    assert.equal(c.adobeInverted, true);
    assert.deepEqual(Buffer.from(c.data), jpeg, 'the original bytes (sharp writes no metadata segment to drop)');
    assert.deepEqual([c.width, c.height], [W, H]);
    assert.ok(Math.abs(c.maxTac - 100) < 1, `TAC ${c.maxTac}`);
    const { cmyZeroKept, maxDiff } = compare(await cmykSamples(c.data), logo({ cyan: true }));
    assert.ok(cmyZeroKept, 'C, M and Y stay 0 where they were 0');
    assert.ok(maxDiff.every((d) => d <= 6), `JPEG at q95 moves samples by ${maxDiff}`);
  });

  it('a-plain-cmyk-jpeg-is-embedded-without-decode', async () => {
    const jpeg = await plainJpeg(logo({ cyan: true }));
    assert.equal(jpegFrame(jpeg)!.adobeTransform, null);
    const c = await convertForPress(jpeg);
    assert.equal(c.route, 'cmyk-original');
    assert.equal(c.adobeInverted, false);
    const { cmyZeroKept, maxDiff } = compare(await cmykSamples(c.data), logo({ cyan: true }));
    assert.ok(cmyZeroKept && maxDiff.every((d) => d <= 6), `${maxDiff}`);
    // libvips reads it inverted: the ink is measured, and a re-encoding made, on the file's numbers
    assert.ok(Math.abs(c.maxTac - 100) < 2, `TAC ${c.maxTac}`);
    const turned = await convertForPress(withOrientation(jpeg, 3));
    assert.equal(turned.route, 'cmyk-lossless');
    const s = inflateSync(turned.data);
    const bar = ((H - 1 - 30) * W + (W - 1 - 50)) * 4;
    assert.deepEqual([s[bar]! < 4, s[bar + 3]! > 248, s[0], s[3]], [true, true, 0, 0], 'turned 180°, K bar kept, paper stays paper');
  });

  it('a-plain-cmyk-jpeg-previews-as-a-positive-like-the-adobe-one', async () => {
    const rgbAt = async (jpeg: Uint8Array, x: number, y: number) => {
      const { data, info } = await sharp(Buffer.from((await screenPreview(jpeg)).bytes)).raw().toBuffer({ resolveWithObject: true });
      return [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    };
    for (const [x, y] of [[60, 30], [60, 5], [4, 5]] as const) {
      const a = await rgbAt(await adobeJpeg(logo({ cyan: true })), x, y);
      const p = await rgbAt(await plainJpeg(logo({ cyan: true })), x, y);
      assert.ok(a.every((v, i) => Math.abs(v - p[i]!) <= 6), `at ${x},${y}: Adobe ${a}, plain ${p}`);
    }
  });

  it('a-progressive-cmyk-jpeg-goes-in-as-it-is-too', async () => {
    const jpeg = await sharp(tiffOf(logo())).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: 95, progressive: true, chromaSubsampling: '4:4:4' }).toBuffer();
    assert.equal(jpegFrame(jpeg)!.sof, 0xc2);
    const c = await convertForPress(jpeg);
    assert.equal(c.route, 'cmyk-original');
    assert.deepEqual(Buffer.from(c.data), jpeg);
  });

  it('metadata-segments-are-dropped-the-frame-and-scan-kept', async () => {
    // tagged with the output profile itself (~1 MB in APP2 segments) and given Exif (APP1)
    const jpeg = await sharp(tiffOf(logo(), shipped())).pipelineColourspace('cmyk').toColourspace('cmyk').keepIccProfile().withExif({ IFD0: { Copyright: 'Sponsor' } }).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
    assert.ok(jpeg.includes(Buffer.from('Exif\0\0')) && jpeg.includes(Buffer.from('ICC_PROFILE')));
    assert.ok(jpeg.length > 900_000, `the profile is in the JPEG (${jpeg.length} bytes)`);
    const c = await convertForPress(jpeg);
    assert.equal(c.route, 'cmyk-original');
    assert.equal(c.foreignProfile, null, 'tagged with the output profile: not foreign');
    assert.ok(c.data.length < 10_000, `${c.data.length} bytes embedded`);
    assert.deepEqual(Buffer.from(stripJpegMetadata(c.data)), Buffer.from(c.data), 'nothing more to drop');
    // the scans are the original's, byte for byte
    assert.deepEqual(Buffer.from(scanOf(c.data)), Buffer.from(scanOf(jpeg)));
    assert.deepEqual(await cmykSamples(c.data), await cmykSamples(jpeg));
  });

  it('a-cmyk-tiff-is-stored-losslessly', async () => {
    const samples = logo({ cyan: true });
    const c = await convertForPress(tiffOf(samples));
    assert.equal(c.route, 'cmyk-lossless');
    assert.equal(c.filter, 'FlateDecode');
    assert.equal(c.adobeInverted, false);
    assert.deepEqual(new Uint8Array(inflateSync(c.data)), samples, 'exactly the numbers of the file');
    assert.ok(Math.abs(c.maxTac - 100) < 0.01);
  });

  it('sixteen-bit-and-alpha-cmyk-tiffs', async () => {
    // 16-bit: 65535 -> 255, 32896 -> 128 (rounded v / 257)
    const wide = new Uint8Array(2 * 2 * 4 * 2);
    const words = [0, 0, 0, 65535, 32896, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    words.forEach((v, i) => {
      wide[2 * i] = v & 0xff;
      wide[2 * i + 1] = v >> 8;
    });
    const c16 = await convertForPress(writeTiff({ width: 2, height: 2, samples: wide, photometric: 'cmyk', bits: 16 }));
    assert.equal(c16.route, 'cmyk-lossless');
    assert.deepEqual([...inflateSync(c16.data)], [0, 0, 0, 255, 128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // alpha: laid over the paper, ink times alpha
    const withAlpha = new Uint8Array([0, 0, 0, 255, 255, 0, 0, 0, 255, 128, 200, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const ca = await convertForPress(writeTiff({ width: 2, height: 2, samples: withAlpha, photometric: 'cmyk', alpha: true }));
    assert.deepEqual([...inflateSync(ca.data)], [0, 0, 0, 255, 0, 0, 0, 128, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('the-total-ink-check-reads-the-numbers-embedded', async () => {
    // a 4 x 100 % area (a supplier's "rich black"), TAC 400 %; K-only black is 100 %
    const rich = logo();
    for (let i = 0; i < rich.length; i += 4) if (rich[i + 3] === 255) rich.set([255, 255, 255, 255], i);
    assert.ok(Math.abs((await convertForPress(tiffOf(rich))).maxTac - 400) < 0.01);
    assert.ok(Math.abs((await convertForPress(await adobeJpeg(rich))).maxTac - 400) < 2);
    assert.ok(Math.abs((await convertForPress(tiffOf(logo()))).maxTac - 100) < 0.01);
    assert.ok(Math.abs((await maxTacOf(await adobeJpeg(logo({ k: 128 })))) - 50) < 2);
  });

  it('a-cmyk-jpeg-with-an-exif-orientation-is-turned-upright-losslessly', async () => {
    const jpeg = withOrientation(await adobeJpeg(logo()), 6);
    assert.equal((await sharp(jpeg).metadata()).orientation, 6);
    const c = await convertForPress(jpeg);
    assert.equal(c.route, 'cmyk-lossless', 'a PDF ignores EXIF orientation: the pixels are turned');
    assert.deepEqual([c.width, c.height], [H, W]);
    const s = inflateSync(c.data);
    // orientation 6: turned 90° clockwise, so the bar (rows 20-39) becomes columns 20-39 from the right
    const at = (x: number, y: number) => s[(y * H + x) * 4 + 3]!;
    assert.ok(at(H - 30, 50) > 240 && at(H - 30, 5) < 15 && at(5, 50) < 15, 'the K bar where the upright picture has it');
  });
});

describe('cmyk originals tagged with another profile', () => {
  it('keep-their-numbers-by-default-and-are-named-for-preflight', async () => {
    const c = await convertForPress(await adobeJpeg(logo(), otherProfile()));
    assert.equal(c.route, 'cmyk-original');
    assert.equal(c.foreignProfile, 'Supplier coats');
    assert.ok(compare(await cmykSamples(c.data), logo()).cmyZeroKept);
  });

  it('convert-when-asked-untagged-and-same-profile-ones-do-not', async () => {
    const tagged = tiffOf(logo(), otherProfile());
    const conv = await convertForPress(tagged, { cmykImages: 'convert-tagged' });
    assert.equal(conv.route, 'cmyk-converted');
    assert.equal(conv.filter, 'FlateDecode');
    assert.equal((await convertForPress(tiffOf(logo()), { cmykImages: 'convert-tagged' })).route, 'cmyk-lossless', 'untagged: numbers kept');
    assert.equal((await convertForPress(tiffOf(logo(), shipped()), { cmykImages: 'convert-tagged' })).route, 'cmyk-lossless', 'tagged with the output profile: numbers kept');
    assert.equal((await convertForPress(tagged, { cmykImages: 'convert-tagged', cmykProfile: otherProfile() })).route, 'cmyk-lossless', 'the plant profile is the image\'s own: kept');
    // a 16-bit original converts to the same 8-bit numbers as its 8-bit copy
    const wide = new Uint8Array(W * H * 4 * 2);
    logo().forEach((v, i) => {
      wide[2 * i] = (v * 257) & 0xff;
      wide[2 * i + 1] = (v * 257) >> 8;
    });
    const conv16 = await convertForPress(writeTiff({ width: W, height: H, samples: wide, photometric: 'cmyk', bits: 16, icc: otherProfile() }), { cmykImages: 'convert-tagged' });
    assert.deepEqual(inflateSync(conv16.data), inflateSync(conv.data));
  });

  it('a-conversion-from-a-really-different-profile-changes-the-separation', async (t) => {
    // Ghostscript's SWOP profile, read where Ghostscript is installed (AGPL: never shipped)
    if (!requireTools(t, 'gs')) return;
    const swop = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
    if (!existsSync(swop)) return t.skip(`${swop} not installed`);
    const tagged = tiffOf(logo(), new Uint8Array(readFileSync(swop)));
    const kept = await convertForPress(tagged);
    assert.deepEqual(new Uint8Array(inflateSync(kept.data)), logo());
    assert.equal(kept.foreignProfile, 'Artifex CMYK SWOP Profile');
    const conv = await convertForPress(tagged, { cmykImages: 'convert-tagged' });
    const s = inflateSync(conv.data);
    const bar = (25 * W + 50) * 4;
    // SWOP's solid K is a lighter black than the chemical proof's: CMY come in, K stays dominant
    assert.notDeepEqual([...s.subarray(bar, bar + 4)], [0, 0, 0, 255]);
    assert.ok(s[bar + 3]! > 150, `${[...s.subarray(bar, bar + 4)]}`);
    assert.deepEqual([...s.subarray(0, 4)], [0, 0, 0, 0], 'paper stays paper');
  });
});

// ---- through the export and back with real tools -------------------------------------------

const FIXED = new Date('2026-11-22T08:30:00Z');

/** One tabloid page with the given images side by side at the top of the type area (288 ppi). */
function issueWith(images: { name: string; mime: 'image/jpeg' | 'image/tiff'; bytes: Uint8Array; width?: number; height?: number }[]): { issue: Issue; assets: Map<AssetId, Uint8Array> } {
  const base = newIssue({ preset: 'tabloid', meta: { paper: '天山社区晨报', date: '2026-11-22' } });
  const ta = typeArea(base.grid);
  const assets = new Map<AssetId, Uint8Array>();
  const frames: Frame[] = images.map((im, i) => {
    const id = sha256Hex(im.bytes) as AssetId;
    assets.set(id, im.bytes);
    return { id: frameId(`logo${i + 1}`), kind: 'image', x: ta.x + i * 130, y: ta.y, width: 30, height: 15, assetId: id, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 };
  });
  const issue: Issue = {
    ...base,
    assets: images.map((im) => ({ id: sha256Hex(im.bytes) as AssetId, name: im.name, mime: im.mime, width: im.width ?? W, height: im.height ?? H })),
    pages: base.pages.map((p, i) => (i === 0 ? { ...p, frames: [...p.frames, ...frames] } : p)),
  };
  return { issue, assets };
}

/** pdfimages -all into a folder: the files, in page order. */
function extractImages(pdf: string): string[] {
  const dir = tmp('banmian-img-');
  run('pdfimages', ['-all', pdf, join(dir, 'im')]);
  return readdirSync(dir).sort().map((f) => join(dir, f));
}

/** Ghostscript's separations of page 1 at 72 dpi: per plate, the darkest value (0 full ink, 255 none). */
async function plates(pdf: string): Promise<Record<'Cyan' | 'Magenta' | 'Yellow' | 'Black', { min: number; inked: number }>> {
  const dir = tmp('banmian-sep-');
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiffsep', '-r72', '-dFirstPage=1', '-dLastPage=1', `-sOutputFile=${join(dir, 'p.tif')}`, pdf]);
  const out = {} as Record<'Cyan' | 'Magenta' | 'Yellow' | 'Black', { min: number; inked: number }>;
  for (const plate of ['Cyan', 'Magenta', 'Yellow', 'Black'] as const) {
    const { data, info } = await sharp(join(dir, `p(${plate}).tif`)).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    let min = 255;
    let inked = 0;
    for (let i = 0; i < info.width * info.height; i++) {
      if (data[i]! < min) min = data[i]!;
      if (data[i]! < 128) inked++;
    }
    out[plate] = { min, inked };
  }
  return out;
}

describe('cmyk originals through the export', () => {
  const ctx = new ExportContext();

  it('k-only-jpeg-and-tiff-come-back-from-the-pdf-with-their-numbers', async (t) => {
    if (!requireTools(t, 'pdfimages', 'qpdf')) return;
    const jpeg = await adobeJpeg(logo({ cyan: true }));
    const tiff = tiffOf(logo({ cyan: true }));
    const { issue, assets } = issueWith([
      { name: 'logo.jpg', mime: 'image/jpeg', bytes: jpeg },
      { name: 'ad.tif', mime: 'image/tiff', bytes: tiff },
    ]);
    const r = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED }, ctx);
    assert.equal(r.blocked, false, JSON.stringify(r.findings));
    assert.ok(!r.findings.some((f) => f.code === 'image-over-tac'));
    const pdf = r.written[0]!;
    assert.match(run('qpdf', ['--check', pdf]), /No syntax or stream encoding errors/);
    const rows = runOut('pdfimages', ['-list', pdf]).out.split('\n').slice(2).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
    assert.deepEqual(rows.map((c) => [c[5], c[8]]), [['cmyk', 'jpeg'], ['cmyk', 'image']]);
    const [fromJpeg, fromTiff] = extractImages(pdf);
    assert.match(fromJpeg!, /\.jpg$/);
    assert.deepEqual(readFileSync(fromJpeg!), jpeg, 'the JPEG in the PDF is the original file');
    assert.match(fromTiff!, /\.tif$/);
    // pdfimages writes CMYK as TIFF, applying no /Decode: the numbers as the PDF holds them
    assert.deepEqual(await cmykSamples(readFileSync(fromTiff!)), Buffer.from(logo({ cyan: true })));
    const j = compare(await cmykSamples(readFileSync(fromJpeg!)), logo({ cyan: true }));
    assert.ok(j.cmyZeroKept && j.maxDiff[3]! <= 6, `${j.maxDiff}`);
  });

  it('tiffsep-puts-a-k-only-logo-on-the-black-plate-alone', async (t) => {
    if (!requireTools(t, 'gs')) return;
    const jpeg = await adobeJpeg(logo());
    const tiff = tiffOf(logo());
    const plain = await plainJpeg(logo());
    const images = new Map<string, PdfImage>([
      ['jpeg', await ctx.convert('jpeg', jpeg, null)],
      ['tiff', await ctx.convert('tiff', tiff, null)],
      ['plain', await ctx.convert('plain', plain, null)],
    ]);
    const l = handPage(400, 80, [], [...images.keys()].map((id, i) => ({ type: 'image' as const, clip: { x: 10 + i * 130, y: 10, width: 120, height: 60 }, rect: { x: 10 + i * 130, y: 10, width: 120, height: 60 }, assetId: id, ppi: 72 })));
    const pdf = writeTmp((await writePdf(l, writeOptions({ bleedMm: 0 }), resources({ image: (id) => images.get(id) ?? null })))[0]!.bytes, 'k-only.pdf');
    const p = await plates(pdf);
    assert.deepEqual([p.Cyan.inked, p.Magenta.inked, p.Yellow.inked], [0, 0, 0], JSON.stringify(p));
    assert.deepEqual([p.Cyan.min, p.Magenta.min, p.Yellow.min], [255, 255, 255], JSON.stringify(p));
    // three bars of 80 x 20 pt at 72 dpi, solid on the K plate (JPEG edges aside)
    assert.ok(p.Black.min <= 5 && Math.abs(p.Black.inked - 3 * 80 * 20) < 3 * 80 * 20 * 0.1, JSON.stringify(p.Black));
  });

  it('adobe-and-plain-cmyk-jpegs-render-right-in-pdftoppm', async (t) => {
    if (!requireTools(t, 'pdftoppm', 'qpdf')) return;
    const adobe = await ctx.convert('adobe-c', await adobeJpeg(logo({ cyan: true })), null);
    const plain = await ctx.convert('plain-c', await plainJpeg(logo({ cyan: true })), null);
    const images = new Map<string, PdfImage>([['adobe', adobe], ['plain', plain]]);
    const l = handPage(240, 60, [], [
      { type: 'image', clip: { x: 0, y: 0, width: 120, height: 60 }, rect: { x: 0, y: 0, width: 120, height: 60 }, assetId: 'adobe', ppi: 72 },
      { type: 'image', clip: { x: 120, y: 0, width: 120, height: 60 }, rect: { x: 120, y: 0, width: 120, height: 60 }, assetId: 'plain', ppi: 72 },
    ]);
    const dir = tmp();
    const pdf = writeTmp((await writePdf(l, writeOptions({ bleedMm: 0 }), resources({ image: (id) => images.get(id) ?? null })))[0]!.bytes, 'jpegs.pdf', dir);
    // /Decode [1 0 1 0 1 0 1 0] on the Adobe one only
    const objects = JSON.parse(runOut('qpdf', ['--json', '--json-key=qpdf', pdf]).out).qpdf[1] as Record<string, { stream?: { dict: Record<string, unknown> } }>;
    const decodes = Object.values(objects).filter((o) => o.stream?.dict['/Subtype'] === '/Image').map((o) => o.stream!.dict['/Decode'] ?? null);
    assert.deepEqual(decodes, [[1, 0, 1, 0, 1, 0, 1, 0], null]);
    run('pdftoppm', ['-r', '72', '-png', '-singlefile', pdf, join(dir, 'r')]);
    const { data, info } = await sharp(join(dir, 'r.png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const rgb = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (const x0 of [0, 120]) {
      const bar = rgb(x0 + 60, 30);
      const paper = rgb(x0 + 60, 5);
      const cyan = rgb(x0 + 4, 5);
      assert.ok(bar.every((v) => v < 80), `bar at ${x0}: ${bar}`);
      assert.ok(paper.every((v) => v > 240), `paper at ${x0}: ${paper}`);
      assert.ok(cyan[0]! < 200 && cyan[1]! > 180 && cyan[2]! > 220, `50 % cyan at ${x0}: ${cyan}`);
    }
  });

  it('preflight-warns-about-a-foreign-profile-and-checks-ink-on-the-embedded-numbers', async () => {
    const rich = logo();
    for (let i = 0; i < rich.length; i += 4) if (rich[i + 3] === 255) rich.set([255, 255, 255, 255], i);
    const { issue, assets } = issueWith([
      { name: 'coated-ad.jpg', mime: 'image/jpeg', bytes: await adobeJpeg(logo(), otherProfile()) },
      { name: 'rich.tif', mime: 'image/tiff', bytes: tiffOf(rich) },
    ]);
    const r = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED }, ctx);
    const tac = r.findings.filter((f) => f.code === 'image-over-tac');
    assert.deepEqual(tac.map((f) => f.frameId), ['logo2']);
    assert.match(tac[0]!.message, /400%/);
    const other = r.findings.filter((f) => f.code === 'cmyk-other-profile');
    assert.deepEqual(other.map((f) => [f.frameId, f.severity]), [['logo1', 'warning']]);
    assert.match(other[0]!.message, /Supplier coats/);
    assert.match(other[0]!.messageZh, /原数值付印/);
    // converted on request: no warning
    const c = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, force: true, cmykImages: 'convert-tagged' }, ctx);
    assert.ok(!c.findings.some((f) => f.code === 'cmyk-other-profile'));
  });
});
