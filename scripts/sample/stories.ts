// The sample issue's copy: the three texts in /work/shared/samples, copied into
// assets/samples/text/, imported with the project's own cleanup (renderer/import/cleanup.ts) and
// turned into stories with the model's helpers (renderer/model/from-text.ts).
//
// The cleanup fixes punctuation, spacing and split paragraphs. What it cannot know is done here,
// as a sub-editor would do it on the desk, and every such step only moves or splits the words it
// was given (checked by wordsOf() in the test): headline decks split at their phrase space,
// paragraphs the PDF extraction put out of order put back, datelines, credits and run-in
// lead sentences given their character style.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupText, type ImportedArticle } from '../../renderer/import/cleanup';
import { CS, PS } from '../../renderer/model/defaults';
import { storyFromArticle } from '../../renderer/model/from-text';
import type { CharacterStyleId, Deck, Paragraph, ParagraphStyleId, Run, Story, StoryId } from '../../renderer/model/schema';
import { HS } from './styles';

export const TEXT_FILES = ['tianshan-front', 'jiangpu-community', 'xinmin-community'] as const;
export type TextName = (typeof TEXT_FILES)[number];

/** One article of the sample, ready to place: its story and its headline decks. */
export interface SampleStory {
  story: Story;
  decks: Deck[];
}

const sid = (s: string) => s as StoryId;

function para(style: ParagraphStyleId, ...runs: Run[]): Paragraph {
  return { style, runs: runs.filter((r) => r.text !== '') };
}
const run = (text: string, style?: CharacterStyleId): Run => (style ? { text, style } : { text });

/** A body paragraph whose text starts with `head` (a dateline or a run-in lead) set in `style`. */
function leadIn(text: string, head: string, style: CharacterStyleId): Paragraph {
  if (!text.startsWith(head)) throw new Error(`sample copy changed: "${text.slice(0, 20)}…" does not start with "${head}"`);
  return para(PS.body, run(head, style), run(text.slice(head.length)));
}

/** The first sentence (up to and including the first 。) as a bold run-in lead: 一是…。 */
function boldLead(text: string): Paragraph {
  const i = text.indexOf('。');
  if (i < 0 || i > 40) return para(PS.body, run(text));
  return leadIn(text, text.slice(0, i + 1), CS.bold);
}

/** The first sentence (创新X。) as a crosshead paragraph, the rest as the section's body. */
function crosshead(text: string): Paragraph[] {
  const i = text.indexOf('。');
  if (i < 0 || i > 20) throw new Error(`sample copy changed: "${text.slice(0, 20)}…" has no short theme sentence`);
  return [para(PS.subtitle, run(text.slice(0, i + 1))), para(PS.body, run(text.slice(i + 1)))];
}

/** A body paragraph that ends with a credit (■季菊, 宋昌发 赵凯杰): the credit in 楷. */
function withCredit(p: Paragraph, credit: string): Paragraph {
  const last = p.runs[p.runs.length - 1]!;
  if (!last.text.endsWith(credit)) throw new Error(`sample copy changed: no credit "${credit}" at the end`);
  const body = last.text.slice(0, last.text.length - credit.length).replace(/ $/, '');
  return { ...p, runs: [...p.runs.slice(0, -1), run(body), run(` ${credit.trim()}`, CS.kai)] };
}

function bodyTexts(a: ImportedArticle): string[] {
  return a.paragraphs.filter((p) => p.role === 'body').map((p) => p.text);
}

function find(articles: readonly ImportedArticle[], headline: string): ImportedArticle {
  const a = articles.find((x) => x.headlines[0] === headline);
  if (!a) throw new Error(`sample copy changed: no article headed "${headline}"`);
  return a;
}

/** The index of the paragraph that starts with `start` in `texts`. */
function at(texts: readonly string[], start: string): number {
  const i = texts.findIndex((t) => t.startsWith(start));
  if (i < 0) throw new Error(`sample copy changed: no paragraph starting "${start}"`);
  return i;
}

const deck = (role: Deck['role'], text: string, style: ParagraphStyleId): Deck => ({ role, text, style });

/** Splits a headline line at its phrase space: `天山路街道获评 首批…` -> two decks' texts. */
function splitAtSpace(h: string): [string, string] {
  const i = h.indexOf(' ');
  if (i < 0) throw new Error(`sample copy changed: headline "${h}" has no phrase space`);
  return [h.slice(0, i), h.slice(i + 1)];
}

/** Splits a deck before `word`: `2021，发起加装电梯攻坚战` -> `2021，发起` | `加装电梯攻坚战`. */
function splitBefore(h: string, word: string): string[] {
  const i = h.indexOf(word);
  if (i <= 0) throw new Error(`sample copy changed: headline "${h}" has no "${word}"`);
  return [h.slice(0, i), h.slice(i)];
}

/** Splits a deck after the `nth` (0-based) `mark`, which stays with the first part. */
function splitAt(h: string, mark: string, nth = 0): string[] {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = h.indexOf(mark, i + 1);
    if (i < 0) throw new Error(`sample copy changed: headline "${h}" has no "${mark}"`);
  }
  return [h.slice(0, i + 1), h.slice(i + 1)];
}

export function readSampleText(dir: string, name: TextName): string {
  return readFileSync(join(dir, `${name}.txt`), 'utf8');
}

export interface SampleCopy {
  /** Page 1 */
  lead: SampleStory;
  elevator: SampleStory;
  ngo: SampleStory;
  /** Page 2 */
  festival: SampleStory;
  energy: SampleStory;
  taiwan: SampleStory;
  kongjiang: SampleStory;
  yanji: SampleStory;
  /** Page 3 */
  campus: SampleStory;
  /** Page 4 */
  gaohua: SampleStory;
  /** Masthead words as the import found them (for the README and a test). */
  masthead: string[];
}

/** Imports the three texts and builds the stories of the sample issue. */
export function sampleCopy(textDir: string): SampleCopy {
  const front = cleanupText(readSampleText(textDir, 'tianshan-front'));
  const jiangpu = cleanupText(readSampleText(textDir, 'jiangpu-community'));
  const xinmin = cleanupText(readSampleText(textDir, 'xinmin-community'));

  // --- 天山社区晨报, front page -------------------------------------------------------------
  const a0 = front.articles[0]!;
  const [kicker0, main0] = splitAtSpace(a0.headlines[0]!);
  const leadStory = storyFromArticle(a0, sid('lead'));
  const leadParas = leadStory.paragraphs.map((p, i) => (i === 0 ? leadIn(p.runs[0]!.text, '本报讯（特约记者 姚志康）', CS.kai) : p));
  const lead: SampleStory = {
    story: { ...leadStory, name: main0, paragraphs: leadParas },
    decks: [deck('kicker', kicker0, HS.leadKicker), deck('main', main0, HS.leadMain), deck('sub', a0.headlines[1]!, HS.leadSub)],
  };

  const a1 = front.articles[1]!;
  const elevatorTexts = bodyTexts(a1);
  const elevator: SampleStory = {
    story: {
      id: sid('elevator'),
      name: a1.headlines[0]!,
      paragraphs: elevatorTexts.map((t, i) => (i === 0 ? leadIn(t, '本报讯（特约记者 姚志康）', CS.kai) : /^[一二三四]是/.test(t) ? boldLead(t) : para(PS.body, run(t)))),
    },
    // Two columns wide, each deck breaks where its phrase does, not inside a word (加|装, 新|开工).
    decks: [
      ...splitBefore(a1.headlines[0]!, '加装').map((t) => deck('main', t, HS.second)),
      ...splitAt(a1.headlines[1]!, '、').map((t) => deck('sub', t, HS.sub)),
    ],
  };

  const a2 = front.articles[2]!;
  const [kicker2, main2] = splitAtSpace(a2.headlines[0]!);
  const ngo: SampleStory = {
    story: {
      id: sid('ngo'),
      name: main2,
      paragraphs: bodyTexts(a2).map((t, i) => (i === 0 ? leadIn(t, '本报讯（特约记者 姚志康）', CS.kai) : /^[一二三]是/.test(t) ? boldLead(t) : para(PS.body, run(t)))),
    },
    decks: [deck('kicker', kicker2, HS.kicker), deck('main', main2, HS.third)],
  };

  // --- 杨浦 community page ---------------------------------------------------------------------
  const j0 = find(jiangpu.articles, '江浦路社区第八届学习节开幕');
  const festival: SampleStory = {
    // The byline on two lines, one name each, so a column's measure never breaks a name.
    story: { id: sid('festival'), name: j0.headlines[0]!, paragraphs: [...splitBefore(j0.byline!, '实习生').map((b) => para(PS.byline, run(b.trim()))), ...bodyTexts(j0).map((t) => leadIn(t, '本报讯', CS.bold))] },
    decks: [deck('main', j0.headlines[0]!, HS.third)],
  };

  const j1 = find(jiangpu.articles, '节能环保标准化试点添新军');
  const energy: SampleStory = {
    story: { id: sid('energy'), name: j1.headlines[0]!, paragraphs: bodyTexts(j1).map((t) => withCredit(leadIn(t, '本报讯', CS.bold), '■季菊')) },
    decks: [deck('main', j1.headlines[0]!, HS.brief), deck('sub', j1.headlines[1]!, HS.briefSub)],
  };

  // 台湾女青年会: the extraction put the end of the dateline paragraph's first sentence
  // (方面开展了交流讨论。) before it, and the cleanup joined the dateline paragraph to the next
  // one. Put the fragment back where the sentence breaks (…奉献社会等|方面…) and split the
  // paragraphs again at 参观活动中.
  const j2 = find(jiangpu.articles, '台湾女青年会来杨浦交流');
  const j2t = bodyTexts(j2);
  const frag = j2t[at(j2t, '方面开展了交流讨论')]!;
  const joined = j2t[at(j2t, '本报讯')]!;
  const cut = joined.indexOf('参观活动中');
  if (cut < 0 || !joined.slice(0, cut).endsWith('奉献社会等')) throw new Error('sample copy changed: 台湾女青年会 paragraphs');
  const taiwan: SampleStory = {
    story: {
      id: sid('taiwan'),
      name: j2.headlines[0]!,
      paragraphs: [para(PS.byline, run(j2.byline!)), leadIn(joined.slice(0, cut) + frag, '本报讯', CS.bold), para(PS.body, run(joined.slice(cut)))],
    },
    decks: [deck('main', j2.headlines[0]!, HS.brief)],
  };

  const j3 = find(jiangpu.articles, '控江开展金色夕阳行活动');
  const kongjiang: SampleStory = {
    story: { id: sid('kongjiang'), name: j3.headlines[0]!, paragraphs: bodyTexts(j3).map((t) => withCredit(leadIn(t, '本报讯', CS.bold), '■孔江')) },
    decks: [deck('main', j3.headlines[0]!, HS.brief)],
  };

  const j4 = find(jiangpu.articles, '创新社区管理 提高为民服务水平');
  const [yk, ym] = splitAtSpace(j4.headlines[0]!);
  const yanji: SampleStory = {
    // Each section opens with its theme sentence (创新公共服务设施布局。…): set as a crosshead
    // over its section, which breaks the long feature into readable parts.
    story: { id: sid('yanji'), name: j4.headlines[0]!, paragraphs: bodyTexts(j4).flatMap((t, i) => (i === 0 ? [para(PS.body, run(t))] : crosshead(t))) },
    decks: [deck('main', `${yk}　${ym}`, HS.feature)],
  };

  // --- 新民晚报社区版 ----------------------------------------------------------------------------
  // The extraction read the feature's boxed intro (近日，松江区…) in the middle of the first
  // section and cut 持续强化自我“诰 | 血”功能 around it; the second section and the credit
  // follow, then the 高华小区 story, whose first two paragraphs came before its own headline.
  const x0 = xinmin.articles[0]!;
  const x1 = find(xinmin.articles, '校社协同赋能 装上专业智库“驱动轮”');
  const x2 = find(xinmin.articles, '“70岁”的高华小区实现“华丽变身”');
  const s1 = bodyTexts(x0);
  const intro = s1[at(s1, '近日，松江区')]!;
  const wang = s1[at(s1, '王敏表示')]!;
  const blood = s1[at(s1, '血”功能')]!;
  const x1all = x1.paragraphs.map((p) => p.text);
  const credit = x1all.indexOf('通讯员 钟丽 记者 郭爽');
  if (credit < 0) throw new Error('sample copy changed: 专家赋能 credit');
  const campus: SampleStory = {
    story: {
      id: sid('campus'),
      name: x0.headlines[1]!,
      paragraphs: [
        para(PS.body, run(intro)),
        para(PS.subtitle, run(x0.headlines[2]!)),
        para(PS.body, run(s1[at(s1, '今年，')]!)),
        para(PS.body, run(wang + blood)),
        para(PS.body, run(s1[at(s1, '社区社会组织会山')]!)),
        para(PS.body, run(s1[at(s1, '社区社会组织的培育')]!)),
        para(PS.subtitle, run(x1.headlines[0]!)),
        ...x1all.slice(0, credit).map((t) => para(PS.body, run(t))),
        para(PS.credit, run(x1all[credit]!)),
      ],
    },
    decks: [deck('kicker', x0.headlines[0]!, HS.vKicker), deck('main', x0.headlines[1]!, HS.vMain)],
  };

  const g0 = x1all.slice(credit + 1);
  const g1 = bodyTexts(x2);
  const renovation = g0[at(g0, '高华小区建干')]!;
  const gaohuaParas = [para(PS.body, run(g0[at(g0, '近日，中建科工')]!)), para(PS.body, run(renovation + g1[0]!)), ...g1.slice(1).map((t) => para(PS.body, run(t)))];
  gaohuaParas[gaohuaParas.length - 1] = withCredit(gaohuaParas[gaohuaParas.length - 1]!, '宋昌发 赵凯杰');
  const gaohua: SampleStory = {
    story: { id: sid('gaohua'), name: x2.headlines[0]!, paragraphs: gaohuaParas },
    decks: [deck('main', x2.headlines[0]!, HS.second)],
  };

  return {
    lead,
    elevator,
    ngo,
    festival,
    energy,
    taiwan,
    kongjiang,
    yanji,
    campus,
    gaohua,
    masthead: front.paragraphs.filter((p) => p.role === 'masthead').map((p) => p.text),
  };
}

/** All characters of a story and its decks, spaces removed, sorted: equal multisets = same words. */
export function wordsOf(texts: readonly string[]): string {
  return [...texts.join('').replace(/\s/g, '')].sort().join('');
}

export function storyTexts(s: SampleStory): string[] {
  return [...s.decks.map((d) => d.text), ...s.story.paragraphs.flatMap((p) => p.runs.map((r) => r.text))];
}
