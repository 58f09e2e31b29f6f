// Image conversion for press with sharp: RGB -> CMYK JPEG through a stated profile, grey stays
// grey, the Adobe inversion flag, total ink measurement; the separations of reference colours,
// pinned and checked against an independent conversion with the shipped profile (Ghostscript's
// lcms2).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { builtinCmykProfile, convertForPress, hasAdobeMarker, imageFacts, maxTacOf } from '../../../main/files/images';
import { ExportContext, GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { repoRoot } from '../../renderer/fonts/load-fonts';
import { requireTools } from '../../helpers/tools';
import { run, tmp } from '../../renderer/pdf/helpers';

const solid = (r: number, g: number, b: number, w = 16, h = 16) => sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } });
/** CMYK samples of a converted JPEG, read back without another conversion. */
async function cmykOf(jpeg: Uint8Array): Promise<number[]> {
  const d = await sharp(Buffer.from(jpeg)).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
  return [...d.subarray(0, 4)].map((v) => Math.round((v / 255) * 100));
}

describe('images for press', () => {
  it('rgb-png-becomes-adobe-cmyk-jpeg', async () => {
    const png = await solid(0, 160, 230).png().toBuffer();
    assert.equal((await imageFacts(png)).space, 'rgb');
    const c = await convertForPress(png);
    assert.equal(c.colorSpace, 'cmyk');
    assert.equal(c.source.space, 'rgb');
    assert.deepEqual([c.width, c.height], [16, 16]);
    assert.equal(c.adobeInverted, true);
    assert.equal((await sharp(Buffer.from(c.data)).metadata()).space, 'cmyk');
    const [cy, m, y] = await cmykOf(c.data);
    assert.ok(cy! > 50 && cy! > m! && cy! > y!, `a blue-cyan converts to mostly C: ${[cy, m, y]}`);
  });

  it('tiff-and-jpeg-inputs-convert-too', async () => {
    for (const bytes of [await solid(200, 30, 30).tiff().toBuffer(), await solid(200, 30, 30).jpeg().toBuffer()]) {
      const c = await convertForPress(bytes);
      assert.equal(c.colorSpace, 'cmyk');
    }
  });

  it('greyscale-stays-one-channel', async () => {
    const grey = await solid(90, 90, 90).toColourspace('b-w').png().toBuffer();
    const c = await convertForPress(grey);
    assert.equal(c.colorSpace, 'gray');
    assert.equal((await sharp(Buffer.from(c.data)).metadata()).channels, 1);
  });

  it('a-view-into-a-larger-buffer-is-read-at-its-offset', async () => {
    const png = await solid(10, 200, 10).png().toBuffer();
    const big = new Uint8Array(png.length + 100);
    big.set(png, 37);
    const c = await convertForPress(big.subarray(37, 37 + png.length));
    assert.equal(c.colorSpace, 'cmyk');
  });

  it('a-cmyk-profile-given-by-the-user-is-used', async () => {
    const profile = new Uint8Array(readFileSync(join(repoRoot, GENERIC_PROFILE_FILE)));
    const png = await solid(0, 160, 230).png().toBuffer();
    const c = await convertForPress(png, { cmykProfile: profile });
    assert.equal(c.colorSpace, 'cmyk');
    assert.equal(c.adobeInverted, true);
    assert.ok(c.data.length < 20_000, `the profile is not attached to the image (${c.data.length} bytes)`);
    // A different CMYK profile gives different separations: the profile is really used.
    // (Ghostscript's own profile, read where Ghostscript is installed; never shipped: AGPL.)
    const other = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
    if (existsSync(other)) {
      const d = await convertForPress(png, { cmykProfile: new Uint8Array(readFileSync(other)) });
      assert.notDeepEqual(await cmykOf(d.data), await cmykOf(c.data));
    }
  });

  it('the-shipped-profile-is-libvips-builtin-cmyk', async () => {
    const shipped = readFileSync(join(repoRoot, GENERIC_PROFILE_FILE));
    assert.deepEqual(Buffer.from(await builtinCmykProfile()), shipped);
    assert.equal(shipped.subarray(16, 20).toString('latin1'), 'CMYK');
    assert.match(shipped.toString('latin1'), /Released into the public domain/);
  });

  it('adobe-marker-detection', async () => {
    assert.equal(hasAdobeMarker(await solid(1, 2, 3).jpeg().toBuffer()), false);
    assert.equal(hasAdobeMarker((await convertForPress(await solid(1, 2, 3).png().toBuffer())).data), true);
  });

  it('max-tac-of-white-is-zero-and-of-a-dark-colour-is-high', async () => {
    assert.equal(await maxTacOf((await convertForPress(await solid(255, 255, 255).png().toBuffer())).data), 0);
    const dark = await maxTacOf((await convertForPress(await solid(20, 10, 10).png().toBuffer())).data);
    assert.ok(dark > 150 && dark <= 400, `dark TAC ${dark}`);
  });
});

// ---- separations of reference colours ------------------------------------------------------

/** CMYK samples 0..255 of the middle pixel of a converted JPEG (or a CMYK TIFF), as stored. */
async function cmyk255(image: Uint8Array | string): Promise<number[]> {
  const { data, info } = await sharp(typeof image === 'string' ? image : Buffer.from(image)).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  const o = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * 4;
  return [...data.subarray(o, o + 4)];
}

/**
 * sRGB -> CMYK (0..255) with the shipped profile at perceptual intent, the export's conversion
 * (main/files/images.ts convertForPress). Pinned to notice any change of profile, intent or
 * library; each row is also within 2 of Ghostscript's lcms2 conversion (below). The conversion
 * the export made before, libvips' toColourspace('cmyk') at relative colorimetric intent, gave
 * e.g. 137,51,0,8 for the first row and 23,0,162,255 for black.
 */
const REFERENCE: ReadonlyArray<{ name: string; rgb: [number, number, number]; cmyk: [number, number, number, number] }> = [
  { name: 'sky blue (the reviewer’s colour)', rgb: [110, 160, 210], cmyk: [126, 43, 1, 21] },
  { name: 'cyan blue', rgb: [0, 160, 230], cmyk: [180, 41, 1, 14] },
  { name: 'red', rgb: [200, 30, 30], cmyk: [0, 236, 244, 41] },
  { name: 'yellow', rgb: [240, 200, 40], cmyk: [0, 29, 236, 19] },
  { name: 'green', rgb: [30, 120, 60], cmyk: [194, 0, 220, 106] },
  { name: 'mid grey', rgb: [128, 128, 128], cmyk: [6, 0, 2, 152] },
  { name: 'near black', rgb: [20, 10, 10], cmyk: [32, 42, 143, 242] },
  { name: 'white', rgb: [255, 255, 255], cmyk: [0, 0, 0, 0] },
];

const near = (a: readonly number[], b: readonly number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

describe('separations with the shipped profile', () => {
  const shipped = new Uint8Array(readFileSync(join(repoRoot, GENERIC_PROFILE_FILE)));
  const ctx = new ExportContext();

  for (const c of REFERENCE) {
    it(`${c.name}-${c.rgb.join('-')}`, async () => {
      const png = await solid(...c.rgb).png().toBuffer();
      // What the export does without a plant profile (ExportContext.convert with null) ...
      const viaExport = await cmyk255((await ctx.convert(`ref-${c.rgb.join('-')}`, png, null)).data);
      // ... equals an explicit conversion with the shipped profile, and with libvips' built-in
      // copy of it (convertForPress with no profile).
      const explicit = await cmyk255((await convertForPress(png, { cmykProfile: shipped })).data);
      const builtin = await cmyk255((await convertForPress(png)).data);
      assert.deepEqual(viaExport, explicit);
      assert.deepEqual(builtin, explicit);
      // JPEG at quality 90 may move a flat colour by one level.
      assert.ok(near(explicit, c.cmyk, 1), `${c.rgb} -> ${explicit}, pinned ${c.cmyk}`);
    });
  }

  it('agree-with-ghostscript-lcms2-at-perceptual-intent', async (t) => {
    if (!requireTools(t, 'gs')) return;
    const dir = tmp();
    const rows: string[] = [];
    for (const c of REFERENCE) {
      // Ghostscript reads DeviceRGB as sRGB (its default_rgb.icc) and converts to the output
      // profile with lcms2; -dRenderIntent=0 is perceptual.
      const ps = join(dir, 'c.ps');
      writeFileSync(ps, `%!PS\n<< /PageSize [8 8] >> setpagedevice ${c.rgb.map((v) => (v / 255).toFixed(6)).join(' ')} setrgbcolor 0 0 8 8 rectfill showpage\n`);
      const tif = join(dir, 'c.tif');
      run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=tiff32nc', '-r72', `-sOutputICCProfile=${join(repoRoot, GENERIC_PROFILE_FILE)}`, '-dRenderIntent=0', `-sOutputFile=${tif}`, ps]);
      const gs = await cmyk255(tif);
      rows.push(`${c.rgb} -> ours ${c.cmyk}, gs ${gs}`);
      assert.ok(near(gs, c.cmyk, 2), rows.join('\n'));
    }
    t.diagnostic(rows.join('\n'));
  });

  it('a-plant-profile-is-one-transform-not-two', async () => {
    // With a plant profile the pixels go sRGB -> plant profile once; before, they went through
    // libvips' built-in CMYK first (toColourspace('cmyk')), then on to the plant profile. The
    // shipped profile given as "the plant's" must give exactly its own single conversion: the
    // reference table above.
    const plant = new Uint8Array(readFileSync(join(repoRoot, GENERIC_PROFILE_FILE)));
    const black = await cmyk255((await convertForPress(await solid(0, 0, 0).png().toBuffer(), { cmykProfile: plant })).data);
    // two conversions gave 38,14,62,231 (a 4-colour black the profile's own separation never makes)
    assert.ok(near(black, [50, 0, 209, 253], 1), `black -> ${black}`);
  });

  it('sixteen-bit-and-tagged-originals-separate-like-8-bit-srgb', async () => {
    const ref = await cmyk255((await convertForPress(await solid(110, 160, 210).png().toBuffer())).data);
    // untagged 16-bit: sRGB, though sharp would take it for Display P3
    const sixteen = await solid(110, 160, 210).toColourspace('rgb16').png().toBuffer();
    assert.equal((await sharp(sixteen).metadata()).depth, 'ushort');
    assert.ok(near(await cmyk255((await convertForPress(sixteen)).data), ref, 2), 'untagged 16-bit');
    // tagged 16-bit: through its own profile (here sRGB, attached)
    const tagged16 = await solid(110, 160, 210).withIccProfile('srgb').toColourspace('rgb16').png().toBuffer();
    assert.ok((await sharp(tagged16).metadata()).icc, 'the 16-bit PNG carries a profile');
    assert.ok(near(await cmyk255((await convertForPress(tagged16)).data), ref, 2), 'tagged 16-bit');
    // transparency is laid over white first
    const clear = await sharp({ create: { width: 16, height: 16, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    assert.deepEqual(await cmyk255((await convertForPress(clear)).data), [0, 0, 0, 0]);
  });
});
