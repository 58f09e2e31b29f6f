// Line-breaking rules (clreq §3.1.7 prohibitions, unbreakable units, lone last character),
// table-driven: each case asserts the line strings and, where it matters, glyph x positions.
// Fake fixed-width metrics at 10 pt: 1 em = 10 pt, Latin 5 pt, so x values are exact.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Prohibition } from '../../../renderer/model/schema';
import { setPara, grid } from './set-para';
import { realFont } from '../fonts/load-fonts';

interface Case {
  name: string;
  text: string;
  chars?: number;
  prohibition?: Prohibition;
  indent?: number;
  lines: string[];
  /** Expected x of each glyph per line (only the lines given are checked). */
  xs?: (number[] | undefined)[];
}

const cases: Case[] = [
  {
    name: 'prohibition-basic-closing-bracket-no-line-start',
    text: '一二三四五）六七',
    chars: 5,
    lines: ['一二三四', '五）六七'],
    xs: [[0, 13.33, 26.67, 40], [0, 10, 20, 30]],
  },
  {
    name: 'prohibition-basic-stop-mark-no-line-start-push',
    text: '一二三四五。六七',
    chars: 5,
    lines: ['一二三四', '五。六七'],
  },
  {
    name: 'prohibition-basic-closing-quote-no-line-start',
    text: '一二三四五”六七',
    chars: 5,
    lines: ['一二三四', '五”六七'],
  },
  {
    name: 'prohibition-basic-compress-preferred-over-push',
    // 一，二三四 fills the line; 。 may not start the next: compressing ，and 。 makes room.
    text: '一，二三四。五六',
    chars: 5,
    lines: ['一，二三四。', '五六'],
    xs: [[0, 10, 15, 25, 35, 45]],
  },
  {
    name: 'prohibition-basic-opening-bracket-no-line-end',
    text: '一二三四（五六）',
    chars: 5,
    lines: ['一二三四', '（五六）'],
    // the opening bracket starting line 2 loses its leading half em: its glyph origin is at -5
    xs: [[0, 13.33, 26.67, 40], [-5, 5, 15, 25]],
  },
  {
    name: 'prohibition-basic-opening-quote-no-line-end',
    text: '一二三四“五六”',
    chars: 5,
    lines: ['一二三四', '“五六”'],
  },
  {
    name: 'prohibition-basic-interpunct-no-line-start',
    text: '一二三四五·六七',
    chars: 5,
    lines: ['一二三四', '五·六七'],
  },
  {
    name: 'prohibition-basic-connector-no-line-start',
    text: '一二三四五～六七',
    chars: 5,
    lines: ['一二三四', '五～六七'],
  },
  {
    name: 'prohibition-basic-pushes-two-marks-together',
    // 。” both may not start a line: the break moves back before 五.
    text: '一二三四五。”六七',
    chars: 5,
    lines: ['一二三四', '五。”六七'],
  },
  {
    name: 'prohibition-none-allows-comma-at-line-start',
    text: '一二三四五，六七八',
    chars: 5,
    prohibition: 'none',
    lines: ['一二三四五', '，六七八'],
  },
  {
    name: 'prohibition-basic-ellipsis-may-start-line',
    text: '一二三四五……六七',
    chars: 5,
    lines: ['一二三四五', '……六七'],
  },
  {
    name: 'prohibition-strict-ellipsis-no-line-start',
    text: '一二三四五……六七',
    chars: 5,
    prohibition: 'strict',
    lines: ['一二三四', '五……六七'],
  },
  {
    name: 'prohibition-strict-dash-no-line-start',
    text: '一二三四五——六七',
    chars: 5,
    prohibition: 'strict',
    lines: ['一二三四', '五——六七'],
  },
  {
    name: 'prohibition-gb-percent-no-line-start',
    text: '一二三四五％六七',
    chars: 5,
    prohibition: 'gb',
    lines: ['一二三四', '五％六七'],
  },
  {
    name: 'prohibition-basic-percent-may-start-line',
    text: '一二三四五％六七',
    chars: 5,
    lines: ['一二三四五', '％六七'],
  },
  {
    name: 'dash-never-split',
    text: '一二三四——五六',
    chars: 5,
    lines: ['一二三四', '——五六'],
  },
  {
    name: 'ellipsis-never-split',
    text: '一二三四……五六',
    chars: 5,
    lines: ['一二三四', '……五六'],
  },
  {
    name: 'latin-word-never-breaks',
    text: '一二SOHO三四',
    chars: 5,
    lines: ['一二SOHO', '三四'],
    // quarter-em gap grows to half an em, then equal space between the two joints
    xs: [[0, 12.5, 30, 35, 40, 45]],
  },
  {
    name: 'digits-keep-2020-whole',
    text: '一二三2020年11月18日',
    chars: 5,
    lines: ['一二三', '2020年11', '月18日'],
  },
  {
    name: 'latin-plus-sequence-unbroken',
    text: '构建一二“1+18+7”的',
    chars: 6,
    lines: ['构建一二', '“1+18+7”的'],
  },
  {
    name: 'latin-serial-number-unbroken',
    text: '证书编号CFCP-1720160673',
    chars: 8,
    lines: ['证书编号', 'CFCP-1720160673'],
  },
  {
    name: 'latin-breaks-at-spaces',
    text: 'Tian Shan Road',
    chars: 5,
    lines: ['Tian Shan', 'Road'],
  },
  {
    name: 'lone-last-char-pulls-one-down',
    text: '一二三四五六',
    chars: 5,
    lines: ['一二三四', '五六'],
  },
  {
    name: 'lone-last-char-with-punctuation-pulls-one-down',
    text: '一二三四五六。',
    chars: 5,
    lines: ['一二三四', '五六。'],
  },
  {
    name: 'lone-last-char-rule-respects-prohibitions',
    // pulling 五 down would leave （ at the end of line 1, so （五 moves together
    text: '一二三（五六',
    chars: 5,
    lines: ['一二三', '（五六'],
  },
  {
    name: 'two-chars-on-last-line-stay',
    text: '一二三四五六七',
    chars: 5,
    lines: ['一二三四五', '六七'],
  },
  {
    name: 'pull-in-compresses-brackets-instead-of-letter-spacing',
    // 甲（二）AB would be letter-spaced to 5.5 em; compressing the brackets (and, last, not
    // needed here, the CJK–Latin gap) makes room for 三
    text: '甲（二）AB三四五',
    chars: 5.5,
    lines: ['甲（二）AB三', '四五'],
    xs: [[0, 6.25, 16.25, 26.25, 32.5, 37.5, 45]],
  },
  {
    name: 'pull-in-never-compresses-a-naturally-full-line',
    text: '一，二三四五六七',
    chars: 5,
    lines: ['一，二三四', '五六七'],
    xs: [[0, 10, 20, 30, 40]],
  },
  {
    name: 'indent-two-chars-first-line',
    text: '一二三四五六七八',
    chars: 5,
    indent: 2,
    lines: ['一二三', '四五六七八'],
    xs: [[20, 30, 40], grid(5)],
  },
  {
    name: 'indent-zero',
    text: '一二三四五六七八',
    chars: 5,
    indent: 0,
    lines: ['一二三四五', '六七八'],
  },
];

describe('breakLines (fake fixed-width metrics, 10 pt)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = setPara(c.text, { chars: c.chars, prohibition: c.prohibition, indent: c.indent ?? 0 });
      assert.deepEqual(got.map((l) => l.text), c.lines);
      c.xs?.forEach((xs, i) => {
        if (xs) assert.deepEqual(got[i]!.xs, xs, `x of line ${i + 1} "${got[i]!.text}"`);
      });
    });
  }
});

describe('breakLines (NotoSerifSC-Regular 9 pt, 11-character column)', () => {
  const font = realFont('NotoSerifSC-Regular');
  const real: Case[] = [
    {
      name: 'real-prohibition-stop-mark-compresses-commas',
      text: '一，二三四五六七八九十。二三',
      lines: ['一，二三四五六七八九十。', '二三'],
      // ，and 。 each give up their blank half em (4.5 pt) so 。 fits on line 1
      xs: [[0, 9, 13.5, 22.5, 31.5, 40.5, 49.5, 58.5, 67.5, 76.5, 85.5, 94.5]],
    },
    {
      name: 'real-prohibition-stop-mark-pushes-char',
      text: '一二三四五六七八九十一。二三',
      lines: ['一二三四五六七八九十', '一。二三'],
      xs: [grid(10, 10)],
    },
    {
      name: 'real-prohibition-opening-quote-no-line-end',
      text: '一二三四五六七八九十“一二”',
      lines: ['一二三四五六七八九十', '“一二”'],
      xs: [undefined, [-4.5, 4.5, 13.5, 22.5]],
    },
    {
      name: 'real-date-digits-whole',
      text: '本报讯（特约记者）2020年11月18日，市专家组',
      // the first line would be letter-spaced; compressing its brackets pulls 2020 in whole
      lines: ['本报讯（特约记者）2020', '年11月18日，市专家组'],
    },
  ];
  for (const c of real) {
    it(c.name, () => {
      const got = setPara(c.text, { chars: 11, size: 9, font, prohibition: c.prohibition });
      assert.deepEqual(got.map((l) => l.text), c.lines);
      c.xs?.forEach((xs, i) => {
        if (xs) assert.deepEqual(got[i]!.xs, xs, `x of line ${i + 1} "${got[i]!.text}"`);
      });
      for (const l of got) assert.ok(l.width <= 99 + 1e-6, `line "${l.text}" is ${l.width} pt wide, over the 99 pt measure`);
    });
  }
});

describe('breakLines, optimal strategy', () => {
  it('optimal-spreads-looseness-over-lines', () => {
    // first fit pushes 十 (。 may not start a line), then pulls 九 down for the lone last
    // character: line 2 is left with three characters. Total fit spreads the space instead.
    assert.deepEqual(setPara('一二三四五六七八九十。', { chars: 5 }).map((l) => l.text), ['一二三四五', '六七八', '九十。']);
    assert.deepEqual(setPara('一二三四五六七八九十。', { chars: 5, strategy: 'optimal' }).map((l) => l.text), ['一二三四', '五六七八', '九十。']);
  });

  it('optimal-keeps-full-lines-on-the-grid', () => {
    assert.deepEqual(setPara('一二三四五六七八九十一二', { chars: 5, strategy: 'optimal' }).map((l) => l.text), ['一二三四五', '六七八九十', '一二']);
  });

  it('optimal-obeys-every-prohibition-case', () => {
    const noStart = new Set([...'，。、；：？！）》」』】〕〉”’·～']);
    const noEnd = new Set([...'（《「『【〔〈“‘']);
    for (const c of cases) {
      const got = setPara(c.text, { chars: c.chars, prohibition: c.prohibition, indent: c.indent ?? 0, strategy: 'optimal' });
      assert.equal(got.map((l) => l.text.replace(/ /g, '')).join(''), c.text.replace(/ /g, ''), c.name);
      if ((c.prohibition ?? 'basic') === 'none') continue;
      for (const l of got) {
        const ch = [...l.text];
        assert.ok(!noStart.has(ch[0]!), `${c.name}: "${l.text}" starts with ${ch[0]}`);
        assert.ok(!noEnd.has(ch.at(-1)!), `${c.name}: "${l.text}" ends with ${ch.at(-1)}`);
      }
    }
  });
});
