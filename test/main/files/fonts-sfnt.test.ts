// The sfnt layer: listing faces from headers and 'name' tables, rejecting broken files with a
// reason, and cutting a face out of a collection. The collection is built here from the bundled
// fonts (no system font needed); Debian's ukai.ttc is an extra case when it is installed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as fontkit from 'fontkit';
import {
  buildCollection,
  extractFace,
  faceCount,
  faceTables,
  fontFacesOfBytes,
  FontFileError,
  sfntChecksum,
  type FontFileProblem,
} from '../../../main/files/fontSfnt';
import { createFontRegistry, findProjectRoot } from '../../../main/files/fonts';

const root = findProjectRoot();
assert.ok(root, 'the tests run inside the project (fonts/manifest.json above them)');
const registry = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
const bundledPath = (ps: string) => {
  const b = registry.bundledFonts().find((x) => x.postscriptName === ps);
  assert.ok(b?.found, `bundled ${ps} is installed (run npm install)`);
  return b.found.path;
};
const kai = new Uint8Array(readFileSync(bundledPath('GBZenKai-Medium')));
const sans = new Uint8Array(readFileSync(bundledPath('NotoSansSC-Regular')));
/** Body text, a headline word, full-width punctuation, Latin and digits. */
const SAMPLE = '社区晨报：天山路街道举办“邻里节”，2026年共有128户居民参加。ABC abc';

const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);
const advances = (f: fontkit.Font) => codePoints(SAMPLE).map((cp) => [cp, f.glyphForCodePoint(cp).id, f.glyphForCodePoint(cp).advanceWidth]);
const isFont = (x: fontkit.Font | fontkit.FontCollection): x is fontkit.Font => !('fonts' in x);

describe('sfnt: collection built from two bundled fonts', () => {
  const ttc = buildCollection([kai, sans]);

  test('collection-lists-faces-from-name-tables', () => {
    const faces = fontFacesOfBytes(ttc);
    assert.deepEqual(
      faces.map((f) => [f.faceIndex, f.faceCount, f.postscriptName, f.family]),
      [
        [0, 2, 'GBZenKai-Medium', 'AR PL KaitiM GB'],
        [1, 2, 'NotoSansSC-Regular', 'Noto Sans SC'],
      ],
    );
    assert.equal(faces[0]!.familyZh, '文鼎ＰＬ简中楷');
    assert.equal(faceCount(ttc), 2);
  });

  test('fontkit-reads-the-built-collection', () => {
    const col = fontkit.create(Buffer.from(ttc));
    assert.ok(!isFont(col));
    assert.deepEqual(col.fonts.map((f) => f.postscriptName), ['GBZenKai-Medium', 'NotoSansSC-Regular']);
  });

  for (const [index, original, ps] of [
    [0, kai, 'GBZenKai-Medium'],
    [1, sans, 'NotoSansSC-Regular'],
  ] as const) {
    test(`extractFace-round-trip-face-${index}-${ps}`, () => {
      const face = extractFace(ttc, index);
      const f = fontkit.create(Buffer.from(face));
      assert.ok(isFont(f));
      assert.equal(f.postscriptName, ps);
      const col = fontkit.create(Buffer.from(ttc));
      assert.ok(!isFont(col));
      const fromCollection = col.fonts[index]!;
      // Same glyph ids and advances (font units) as the face inside the collection and the
      // original file, character by character.
      assert.deepEqual(advances(f), advances(fromCollection));
      assert.deepEqual(advances(f), advances(fontkit.create(Buffer.from(original)) as fontkit.Font));
      assert.equal(f.numGlyphs, fromCollection.numGlyphs);
      assert.equal(f.unitsPerEm, fromCollection.unitsPerEm);

      // Every table byte-identical; table checksums and the whole-file checksum correct.
      const mine = faceTables(face, 0).tables;
      const theirs = faceTables(original, 0).tables.filter((t) => t.tag !== 'DSIG');
      assert.deepEqual(mine.map((t) => t.tag).sort(), theirs.map((t) => t.tag).sort());
      for (const t of mine) {
        const o = theirs.find((x) => x.tag === t.tag)!;
        if (t.tag === 'head') {
          // Only checkSumAdjustment (bytes 8..11) may differ.
          assert.deepEqual(t.data.subarray(12), o.data.subarray(12));
          assert.deepEqual(t.data.subarray(0, 8), o.data.subarray(0, 8));
        } else assert.ok(Buffer.from(t.data).equals(Buffer.from(o.data)), `table ${t.tag} copied unchanged`);
      }
      const dv = new DataView(face.buffer, face.byteOffset, face.byteLength);
      const n = dv.getUint16(4);
      for (let i = 0; i < n; i++) {
        const off = dv.getUint32(12 + i * 16 + 8);
        const len = dv.getUint32(12 + i * 16 + 12);
        const data = face.slice(off, off + len);
        const tag = String.fromCharCode(...face.subarray(12 + i * 16, 12 + i * 16 + 4));
        if (tag === 'head') new DataView(data.buffer).setUint32(8, 0);
        assert.equal(dv.getUint32(12 + i * 16 + 4), sfntChecksum(data), `checksum of ${tag}`);
        assert.equal(off % 4, 0, `${tag} starts on a 4-byte boundary`);
      }
      assert.equal(sfntChecksum(face), 0xb1b0afba, 'whole-file checksum (head.checkSumAdjustment)');
    });
  }

  test('extractFace-rejects-a-face-index-out-of-range', () => {
    assert.throws(() => extractFace(ttc, 2), (e: unknown) => e instanceof FontFileError && e.code === 'no-face' && /2 face/.test(e.message));
    assert.throws(() => extractFace(ttc, -1), FontFileError);
  });
});

/** A copy of `bytes` with the 4-byte tag `from` in the table directory renamed to `to`. */
function renameTag(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const out = bytes.slice();
  const n = new DataView(out.buffer).getUint16(4);
  for (let i = 0; i < n; i++) {
    const p = 12 + i * 16;
    if (String.fromCharCode(...out.subarray(p, p + 4)) === from) out.set([...to].map((c) => c.charCodeAt(0)), p);
  }
  return out;
}

describe('sfnt: unusable files are rejected with a reason', () => {
  const head = kai.subarray(0, 4096);
  /** A TTC header whose one offset points at `firstFace`. */
  const ttcHeader = (numFonts: number, firstFace = 16) => {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setUint32(0, 0x74746366);
    v.setUint32(4, 0x00010000);
    v.setUint32(8, numFonts);
    v.setUint32(12, firstFace);
    return b;
  };
  const cases: Array<[string, Uint8Array, FontFileProblem, RegExp]> = [
    ['empty-file', new Uint8Array(0), 'not-a-font', /0 bytes/],
    ['text-file', new TextEncoder().encode('这不是字体文件, just some text.'), 'not-a-font', /does not start like/],
    ['woff-web-font', new Uint8Array([0x77, 0x4f, 0x46, 0x46, 0, 1, 0, 0, 0, 0, 0, 0]), 'web-font', /WOFF/],
    ['type1-pfb', new Uint8Array([0x80, 0x01, 0, 0, 0, 0, 0x25, 0x21, 0x50, 0x53, 0, 0]), 'type1', /Type 1/],
    ['truncated-after-the-directory', head, 'truncated', /past|runs to byte/],
    ['truncated-inside-the-directory', kai.subarray(0, 40), 'truncated', /ends inside the table directory/],
    ['collection-claiming-1000-faces', ttcHeader(1000), 'corrupt', /1000 faces/],
    ['collection-face-pointing-at-itself', ttcHeader(1, 0), 'corrupt', /unknown sfnt version/],
    ['collection-face-past-the-end', ttcHeader(1, 65536), 'truncated', /past the end/],
    ['no-name-table', renameTag(kai, 'name', 'nam_'), 'corrupt', /no 'name' table/],
    ['no-outlines', renameTag(kai, 'glyf', 'glyx'), 'no-outlines', /no glyf or CFF outlines/],
    ['no-cmap', renameTag(kai, 'cmap', 'cmax'), 'corrupt', /no 'cmap' table/],
  ];
  for (const [name, bytes, code, message] of cases) {
    test(`rejects-${name}`, () => {
      assert.throws(
        () => fontFacesOfBytes(bytes),
        (e: unknown) => {
          assert.ok(e instanceof FontFileError, `a FontFileError, got ${String(e)}`);
          assert.equal(e.code, code);
          assert.match(e.message, message);
          assert.match(e.messageZh, /[\u4e00-\u9fff]/, 'a Chinese message for the UI');
          return true;
        },
      );
    });
  }
});

const UKAI = '/usr/share/fonts/truetype/arphic/ukai.ttc';
test('system-ttc-ukai-faces-and-extract (optional: Debian fonts-arphic-ukai)', (t) => {
  if (!existsSync(UKAI)) {
    const msg = `${UKAI} is not installed (apt-get install fonts-arphic-ukai); the built collection above covers the same code`;
    t.skip(msg);
    console.log(`# skipped: ${msg}`);
    return;
  }
  const bytes = new Uint8Array(readFileSync(UKAI));
  const faces = fontFacesOfBytes(bytes);
  assert.deepEqual(faces.map((f) => f.postscriptName), ['UKaiCN', 'UKaiHK', 'UKaiTW', 'UKaiTWMBE']);
  const col = fontkit.create(Buffer.from(bytes));
  assert.ok(!isFont(col));
  const face = fontkit.create(Buffer.from(extractFace(bytes, 2)));
  assert.ok(isFont(face));
  assert.equal(face.postscriptName, 'UKaiTW');
  assert.deepEqual(advances(face), advances(col.fonts[2]!));
});

test('bundled-font-paths-are-under-the-project', () => {
  assert.ok(bundledPath('GBZenKai-Medium').startsWith(join(root, 'fonts')));
});
