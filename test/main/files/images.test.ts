// Image conversion for press with sharp: RGB -> CMYK JPEG through a stated profile, grey stays
// grey, the Adobe inversion flag, total ink measurement.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { builtinCmykProfile, convertForPress, hasAdobeMarker, imageFacts, maxTacOf } from '../../../main/files/images';
import { GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { repoRoot } from '../../renderer/fonts/load-fonts';

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
    assert.equal((await sharp(Buffer.from(c.jpeg)).metadata()).space, 'cmyk');
    const [cy, m, y] = await cmykOf(c.jpeg);
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
    assert.equal((await sharp(Buffer.from(c.jpeg)).metadata()).channels, 1);
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
    assert.ok(c.jpeg.length < 20_000, `the profile is not attached to the image (${c.jpeg.length} bytes)`);
    // A different CMYK profile gives different separations: the profile is really used.
    // (Ghostscript's own profile, read where Ghostscript is installed; never shipped: AGPL.)
    const other = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
    if (existsSync(other)) {
      const d = await convertForPress(png, { cmykProfile: new Uint8Array(readFileSync(other)) });
      assert.notDeepEqual(await cmykOf(d.jpeg), await cmykOf(c.jpeg));
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
    assert.equal(hasAdobeMarker((await convertForPress(await solid(1, 2, 3).png().toBuffer())).jpeg), true);
  });

  it('max-tac-of-white-is-zero-and-of-a-dark-colour-is-high', async () => {
    assert.equal(await maxTacOf((await convertForPress(await solid(255, 255, 255).png().toBuffer())).jpeg), 0);
    const dark = await maxTacOf((await convertForPress(await solid(20, 10, 10).png().toBuffer())).jpeg);
    assert.ok(dark > 150 && dark <= 400, `dark TAC ${dark}`);
  });
});
