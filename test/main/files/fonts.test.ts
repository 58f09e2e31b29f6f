// The font registry: bundled fonts from the manifest, fonts the user adds (one face out of a
// collection), the system folder scan, and the warnings for an issue whose fonts are missing.
// Fixtures are made here from the bundled fonts: copies renamed through a new 'name' table act
// as "fonts the user owns", so nothing depends on what this machine has installed.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as fontkit from 'fontkit';
import manifest from '../../../fonts/manifest.json';
import {
  BundledFontsMissingError,
  buildCollection,
  createFontRegistry,
  findProjectRoot,
  FontFileError,
  scanFontDirs,
  scanFontDirsAsync,
  systemFontDirs,
  type FontScan,
} from '../../../main/files/fonts';
import { faceTables, writeSfnt } from '../../../main/files/fontSfnt';
import { newIssue, roleFont } from '../../../renderer/model/defaults';
import type { CharacterStyleId, Issue } from '../../../renderer/model/schema';

const root = findProjectRoot()!;
const bundled = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
const kaiPath = join(root, 'fonts', 'gkai00mp.ttf');

/** A 'name' table (format 0, Windows Unicode English records) with the given family and PostScript name. */
function nameTable(family: string, subfamily: string, postscriptName: string): Uint8Array {
  const strings: Array<[number, string]> = [
    [1, family],
    [2, subfamily],
    [4, `${family} ${subfamily}`],
    [6, postscriptName],
  ];
  const encoded = strings.map(([id, s]) => {
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) new DataView(b.buffer).setUint16(i * 2, s.charCodeAt(i));
    return [id, b] as const;
  });
  const storageAt = 6 + encoded.length * 12;
  const out = new Uint8Array(storageAt + encoded.reduce((n, [, b]) => n + b.length, 0));
  const v = new DataView(out.buffer);
  v.setUint16(2, encoded.length);
  v.setUint16(4, storageAt);
  let at = 0;
  encoded.forEach(([id, b], i) => {
    const p = 6 + i * 12;
    v.setUint16(p, 3); // Windows
    v.setUint16(p + 2, 1); // Unicode BMP
    v.setUint16(p + 4, 0x0409); // en-US
    v.setUint16(p + 6, id);
    v.setUint16(p + 8, b.length);
    v.setUint16(p + 10, at);
    out.set(b, storageAt + at);
    at += b.length;
  });
  return out;
}

/** The bundled 楷 font under another name: a stand-in for a font the user owns. */
function renamedKai(postscriptName: string, family: string): Uint8Array {
  const { version, tables } = faceTables(new Uint8Array(readFileSync(kaiPath)), 0);
  return writeSfnt(version, tables.map((t) => (t.tag === 'name' ? { tag: 'name', data: nameTable(family, 'Regular', postscriptName) } : t)));
}

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'banmian-fonts-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('bundled fonts', () => {
  test('bundled-fonts-all-found-and-postscript-names-match-manifest', () => {
    const status = bundled.bundledFonts();
    assert.deepEqual(status.map((s) => s.postscriptName), manifest.files.map((f) => f.postscriptName));
    assert.deepEqual(bundled.missingBundledFonts(), [], 'all bundled fonts present (run npm install if this fails)');
    for (const s of status) {
      assert.ok(s.found);
      assert.equal(s.found.postscriptName, s.postscriptName);
      assert.equal(s.found.source, 'bundled');
      const loaded = bundled.load(s.found);
      assert.equal(loaded.font.postscriptName, s.postscriptName, `fontkit reads ${s.postscriptName} from ${s.found.path}`);
      assert.equal(loaded.faceIndex, 0);
      assert.equal(loaded.faceBytes(), loaded.fileBytes, 'a plain font is its own standalone face');
      assert.match(loaded.fontId, /^[\x21-\x7e]+#[0-9a-f]{12}$/);
    }
    // Committed files come from fonts/, the others from the npm packages.
    for (const f of manifest.files) {
      const path = status.find((s) => s.postscriptName === f.postscriptName)!.found!.path;
      if (f.npm) assert.ok(path.endsWith(join('node_modules', ...f.npm.split('/'))), path);
      else assert.equal(path, join(root, 'fonts', f.file));
    }
  });

  test('role-mapping-every-role-and-weight-loads-its-manifest-font', () => {
    for (const [role, weights] of Object.entries(manifest.roles)) {
      for (const [weight, ps] of Object.entries(weights)) {
        assert.equal(roleFont(role as 'song', weight as 'bold'), ps);
        const r = bundled.resolveFont(ps);
        assert.equal(r.warning, null, `${role} ${weight}`);
        assert.equal(r.face.font.postscriptName, ps);
      }
    }
  });

  test('font-ids-are-stable-across-registries-and-loads-are-cached', () => {
    const other = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
    assert.deepEqual(
      other.bundledFonts().map((b) => b.found!.fontId),
      bundled.bundledFonts().map((b) => b.found!.fontId),
    );
    assert.equal(bundled.resolveFont(roleFont('kai')).face, bundled.resolveFont(roleFont('kai')).face);
  });

  test('fonts-dir-option-is-searched-first', () => {
    const dir = join(tmp, 'resources-fonts');
    mkdirSync(dir);
    copyFileSync(kaiPath, join(dir, 'gkai00mp.ttf'));
    // A file with a bundled name that holds the wrong font is passed over, with the reason.
    copyFileSync(kaiPath, join(dir, 'NotoSansSC-Bold.ttf'));
    const r = createFontRegistry({ fontsDir: dir, projectRoot: root, systemFontDirs: [] });
    const kai = r.bundledFonts().find((b) => b.postscriptName === 'GBZenKai-Medium')!;
    assert.equal(kai.found?.path, join(dir, 'gkai00mp.ttf'));
    const sansBold = r.bundledFonts().find((b) => b.postscriptName === 'NotoSansSC-Bold')!;
    assert.ok(sansBold.found?.path.includes('node_modules'));
    assert.match(sansBold.tried[0]!, /NotoSansSC-Bold\.ttf: does not hold NotoSansSC-Bold/);
  });

  test('missing-bundled-fonts-say-what-to-do', () => {
    const empty = join(tmp, 'empty-root');
    mkdirSync(empty);
    const r = createFontRegistry({ projectRoot: empty, systemFontDirs: [] });
    const missing = r.missingBundledFonts();
    assert.equal(missing.length, manifest.files.length);
    for (const m of missing) {
      assert.match(m.messageEn!, new RegExp(`${m.postscriptName} \\(${m.file.replace('.', '\\.')}\\) is missing`));
      assert.match(m.messageEn!, /reinstall Banmian/);
      assert.match(m.messageZh!, /重新安装版面/);
      if (m.npm) assert.match(m.messageEn!, /run "npm install"/);
      else assert.match(m.messageEn!, /git checkout -- fonts\/gkai00mp\.ttf/);
    }
    assert.throws(() => r.resolveFont('SimSun'), (e: unknown) => e instanceof BundledFontsMissingError && /npm install/.test(e.message) && /npm install/.test(e.messageZh));
    // Warnings still work (nothing is loaded): the issue opens and says what is wrong.
    const w = r.fontWarningsFor(newIssue({}));
    assert.ok(w.length > 0);
    assert.ok(w.every((x) => /missing/.test(x.messageEn) && /缺失/.test(x.messageZh)));
  });

  test('one-missing-bundled-file-falls-back-to-another-bundled-face', () => {
    // Only the 楷 file: 宋 and 黑 requests get it, with the "bundled font missing" advice.
    const partial = join(tmp, 'partial-root');
    mkdirSync(join(partial, 'fonts'), { recursive: true });
    copyFileSync(kaiPath, join(partial, 'fonts', 'gkai00mp.ttf'));
    const r = createFontRegistry({ projectRoot: partial, systemFontDirs: [] });
    const res = r.resolveFont(roleFont('song'));
    assert.equal(res.face.postscriptName, 'GBZenKai-Medium');
    assert.match(res.warning!.messageEn, /bundled font "NotoSerifSC-Regular" is missing.*npm install/);
    assert.match(res.warning!.messageZh, /随附字体“NotoSerifSC-Regular”缺失/);
  });
});

describe('fonts the user owns', () => {
  let ttcPath: string;
  before(() => {
    ttcPath = join(tmp, 'family.ttc');
    writeFileSync(ttcPath, buildCollection([renamedKai('BanmianTestKai-Light', 'Banmian Test Kai'), renamedKai('BanmianTestKai-Bold', 'Banmian Test Kai')]));
  });

  test('list-faces-of-a-collection', () => {
    const faces = bundled.listFontFileFaces(ttcPath);
    assert.deepEqual(faces.map((f) => [f.faceIndex, f.faceCount, f.postscriptName, f.family]), [
      [0, 2, 'BanmianTestKai-Light', 'Banmian Test Kai'],
      [1, 2, 'BanmianTestKai-Bold', 'Banmian Test Kai'],
    ]);
  });

  test('ttc-face-chosen-by-index', () => {
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
    const info = r.addFontFile(ttcPath, 1);
    assert.equal(info.postscriptName, 'BanmianTestKai-Bold');
    assert.equal(info.source, 'user');
    const res = r.resolveFont('BanmianTestKai-Bold');
    assert.equal(res.warning, null);
    assert.equal(res.face.faceIndex, 1);
    assert.equal(res.face.path, ttcPath);
    assert.equal(res.face.font.postscriptName, 'BanmianTestKai-Bold');
    assert.equal(res.face.fileBytes.byteLength, readFileSync(ttcPath).byteLength, 'fileBytes is the whole collection');
    const standalone = fontkit.create(Buffer.from(res.face.faceBytes()));
    assert.ok(!('fonts' in standalone));
    assert.equal(standalone.postscriptName, 'BanmianTestKai-Bold');
    assert.equal(standalone.glyphForCodePoint(0x6977).advanceWidth, res.face.font.glyphForCodePoint(0x6977).advanceWidth);
    // The other face was not added.
    assert.ok(r.resolveFont('BanmianTestKai-Light').warning);
    assert.deepEqual(r.userFonts().map((f) => f.postscriptName), ['BanmianTestKai-Bold']);
    assert.equal(r.removeUserFont(info.fontId), true);
    assert.ok(r.resolveFont('BanmianTestKai-Bold').warning);
  });

  test('ttc-face-chosen-by-postscript-name', () => {
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
    const info = r.addFontFile(ttcPath, 'BanmianTestKai-Light');
    assert.equal(info.faceIndex, 0);
    assert.equal(r.resolveFont('BanmianTestKai-Light').face.font.postscriptName, 'BanmianTestKai-Light');
  });

  test('ttc-without-a-face-choice-or-with-a-wrong-one-is-refused', () => {
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
    assert.throws(() => r.addFontFile(ttcPath), (e: unknown) => e instanceof FontFileError && e.code === 'no-face' && /collection of 2 faces \(0: BanmianTestKai-Light, 1: BanmianTestKai-Bold\)/.test(e.message));
    assert.throws(() => r.addFontFile(ttcPath, 5), (e: unknown) => e instanceof FontFileError && e.code === 'no-face');
    assert.throws(() => r.addFontFile(ttcPath, 'Nope'), (e: unknown) => e instanceof FontFileError && /has no face "Nope"/.test(e.message));
    assert.throws(() => r.addFontFile(join(tmp, 'does-not-exist.ttf')), (e: unknown) => e instanceof FontFileError && e.code === 'unreadable' && /ENOENT/.test(e.message));
  });

  test('plain-ttf-added-without-a-face-choice', () => {
    const p = join(tmp, 'single.ttf');
    writeFileSync(p, renamedKai('BanmianSingle-Regular', 'Banmian Single'));
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
    assert.equal(r.addFontFile(p).postscriptName, 'BanmianSingle-Regular');
    assert.equal(r.resolveFont('BanmianSingle-Regular').warning, null);
  });
});

describe('system font scan', () => {
  let dir: string;
  before(() => {
    dir = join(tmp, 'system');
    mkdirSync(join(dir, 'truetype', 'arphic'), { recursive: true });
    mkdirSync(join(dir, 'truetype', 'broken'), { recursive: true });
    copyFileSync(kaiPath, join(dir, 'truetype', 'arphic', 'gkai00mp.ttf'));
    writeFileSync(join(dir, 'truetype', 'FZShuSong-Z01.TTF'), renamedKai('FZShuSong-Z01', 'FZShuSong-Z01'));
    writeFileSync(join(dir, 'pair.ttc'), buildCollection([renamedKai('SysPairA', 'Sys Pair'), renamedKai('SysPairB', 'Sys Pair')]));
    writeFileSync(join(dir, 'truetype', 'broken', 'garbage.ttf'), new TextEncoder().encode('not a font at all, just text'));
    writeFileSync(join(dir, 'truetype', 'broken', 'cut.otf'), readFileSync(kaiPath).subarray(0, 65536));
    writeFileSync(join(dir, 'truetype', 'broken', 'empty.ttc'), new Uint8Array(0));
    writeFileSync(join(dir, 'README.txt'), 'not looked at');
    writeFileSync(join(dir, 'web.woff'), 'not looked at either');
    symlinkSync(dir, join(dir, 'truetype', 'loop')); // a folder link back up must not loop forever
  });

  const check = (scan: FontScan) => {
    assert.equal(scan.files, 6);
    assert.deepEqual(scan.faces.map((f) => f.postscriptName).sort(), ['FZShuSong-Z01', 'GBZenKai-Medium', 'SysPairA', 'SysPairB']);
    const reasons = Object.fromEntries(scan.skipped.map((s) => [s.path.slice(dir.length + 1), s.reason]));
    assert.deepEqual(Object.keys(reasons).sort(), ['truetype/broken/cut.otf', 'truetype/broken/empty.ttc', 'truetype/broken/garbage.ttf']);
    assert.match(reasons['truetype/broken/cut.otf']!, /table '.*' runs to byte \d+ but the file has 65536 bytes/);
    assert.match(reasons['truetype/broken/empty.ttc']!, /only 0 bytes/);
    assert.match(reasons['truetype/broken/garbage.ttf']!, /does not start like a TrueType\/OpenType font/);
    assert.ok(scan.skipped.every((s) => /[\u4e00-\u9fff]/.test(s.reasonZh)));
    const pair = scan.faces.filter((f) => f.path.endsWith('pair.ttc'));
    assert.deepEqual(pair.map((f) => f.faceIndex), [0, 1]);
  };

  test('scan-of-a-folder-skips-corrupt-files-with-a-reason', () => check(scanFontDirs([dir, join(tmp, 'no-such-folder')])));
  test('async-scan-gives-the-same-result', async () => check(await scanFontDirsAsync([dir, join(tmp, 'no-such-folder')])));

  test('registry-finds-system-fonts-and-ttc-faces-by-name', async () => {
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [dir] });
    const warm = await r.scanSystemFontsAsync();
    assert.equal(r.scanSystemFonts(), warm, 'the scan is cached');
    const song = r.resolveFont('FZShuSong-Z01');
    assert.equal(song.warning, null);
    assert.equal(song.face.info.source, 'system');
    const b = r.resolveFont('SysPairB');
    assert.equal(b.warning, null);
    assert.equal(b.face.faceIndex, 1);
    assert.equal(b.face.font.postscriptName, 'SysPairB');
    // The bundled copy wins over the system copy of the same font.
    assert.equal(r.resolveFont('GBZenKai-Medium').face.info.source, 'bundled');
    const all = r.allFonts();
    assert.ok(all.some((f) => f.postscriptName === 'SysPairA' && f.source === 'system'));
    assert.equal(all.filter((f) => f.postscriptName === 'GBZenKai-Medium').length, 1, 'the identical copy shares the fontId');
  });

  test('font-that-fontkit-cannot-read-is-substituted-with-a-reinstall-warning', () => {
    // Headers and 'name' are fine (the scan accepts it) but every 'cmap' subtable has the
    // unknown format 99, which fontkit refuses when it maps the first character.
    const bad = join(tmp, 'bad-cmap');
    mkdirSync(bad);
    const { version, tables } = faceTables(renamedKai('DamagedKai-Regular', 'Damaged Kai'), 0);
    const cmap = tables.find((t) => t.tag === 'cmap')!;
    const cv = new DataView(cmap.data.buffer, cmap.data.byteOffset, cmap.data.byteLength);
    for (let i = 0; i < cv.getUint16(2); i++) cv.setUint16(cv.getUint32(4 + i * 8 + 4), 99);
    writeFileSync(join(bad, 'damaged.ttf'), writeSfnt(version, tables));
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [bad] });
    assert.equal(r.scanSystemFonts().faces.length, 1);
    const res = r.resolveFont('DamagedKai-Regular');
    assert.equal(res.face.postscriptName, 'GBZenKai-Medium', 'kai by name');
    assert.match(res.warning!.messageEn, /"DamagedKai-Regular" was found but cannot be read \(.*damaged\.ttf.*\).*reinstall the font, or choose another font in the style/);
    assert.match(res.warning!.messageZh, /无法读取.*重新安装该字体，或在样式中改选其他字体/);
  });

  test('system-font-dirs-per-platform', () => {
    assert.deepEqual(systemFontDirs('win32', { WINDIR: 'C:\\Windows', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' }, 'C:\\Users\\li'), [
      'C:\\Windows\\Fonts',
      'C:\\Users\\li\\AppData\\Local\\Microsoft\\Windows\\Fonts',
    ]);
    assert.deepEqual(systemFontDirs('darwin', {}, '/Users/li'), ['/System/Library/Fonts', '/Library/Fonts', '/Users/li/Library/Fonts']);
    assert.deepEqual(systemFontDirs('linux', {}, '/home/li'), ['/usr/share/fonts', '/usr/local/share/fonts', '/home/li/.local/share/fonts', '/home/li/.fonts']);
  });
});

describe('fontWarningsFor', () => {
  test('issue-using-missing-fonts-lists-them-with-substitutes-and-styles', () => {
    const base = newIssue({});
    const issue: Issue = {
      ...base,
      paragraphStyles: base.paragraphStyles.map((s) =>
        s.id === 'body' ? { ...s, font: 'FZShuSong-Z01' } : s.id === 'headline' ? { ...s, font: 'FZDaHei-B02S' } : s,
      ),
      characterStyles: [...base.characterStyles, { id: 'emph' as CharacterStyleId, name: '强调 Emphasis', font: 'FZShuSong-Z01' }, { id: 'k' as CharacterStyleId, name: 'Kai', font: 'STKaiti' }],
      fonts: [{ postscriptName: 'FZShuSong-Z01', family: '方正书宋', file: 'FZSSK.TTF', faceIndex: 0 }],
    };
    const r = createFontRegistry({ projectRoot: root, systemFontDirs: [] });
    const w = r.fontWarningsFor(issue);
    assert.deepEqual(
      w.map((x) => [x.requested, x.substitute, x.usedBy]),
      [
        ['FZShuSong-Z01', 'NotoSerifSC-Regular', ['正文 Body', '强调 Emphasis']],
        ['FZDaHei-B02S', 'NotoSansSC-Bold', ['主题 Headline']],
        ['STKaiti', 'GBZenKai-Medium', ['Kai']],
      ],
    );
    assert.match(w[0]!.messageEn, /"FZShuSong-Z01" is not installed.*"NotoSerifSC-Regular".*made with the file "FZSSK\.TTF"\. Used by: 正文 Body, 强调 Emphasis\./);
    assert.match(w[0]!.messageZh, /本机没有安装字体“FZShuSong-Z01”.*“NotoSerifSC-Regular”（宋体）.*FZSSK\.TTF.*使用该字体的样式：正文 Body、强调 Emphasis。/);
    assert.match(w[1]!.messageZh, /黑体，粗/);
    // With the font installed in a scanned folder, the warning goes away.
    const dir = join(tmp, 'installed');
    mkdirSync(dir);
    writeFileSync(join(dir, 'fzss.ttf'), renamedKai('FZShuSong-Z01', 'FZShuSong-Z01'));
    const withFont = createFontRegistry({ projectRoot: root, systemFontDirs: [dir] });
    assert.deepEqual(withFont.fontWarningsFor(issue).map((x) => x.requested), ['FZDaHei-B02S', 'STKaiti']);
  });

  test('new-issue-with-bundled-fonts-has-no-warnings', () => {
    assert.deepEqual(bundled.fontWarningsFor(newIssue({})), []);
  });
});
