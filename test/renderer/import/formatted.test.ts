// Formatted copy through the cleanup (renderer/import/formatted.ts and files.ts): the same
// cleanup as a .txt, with bold and 楷 carried onto the cleaned text, heading and table roles kept,
// and the .docx fixtures end to end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupText, type ImportResult } from '../../../renderer/import/cleanup';
import { carryMarks, cleanupFormatted, type FormattedParagraph } from '../../../renderer/import/formatted';
import { decodeText, formattedFromDocx, importDocx, importFile } from '../../../renderer/import/files';
import { DocxImportError } from '../../../renderer/import/docx';
import type { CharMark } from '../../../renderer/import/types';
import { fixture } from './docx-build';
import { SAMPLE_NAMES, sample, skeleton } from './samples';
import { mulberry32 } from '../../helpers/random';

/** The marked stretches of each paragraph: `[[mark, text], …]`. */
const marked = (r: ImportResult): Array<Array<[CharMark, string]>> => r.paragraphs.map((p) => (p.spans ?? []).map((s) => [s.mark, p.text.slice(s.start, s.end)] as [CharMark, string]));
const P = (...runs: Array<string | [string, CharMark]>): FormattedParagraph => ({ runs: runs.map((r) => (typeof r === 'string' ? { text: r } : { text: r[0], mark: r[1] })) });

// ---------------------------------------------------------------------------------------------
// carryMarks

test('carryMarks: one for one over non-space characters; replaced punctuation keeps its face', () => {
  const src = '开幕式上,学习节 开幕';
  const marks = [...src].map((_, i) => (i >= 4 && i <= 7 ? 'bold' : undefined));
  const out = '开幕式上，学习节开幕';
  assert.deepEqual(carryMarks(src, marks, out), [undefined, undefined, undefined, undefined, 'bold', 'bold', 'bold', 'bold', undefined, undefined]);
});

test('carryMarks: a space takes the face only when both neighbours share it', () => {
  const src = 'ab cd ef';
  const marks: (string | undefined)[] = ['b', 'b', undefined, 'b', 'b', undefined, undefined, undefined];
  assert.deepEqual(carryMarks(src, marks, 'ab cd ef'), ['b', 'b', 'b', 'b', 'b', undefined, undefined, undefined]);
  // a line break is never marked and stops the neighbour search
  assert.deepEqual(carryMarks('ab', ['b', 'b'], 'a\n b'), ['b', undefined, undefined, 'b']);
});

test('carryMarks: resynchronises when the texts disagree, instead of shifting every face after', () => {
  const src = '甲乙丙丁戊己庚辛壬癸';
  const marks = [...src].map((_, i) => (i >= 6 ? 'kai' : undefined));
  // one character dropped early on (乙): the faces after it still land on the same characters
  assert.deepEqual(carryMarks(src, marks, '甲丙丁戊己庚辛壬癸').slice(-4), ['kai', 'kai', 'kai', 'kai']);
  assert.equal(carryMarks(src, marks, '甲丙丁戊己庚辛壬癸')[4], undefined);
  // two characters inserted: they take the face around them, and the rest is unmoved
  const ins = carryMarks(src, marks, '甲乙丙丁戊己庚辛XY壬癸');
  assert.deepEqual(ins.slice(6), ['kai', 'kai', 'kai', 'kai', 'kai', 'kai']);
  assert.deepEqual(ins.slice(0, 6), new Array(6).fill(undefined));
});

// ---------------------------------------------------------------------------------------------
// cleanupFormatted

const CASES: Array<[string, FormattedParagraph[], string[], Array<Array<[CharMark, string]>>]> = [
  ['bold-run-keeps-its-characters-through-full-width-punctuation', [P('开幕式上,', ['学习节的四大服务项目', 'bold'], '被认领。')], ['开幕式上，学习节的四大服务项目被认领。'], [[['bold', '学习节的四大服务项目']]]],
  ['bold-run-ending-in-a-half-width-comma', [P('今天', ['开会,', 'bold'], '明天休息。')], ['今天开会，明天休息。'], [[['bold', '开会，']]]],
  ['stray-spaces-removed-inside-and-beside-a-run', [P('江秋新苑居民区', ['党总支 的', 'kai'], ' 项目被列入名单。')], ['江秋新苑居民区党总支的项目被列入名单。'], [[['kai', '党总支的']]]],
  ['curly-quotes-inside-a-kai-run', [P('据了解,', ['"星尚文化"', 'kai'], '等项目。')], ['据了解，“星尚文化”等项目。'], [[['kai', '“星尚文化”']]]],
  [
    'line-break-mid-sentence-rejoined-faces-follow',
    [P('经审议,该项目最终以基本分88分通过验收。验收会上,与会专家听取了', ['工作总结汇', 'bold'], '\n', ['报', 'bold'], ',审阅了材料。')],
    ['经审议，该项目最终以基本分88分通过验收。验收会上，与会专家听取了工作总结汇报，审阅了材料。'],
    [[['bold', '工作总结汇报']]],
  ],
  ['two-runs-of-different-faces', [P(['粗', 'bold'], ['楷', 'kai'], '正文段落里的文字。')], ['粗楷正文段落里的文字。'], [[['bold', '粗'], ['kai', '楷']]]],
  ['uniform-face-on-a-body-paragraph-is-kept', [P(['编者按：本版刊登社区来稿，欢迎居民投稿。', 'kai'])], ['编者按：本版刊登社区来稿，欢迎居民投稿。'], [[['kai', '编者按：本版刊登社区来稿，欢迎居民投稿。']]]],
  ['uniform-kai-on-a-byline-is-the-byline-style-and-dropped', [P(['■记者 陈玲', 'kai']), P('本报讯 社区新闻。')], ['■记者 陈玲', '本报讯 社区新闻。'], [[], []]],
  ['uniform-bold-on-a-headline-is-the-headline-style-and-dropped', [{ ...P(['社区学习节开幕', 'bold']), role: 'headline' }, P('正文。')], ['社区学习节开幕', '正文。'], [[], []]],
  ['partial-bold-in-a-headline-is-kept', [{ ...P('社区', ['学习节', 'bold'], '开幕'), role: 'headline' }], ['社区学习节开幕'], [[['bold', '学习节']]]],
];

for (const [name, paras, texts, spans] of CASES) {
  test(`formatted ${name}`, () => {
    const r = cleanupFormatted(paras);
    assert.deepEqual(r.paragraphs.map((p) => p.text), texts);
    assert.deepEqual(marked(r), spans);
  });
}

test('formatted: a stated headline keeps its role and is not joined, where the .txt heuristics would join it', () => {
  const lines = ['经审议,该项目通过验收。与会专家听取了工作总结,', '审阅了试点建设材料并进行了相关问题的质询和讨论,形成了较完善的标准体系', '本报讯 今天开会。'];
  assert.equal(cleanupText(lines.join('\n')).paragraphs.length, 2, 'as text, the second line continues the first');
  const r = cleanupFormatted([P(lines[0]!), { ...P(lines[1]!), role: 'headline' }, P(lines[2]!)]);
  assert.deepEqual(r.paragraphs.map((p) => p.role), ['body', 'headline', 'body']);
  assert.deepEqual(r.articles.map((a) => a.headlines), [[], ['审阅了试点建设材料并进行了相关问题的质询和讨论，形成了较完善的标准体系']]);
});

test('formatted: a stated body role keeps short table cells from becoming headlines', () => {
  const cells = ['时间', '内容', '7月25日上午'];
  assert.ok(cleanupText(cells.join('\n')).paragraphs.every((p) => p.role === 'headline'), 'as text they look like headlines');
  const r = cleanupFormatted(cells.map((c) => ({ ...P(c), role: 'body' as const })));
  assert.deepEqual(r.paragraphs.map((p) => [p.text, p.role]), cells.map((c) => [c, 'body']));
});

test('formatted: a stated headline is not taken into the masthead zone', () => {
  const r = cleanupFormatted([{ ...P('天山社区晨报'), role: 'headline' }, P('TIAN SHAN'), P('本报讯 今天开会。')]);
  assert.equal(r.paragraphs[0]!.role, 'headline');
});

test('formatted: without faces or roles it is exactly cleanupText of the same lines, on every sample', () => {
  for (const name of SAMPLE_NAMES) {
    const raw = sample(name);
    const paras = raw.split(/\r?\n/).map((line) => P(line));
    const a = cleanupText(raw);
    const b = cleanupFormatted(paras);
    assert.deepEqual(b, a, name);
  }
});

test('formatted: on seeded random paragraphs the faces stay on the same characters (property)', () => {
  const rnd = mulberry32(99);
  const POOL = [...'天山社区晨报记者陈玲本报讯的了是在和', ...',.:;?!()"“”（）。，、 ', '  ', '\n', '■', '下转2版', 'abc', '12'];
  for (let i = 0; i < 300; i++) {
    const paras: FormattedParagraph[] = [];
    for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
      const runs = [];
      for (let r = 0; r < 1 + Math.floor(rnd() * 4); r++) {
        let t = '';
        for (let c = 0; c < Math.floor(rnd() * 12); c++) t += POOL[Math.floor(rnd() * POOL.length)];
        const x = rnd();
        runs.push(x < 0.3 ? { text: t, mark: 'bold' as const } : x < 0.5 ? { text: t, mark: 'kai' as const } : { text: t });
      }
      paras.push({ runs, ...(rnd() < 0.15 ? { role: 'headline' as const } : {}) });
    }
    const r = cleanupFormatted(paras);
    // Every non-space character of the source, with its face, and of the result, with its face
    // and paragraph: the same characters in the same order (the cleanup keeps the words), and
    // the same face, except where a face covered a whole headline, byline, credit or masthead
    // paragraph (dropped on purpose).
    const src: Array<[string, CharMark | undefined]> = [];
    for (const p of paras) for (const x of p.runs) for (const c of x.text) if (skeleton(c)) src.push([skeleton(c), x.mark]);
    const out: Array<[string, CharMark | undefined, number]> = [];
    r.paragraphs.forEach((p, k) => {
      for (let c = 0; c < p.text.length; c++) {
        const ch = skeleton(p.text[c]!);
        if (ch) out.push([ch, p.spans?.find((s) => s.start <= c && c < s.end)?.mark, k]);
      }
    });
    assert.deepEqual(out.map((o) => o[0]).join(''), src.map((o) => o[0]).join(''), `case ${i}: the words`);
    out.forEach(([, mark, k], idx) => {
      const want = src[idx]![1];
      if (mark === want) return;
      const role = r.paragraphs[k]!.role;
      const range = out.map((o, j) => [o[2], j] as const).filter(([pk]) => pk === k).map(([, j]) => src[j]![1]);
      assert.ok(mark === undefined && ['headline', 'byline', 'credit', 'masthead'].includes(role) && range.every((m) => m === want), `case ${i}: char ${idx} ${want} → ${mark} (${role})`);
    });
    for (const p of r.paragraphs) {
      let at = 0;
      for (const s of p.spans ?? []) {
        assert.ok(s.start >= at && s.end > s.start && s.end <= p.text.length, `case ${i}: span ${JSON.stringify(s)} in ${p.text.length}`);
        assert.ok(p.text[s.start]!.trim() !== '' && p.text[s.end - 1]!.trim() !== '', `case ${i}: span edges are not spaces`);
        at = s.end;
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// files.ts: the policy for Word documents and the fixtures end to end

test('docx policy: bold wins over 楷 on a run that is both; italic is not carried', () => {
  const f = formattedFromDocx({
    paragraphs: [
      { where: 'body', runs: [{ text: '粗楷', bold: true, kai: true, italic: false }, { text: '斜', bold: false, kai: false, italic: true }, { text: '正文正文正文正文正文正文正文正文', bold: false, kai: false, italic: false }] },
    ],
  });
  assert.deepEqual(f[0]!.runs, [{ text: '粗楷', mark: 'bold' }, { text: '斜' }, { text: '正文正文正文正文正文正文正文正文' }]);
});

test('docx policy: a face the whole document is typed in is not a distinction', () => {
  const all = (kai: boolean, bold: boolean) => formattedFromDocx({ paragraphs: [{ where: 'body', runs: [{ text: '整篇都是楷体的新闻稿。'.repeat(10), kai, bold, italic: false }, { text: '一', kai: false, bold: false, italic: false }] }] });
  assert.deepEqual(all(true, false)[0]!.runs.map((r) => r.mark), [undefined, undefined]);
  assert.deepEqual(all(false, true)[0]!.runs.map((r) => r.mark), [undefined, undefined]);
});

test('docx policy: headings are headlines, table cells and text boxes are body, the rest is classified', () => {
  const f = formattedFromDocx({
    paragraphs: [
      { where: 'body', heading: 1, runs: [] },
      { where: 'table', runs: [] },
      { where: 'textbox', runs: [] },
      { where: 'table', heading: 0, runs: [] },
      { where: 'body', runs: [] },
    ],
  });
  assert.deepEqual(f.map((p) => p.role), ['headline', 'body', 'body', 'headline', undefined]);
});

test('importDocx story.docx: cleaned like the .txt, bold and 楷 runs aligned, the jump line and credit recognised', () => {
  const r = importDocx(fixture('story.docx'), 'story.docx');
  assert.deepEqual(
    r.paragraphs.map((p) => [p.role, p.text]),
    [
      ['headline', '江浦路社区第八届学习节开幕'],
      ['byline', '■记者 陈玲 实习生 章臻瑶'],
      ['body', '本报讯 7月25日，“活力江浦、智汇文化”江浦路社区第八届学习节开幕。开幕式上，学习节的四大服务项目被辖区8家企业认领。'],
      ['body', '据了解，“星尚文化”、“韵动生活”等服务项目将开展音乐夏令营、公益轮滑体验、白领台球赛等活动。'],
      ['body', '活动地址：江浦路1500号社区文化中心，欢迎居民参加。'],
      ['body', '经审议，该项目最终以基本分88分，特色分8分的成绩通过验收。验收会上，与会专家听取了创建节能环保标准化试点工作总结汇报，审阅了试点建设材料。■季菊'],
      ['jump', '▶下转2版'],
    ],
  );
  assert.deepEqual(marked(r), [[], [], [['bold', '学习节的四大服务项目']], [['kai', '“星尚文化”、“韵动生活”']], [], [], []]);
  assert.equal(r.paragraphs[5]!.credit, '■季菊');
  assert.equal(r.paragraphs[2]!.dateline, '本报讯');
  assert.deepEqual(r.articles.map((a) => [a.headlines, a.byline]), [[['江浦路社区第八届学习节开幕'], '■记者 陈玲 实习生 章臻瑶']]);
  assert.ok(r.problems.some((p) => p.kind === 'rejoined' && p.paragraph === 5), 'the join at the line break is reported like a .txt join');
});

test('importDocx table.docx and extras.docx: one article each, cells and text box as body', () => {
  const t = importDocx(fixture('table.docx'));
  assert.deepEqual(t.articles.map((a) => a.headlines), [['社区活动安排']]);
  assert.deepEqual(t.paragraphs.slice(1).map((p) => p.role), new Array(7).fill('body'));
  assert.equal(t.paragraphs[1]!.text, '本周活动如下表（以现场通知为准）。');
  const x = importDocx(fixture('extras.docx'));
  assert.deepEqual(x.paragraphs.map((p) => p.text), ['本版第1页，编辑修改：新增的说法。', '详见社区网站。', '正文段落带文本框。', '文本框里的提示', '文末段落。']);
  assert.equal(x.articles.length, 1);
});

test('importFile routes by name and signature: text in UTF-8 or GB18030, Word documents, refusals', () => {
  const txt = new TextEncoder().encode('本报讯 社区新闻,今天开会。');
  assert.equal(importFile('a.txt', txt).paragraphs[0]!.text, '本报讯 社区新闻，今天开会。');
  // GB18030 bytes of 社区 (what a Chinese Windows editor saves)
  assert.equal(decodeText(Uint8Array.from([0xc9, 0xe7, 0xc7, 0xf8])), '社区');
  // UTF-16 with its byte-order mark (Notepad's "Unicode" / "Unicode big endian"), not GB18030 mojibake
  assert.equal(decodeText(Uint8Array.from([0xff, 0xfe, 0x3e, 0x79, 0x3a, 0x53])), '社区');
  assert.equal(decodeText(Uint8Array.from([0xfe, 0xff, 0x79, 0x3e, 0x53, 0x3a])), '社区');
  // UTF-8 with a byte-order mark: the mark is not text
  assert.equal(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0xe7, 0xa4, 0xbe])), '社');
  assert.equal(importFile('稿件.docx', fixture('story.docx')).paragraphs[0]!.role, 'headline');
  assert.equal(importFile('misnamed.txt', fixture('story.docx')).paragraphs[0]!.role, 'headline', 'a zip signature wins over the name');
  assert.throws(() => importFile('old.doc', fixture('story.doc')), DocxImportError);
  assert.throws(() => importFile('a.docx', txt), (e: unknown) => e instanceof DocxImportError && e.code === 'not-a-zip');
});
