import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { addAsset, assetEntryName, sniffImage } from '../../../main/files/assets';
import { Asset } from '../../../renderer/model';
import { enc, expectIssueError, tinyJpeg, tinyPng, tinyTiff } from './helpers';

describe('addAsset', () => {
  const cases: Array<[string, Uint8Array, string, number, number]> = [
    ['png', tinyPng(1200, 800), 'image/png', 1200, 800],
    ['jpeg-baseline', tinyJpeg(3000, 2000), 'image/jpeg', 3000, 2000],
    ['tiff-little-endian', tinyTiff(640, 480, true), 'image/tiff', 640, 480],
    ['tiff-big-endian', tinyTiff(641, 481, false), 'image/tiff', 641, 481],
  ];
  for (const [name, bytes, mime, w, h] of cases) {
    test(`sniff-${name}: type and pixel size from the header`, () => {
      const { asset, bytes: out } = addAsset(bytes, `/photos/img.${name}`);
      assert.equal(asset.mime, mime);
      assert.equal(asset.width, w);
      assert.equal(asset.height, h);
      assert.equal(asset.name, `img.${name}`);
      assert.equal(asset.id, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(out, bytes);
      assert.ok(Asset.safeParse(asset).success);
    });
  }

  test('sniff-jpeg-progressive-after-fill-bytes: SOF2 after 0xFF padding', () => {
    const j = tinyJpeg(100, 50);
    const sofAt = j.indexOf(0xc0, 4);
    const b = new Uint8Array([...j.subarray(0, sofAt - 1), 0xff, 0xff, 0xc2, ...j.subarray(sofAt + 1)]);
    assert.deepEqual(sniffImage(b, 'p.jpg'), { mime: 'image/jpeg', width: 100, height: 50, orientation: 1 });
  });

  test('entry name: assets/<sha256>.<ext>', () => {
    const { asset } = addAsset(tinyTiff(1, 1), 'x.tif');
    assert.equal(assetEntryName(asset), `assets/${asset.id}.tif`);
  });

  const refused: Array<[string, Uint8Array, RegExp]> = [
    ['gif', enc.encode('GIF89a\x01\x00\x01\x00\x00\x00\x00'), /it is GIF/],
    ['webp', enc.encode('RIFF\x00\x00\x00\x00WEBPVP8 '), /it is WebP/],
    ['pdf', enc.encode('%PDF-1.7\n%\xe2\xe3'), /it is PDF/],
    ['bigtiff', enc.encode('II+\x00\x08\x00\x00\x00\x00\x00\x00\x00'), /BigTIFF/],
    ['text', enc.encode('这不是图片，只是一段文字。'), /not a JPEG, PNG or TIFF/],
    ['empty', new Uint8Array(0), /empty/],
    ['truncated-png', tinyPng(10, 10).subarray(0, 16), /PNG header is incomplete/],
    ['truncated-jpeg', tinyJpeg(10, 10).subarray(0, 12), /JPEG/],
    ['zero-size-png', tinyPng(0, 10), /1 to 100000/],
    ['huge-png', tinyPng(200_000, 10), /200000 × 10/],
  ];
  for (const [name, bytes, why] of refused) {
    test(`refuse-${name}: a clear bad-image error`, () => {
      const e = expectIssueError(() => addAsset(bytes, `file.${name}`), 'bad-image', why);
      assert.match(e.message, /Convert it to JPEG, PNG or TIFF/);
      assert.match(e.messageZh, /无法置入图片/);
    });
  }
});
