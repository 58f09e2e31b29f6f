// The .docx reader (renderer/import/docx.ts): one named case per WordprocessingML feature, the
// faces (bold, 楷) through styles, heading hints, the LibreOffice fixtures of test/fixtures/docx,
// every refusal in English and Chinese, and damaged input that never crashes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { DocxImportError, isKaiFont, oleStreamNames, readDocx, type DocxDocument } from '../../../renderer/import/docx';
import { decodeEntities, parseXml } from '../../../renderer/import/xml';
import { documentXml, fixture, makeDocx, makeOle, para, run, W_NS, WORD_MAIN } from './docx-build';
import { mulberry32 } from '../../helpers/random';

const texts = (d: DocxDocument): string[] => d.paragraphs.map((p) => p.runs.map((r) => r.text).join(''));
const read = (body: string, styles?: string): DocxDocument => readDocx(makeDocx(body, styles !== undefined ? { styles } : {}));

// ---------------------------------------------------------------------------------------------
// text

const FLD = (type: string) => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
const INSTR = (code: string) => `<w:r><w:instrText xml:space="preserve">${code}</w:instrText></w:r>`;
const TXBX = (text: string) => `<w:txbxContent>${para(run(text))}</w:txbxContent>`;

const TEXT_CASES: Array<[string, string, string[]]> = [
  ['runs-of-a-paragraph-join', para(run('社区'), run('新闻')), ['社区新闻']],
  ['paragraphs-in-order', para(run('一')) + para(run('二')), ['一', '二']],
  ['empty-paragraph-kept', para() + para(run('二')), ['', '二']],
  ['t-with-preserve-keeps-blanks', para('<w:r><w:t xml:space="preserve"> 记者 </w:t></w:r>'), [' 记者 ']],
  ['t-without-preserve-trims-blanks', para('<w:r><w:t>  记者  </w:t></w:r>'), ['记者']],
  ['newline-inside-t-is-a-space-not-a-break', para('<w:r><w:t xml:space="preserve">a\nb</w:t></w:r>'), ['a b']],
  ['tab', para('<w:r><w:t>地址:</w:t><w:tab/><w:t>江浦路</w:t></w:r>'), ['地址:\t江浦路']],
  ['ptab-is-a-tab', para('<w:r><w:t>a</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/><w:t>b</w:t></w:r>'), ['a\tb']],
  ['tab-stops-in-paragraph-properties-are-not-text', para('<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>', run('文字')), ['文字']],
  ['br-is-a-line-break', para('<w:r><w:t>上</w:t><w:br/><w:t>下</w:t></w:r>'), ['上\n下']],
  ['cr-is-a-line-break', para('<w:r><w:t>上</w:t><w:cr/><w:t>下</w:t></w:r>'), ['上\n下']],
  ['page-break-is-a-line-break', para('<w:r><w:t>上</w:t><w:br w:type="page"/><w:t>下</w:t></w:r>'), ['上\n下']],
  ['last-rendered-page-break-is-nothing', para('<w:r><w:lastRenderedPageBreak/><w:t>文</w:t></w:r>'), ['文']],
  ['sym-with-a-unicode-char', para('<w:r><w:sym w:font="SimSun" w:char="2605"/></w:r>'), ['★']],
  ['sym-in-a-symbol-font-is-a-lost-glyph', para('<w:r><w:sym w:font="Wingdings" w:char="F0E0"/></w:r>'), ['\ufffd']],
  ['sym-with-garbage-is-a-lost-glyph', para('<w:r><w:sym w:font="x" w:char="zz"/></w:r>'), ['\ufffd']],
  ['no-break-hyphen-is-a-hyphen', para('<w:r><w:t>021</w:t><w:noBreakHyphen/><w:t>5555</w:t></w:r>'), ['021-5555']],
  ['soft-hyphen-is-nothing', para('<w:r><w:t>co</w:t><w:softHyphen/><w:t>op</w:t></w:r>'), ['coop']],
  ['fldSimple-shows-its-result-not-its-code', para(run('第'), '<w:fldSimple w:instr=" PAGE \\* MERGEFORMAT ">', run('3'), '</w:fldSimple>', run('版')), ['第3版']],
  ['complex-field-shows-its-result-not-its-code', para(run('第'), FLD('begin'), INSTR(' PAGE '), FLD('separate'), run('3'), FLD('end'), run('版')), ['第3版']],
  ['field-without-a-result-shows-nothing', para(run('a'), FLD('begin'), INSTR(' TOC \\o "1-3" '), FLD('end'), run('b')), ['ab']],
  ['w-t-inside-a-field-code-is-not-text', para(run('a'), FLD('begin'), run('MERGEFIELD 姓名'), FLD('separate'), run('王敏'), FLD('end')), ['a王敏']],
  [
    'nested-field-inside-a-code-shows-only-the-outer-result',
    para(FLD('begin'), INSTR(' IF '), FLD('begin'), INSTR(' MERGEFIELD x '), FLD('separate'), run('«x»'), FLD('end'), INSTR(' = 1 "是" "否" '), FLD('separate'), run('是'), FLD('end')),
    ['是'],
  ],
  ['field-spanning-paragraphs-keeps-its-result', para(FLD('begin'), INSTR(' TOC '), FLD('separate'), run('目录一')) + para(run('目录二'), FLD('end')), ['目录一', '目录二']],
  ['unclosed-field-code-ends-with-its-paragraph', para(run('a'), FLD('begin'), INSTR(' PAGE '), run('code')) + para(run('正文')), ['a', '正文']],
  ['tracked-deletion-skipped', para(run('旧'), '<w:del w:id="1" w:author="编辑"><w:r><w:delText>删去</w:delText></w:r></w:del>', run('文')), ['旧文']],
  ['tracked-insertion-kept', para(run('新'), '<w:ins w:id="2" w:author="编辑">', run('增'), '</w:ins>'), ['新增']],
  ['moved-away-text-skipped-moved-to-kept', para('<w:moveFrom w:id="3">', run('甲'), '</w:moveFrom>', run('乙'), '<w:moveTo w:id="4">', run('甲'), '</w:moveTo>'), ['乙甲']],
  ['deleted-paragraph-mark-runs-on-into-the-next', para('<w:pPr><w:rPr><w:del w:id="5" w:author="x"/></w:rPr></w:pPr>', run('上半')) + para(run('下半')), ['上半下半']],
  ['deleted-paragraph-mark-at-the-end-keeps-its-text', para(run('一')) + para('<w:pPr><w:rPr><w:del w:id="6" w:author="x"/></w:rPr></w:pPr>', run('末')), ['一', '末']],
  ['old-formatting-of-a-change-is-not-read', para(`<w:r><w:rPr><w:rPrChange w:id="7"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>字</w:t></w:r>`), ['字']],
  ['footnote-reference-ignored', para(run('认领'), '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>', run('。')), ['认领。']],
  ['endnote-and-comment-references-ignored', para(run('a'), '<w:r><w:endnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/>', run('b'), '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'), ['ab']],
  [
    'table-cell-paragraphs-each-a-paragraph',
    '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>' +
      `<w:tr><w:tc><w:tcPr><w:tcW w:w="100"/></w:tcPr>${para(run('时间'))}</w:tc><w:tc>${para(run('内容'))}${para(run('地点'))}</w:tc></w:tr></w:tbl>` +
      para(run('后')),
    ['时间', '内容', '地点', '后'],
  ],
  ['nested-table', `<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>${para(run('内'))}</w:tc></w:tr></w:tbl>${para(run('外'))}</w:tc></w:tr></w:tbl>`, ['内', '外']],
  [
    'text-box-in-alternate-content-read-once-after-its-anchor',
    para(run('锚'), `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>${TXBX('框内')}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>${TXBX('框内')}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`, run('尾')) + para(run('下段')),
    ['锚尾', '框内', '下段'],
  ],
  ['alternate-content-with-only-a-fallback', para(`<w:r><mc:AlternateContent><mc:Fallback><w:pict><v:textbox>${TXBX('备用')}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`), ['', '备用']],
  ['second-choice-skipped', para(`<w:r><mc:AlternateContent><mc:Choice Requires="wps">${TXBX('一')}</mc:Choice><mc:Choice Requires="w14">${TXBX('二')}</mc:Choice></mc:AlternateContent></w:r>`), ['', '一']],
  ['vml-text-box-without-alternate-content', para(run('锚'), `<w:r><w:pict><v:shape><v:textbox>${TXBX('旧式文本框')}</v:textbox></v:shape></w:pict></w:r>`), ['锚', '旧式文本框']],
  ['predefined-entities-and-character-references', para(run('&lt;&amp;&gt;&quot;&apos;&#20013;&#x6587;&#x20000;')), ['<&>"\'中文𠀀']],
  ['unknown-entity-stays-as-written', para(run('a&nbsp;b')), ['a&nbsp;b']],
  ['character-reference-to-nothing-is-a-lost-glyph', para(run('a&#0;b&#xD800;c')), ['a\ufffdb\ufffdc']],
  ['cdata-is-text', para('<w:r><w:t><![CDATA[<不是标签>]]></w:t></w:r>'), ['<不是标签>']],
  ['comments-and-processing-instructions-are-not-text', para('<w:r><!-- 注释 --><?pi x?><w:t>文</w:t></w:r>'), ['文']],
  ['utf-8-supplementary-characters', para(run('𠀀𪚥')), ['𠀀𪚥']],
  ['hidden-text-skipped', para(run('见'), run('不见', '<w:vanish/>'), run('也见', '<w:vanish w:val="0"/>')), ['见也见']],
  ['ruby-base-kept-annotation-skipped', para('<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhōng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>中</w:t></w:r></w:rubyBase></w:ruby></w:r>'), ['中']],
  ['hyperlink-smart-tag-and-content-control-contents-kept', para('<w:hyperlink r:id="rId9">', run('网站'), '</w:hyperlink><w:smartTag w:element="x">', run('标记'), '</w:smartTag><w:sdt><w:sdtPr><w:alias w:val="提示"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>', run('内容'), '</w:sdtContent></w:sdt>'), ['网站标记内容']],
  ['block-content-control-paragraphs', `<w:sdt><w:sdtPr/><w:sdtContent>${para(run('封面'))}</w:sdtContent></w:sdt>`, ['封面']],
  ['math-is-not-text', para(run('公式'), '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><m:r><m:t>x</m:t></m:r></m:oMath>'), ['公式']],
  ['section-properties-are-not-text', para(run('文')) + '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr>', ['文']],
];

for (const [name, body, want] of TEXT_CASES) {
  test(`docx text ${name}`, () => {
    assert.deepEqual(texts(read(body)), want);
  });
}

test('docx text: table and text-box paragraphs say where they stand', () => {
  const d = read(`<w:tbl><w:tr><w:tc>${para(run('格'))}</w:tc></w:tr></w:tbl>` + para(run('锚'), `<w:r><w:pict><v:textbox>${TXBX('框')}</v:textbox></w:pict></w:r>`));
  assert.deepEqual(d.paragraphs.map((p) => p.where), ['table', 'body', 'textbox']);
});

test('docx text: another prefix bound to WordprocessingML reads the same', () => {
  const doc = `<?xml version="1.0"?><ns0:document xmlns:ns0="${W_NS}"><ns0:body><ns0:p><ns0:r><ns0:rPr><ns0:b/></ns0:rPr><ns0:t>粗</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`;
  const d = readDocx(makeDocx('', { document: doc }));
  assert.deepEqual(texts(d), ['粗']);
  assert.equal(d.paragraphs[0]!.runs[0]!.bold, true);
});

test('docx text: an ISO Strict document (purl.oclc.org namespace) reads the same', () => {
  const doc = documentXml(para(run('严格'))).replace(W_NS, 'http://purl.oclc.org/ooxml/wordprocessingml/main');
  assert.deepEqual(texts(readDocx(makeDocx('', { document: doc }))), ['严格']);
});

test('docx text: w: bound to some other namespace is not WordprocessingML', () => {
  const doc = documentXml(para(run('文'))).replace(`xmlns:w="${W_NS}"`, 'xmlns:w="urn:other"');
  assert.deepEqual(texts(readDocx(makeDocx('', { document: doc }))), []);
});

test('docx text: a UTF-16 document part with a byte-order mark', () => {
  const xml = documentXml(para(run('十六位'))).replace('encoding="UTF-8"', 'encoding="UTF-16"');
  const u16 = new Uint8Array(2 + xml.length * 2);
  u16.set([0xff, 0xfe]);
  for (let i = 0; i < xml.length; i++) {
    u16[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
    u16[3 + 2 * i] = xml.charCodeAt(i) >> 8;
  }
  const files = { '[Content_Types].xml': strToU8(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${WORD_MAIN}"/></Types>`), 'word/document.xml': u16 };
  assert.deepEqual(texts(readDocx(zipSync(files))), ['十六位']);
});

test('docx text: a document part in GB18030 as its XML declaration says', () => {
  const [head, tail] = documentXml(para(run('@'))).replace('encoding="UTF-8"', 'encoding="GB18030"').split('@') as [string, string];
  const gb = Uint8Array.from([...strToU8(head), 0xc9, 0xe7, 0xc7, 0xf8, ...strToU8(tail)]); // 社区
  const files = { '[Content_Types].xml': strToU8(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="${WORD_MAIN}"/></Types>`), 'word/document.xml': gb };
  assert.deepEqual(texts(readDocx(zipSync(files))), ['社区']);
});

test('docx text: the main part is found through the package relationships, whatever its name', () => {
  const files = {
    '[Content_Types].xml': strToU8(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/story/main.xml" ContentType="${WORD_MAIN}"/></Types>`),
    '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/story/main.xml"/></Relationships>'),
    'story/main.xml': strToU8(documentXml(para(run('别处')))),
    // A decoy in Word's usual place must not be read.
    'word/document.xml': strToU8(documentXml(para(run('诱饵')))),
  };
  assert.deepEqual(texts(readDocx(zipSync(files))), ['别处']);
});

test('xml: the reader never throws on broken markup and keeps what it can', () => {
  const seen: string[] = [];
  const h = { open: (n: string) => seen.push(`<${n}`), close: (n: string) => seen.push(`>${n}`), text: (t: string) => seen.push(t) };
  parseXml('<a><b>x</a>y</c><d attr=unquoted/>< z<!DOCTYPE q [<!ENTITY e "boom">]>&e;<e', h);
  assert.deepEqual(seen, ['<a', '<b', 'x', '>b', '>a', 'y', '<d', '>d', '<', ' z', '&e;', '<e', '>e']);
  assert.equal(decodeEntities('&#x110000;&#99999999999;'), '\ufffd&#99999999999;');
});

// ---------------------------------------------------------------------------------------------
// faces

const STY = {
  boldPara: '<w:style w:type="paragraph" w:styleId="Lead"><w:name w:val="Lead"/><w:rPr><w:b/></w:rPr></w:style>',
  strong: '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>',
  derived: '<w:style w:type="paragraph" w:styleId="LeadMore"><w:name w:val="Lead more"/><w:basedOn w:val="Lead"/></w:style>',
  kaiChar: '<w:style w:type="character" w:styleId="Kai"><w:name w:val="楷"/><w:rPr><w:rFonts w:ascii="KaiTi" w:eastAsia="楷体"/></w:rPr></w:style>',
  kaiPara: '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="编者按"/><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>',
  normalDefault: '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr></w:style>',
  boldDefaults: '<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>',
  cycleA: '<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>',
  cycleB: '<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/><w:rPr><w:b/></w:rPr></w:style>',
};
const pStyle = (id: string) => `<w:pPr><w:pStyle w:val="${id}"/></w:pPr>`;

const FACE_CASES: Array<[string, string, string, { bold?: boolean; kai?: boolean; italic?: boolean }]> = [
  ['plain', para(run('字')), '', {}],
  ['b-direct', para(run('字', '<w:b/>')), '', { bold: true }],
  ['b-val-1', para(run('字', '<w:b w:val="1"/>')), '', { bold: true }],
  ['b-val-true', para(run('字', '<w:b w:val="true"/>')), '', { bold: true }],
  ['b-val-0-is-not-bold', para(run('字', '<w:b w:val="0"/>')), '', {}],
  ['b-val-false-is-not-bold', para(run('字', '<w:b w:val="false"/>')), '', {}],
  ['b-val-off-is-not-bold', para(run('字', '<w:b w:val="off"/>')), '', {}],
  ['bCs-alone-is-complex-script-bold-not-chinese-bold', para(run('字', '<w:bCs/>')), '', {}],
  ['i-direct', para(run('字', '<w:i/>')), '', { italic: true }],
  ['paragraph-style-bold', para(pStyle('Lead'), run('字')), STY.boldPara, { bold: true }],
  ['paragraph-style-bold-and-direct-b-0', para(pStyle('Lead'), run('字', '<w:b w:val="0"/>')), STY.boldPara, {}],
  ['character-style-bold', para(run('字', '<w:rStyle w:val="Strong"/>')), STY.strong, { bold: true }],
  ['toggle-bold-character-style-in-bold-paragraph-style-is-not-bold', para(pStyle('Lead'), run('字', '<w:rStyle w:val="Strong"/>')), STY.boldPara + STY.strong, {}],
  ['toggle-direct-b-wins-over-both-styles', para(pStyle('Lead'), run('字', '<w:rStyle w:val="Strong"/><w:b/>')), STY.boldPara + STY.strong, { bold: true }],
  ['based-on-inherits-bold', para(pStyle('LeadMore'), run('字')), STY.boldPara + STY.derived, { bold: true }],
  ['document-defaults-bold', para(run('字')), STY.boldDefaults, { bold: true }],
  ['document-defaults-bold-toggled-off-by-a-bold-paragraph-style', para(pStyle('Lead'), run('字')), STY.boldDefaults + STY.boldPara, {}],
  ['cyclic-based-on-does-not-hang', para(pStyle('A'), run('字')), STY.cycleA + STY.cycleB, { bold: true }],
  ['unknown-style-is-plain', para(pStyle('Missing'), run('字', '<w:rStyle w:val="Nope"/>')), STY.boldPara, {}],
  ['east-asian-font-kai', para(run('字', '<w:rFonts w:eastAsia="楷体"/>')), '', { kai: true }],
  ['east-asian-font-kaiti', para(run('字', '<w:rFonts w:ascii="Times" w:eastAsia="KaiTi"/>')), '', { kai: true }],
  ['east-asian-font-stkaiti', para(run('字', '<w:rFonts w:eastAsia="STKaiti"/>')), '', { kai: true }],
  ['east-asian-font-song-is-not-kai', para(run('字', '<w:rFonts w:eastAsia="宋体"/>')), '', {}],
  ['ascii-font-kai-alone-is-not-the-chinese-font', para(run('字', '<w:rFonts w:ascii="KaiTi" w:hAnsi="KaiTi"/>')), '', {}],
  ['theme-font-overrides-the-name', para(run('字', '<w:rFonts w:eastAsia="楷体" w:eastAsiaTheme="minorEastAsia"/>')), '', {}],
  ['character-style-kai', para(run('字', '<w:rStyle w:val="Kai"/>')), STY.kaiChar, { kai: true }],
  ['paragraph-style-kai', para(pStyle('Note'), run('字')), STY.kaiPara, { kai: true }],
  ['direct-font-overrides-a-kai-paragraph-style', para(pStyle('Note'), run('字', '<w:rFonts w:eastAsia="宋体"/>')), STY.kaiPara, {}],
  ['default-paragraph-style-applies-without-pStyle', para(run('字')), STY.normalDefault + STY.kaiChar, {}],
  ['bold-and-kai-together', para(run('字', '<w:b/><w:rFonts w:eastAsia="华文楷体"/>')), '', { bold: true, kai: true }],
];

for (const [name, body, styles, want] of FACE_CASES) {
  test(`docx faces ${name}`, () => {
    const r = read(body, styles)!.paragraphs[0]!.runs[0]!;
    assert.deepEqual({ bold: r.bold, kai: r.kai, italic: r.italic }, { bold: !!want.bold, kai: !!want.kai, italic: !!want.italic });
  });
}

test('docx faces: adjacent runs with the same faces merge; different faces stay apart', () => {
  const d = read(para(run('甲'), run('乙'), run('丙', '<w:b/>'), run('丁', '<w:b/>'), run('戊')));
  assert.deepEqual(d.paragraphs[0]!.runs.map((r) => [r.text, r.bold]), [['甲乙', false], ['丙丁', true], ['戊', false]]);
});

const KAI_NAMES: Array<[string, boolean]> = [
  ['楷体', true], ['楷体_GB2312', true], ['华文楷体', true], ['方正楷体_GBK', true], ['KaiTi', true], ['KaiTi_GB2312', true], ['STKaiti', true],
  ['Kaiti SC', true], ['DFKai-SB', true], ['BiauKai', true], ['AR PL UKai CN', true], ['AR PL KaitiM GB', true], ['GBZenKai-Medium', true],
  ['宋体', false], ['SimSun', false], ['Microsoft YaHei', false], ['Kailasa', false], ['仿宋', false],
];
for (const [name, kai] of KAI_NAMES) {
  test(`docx Kai font name ${name} → ${kai}`, () => assert.equal(isKaiFont(name), kai));
}

// ---------------------------------------------------------------------------------------------
// heading hints

const headingStyle = (id: string, name: string, extra = '') => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>${extra}</w:style>`;
const HEADING_CASES: Array<[string, string, string, number | undefined]> = [
  ['word-heading-1', para(pStyle('Heading1'), run('题')), headingStyle('Heading1', 'heading 1'), 1],
  ['chinese-word-style-id-with-english-name', para(pStyle('2'), run('题')), headingStyle('2', 'heading 2'), 2],
  ['title', para(pStyle('Title'), run('题')), headingStyle('Title', 'Title'), 0],
  ['subtitle', para(pStyle('Subtitle'), run('题')), headingStyle('Subtitle', 'Subtitle'), 0],
  ['wps-chinese-heading-name', para(pStyle('a3'), run('题')), headingStyle('a3', '标题 3'), 3],
  ['chinese-main-title', para(pStyle('a5'), run('题')), headingStyle('a5', '主标题'), 0],
  ['traditional-chinese-heading-name', para(pStyle('a6'), run('題')), headingStyle('a6', '標題 1'), 1],
  ['outline-level-in-the-paragraph', para('<w:pPr><w:outlineLvl w:val="1"/></w:pPr>', run('题')), '', 2],
  ['outline-level-9-is-body-text', para('<w:pPr><w:outlineLvl w:val="9"/></w:pPr>', run('文')), '', undefined],
  ['outline-level-through-based-on', para(pStyle('Mine'), run('题')), headingStyle('Base', 'Base', '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>') + headingStyle('Mine', 'Mine', '<w:basedOn w:val="Base"/>'), 1],
  ['normal-is-not-a-heading', para(pStyle('Normal'), run('文')), headingStyle('Normal', 'Normal'), undefined],
  ['toc-heading-is-not-a-headline-level', para(pStyle('TOC'), run('目录')), headingStyle('TOC', 'toc 1'), undefined],
];
for (const [name, body, styles, want] of HEADING_CASES) {
  test(`docx heading ${name}`, () => {
    assert.equal(read(body, styles).paragraphs[0]!.heading, want);
  });
}

// ---------------------------------------------------------------------------------------------
// the LibreOffice fixtures

test('docx fixture story.docx (LibreOffice): text, faces, heading, footnote, tab, line break', () => {
  const d = readDocx(fixture('story.docx'), 'story.docx');
  assert.deepEqual(texts(d), [
    '江浦路社区第八届学习节开幕',
    '■记者 陈玲 实习生 章臻瑶',
    '本报讯 7月25日,“活力江浦、智汇文化”江浦路社区第八届学习节开幕。开幕式上,学习节的四大服务项目被辖区8家企业认领。',
    '据了解,“星尚文化”、“韵动生活”等服务项目将开展音乐夏令营、公益轮滑体验、白领台球赛等活动。',
    '活动地址:\t江浦路1500号社区文化中心,欢迎居民参加。',
    '经审议,该项目最终以基本分88分,特色分8分的成绩通过验收。验收会上,与会专家听取了创建节能环保标准化试点工作总结汇\n报,审阅了试点建设材料。■季菊',
    '▶ 下转2版',
  ]);
  assert.equal(d.paragraphs[0]!.heading, 0);
  assert.equal(d.paragraphs[0]!.style, 'Title');
  assert.ok(d.paragraphs.slice(1).every((p) => p.heading === undefined));
  assert.deepEqual(d.paragraphs[1]!.runs.map((r) => [r.text, r.kai]), [['■记者 陈玲 实习生 章臻瑶', true]]);
  assert.deepEqual(d.paragraphs[2]!.runs.filter((r) => r.bold).map((r) => r.text), ['学习节的四大服务项目']);
  assert.deepEqual(d.paragraphs[3]!.runs.filter((r) => r.kai).map((r) => r.text), ['“星尚文化”、“韵动生活”']);
  assert.ok(!texts(d).join('').includes('脚注'), 'the footnote text is not copy');
});

test('docx fixture table.docx (LibreOffice): heading and one paragraph per cell paragraph', () => {
  const d = readDocx(fixture('table.docx'));
  assert.deepEqual(texts(d), ['社区活动安排', '本周活动如下表(以现场通知为准)。', '时间', '内容', '7月25日上午', '学习节开幕式', '地点:社区文化中心', '欢迎居民踊跃参加。']);
  assert.equal(d.paragraphs[0]!.heading, 1);
  assert.deepEqual(d.paragraphs.map((p) => p.where), ['body', 'body', 'table', 'table', 'table', 'table', 'table', 'body']);
});

test('docx fixture extras.docx (LibreOffice): field result, tracked changes, hyperlink, text box once', () => {
  const d = readDocx(fixture('extras.docx'));
  assert.deepEqual(texts(d), ['本版第1页,编辑修改:新增的说法。', '详见社区网站。', '正文段落带文本框。', '文本框里的提示', '文末段落。']);
  assert.equal(d.paragraphs[3]!.where, 'textbox');
  const all = texts(d).join('');
  assert.ok(!all.includes('PAGE') && !all.includes('已删去'), all);
});

test('docx fixtures are small enough to commit (< 50 KB each)', () => {
  for (const f of ['story.docx', 'table.docx', 'extras.docx', 'story.doc', 'story.odt']) assert.ok(fixture(f).length < 50 * 1024, f);
});

// ---------------------------------------------------------------------------------------------
// refusals

/** A zip archive with entries of the given names (content is their name). */
const zipOf = (names: Record<string, string>): Uint8Array => zipSync(Object.fromEntries(Object.entries(names).map(([k, v]) => [k, strToU8(v)])));

const XLSX_LIKE = zipOf({
  '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml': '<workbook/>',
});

function withFlippedByte(bytes: Uint8Array, at: number): Uint8Array {
  const b = new Uint8Array(bytes);
  b[at] = b[at]! ^ 0xff;
  return b;
}

/** The docx with its central-directory entry for `name` patched by `patch(view, offset)`. */
function patchCentral(bytes: Uint8Array, name: string, patch: (dv: DataView, at: number) => void): Uint8Array {
  const b = new Uint8Array(bytes);
  const dv = new DataView(b.buffer);
  const enc = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < b.length; i++) {
    if (dv.getUint32(i, true) !== 0x02014b50) continue;
    const len = dv.getUint16(i + 28, true);
    if (len === enc.length && enc.every((c, k) => b[i + 46 + k] === c)) {
      patch(dv, i);
      return b;
    }
  }
  throw new Error(`no entry ${name}`);
}

/** The archive with every occurrence of the ASCII name `from` (local and central) renamed to `to`, of the same length. */
function renamed(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const b = new Uint8Array(bytes);
  const [f, t] = [strToU8(from), strToU8(to)];
  assert.equal(f.length, t.length);
  for (let i = 0; i + f.length <= b.length; i++) if (f.every((c, k) => b[i + k] === c)) b.set(t, i);
  return b;
}

/** Text of `n` letters that deflates only to ~75 % (64 letters: 6 bits of 8), so a large declared size stays plausible. */
function poorlyCompressible(n: number): string {
  const rnd = mulberry32(11);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  for (let i = 0; i < n; i++) s += abc[Math.floor(rnd() * 64)];
  return s;
}

// The archive checks shared with the .banmian reader (renderer/import/zip.ts) refuse the whole
// file, also where the bad entry is not a part the import reads.
const SHARED_ZIP_REFUSALS: Array<[string, () => Uint8Array, string, RegExp]> = [
  ['entry-named-into-the-parent-folder', () => makeDocx(para(run('x')), { extra: { '../evil.xml': '<x/>' } }), 'damaged', /"\.\.\/evil\.xml" has an unsafe name/],
  ['entry-with-a-drive-letter', () => makeDocx(para(run('x')), { extra: { 'C:/evil.xml': '<x/>' } }), 'damaged', /unsafe name, with a drive letter/],
  ['the-main-part-twice', () => renamed(makeDocx(para(run('x')), { extra: { 'word/documenX.xml': documentXml(para(run('y'))) } }), 'word/documenX.xml', 'word/document.xml'), 'damaged', /"word\/document\.xml" is there twice/],
  ['encrypted-entry-that-is-not-read', () => patchCentral(makeDocx(para(run('x')), { extra: { 'docProps/app.xml': '<Properties/>' } }), 'docProps/app.xml', (dv, at) => dv.setUint16(at + 8, 1, true)), 'encrypted', /encrypted/],
  ['unread-entry-declaring-a-bomb', () => patchCentral(makeDocx(para(run('x')), { extra: { 'word/media/x.xml': '<x/>' } }), 'word/media/x.xml', (dv, at) => dv.setUint32(at + 24, 0x7fffffff, true)), 'too-large', /too large.*which is impossible/],
];

const story = fixture('story.docx');
const REFUSALS: Array<[string, () => Uint8Array, string, RegExp]> = [
  ['empty-file', () => new Uint8Array(0), 'not-a-zip', /empty/],
  ['plain-text', () => strToU8('本报讯 这是纯文本，不是 Word 文档。'), 'not-a-zip', /zip archive.*\.txt/],
  ['rtf', () => strToU8('{\\rtf1\\ansi 文字}'), 'not-a-zip', /Rich Text \(RTF\)/],
  ['pdf', () => strToU8('%PDF-1.4\n%…'), 'not-a-zip', /is a PDF/],
  ['old-binary-doc-libreoffice', () => fixture('story.doc'), 'old-doc', /Word 97–2003 document \(\.doc\)/],
  ['old-binary-doc-hand-made', () => makeOle(['WordDocument', '1Table', '\u0005SummaryInformation']), 'old-doc', /Word 97–2003/],
  ['encrypted-docx-in-an-ole-file', () => makeOle(['EncryptionInfo', 'EncryptedPackage']), 'encrypted', /password/],
  ['ole-header-only', () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(600).fill(0)]), 'old-doc', /\.doc\).*password/],
  ['old-excel-in-an-ole-file', () => makeOle(['Workbook']), 'not-word', /Excel workbook \(\.xls\)/],
  ['xlsx-like-zip', () => XLSX_LIKE, 'not-word', /Excel workbook \(\.xlsx\)/],
  ['pptx-like-zip', () => zipOf({ 'ppt/presentation.xml': '<p/>' }), 'not-word', /PowerPoint/],
  ['odt-libreoffice', () => fixture('story.odt'), 'not-word', /OpenDocument text \(\.odt\)/],
  ['banmian-issue', () => zipOf({ 'issue.json': '{}' }), 'not-word', /Banmian issue/],
  ['zip-without-a-word-part', () => zipOf({ 'readme.txt': 'x' }), 'not-word', /no Word main document/],
  ['main-part-of-another-type', () => makeDocx(para(run('x')), { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml' }), 'not-word', /Excel/],
  ['truncated-docx', () => story.subarray(0, Math.floor(story.length / 2)), 'damaged', /incomplete/],
  ['flipped-byte-in-the-document-part', () => withFlippedByte(makeDocx(para(run('文'.repeat(200)))), 200), 'damaged', /damaged/],
  ['entry-encrypted-by-zip', () => patchCentral(makeDocx(para(run('x'))), 'word/document.xml', (dv, at) => dv.setUint16(at + 8, dv.getUint16(at + 8, true) | 1, true)), 'encrypted', /encrypted/],
  ['declared-size-over-the-limit', () => patchCentral(makeDocx(para(run('x'))), 'word/document.xml', (dv, at) => dv.setUint32(at + 24, 0x7fffffff, true)), 'too-large', /too large/],
  ['unknown-compression-method', () => patchCentral(makeDocx(para(run('x'))), 'word/document.xml', (dv, at) => dv.setUint16(at + 10, 12, true)), 'damaged', /compression method 12/],
];

for (const [name, make, code, en] of [...REFUSALS, ...SHARED_ZIP_REFUSALS]) {
  test(`docx refuses ${name} (${code}) in English and Chinese`, () => {
    assert.throws(
      () => readDocx(make(), '稿件.docx'),
      (e: unknown) => {
        assert.ok(e instanceof DocxImportError, String(e));
        assert.equal(e.code, code);
        assert.match(e.message, en);
        assert.match(e.message, /"稿件\.docx"/, 'names the file');
        assert.match(e.messageZh, /“稿件\.docx”/, 'names the file in Chinese');
        assert.match(e.messageZh, /[\u4e00-\u9fff]{4}/);
        // the Chinese text is Chinese: besides product and format names, no English words
        const words = e.messageZh.replace(/Word|WPS|LibreOffice|OpenDocument|Office|Excel|PowerPoint|OLE|banmian|zip|docx|doc|txt|xlsx|xls|pptx|odt|rtf|pdf/gi, '').match(/[A-Za-z]{3,}/g);
        assert.equal(words, null, `English in the Chinese message: ${e.messageZh}`);
        assert.match(`${e.message} ${e.messageZh}`, /\.docx|\.txt|Word|WPS/);
        return true;
      },
    );
  });
}

test('docx: a main part over 64 MiB is refused by its own limit before it is inflated', () => {
  // ~100 KB of deflate declaring 65 MiB: a ratio DEFLATE can give, so only the part limit refuses it.
  const docx = patchCentral(makeDocx(poorlyCompressible(100_000)), 'word/document.xml', (dv, at) => dv.setUint32(at + 24, 65 * 1024 ** 2, true));
  assert.throws(() => readDocx(docx, '稿件.docx'), (e: unknown) => e instanceof DocxImportError && e.code === 'too-large' && /the limit is 67108864/.test(e.message));
});

test('docx refusal without a file name says "the file"', () => {
  assert.throws(() => readDocx(strToU8('hello')), (e: unknown) => e instanceof DocxImportError && /^The file is not a Word/.test(e.message) && e.messageZh.startsWith('该文件'));
});

test('docx: the OLE directory of the LibreOffice .doc names its WordDocument stream', () => {
  assert.ok(oleStreamNames(fixture('story.doc'))?.has('WordDocument'));
});

// ---------------------------------------------------------------------------------------------
// damaged input never crashes or hangs

test('docx: 300 seeded mutations of the fixtures either read or throw DocxImportError, quickly', () => {
  const rnd = mulberry32(Number(process.env.BANMIAN_FUZZ_SEED ?? 20240725));
  const bases = ['story.docx', 'table.docx', 'extras.docx'].map(fixture);
  const t0 = Date.now();
  let read = 0;
  let refused = 0;
  for (let i = 0; i < 300; i++) {
    const base = bases[i % bases.length]!;
    let b: Uint8Array;
    const kind = i % 3;
    if (kind === 0) b = base.subarray(0, Math.floor(rnd() * base.length));
    else {
      b = new Uint8Array(base);
      for (let k = 0; k < 1 + Math.floor(rnd() * 6); k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    }
    try {
      readDocx(b);
      read++;
    } catch (e) {
      assert.ok(e instanceof DocxImportError, `case ${i} (kind ${kind}): ${String((e as Error)?.stack ?? e)}`);
      refused++;
    }
  }
  assert.ok(refused > 0 && read + refused === 300);
  assert.ok(Date.now() - t0 < 30_000);
});

test('docx: random markup in document.xml never throws and stays linear', () => {
  const rnd = mulberry32(7);
  const POOL = ['<w:p>', '</w:p>', '<w:r>', '</w:r>', '<w:t>', '</w:t>', '<w:t xml:space="preserve">', '文字', ' ', '&amp;', '&#x4E2D;', '&bad', '<', '>', '"', '<w:br/>', '<w:tab/>',
    '<w:fldChar w:fldCharType="begin"/>', '<w:fldChar w:fldCharType="separate"/>', '<w:fldChar w:fldCharType="end"/>', '<w:del>', '</w:del>', '<mc:AlternateContent>', '<mc:Choice>', '</mc:Choice>',
    '<mc:Fallback>', '</mc:AlternateContent>', '<w:txbxContent>', '</w:txbxContent>', '<w:tbl>', '</w:tbl>', '<![CDATA[x', ']]>', '<!--', '-->', '<?x', '?>', '<w:pPr><w:rPr><w:del/></w:rPr></w:pPr>'];
  for (let i = 0; i < 200; i++) {
    let body = '';
    for (let k = 0; k < 200; k++) body += POOL[Math.floor(rnd() * POOL.length)];
    readDocx(makeDocx(body));
  }
  // 20,000 nested elements: no recursion, no stack overflow.
  const deep = '<w:sdt><w:sdtContent>'.repeat(20_000) + para(run('深')) + '</w:sdtContent></w:sdt>'.repeat(20_000);
  assert.deepEqual(texts(readDocx(makeDocx(deep))), ['深']);
  // Linear: 4× the paragraphs take well under 16× the time (quadratic would).
  const time = (n: number) => {
    const body = para(run('段落文字，'), run('粗体', '<w:b/>')).repeat(n);
    const t = performance.now();
    readDocx(makeDocx(body));
    return performance.now() - t;
  };
  time(2000);
  const small = Math.max(time(5000), 1);
  const big = time(20000);
  assert.ok(big < small * 12, `5,000 paragraphs ${small.toFixed(1)} ms, 20,000 ${big.toFixed(1)} ms`);
});
