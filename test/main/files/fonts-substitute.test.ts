// Which bundled face stands in for a font that is not installed: the role from the name
// (宋 / 黑 / 楷), the weight kept when the name says bold; and the warning in both languages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { roleFont } from '../../../renderer/model/defaults';
import { bundledFontFor, createFontRegistry, findProjectRoot, isBoldFontName, roleForFontName, substituteFor, type FontRole } from '../../../main/files/fonts';

const SONG = roleFont('song');
const SONG_B = roleFont('song', 'bold');
const HEI = roleFont('hei');
const HEI_B = roleFont('hei', 'bold');
const KAI = roleFont('kai');

// requested PostScript (or family) name -> [role, bold, substitute]
const CASES: Array<[string, FontRole, boolean, string]> = [
  // 宋 / Ming / Mincho / Serif -> song
  ['SimSun', 'song', false, SONG],
  ['NSimSun', 'song', false, SONG],
  ['FZShuSong-Z01', 'song', false, SONG],
  ['STSong', 'song', false, SONG],
  ['AdobeFangsongStd-Regular', 'song', false, SONG],
  ['PMingLiU', 'song', false, SONG],
  ['SourceHanSerifSC-Heavy', 'song', true, SONG_B],
  ['NotoSerifCJKsc-Black', 'song', true, SONG_B],
  ['HeiseiMinchoStd-W3', 'song', false, SONG],
  ['HiraMinProN-W6', 'song', false, SONG],
  ['方正书宋_GBK', 'song', false, SONG],
  ['华文中宋', 'song', false, SONG],
  ['方正粗宋简体', 'song', true, SONG_B],
  ['TimesNewRomanPS-BoldMT', 'song', true, SONG_B],
  // 黑 / Hei / Gothic / Sans -> hei
  ['SimHei', 'hei', false, HEI],
  ['MicrosoftYaHei', 'hei', false, HEI],
  ['Microsoft YaHei Bold', 'hei', true, HEI_B],
  ['MicrosoftJhengHeiBold', 'hei', true, HEI_B],
  ['STHeiti', 'hei', false, HEI],
  ['NotoSansCJKsc-Black', 'hei', true, HEI_B],
  ['NotoSansCJKsc-DemiLight', 'hei', false, HEI],
  ['SourceHanSansSC-ExtraLight', 'hei', false, HEI],
  ['SourceHanSansSC-SemiBold', 'hei', true, HEI_B],
  ['Microsoft Sans Serif', 'hei', false, HEI],
  ['MS-PGothic', 'hei', false, HEI],
  ['HiraKakuStd-W8', 'hei', true, HEI_B],
  ['HiraKakuProN-W3', 'hei', false, HEI],
  ['FZCuHei-B03S', 'hei', true, HEI_B],
  ['FZDaHei-B02S', 'hei', true, HEI_B],
  ['汉仪粗黑简', 'hei', true, HEI_B],
  ['方正黑体_GBK', 'hei', false, HEI],
  ['YouYuan', 'hei', false, HEI],
  ['PingFangSC-Regular', 'hei', false, HEI],
  ['Arial-BoldMT', 'hei', true, HEI_B],
  ['Helvetica-Bold', 'hei', true, HEI_B],
  // 楷 / Kai -> kai (one weight only: bold is noted but maps to the same face)
  ['STKaiti', 'kai', false, KAI],
  ['KaiTi', 'kai', false, KAI],
  ['KaiTi_GB2312', 'kai', false, KAI],
  ['DFKaiShu-SB-Estd-BF', 'kai', false, KAI],
  ['AdobeKaitiStd-Regular', 'kai', false, KAI],
  ['华文楷体', 'kai', false, KAI],
  ['FZKai-Z03', 'kai', false, KAI],
  ['AR PL UKai CN', 'kai', false, KAI],
  ['STKaiti-Bold', 'kai', true, KAI],
  // anything else: song, the body role
  ['Georgia', 'song', false, SONG],
  ['Kailasa', 'song', false, SONG],
  ['Blackletter686BT-Regular', 'song', false, SONG],
  ['FooBar-Medium', 'song', false, SONG],
  ['FooBar-Heavy', 'song', true, SONG_B],
  ['MyFont-W7', 'song', true, SONG_B],
  ['MyFont-W12', 'song', true, SONG_B],
  ['MyFont-W6', 'song', false, SONG],
  ['URWBookman-Demi', 'song', true, SONG_B],
];

describe('substitution rules', () => {
  for (const [name, role, bold, substitute] of CASES) {
    test(`substitute-${name}-is-${role}${bold ? '-bold' : ''}`, () => {
      assert.equal(roleForFontName(name), role);
      assert.equal(isBoldFontName(name), bold);
      assert.deepEqual(substituteFor(name), { role, bold, postscriptName: substitute });
    });
  }

  test('bundled-role-names-match-roleFont-in-defaults', () => {
    for (const role of ['song', 'hei', 'kai'] as const) {
      assert.equal(bundledFontFor(role, false), roleFont(role, 'regular'));
      assert.equal(bundledFontFor(role, true), roleFont(role, 'bold'));
    }
  });

  test('every-bundled-name-substitutes-for-itself', () => {
    for (const role of ['song', 'hei', 'kai'] as const) {
      for (const w of ['regular', 'bold'] as const) assert.equal(substituteFor(roleFont(role, w)).postscriptName, roleFont(role, w));
    }
  });
});

describe('resolveFont of a missing font', () => {
  // No system folders: the answer must not depend on what this machine has installed.
  const registry = createFontRegistry({ projectRoot: findProjectRoot()!, systemFontDirs: [] });
  const table: Array<[string, string]> = [
    ['FZShuSong-Z01', SONG],
    ['SimHei', HEI],
    ['MicrosoftYaHei-Bold', HEI_B],
    ['STKaiti', KAI],
    ['SourceHanSerifSC-Bold', SONG_B],
    ['UnknownFont-Regular', SONG],
  ];
  for (const [requested, substitute] of table) {
    test(`resolve-${requested}-gives-${substitute}-with-warning`, () => {
      const r = registry.resolveFont(requested);
      assert.equal(r.face.postscriptName, substitute);
      assert.equal(r.face.font.postscriptName, substitute, 'the fontkit face is the substitute');
      assert.ok(r.warning);
      assert.equal(r.warning.requested, requested);
      assert.equal(r.warning.substitute, substitute);
      assert.match(r.warning.messageEn, new RegExp(`"${requested}" is not installed`));
      assert.match(r.warning.messageEn, new RegExp(`"${substitute}"`));
      assert.match(r.warning.messageEn, /install the font .*or choose another font in the style/);
      assert.match(r.warning.messageZh, new RegExp(`本机没有安装字体“${requested}”`));
      assert.match(r.warning.messageZh, new RegExp(`“${substitute}”`));
      assert.match(r.warning.messageZh, /安装该字体.*或在样式中改选其他字体/);
    });
  }

  test('bundled-names-resolve-without-warning', () => {
    for (const role of ['song', 'hei', 'kai'] as const) {
      for (const w of ['regular', 'bold'] as const) {
        const r = registry.resolveFont(roleFont(role, w));
        assert.equal(r.warning, null);
        assert.equal(r.face.font.postscriptName, roleFont(role, w));
      }
    }
  });

  test('name-matching-ignores-case-when-no-exact-match', () => {
    const r = registry.resolveFont('notoserifsc-bold');
    assert.equal(r.warning, null);
    assert.equal(r.face.postscriptName, SONG_B);
  });
});
