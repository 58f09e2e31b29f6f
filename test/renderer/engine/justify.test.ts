// Punctuation width adjustment and line justification (clreq §3.1.6, §3.2, §3.8), table-driven:
// each case asserts the line strings AND every glyph's x. Fake metrics at 10 pt unless a real
// font is named (then 9 pt, as in a community paper's body).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Align } from '../../../renderer/model/schema';
import type { FontMetrics } from '../../../renderer/engine/metrics';
import { fakeMetrics } from './fake-metrics';
import { setPara } from './set-para';
import { realFont } from '../fonts/load-fonts';

interface Case {
  name: string;
  text: string;
  chars?: number;
  align?: Align;
  font?: () => FontMetrics;
  size?: number;
  lines: string[];
  xs: number[][];
  widths?: number[];
}

const tc = () => fakeMetrics({ centred: true });
const serif = () => realFont('NotoSerifSC-Regular');
const kai = () => realFont('GBZenKai-Medium');

const cases: Case[] = [
  {
    name: 'punct-adjust-adjacent-colon-quote-and-stop-quote',
    // ：“ keeps one half em between the inks; 。” closes up completely
    text: '他说：“好。”然后',
    lines: ['他说：“好。”然后'],
    xs: [[0, 10, 20, 25, 35, 45, 50, 60, 70]],
  },
  {
    name: 'punct-adjust-adjacent-comma-quote',
    text: '好，“是”',
    lines: ['好，“是”'],
    xs: [[0, 10, 15, 25, 35]],
  },
  {
    name: 'punct-adjust-adjacent-closing-opening-brackets',
    text: '甲（乙）（丙）',
    lines: ['甲（乙）（丙）'],
    xs: [[0, 10, 20, 30, 35, 45, 55]],
  },
  {
    name: 'punct-adjust-adjacent-opening-brackets',
    // “（ : the second opening mark loses its leading blank
    text: '甲“（乙）”',
    lines: ['甲“（乙）”'],
    xs: [[0, 10, 15, 25, 35, 40]],
  },
  {
    name: 'punct-adjust-centred-comma-tc-font',
    // TC fonts centre ，: only its trailing quarter em closes against “
    text: '好，“是”',
    font: tc,
    lines: ['好，“是”'],
    xs: [[0, 10, 17.5, 27.5, 37.5]],
  },
  {
    name: 'punct-adjust-line-start-opening-bracket-loses-half-em',
    text: '（一）二',
    lines: ['（一）二'],
    xs: [[-5, 5, 15, 25]],
  },
  {
    name: 'punct-adjust-line-end-mark-takes-half-em-first',
    // 4.5 em of measure: the line-end 。 gives up its half em before the ，mid-line
    text: '一，二三。',
    chars: 4.5,
    lines: ['一，二三。'],
    xs: [[0, 10, 20, 30, 40]],
    widths: [45],
  },
  {
    name: 'justify-shrink-commas-after-line-end-mark',
    text: '一，二三。',
    chars: 4,
    lines: ['一，二三。'],
    xs: [[0, 10, 15, 25, 35]],
    widths: [40],
  },
  {
    name: 'justify-shrink-brackets-before-commas',
    // 。 may not start line 2, so line 1 must lose 10 pt: 。 gives its half em first, then the
    // brackets share the rest; the comma keeps its full width
    text: '一（二）三，四五。六七',
    chars: 8,
    lines: ['一（二）三，四五。', '六七'],
    xs: [[0, 7.5, 17.5, 27.5, 35, 45, 55, 65, 75], [0, 10]],
    widths: [80, 20],
  },
  {
    name: 'justify-shrink-commas-when-no-brackets',
    text: '一二三，四五六。七八',
    chars: 7,
    lines: ['一二三，四五六。', '七八'],
    xs: [[0, 10, 20, 30, 35, 45, 55, 65], [0, 10]],
    widths: [70, 20],
  },
  // clreq §6.2.2.3 (挤压处理的优先顺序): each step is used up before the next. In these lines the
  // final 。 may not start line 2, so line 1 (85 pt natural) must lose 7.5 pt of a 77.5 pt measure:
  // the line-end 。 gives its 5 pt first (step 1), then the next step in order takes 2.5 pt.
  {
    name: 'clreq-reduction-step6-cjk-latin-gaps-before-inline-full-stop',
    // step 6 (CJK–Latin gaps, 1/4 em -> 1/8 em) before step 7 (in-line 。？！): 。 stays full width
    text: '甲。乙SOHO丙丁。戊己庚',
    chars: 7.75,
    lines: ['甲。乙SOHO丙丁。', '戊己庚'],
    xs: [[0, 10, 20, 31.25, 36.25, 41.25, 46.25, 52.5, 62.5, 72.5], [0, 10, 20]],
    widths: [77.5, 30],
  },
  {
    name: 'clreq-reduction-step5-inline-comma-before-cjk-latin-gaps',
    // step 5 (in-line ，、；) comes before step 6: the comma gives 2.5 pt, the gaps keep 1/4 em
    text: '甲，乙SOHO丙丁。戊己庚',
    chars: 7.75,
    lines: ['甲，乙SOHO丙丁。', '戊己庚'],
    xs: [[0, 10, 17.5, 30, 35, 40, 45, 52.5, 62.5, 72.5], [0, 10, 20]],
    widths: [77.5, 30],
  },
  {
    name: 'clreq-reduction-adjacent-pair-before-other-inline-marks',
    // clreq §3.1.6.2: a pair of marks may close to one em; ”， gives 2.5 pt before the lone ，
    text: '甲乙”，丙，丁戊。己庚辛',
    chars: 7.75,
    lines: ['甲乙”，丙，丁戊。', '己庚辛'],
    xs: [[0, 10, 20, 25, 32.5, 42.5, 52.5, 62.5, 72.5], [0, 10, 20]],
    widths: [77.5, 30],
  },
  {
    name: 'clreq-reduction-adjacent-opening-pair-before-inline-comma',
    // ：“ (one and a half em after segment) closes further, the ， keeps its full em
    text: '甲：“乙丙，丁戊。己庚辛',
    chars: 7.75,
    lines: ['甲：“乙丙，丁戊。', '己庚辛'],
    xs: [[0, 10, 12.5, 22.5, 32.5, 42.5, 52.5, 62.5, 72.5], [0, 10, 20]],
    widths: [77.5, 30],
  },
  {
    name: 'clreq-reduction-inline-full-stop-is-the-last-resort',
    // no gap, no pair, no comma: only then does an in-line 。 give up its blank (step 7)
    text: '甲。乙丙丁戊。己庚辛',
    chars: 6.25,
    lines: ['甲。乙丙丁戊。', '己庚辛'],
    xs: [[0, 10, 17.5, 27.5, 37.5, 47.5, 57.5], [0, 10, 20]],
    widths: [62.5, 30],
  },
  {
    name: 'cjk-latin-quarter-em-gap',
    text: '在SOHO里',
    lines: ['在SOHO里'],
    xs: [[0, 12.5, 17.5, 22.5, 27.5, 35]],
  },
  {
    name: 'cjk-latin-no-gap-at-line-edges',
    text: '一二三四SOHO五',
    chars: 5,
    lines: ['一二三四', 'SOHO五'],
    xs: [[0, 13.33, 26.67, 40], [0, 5, 10, 15, 22.5]],
  },
  {
    name: 'cjk-latin-typed-space-is-the-same-quarter-em',
    text: '在 SOHO 里',
    lines: ['在SOHO里'],
    xs: [[0, 12.5, 17.5, 22.5, 27.5, 35]],
  },
  {
    name: 'cjk-latin-no-gap-beside-punctuation',
    text: '“SOHO”',
    lines: ['“SOHO”'],
    xs: [[-5, 5, 10, 15, 20, 25]],
  },
  {
    name: 'justify-expand-word-space-first',
    text: 'A B一二三四五',
    chars: 5,
    lines: ['A B一二三', '四五'],
    xs: [[0, 12.5, 20, 30, 40], [0, 10]],
  },
  {
    name: 'justify-expand-equal-space-between-characters',
    text: '一二三四（五六',
    chars: 5,
    lines: ['一二三四', '（五六'],
    xs: [[0, 13.33, 26.67, 40], [-5, 5, 15]],
  },
  {
    name: 'justify-expand-never-beside-connector',
    text: '一～二三（四五',
    chars: 5,
    lines: ['一～二三', '（四五'],
    xs: [[0, 10, 20, 40], [-5, 5, 15]],
  },
  {
    name: 'justify-expand-never-inside-dash',
    text: '一——二（三四',
    chars: 5,
    lines: ['一——二', '（三四'],
    // 一|—— and ——|二 take 5 pt each; the two dash glyphs stay touching
    xs: [[0, 15, 25, 40], [-5, 5, 15]],
  },
  {
    // A sparse line before an unbreakable word: space goes between the ideographs only, never in
    // front of the colon, so "三：" stays together (no line appears to start with "：").
    name: 'justify-expand-never-before-closing-punctuation',
    text: '一二三：ABCDEF四',
    chars: 5,
    lines: ['一二三：', 'ABCDEF四'],
    xs: [[0, 15, 30, 40], [0, 5, 10, 15, 20, 25, 32.5]],
  },
  {
    name: 'justify-expand-never-after-opening-bracket',
    text: '一（二三ABCDEF四',
    chars: 5,
    lines: ['一（二三', 'ABCDEF四'],
    xs: [[0, 15, 25, 40], [0, 5, 10, 15, 20, 25, 32.5]],
  },
  {
    name: 'justify-last-line-not-stretched',
    text: '一二三四五六七',
    chars: 5,
    lines: ['一二三四五', '六七'],
    xs: [[0, 10, 20, 30, 40], [0, 10]],
    widths: [50, 20],
  },
  {
    name: 'align-center-last-line',
    text: '一二三',
    chars: 5,
    align: 'center',
    lines: ['一二三'],
    xs: [[10, 20, 30]],
  },
  {
    name: 'align-end',
    text: '一二三',
    chars: 5,
    align: 'end',
    lines: ['一二三'],
    xs: [[20, 30, 40]],
  },
  {
    name: 'real-serif-comma-blank-is-at-the-end',
    text: '天山路，街道',
    font: serif,
    size: 9,
    lines: ['天山路，街道'],
    xs: [[0, 9, 18, 27, 36, 45]],
  },
  {
    name: 'real-serif-adjacent-stop-quote',
    text: '好。”的',
    font: serif,
    size: 9,
    lines: ['好。”的'],
    xs: [[0, 9, 13.5, 22.5]],
  },
  {
    name: 'real-serif-line-start-bracket',
    text: '（特约记者）',
    font: serif,
    size: 9,
    lines: ['（特约记者）'],
    xs: [[-4.5, 4.5, 13.5, 22.5, 31.5, 40.5]],
  },
  {
    name: 'real-kai-blank-from-ink-bounds',
    // AR PL KaitiM has no halt: the blank side of 。 comes from its ink (left half)
    text: '好。”的',
    font: kai,
    size: 9,
    lines: ['好。”的'],
    xs: [[0, 9, 13.5, 22.5]],
  },
];

describe('justify and punctuation adjustment', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = setPara(c.text, { chars: c.chars, align: c.align, font: c.font?.(), size: c.size });
      assert.deepEqual(got.map((l) => l.text), c.lines);
      c.xs.forEach((xs, i) => assert.deepEqual(got[i]!.xs, xs, `x of line ${i + 1} "${got[i]!.text}"`));
      if (c.widths) assert.deepEqual(got.map((l) => l.width), c.widths);
    });
  }
});
