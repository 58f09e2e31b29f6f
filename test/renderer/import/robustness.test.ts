// The cleanup never throws, keeps the words, is idempotent and is linear in its input, on
// arbitrary text: seeded random strings mixing Han, ASCII punctuation, quotes of both kinds,
// spaces of every width, line endings, markers and sample fragments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImportResult } from '../../../renderer/import/cleanup';
import { cleanupText, toPlainText } from '../../../renderer/import/cleanup';
import { sample, skeleton } from './samples';
import { mulberry32 as rng } from '../../helpers/random';


const POOL = [
  ...'天山社区晨报记者陈玲本报讯实习生章臻瑶通讯员的了是在和□■▶版转接',
  ...',.:;?!()"\'“”‘’（）。，、：；…—·',
  ...'abcXYZ0123456789%+-/@',
  ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\u3000', '\u00a0', '\u200b', '\ufeff', '\t', '\f', '\u0007', '\ud840\udc00',
  '下转2版', '本报讯(特约记者 姚志康)', '■季菊', ' 宋昌发 赵凯杰', '1,000', '27.98%', 'TIAN SHAN', '晨报', '联合出版', '一是', '近日,',
];

function randomText(next: () => number): string {
  const len = Math.floor(next() * 160);
  let s = '';
  for (let i = 0; i < len; i++) s += POOL[Math.floor(next() * POOL.length)];
  return s;
}

/** Sample text cut at a random place, with random spaces, line breaks and half-width marks. */
function mangledSample(next: () => number, source: string[]): string {
  const at = Math.floor(next() * source.length);
  const piece = source.slice(at, at + Math.floor(next() * 500));
  const HALF: Record<string, string> = { '，': ',', '。': '.', '“': '"', '”': '"', '：': ':', '（': '(', '）': ')' };
  return piece
    .map((c) => {
      const x = next();
      if (x < 0.03) return `${c} `;
      if (x < 0.04) return `${c}\n`;
      if (x < 0.06) return HALF[c] ?? c;
      return c;
    })
    .join('');
}

function checkResult(raw: string, r: ImportResult): void {
  assert.equal(skeleton(r.paragraphs.map((p) => p.text).join('')), skeleton(raw), 'words unchanged');
  for (const p of r.paragraphs) {
    assert.ok(p.text.length > 0 && p.text === p.text.trim(), 'paragraphs are trimmed and non-empty');
    if (p.credit !== undefined) assert.ok(p.text.endsWith(p.credit));
    if (p.dateline !== undefined) assert.ok(p.text.startsWith(p.dateline));
  }
  for (const x of r.problems) {
    const p = r.paragraphs[x.paragraph];
    assert.ok(p !== undefined && x.index >= 0 && x.index <= p.text.length, JSON.stringify(x));
    if (x.kind === 'lost-glyph') assert.match(p.text[x.index]!, /[□\ufffd]/u);
  }
  // Every paragraph except mastheads and headlines sits in exactly one article, in order.
  const inArticles = r.articles.flatMap((a) => a.paragraphs);
  assert.deepEqual(inArticles, r.paragraphs.filter((p) => p.role !== 'masthead' && p.role !== 'headline'));
  assert.deepEqual(r.articles.flatMap((a) => a.headlines), r.paragraphs.filter((p) => p.role === 'headline').map((p) => p.text));
  for (const a of r.articles) assert.ok(a.headlines.length <= 3);
}

test('robustness: 3000 seeded random strings never throw, keep their words, clean idempotently', () => {
  const next = rng(20_251_122);
  for (let k = 0; k < 3000; k++) {
    const raw = randomText(next);
    let r: ImportResult;
    try {
      r = cleanupText(raw);
    } catch (e) {
      assert.fail(`cleanupText threw on ${JSON.stringify(raw)}: ${String(e)}`);
    }
    checkResult(raw, r);
    assert.deepEqual(cleanupText(toPlainText(r)).paragraphs, r.paragraphs, `idempotent on ${JSON.stringify(raw)}`);
  }
});

test('robustness: 1500 mangled sample fragments keep their words and clean idempotently', () => {
  const source = Array.from(['tianshan-front', 'jiangpu-community', 'xinmin-community'].map((n) => sample(n as 'tianshan-front')).join('\n'));
  const next = rng(8545);
  for (let k = 0; k < 1500; k++) {
    const raw = mangledSample(next, source);
    const r = cleanupText(raw);
    checkResult(raw, r);
    assert.deepEqual(cleanupText(toPlainText(r)).paragraphs, r.paragraphs, `idempotent on ${JSON.stringify(raw)}`);
  }
});

test('robustness: odd input does not throw', () => {
  for (const raw of ['', '\n\n\n', '□', '"', "'", '(', ')', '（（（', '本报讯', '■', '▶', '\ud800', '\udc00天', '.'.repeat(50), '"'.repeat(51), '，'.repeat(40)]) {
    checkResult(raw, cleanupText(raw));
  }
});

/** Fastest of five runs, in ms (the minimum is the least noisy estimate). */
function timeIt(raw: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    cleanupText(raw);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

test('robustness: time grows linearly with the input, also on pathological input', () => {
  const pages = ['tianshan-front', 'jiangpu-community', 'xinmin-community'].map((n) => sample(n as 'tianshan-front')).join('\n');
  const shapes: Array<[string, (n: number) => string]> = [
    ['sample pages', (n) => pages.repeat(Math.ceil(n / pages.length)).slice(0, n)],
    ['one paragraph cut into many lines', (n) => '街道组建了支特色志愿者团队，并在各居委会设\n'.repeat(n / 22)],
    ['many short headline lines', (n) => '天山社区\n'.repeat(n / 5)],
    ['lines ending in a straight quote', (n) => '他说，"好"\n'.repeat(n / 7)],
    ['cut lines ending in a single quote', (n) => "他说，“好'\n".repeat(n / 6)],
    ['one long run of spaces', (n) => `天${' '.repeat(n)}山`],
    ['comma chain', (n) => '好,'.repeat(n / 2)],
    ['nested brackets', (n) => `${'(天'.repeat(n / 4)}${')'.repeat(n / 4)}`],
    ['unclosed quotes', (n) => '“天‘'.repeat(n / 3)],
  ];
  const n = 5_000;
  timeIt(pages); // warm up
  for (const [name, make] of shapes) {
    const small = timeIt(make(n));
    const large = timeIt(make(8 * n));
    // 8x the input: linear work takes ~8x the time, quadratic work 64x. Allow noise (other test
    // files run in parallel) up to 24x, with a 3 ms floor below which timer noise dominates.
    assert.ok(large < 24 * Math.max(small, 3), `${name}: ${small.toFixed(1)} ms for ${n} chars, ${large.toFixed(1)} ms for ${8 * n}`);
  }
});
