// Screen previews (main/files/images.ts screenPreview, ScreenPreviews): sRGB JPEGs for images
// Chromium cannot show as they are, made from real TIFF and JPEG files written with sharp here.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { PREVIEW_MAX_SIDE, ScreenPreviews, screenPreview, type ScreenPreview } from '../../../main/files/images';
import { GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { repoRoot } from '../../renderer/fonts/load-fonts';
import { writeTiff } from '../../helpers/tiff';

type Rgb = [number, number, number];

/**
 * In-gamut colours of newspaper photos (skin, sky, grass, brick, neutral grey) as 8-bit sRGB.
 * Each is a 64 × 64 block of a strip, so JPEG blocks never straddle two colours at the sample points.
 */
const COLOURS: Rgb[] = [
  [230, 190, 160],
  [110, 160, 210],
  [150, 180, 120],
  [190, 90, 70],
  [120, 120, 120],
];
const BLOCK = 64;

/** A strip of the colours as raw sRGB pixels. */
function strip(): { data: Buffer; width: number; height: number } {
  const width = BLOCK * COLOURS.length;
  const height = BLOCK;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(COLOURS[Math.floor(x / BLOCK)]!, (y * width + x) * 3);
  }
  return { data, width, height };
}

const rgbStrip = () => {
  const s = strip();
  return sharp(s.data, { raw: { width: s.width, height: s.height, channels: 3 } });
};

/** The colour at the centre of each block of a decoded preview. */
async function blockColours(p: ScreenPreview): Promise<Rgb[]> {
  const { data, info } = await sharp(Buffer.from(p.bytes)).raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.channels, 3, 'the preview is RGB');
  return COLOURS.map((_, i) => {
    const x = Math.round(((i + 0.5) * BLOCK * info.width) / (BLOCK * COLOURS.length));
    const y = Math.round(info.height / 2);
    const o = (y * info.width + x) * 3;
    return [data[o]!, data[o + 1]!, data[o + 2]!];
  });
}

/** Raw CMYK samples (0-255) at the centre of each block, read without any conversion. */
async function cmykSamples(file: Buffer): Promise<number[][]> {
  const { data, info } = await sharp(file).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  assert.equal(info.channels, 4);
  return COLOURS.map((_, i) => {
    const o = (Math.round(info.height / 2) * info.width + Math.round((i + 0.5) * BLOCK)) * 4;
    return [...data.subarray(o, o + 4)];
  });
}

/** Per-channel largest difference. */
const dist = (a: Rgb, b: Rgb) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

/** What a browser without colour management shows for CMYK: 255·(1−C)·(1−K) per channel. */
const naive = ([c, m, y, k]: number[]): Rgb => [c!, m!, y!].map((v) => Math.round(255 * (1 - v / 255) * (1 - k! / 255))) as Rgb;

const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;

describe('screen previews', () => {
  it('rgb-tiff-becomes-an-srgb-jpeg-with-the-same-colours', async () => {
    const tiff = await rgbStrip().tiff().toBuffer();
    const p = await screenPreview(tiff);
    assert.equal(p.mime, 'image/jpeg');
    assert.ok(isJpeg(p.bytes));
    assert.deepEqual([p.width, p.height], [BLOCK * COLOURS.length, BLOCK], 'a small image is not enlarged');
    assert.equal(p.source.space, 'rgb');
    const got = await blockColours(p);
    got.forEach((c, i) => assert.ok(dist(c, COLOURS[i]!) <= 4, `block ${i}: ${c} for ${COLOURS[i]}`));
  });

  it('cmyk-tiff-is-converted-with-the-project-cmyk-profile-not-naively', async () => {
    // CMYK as the press conversion makes it (sRGB -> libvips' built-in CMYK profile), untagged,
    // as most CMYK TIFFs from agencies and scanners arrive.
    const tiff = await rgbStrip().toColourspace('cmyk').tiff().toBuffer();
    const md = await sharp(tiff).metadata();
    assert.equal(md.space, 'cmyk');
    assert.equal(md.icc, undefined, 'no embedded profile');
    const p = await screenPreview(tiff);
    assert.equal(p.source.space, 'cmyk');
    const got = await blockColours(p);
    // Through the same profile the colours come back (within the rounding of two 8-bit
    // conversions and the profile's black generation: 3-14 per channel for these colours) ...
    got.forEach((c, i) => assert.ok(dist(c, COLOURS[i]!) <= 16, `block ${i}: ${c} for ${COLOURS[i]}`));
    // ... where the naive formula a browser would use is far off (38-40 per channel for the sky
    // and the foliage): this test would catch a preview made without the profile.
    const cmyk = await cmykSamples(tiff);
    const naiveErr = cmyk.map((s, i) => dist(naive(s), COLOURS[i]!));
    assert.ok(naiveErr[1]! > 30 && naiveErr[2]! > 30, `naive conversion errors ${naiveErr}`);
    // The profile is the one the project ships: the same CMYK numbers tagged with
    // assets/icc/vips-chemical-proof.icc give the same preview.
    const raw = await sharp(tiff).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
    const tagged = writeTiff({ width: raw.info.width, height: raw.info.height, samples: raw.data, photometric: 'cmyk', icc: readFileSync(join(repoRoot, GENERIC_PROFILE_FILE)) });
    assert.equal((await sharp(tagged).metadata()).icc?.length, 961_644, 'the tagged copy carries the profile');
    assert.deepEqual(await cmykSamples(tagged), cmyk, 'the same CMYK numbers');
    const viaShipped = await blockColours(await screenPreview(tagged));
    got.forEach((c, i) => assert.ok(dist(c, viaShipped[i]!) <= 1, `block ${i}: ${c} untagged, ${viaShipped[i]} through the shipped profile`));
  });

  it('cmyk-jpeg-is-converted-too', async () => {
    const jpeg = await rgbStrip().toColourspace('cmyk').jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
    assert.equal((await sharp(jpeg).metadata()).space, 'cmyk');
    const got = await blockColours(await screenPreview(jpeg));
    got.forEach((c, i) => assert.ok(dist(c, COLOURS[i]!) <= 18, `block ${i}: ${c} for ${COLOURS[i]}`));
  });

  it('large-images-are-reduced-to-the-preview-size-keeping-their-proportions', async () => {
    const tiff = await sharp({ create: { width: 4000, height: 1000, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } }).toColourspace('cmyk').tiff({ compression: 'lzw' }).toBuffer();
    const p = await screenPreview(tiff);
    assert.deepEqual([p.width, p.height], [PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE / 4]);
    const small = await screenPreview(tiff, { maxSide: 400 });
    assert.deepEqual([small.width, small.height], [400, 100]);
  });

  it('grey-and-transparent-tiffs-become-rgb-on-white', async () => {
    const grey = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 90, g: 90, b: 90 } } }).toColourspace('b-w').tiff().toBuffer();
    const clear = writeTiff({ width: 8, height: 8, samples: new Uint8Array(8 * 8 * 4), photometric: 'rgb', alpha: true });
    assert.equal((await sharp(clear).metadata()).hasAlpha, true);
    for (const [what, bytes, want] of [['grey', grey, [90, 90, 90]], ['transparent', clear, [255, 255, 255]]] as const) {
      const p = await screenPreview(bytes);
      const { data, info } = await sharp(Buffer.from(p.bytes)).raw().toBuffer({ resolveWithObject: true });
      assert.equal(info.channels, 3, what);
      assert.ok(dist([data[0]!, data[1]!, data[2]!], want as unknown as Rgb) <= 3, `${what}: ${[...data.subarray(0, 3)]}`);
    }
  });

  it('bytes-that-are-no-image-are-refused', async () => {
    await assert.rejects(screenPreview(new TextEncoder().encode('II*\0 not really a tiff')));
  });
});

describe('the preview cache', () => {
  const fake = (size: number): ScreenPreview => ({ mime: 'image/jpeg', width: 1, height: 1, bytes: new Uint8Array(size), source: { width: 1, height: 1, space: 'rgb', hasProfile: false } });

  it('makes-one-preview-per-asset-hash-and-shares-pending-requests', async () => {
    const made: number[] = [];
    const cache = new ScreenPreviews(1000, async (b) => {
      made.push(b.length);
      return fake(10);
    });
    const [a, b] = await Promise.all([cache.preview('h1', new Uint8Array(1)), cache.preview('h1', new Uint8Array(1))]);
    assert.equal(a, b);
    await cache.preview('h1', new Uint8Array(1));
    await cache.preview('h2', new Uint8Array(2));
    assert.deepEqual(made, [1, 2]);
    assert.deepEqual(cache.stats, { entries: 2, bytes: 20 });
  });

  it('forgets-a-failed-preview-so-a-retry-can-succeed', async () => {
    let fail = true;
    const cache = new ScreenPreviews(1000, async () => {
      if (fail) throw new Error('busy');
      return fake(5);
    });
    await assert.rejects(cache.preview('h', new Uint8Array(1)));
    await new Promise((r) => setImmediate(r));
    fail = false;
    assert.equal((await cache.preview('h', new Uint8Array(1))).bytes.length, 5);
  });

  it('drops-the-least-recently-used-previews-past-its-budget', async () => {
    const made: string[] = [];
    const cache = new ScreenPreviews(250, async (b) => {
      made.push(String(b[0]));
      return fake(100);
    });
    const get = async (n: number) => {
      await cache.preview(`h${n}`, new Uint8Array([n]));
      await new Promise((r) => setImmediate(r));
    };
    await get(1);
    await get(2);
    await get(1); // h1 is now the most recently used
    await get(3); // over budget: h2 goes
    assert.deepEqual(cache.stats, { entries: 2, bytes: 200 });
    await get(1);
    await get(2);
    assert.deepEqual(made, ['1', '2', '3', '2']);
  });
});
