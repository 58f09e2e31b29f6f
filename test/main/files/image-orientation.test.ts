// EXIF orientation, in every place a placed picture passes through, for all eight orientations
// and the three formats Banmian places: the size recorded on import (main/files/assets.ts), main's
// screen preview (images.ts screenPreview), the press conversion (images.ts convertForPress) and
// the exported PDF read back with poppler (pdfimages -list: the image XObject's size; pdftoppm:
// where the marker prints). All must show the picture upright, as the camera meant it and as
// Chromium shows it on screen (test/e2e/image-orientation.test.ts checks the screen itself).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { addAsset, sniffImage } from '../../../main/files/assets';
import { convertForPress, screenPreview } from '../../../main/files/images';
import { readIssueBytes, writeIssueBytes } from '../../../main/files/issue-file';
import { ExportContext, exportIssue } from '../../../main/files/pdf-export';
import type { AssetId, Issue } from '../../../renderer/model/schema';
import { decode } from '../../helpers/editor-page';
import { FORMATS, MIME, ORIENTATIONS, STORED, frameBox, orientationIssue, orientedPicture, pixelsOf, seen, type PictureFormat } from '../../helpers/orientation';
import { requireTools } from '../../helpers/tools';
import { runOut, tmp } from '../../renderer/pdf/helpers';

const pictures = new Map<string, Buffer>();
const pic = (format: PictureFormat, orientation: number) => pictures.get(`${format}:${orientation}`)!;

before(async () => {
  for (const format of FORMATS) for (const { orientation } of ORIENTATIONS) pictures.set(`${format}:${orientation}`, await orientedPicture(format, orientation));
});

describe('import records the upright size', () => {
  for (const format of FORMATS) {
    for (const o of ORIENTATIONS) {
      it(`${format}-orientation-${o.orientation}-is-${o.width}x${o.height}`, () => {
        const { asset } = addAsset(pic(format, o.orientation), `photo.${format}`);
        assert.deepEqual([asset.width, asset.height], [o.width, o.height]);
        assert.equal(sniffImage(pic(format, o.orientation), 'p').orientation, o.orientation);
      });
    }
  }

  it('an-orientation-outside-1-to-8-counts-as-1', async () => {
    // Readers (Chromium, libvips) treat a damaged tag as "as stored"; the size must agree.
    const b = Buffer.from(await orientedPicture('jpeg', 6));
    const tag = b.indexOf(Buffer.from([0x01, 0x12, 0x00, 0x03])); // Orientation, SHORT (big-endian Exif from sharp)
    const tagLe = b.indexOf(Buffer.from([0x12, 0x01, 0x03, 0x00]));
    assert.ok(tag > 0 || tagLe > 0, 'the Orientation entry is found');
    if (tag > 0) b.writeUInt16BE(9, tag + 8);
    else b.writeUInt16LE(9, tagLe + 8);
    const info = sniffImage(b, 'p.jpg');
    assert.deepEqual([info.width, info.height, info.orientation], [STORED.width, STORED.height, 1]);
    // and sharp (preview, press) leaves the pixels as stored too
    const p = await screenPreview(b);
    const c = await convertForPress(b);
    assert.deepEqual([p.width, p.height, c.width, c.height], [STORED.width, STORED.height, STORED.width, STORED.height]);
  });
});

describe('screen preview and press conversion are upright', () => {
  for (const format of FORMATS) {
    for (const o of ORIENTATIONS) {
      it(`${format}-orientation-${o.orientation}`, async () => {
        const p = await screenPreview(pic(format, o.orientation));
        assert.deepEqual([p.width, p.height], [o.width, o.height], 'preview size');
        assert.deepEqual(seen(await pixelsOf(p.bytes)), { width: o.width, height: o.height, marker: o.marker }, 'preview pixels');
        const c = await convertForPress(pic(format, o.orientation));
        assert.deepEqual([c.width, c.height], [o.width, o.height], 'press image size');
        assert.deepEqual(seen(await pixelsOf(c.data)), { width: o.width, height: o.height, marker: o.marker }, 'press image pixels');
      });
    }
  }
});

describe('the exported PDF', () => {
  let pdf = '';
  let issue: Issue;
  before(async () => {
    const assets = new Map<AssetId, Uint8Array>();
    issue = await orientationIssue(assets);
    // A 40-pixel picture in a 100 pt frame is far under 200 ppi: force past that preflight error.
    const r = await exportIssue({ issue, assets }, { outDir: tmp(), singleFile: true, bleedMm: 0, force: true, created: new Date('2026-11-22T08:30:00Z') }, new ExportContext());
    pdf = r.written[0]!;
  });

  it('image-xobjects-have-the-upright-size', (t) => {
    if (!requireTools(t, 'pdfimages')) return;
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    const rows = runOut('pdfimages', ['-list', pdf]).out.split('\n').slice(2).filter((x) => x.trim()).map((x) => x.trim().split(/\s+/));
    assert.equal(rows.length, FORMATS.length * ORIENTATIONS.length);
    FORMATS.forEach((format, pi) => {
      ORIENTATIONS.forEach((o, i) => {
        const row = rows.filter((r) => r[0] === String(pi + 1))[i]!;
        assert.deepEqual([Number(row[3]), Number(row[4])], [o.width, o.height], `${format} orientation ${o.orientation}: /Width /Height`);
      });
    });
  });

  it('the-printed-page-shows-each-picture-upright', async (t) => {
    if (!requireTools(t, 'pdftoppm')) return;
    const dir = tmp();
    // 144 dpi: 2 pixels per point, so a frame is 200 px and the marker 20 px or more across.
    runOut('pdftoppm', ['-r', '144', '-png', pdf, join(dir, 'p')]);
    for (const [pi, format] of FORMATS.entries()) {
      const page = await decode(readFileSync(join(dir, `p-${pi + 1}.png`)));
      for (const [i, o] of ORIENTATIONS.entries()) {
        const b = frameBox(i);
        const s = seen(page, { x: b.x * 2, y: b.y * 2, width: b.width * 2, height: b.height * 2 });
        assert.ok(s, `${format} orientation ${o.orientation}: the picture prints`);
        assert.equal(s.marker, o.marker, `${format} orientation ${o.orientation}: marker corner`);
        // fit: the long side fills the 100 pt frame (200 px), the short side is half of it
        const long = Math.max(s.width, s.height);
        const short = Math.min(s.width, s.height);
        assert.ok(Math.abs(long - 200) <= 2 && Math.abs(short - 100) <= 2, `${format} orientation ${o.orientation}: ${s.width} × ${s.height} px`);
        assert.equal(s.width > s.height, o.width > o.height, `${format} orientation ${o.orientation}: long side`);
      }
    }
  });

  it('the-layout-places-the-upright-size', () => {
    for (const a of issue.assets) {
      const o = ORIENTATIONS.find((x) => a.name.startsWith(`o${x.orientation}.`))!;
      assert.deepEqual([a.width, a.height, MIME[a.name.split('.')[1] as PictureFormat]], [o.width, o.height, a.mime]);
    }
  });
});

describe('files saved before orientation was read', () => {
  it('opening-corrects-the-recorded-size-and-says-so', async () => {
    const assets = new Map<AssetId, Uint8Array>();
    const current = await orientationIssue(assets);
    // What an earlier Banmian recorded: the stored (unrotated) size for every picture.
    const old: Issue = { ...current, assets: current.assets.map((a) => ({ ...a, width: STORED.width, height: STORED.height })) };
    const opened = readIssueBytes(writeIssueBytes(old, assets), 'old.banmian');
    assert.deepEqual(opened.issue.assets, current.assets);
    const w = opened.warnings.filter((x) => x.code === 'asset-size-corrected');
    // orientations 5-8 swap the sides, in three formats
    assert.equal(w.length, 12, w.map((x) => x.message).join('\n'));
    assert.match(w[0]!.message, /turned|upright/);
    assert.match(w[0]!.messageZh, /方向/);
    // opening a file saved with the right sizes says nothing
    assert.equal(readIssueBytes(writeIssueBytes(current, assets), 'new.banmian').warnings.filter((x) => x.code === 'asset-size-corrected').length, 0);
  });
});
