// Which images the screen asks main to preview (renderer/canvas/images.ts): TIFF and CMYK JPEG.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import sharp from 'sharp';
import { jpegComponents, needsPreview } from '../../../renderer/canvas/images';

const solid = () => sharp({ create: { width: 4, height: 4, channels: 3, background: { r: 200, g: 30, b: 30 } } });

test('jpeg-components-are-read-from-the-frame-header', async () => {
  assert.equal(jpegComponents(await solid().jpeg().toBuffer()), 3);
  assert.equal(jpegComponents(await solid().toColourspace('b-w').jpeg().toBuffer()), 1);
  assert.equal(jpegComponents(await solid().toColourspace('cmyk').jpeg().toBuffer()), 4);
  assert.equal(jpegComponents(await solid().jpeg({ progressive: true }).toBuffer()), 3, 'progressive (SOF2)');
  assert.equal(jpegComponents(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])), null, 'no frame header');
  assert.equal(jpegComponents(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00])), null, 'truncated');
});

test('tiff-and-cmyk-jpeg-need-a-preview-rgb-jpeg-and-png-do-not', async () => {
  assert.equal(needsPreview(await solid().tiff().toBuffer(), 'image/tiff'), true);
  assert.equal(needsPreview(await solid().toColourspace('cmyk').jpeg().toBuffer(), 'image/jpeg'), true);
  assert.equal(needsPreview(await solid().jpeg().toBuffer(), 'image/jpeg'), false);
  assert.equal(needsPreview(await solid().png().toBuffer(), 'image/png'), false);
});
