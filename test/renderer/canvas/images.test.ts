// Which images the screen asks main to preview (renderer/canvas/images.ts): TIFF and CMYK JPEG;
// and how ImageStore decodes: upright by EXIF orientation, previews included. (That Chromium then
// draws every orientation upright is test/e2e/image-orientation.test.ts.)
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import sharp from 'sharp';
import { ImageStore, jpegComponents, needsPreview, type BitmapDecoder } from '../../../renderer/canvas/images';

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

/** A decoder that records what it was asked and answers with a fake bitmap (or fails for `fail` types). */
function fakeDecoder(fail: ReadonlySet<string> = new Set()) {
  const calls: Array<{ type: string; size: number; options: ImageBitmapOptions }> = [];
  const decode: BitmapDecoder = async (blob, options) => {
    calls.push({ type: blob.type, size: blob.size, options });
    if (fail.has(blob.type)) throw new Error('cannot decode');
    return { width: 20, height: 40, close() {} } as ImageBitmap;
  };
  return { calls, decode };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test('bitmaps-are-decoded-upright-by-exif-orientation', async () => {
  const d = fakeDecoder();
  const store = new ImageStore(null, d.decode);
  let changes = 0;
  store.onChange(() => changes++);
  const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#808080' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  store.add('a', jpeg, 'image/jpeg');
  assert.equal(store.has('a'), true);
  assert.equal(store.get('a'), null, 'a placeholder until decoded');
  await settle();
  assert.deepEqual(d.calls, [{ type: 'image/jpeg', size: jpeg.length, options: { imageOrientation: 'from-image' } }]);
  assert.equal(store.get('a')?.height, 40, 'the decoded bitmap is what the canvas draws');
  assert.equal(changes, 1);
});

test('a-preview-from-main-is-decoded-the-same-way', async () => {
  const d = fakeDecoder(new Set(['image/png']));
  const asked: string[] = [];
  const store = new ImageStore(async (id) => {
    asked.push(id);
    return { bytes: new Uint8Array([0xff, 0xd8, 0xff]), mime: 'image/jpeg' };
  }, d.decode);
  const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).tiff().toBuffer();
  store.add('t', tiff, 'image/tiff');
  // a PNG the browser fails to decode is asked for as a preview too
  store.add('p', await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).png().toBuffer(), 'image/png');
  await settle();
  await settle();
  assert.deepEqual(asked, ['t', 'p']);
  // the PNG itself, then the two previews (JPEG), every one with the same options
  assert.deepEqual(d.calls.map((c) => `${c.type} ${c.options.imageOrientation}`).sort(), ['image/jpeg from-image', 'image/jpeg from-image', 'image/png from-image']);
  assert.ok(store.get('t') && store.get('p'));
});
