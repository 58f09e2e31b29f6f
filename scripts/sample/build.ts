// The sample issue 天山社区晨报, 2021-01-22: four tabloid pages built with the project's own
// model from the texts in assets/samples/text and the sponsor list in assets/samples/sponsors.csv.
//
// Page plans (grid: 6 columns x 11 characters of 小五, 83 lines of 12 pt pitch; columns are
// 0-5, lines 0-82; see README.md for the drawings):
//   1 要闻  masthead + two QR codes; lead (3 decks, photo, 4 columns) jumping to page 2;
//           加装电梯 in the right two columns with a photo; 社服中心 under the lead.
//   2 社区  the lead's continuation and 学习节 on the left, three briefs on the right; the
//           feature 创新社区管理 across the foot of the page, jumping to page 3.
//   3 专题  the feature's end across the top; 专家赋能 with a vertical headline and a photo the
//           text wraps round.
//   4 公益  高华小区 with a photo; the 信用中国 sponsor grid from sponsors.csv.
//
// Deterministic: fixed ids and dates, images from seeded SVG, no clock; the same inputs give the
// same issue.json and the same .banmian bytes (main/files/issue-file.ts writes a canonical zip).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addAsset } from '../../main/files/assets';
import { writeIssueBytes } from '../../main/files/issue-file';
import { frameId, newIssue, PS, SW } from '../../renderer/model/defaults';
import type { Asset, AssetId, Frame, Issue, Page, Paragraph, Story, StoryId } from '../../renderer/model/schema';
import { readSponsors } from './csv';
import { sceneJpeg, type SceneKind } from './images';
import { GridPlacer, type Cell } from './place';
import { sampleCopy, type SampleStory } from './stories';
import { HS, sampleHeadlineStyles } from './styles';

export interface SampleBuild {
  issue: Issue;
  assets: Map<AssetId, Uint8Array>;
  /** The .banmian file. */
  bytes: Uint8Array;
}

export interface BuildOptions {
  /** Folder holding text/ and sponsors.csv (default assets/samples of the repository). */
  sampleDir: string;
}

export const SAMPLE_META = {
  paper: '天山社区晨报',
  paperLatin: 'TIAN SHAN',
  edition: '',
  date: '2021-01-22',
  issueNumber: '第1期　总第253期',
  cn: '',
  publisher: '天山路街道党工委、办事处　联合出版',
};

/** QR payloads: plain text naming the WeChat accounts, which every phone scanner shows as is. */
export const QR_DATA = {
  shequ: '微信公众号：上海社区发布',
  gubei: '微信公众号：古北周到',
};

const sid = (s: string) => s as StoryId;

/** The numbers the fitting settled (grid lines); see the page plans above. */
const PLAN = {
  /** Page 2: lines of the lead's continuation; where the briefs end; the briefs' text. */
  p2LeadLines: 12,
  briefsEnd: 28,
  energyLines: 7,
  taiwanLines: 6,
  /** Page 2: the feature's headline with the space under it; its photo. */
  p2FeatureHead: 5,
  p2PhotoLines: 29,
  /** Page 3: the feature's end and its photo; the photo at the foot of 专家赋能. */
  p3YanjiLines: 31,
  p3Photo2Lines: 22,
  p3PhotoLines: 31,
  /** Page 4: 高华小区's two photos and its text; the sponsor rows (the honour roll takes the rest). */
  p4Photos: [22, 18] as const,
  p4GaohuaLines: 43,
  p4SponsorRows: [7, 9, 11],
};

function captionStory(id: string, ...texts: string[]): Story {
  return { id: sid(id), name: `图说 ${texts[0]!.slice(0, 12)}`, paragraphs: texts.map((t): Paragraph => ({ style: PS.caption, runs: [{ text: t }] })) };
}

function qrCaption(id: string, account: string): Story {
  return { id: sid(id), name: `二维码 ${account}`, paragraphs: ['扫描二维码', `关注“${account}”`].map((t): Paragraph => ({ style: HS.qrCaption, runs: [{ text: t }] })) };
}

/** Builds the issue in memory. */
export async function buildSample(opts: BuildOptions): Promise<SampleBuild> {
  const copy = sampleCopy(join(opts.sampleDir, 'text'));
  const sponsors = readSponsors(readFileSync(join(opts.sampleDir, 'sponsors.csv'), 'utf8'));

  const base = newIssue({ preset: 'tabloid', pages: 4, meta: SAMPLE_META });
  const g = base.grid;
  const P = new GridPlacer(g);
  const assets = new Map<AssetId, Uint8Array>();
  const assetList: Asset[] = [];

  /** An image frame with a generated photo made for the frame's size. */
  const photo = async (id: string, kind: SceneKind, seed: number, c: Cell, wrapOffset?: number) => {
    const r = P.rect(c);
    const a = addAsset(await sceneJpeg(kind, r.width, r.height, seed), `${id}.jpg`);
    if (!assets.has(a.asset.id)) {
      assets.set(a.asset.id, a.bytes);
      assetList.push(a.asset);
    }
    return P.image(id, a.asset.id, c, wrapOffset);
  };

  const stories: Story[] = [];
  const add = (s: SampleStory | Story) => stories.push('story' in s ? s.story : s);

  // ---------------------------------------------------------------- page 1 要闻
  const p1: Frame[] = [];
  {
    p1.push({ id: frameId('masthead'), kind: 'masthead', ...P.rect({ col: 0, cols: 5, line: 0, lines: 12 }), logoAssetId: null, tagline: 'SHANGHAI COMMUNITY NEWS', slogan: '自 / 家 / 门 / 口 / 这 / 点 / 事' });
    p1.push(P.vrule('qr-rule', 5, 0, 12));
    p1.push(P.qr('qr-shequ', QR_DATA.shequ, { col: 5, cols: 1, line: 0, lines: 4 }));
    p1.push(P.text('qr-shequ-cap', sid('qr-shequ-cap'), { col: 5, cols: 1, line: 4, lines: 2 }));
    p1.push(P.qr('qr-gubei', QR_DATA.gubei, { col: 5, cols: 1, line: 6, lines: 4 }));
    p1.push(P.text('qr-gubei-cap', sid('qr-gubei-cap'), { col: 5, cols: 1, line: 10, lines: 2 }));
    add(qrCaption('qr-shequ-cap', '上海社区发布'));
    add(qrCaption('qr-gubei-cap', '古北周到'));
    p1.push(P.hrule('masthead-rule', 0, 6, 12, 2, SW.red));

    // lead, columns 0-3
    add(copy.lead);
    p1.push(P.headline('lead-head', sid('lead'), copy.lead.decks, { col: 0, cols: 4, line: 13, lines: 12 }));
    p1.push(await photo('lead-photo', 'childrens-centre', 1, { col: 0, cols: 4, line: 25, lines: 18 }));
    p1.push(P.caption('lead-photo-cap', 'lead-photo', sid('lead-photo-cap'), { col: 0, cols: 4, line: 43, lines: 1 }));
    add(captionStory('lead-photo-cap', '天山路街道儿童服务中心户外活动区（示意图）'));
    p1.push(P.text('lead-1', sid('lead'), { col: 0, cols: 4, line: 45, lines: 15 }, 'lead-2'));
    p1.push(P.hrule('rule-lead-ngo', 0, 4, 60));

    // 社服中心, columns 0-3 under the lead
    add(copy.ngo);
    p1.push(P.headline('ngo-head', sid('ngo'), copy.ngo.decks, { col: 0, cols: 4, line: 61, lines: 5 }));
    p1.push(P.text('ngo-1', sid('ngo'), { col: 0, cols: 4, line: 67, lines: 16 }));

    // 加装电梯, columns 4-5
    p1.push(P.vrule('rule-p1-right', 4, 13, 70));
    add(copy.elevator);
    p1.push(P.headline('elevator-head', sid('elevator'), copy.elevator.decks, { col: 4, cols: 2, line: 13, lines: 10 }));
    p1.push(await photo('elevator-photo', 'elevator', 2, { col: 4, cols: 2, line: 23, lines: 9 }));
    p1.push(P.caption('elevator-photo-cap', 'elevator-photo', sid('elevator-photo-cap'), { col: 4, cols: 2, line: 32, lines: 1 }));
    add(captionStory('elevator-photo-cap', '加装电梯的多层住宅（示意图）'));
    p1.push(P.text('elevator-1', sid('elevator'), { col: 4, cols: 2, line: 34, lines: 49 }));
  }

  // ---------------------------------------------------------------- page 2 社区
  const p2: Frame[] = [];
  {
    // the lead's continuation and 学习节, columns 0-2
    p2.push(P.headline('lead-head-2', sid('lead'), [{ role: 'main', text: copy.lead.decks[1]!.text, style: HS.brief }], { col: 0, cols: 3, line: 0, lines: 2 }));
    p2.push(P.text('lead-2', sid('lead'), { col: 0, cols: 3, line: 2, lines: PLAN.p2LeadLines }));
    const fl = 2 + PLAN.p2LeadLines;
    p2.push(P.hrule('rule-lead-festival', 0, 3, fl));
    add(copy.festival);
    p2.push(P.headline('festival-head', sid('festival'), copy.festival.decks, { col: 0, cols: 3, line: fl + 1, lines: 3 }));
    p2.push(P.text('festival-1', sid('festival'), { col: 0, cols: 3, line: fl + 5, lines: PLAN.briefsEnd - fl - 5 }));

    // three briefs, columns 3-5
    p2.push(P.vrule('rule-p2-briefs', 3, 0, PLAN.briefsEnd));
    add(copy.energy);
    p2.push(P.headline('energy-head', sid('energy'), copy.energy.decks, { col: 3, cols: 3, line: 0, lines: 4 }));
    p2.push(P.text('energy-1', sid('energy'), { col: 3, cols: 3, line: 4, lines: PLAN.energyLines }));
    const tl = 4 + PLAN.energyLines;
    p2.push(P.hrule('rule-energy-taiwan', 3, 3, tl));
    add(copy.taiwan);
    p2.push(P.headline('taiwan-head', sid('taiwan'), copy.taiwan.decks, { col: 3, cols: 3, line: tl + 1, lines: 2 }));
    p2.push(P.text('taiwan-1', sid('taiwan'), { col: 3, cols: 3, line: tl + 3, lines: PLAN.taiwanLines }));
    const kl = tl + 3 + PLAN.taiwanLines;
    p2.push(P.hrule('rule-taiwan-kongjiang', 3, 3, kl));
    add(copy.kongjiang);
    p2.push(P.headline('kongjiang-head', sid('kongjiang'), copy.kongjiang.decks, { col: 3, cols: 3, line: kl + 1, lines: 2 }));
    p2.push(P.text('kongjiang-1', sid('kongjiang'), { col: 3, cols: 3, line: kl + 3, lines: PLAN.briefsEnd - kl - 3 }));

    // the feature across the foot: text in columns 0-2, photo over columns 3-5
    const yl = PLAN.briefsEnd + 1;
    p2.push(P.hrule('rule-p2-feature', 0, 6, PLAN.briefsEnd, 1.5));
    add(copy.yanji);
    p2.push(P.headline('yanji-head', sid('yanji'), copy.yanji.decks, { col: 0, cols: 6, line: yl, lines: 3 }));
    const yt = yl + PLAN.p2FeatureHead;
    p2.push(P.text('yanji-1', sid('yanji'), { col: 0, cols: 3, line: yt, lines: 83 - yt }, 'yanji-2'));
    p2.push(await photo('yanji-photo', 'community-centre', 3, { col: 3, cols: 3, line: yt, lines: PLAN.p2PhotoLines }));
    const cl = yt + PLAN.p2PhotoLines;
    p2.push(P.caption('yanji-photo-cap', 'yanji-photo', sid('yanji-photo-cap'), { col: 3, cols: 3, line: cl, lines: 1 }));
    add(captionStory('yanji-photo-cap', '延吉社区睦邻中心（示意图）'));
    p2.push(P.text('yanji-2', sid('yanji'), { col: 3, cols: 3, line: cl + 2, lines: 83 - cl - 2 }, 'yanji-3'));
  }

  // ---------------------------------------------------------------- page 3 专题
  const p3: Frame[] = [];
  {
    // the feature's end: text in columns 0-3, a second photo over columns 4-5
    p3.push(P.text('yanji-3', sid('yanji'), { col: 0, cols: 4, line: 0, lines: PLAN.p3YanjiLines }, 'yanji-4'));
    p3.push(await photo('yanji-photo-2', 'community-centre', 6, { col: 4, cols: 2, line: 0, lines: PLAN.p3Photo2Lines }));
    p3.push(P.caption('yanji-photo-2-cap', 'yanji-photo-2', sid('yanji-photo-2-cap'), { col: 4, cols: 2, line: PLAN.p3Photo2Lines, lines: 1 }));
    add(captionStory('yanji-photo-2-cap', '延吉社区文化活动中心（示意图）'));
    p3.push(P.text('yanji-4', sid('yanji'), { col: 4, cols: 2, line: PLAN.p3Photo2Lines + 2, lines: PLAN.p3YanjiLines - PLAN.p3Photo2Lines - 2 }));
    const cl = PLAN.p3YanjiLines + 1;
    p3.push(P.hrule('rule-p3', 0, 6, PLAN.p3YanjiLines, 1.5));
    add(copy.campus);
    // The vertical headline stands in column 5 over the whole story; the text runs in columns
    // 0-4 and wraps round the photo at the story's foot (the wrap keeps a blank line above it).
    const foot = 83 - 1 - PLAN.p3PhotoLines;
    p3.push(P.headline('campus-head', sid('campus'), copy.campus.decks, { col: 5, cols: 1, line: cl, lines: 83 - cl }, 'vertical'));
    p3.push(P.vrule('rule-p3-head', 5, cl, 83 - cl));
    p3.push(P.text('campus-1', sid('campus'), { col: 0, cols: 5, line: cl, lines: 83 - cl }));
    p3.push(await photo('campus-photo', 'neighbourhood', 4, { col: 0, cols: 4, line: foot, lines: PLAN.p3PhotoLines }, 4.5));
    p3.push(P.caption('campus-photo-cap', 'campus-photo', sid('campus-photo-cap'), { col: 0, cols: 4, line: 82, lines: 1 }));
    add(captionStory('campus-photo-cap', '江秋新苑居民区一角（示意图）'));
  }

  // ---------------------------------------------------------------- page 4 公益
  const p4: Frame[] = [];
  {
    // 高华小区: two photos over columns 0-3, the text in columns 4-5
    add(copy.gaohua);
    p4.push(P.headline('gaohua-head', sid('gaohua'), copy.gaohua.decks, { col: 0, cols: 6, line: 0, lines: 3 }));
    const [a, b] = PLAN.p4Photos;
    p4.push(await photo('gaohua-photo', 'renovated', 5, { col: 0, cols: 4, line: 4, lines: a }));
    p4.push(P.caption('gaohua-photo-cap', 'gaohua-photo', sid('gaohua-photo-cap'), { col: 0, cols: 4, line: 4 + a, lines: 1 }));
    add(captionStory('gaohua-photo-cap', '修缮后的高华小区，道路平整，车辆规范停放（示意图）'));
    p4.push(await photo('gaohua-photo-2', 'carport', 7, { col: 0, cols: 4, line: 6 + a, lines: b }));
    p4.push(P.caption('gaohua-photo-2-cap', 'gaohua-photo-2', sid('gaohua-photo-2-cap'), { col: 0, cols: 4, line: 6 + a + b, lines: 1 }));
    add(captionStory('gaohua-photo-2-cap', '小区新增的非机动车充电车棚（示意图）'));
    p4.push(P.vrule('rule-p4-gaohua', 4, 4, PLAN.p4GaohuaLines));
    p4.push(P.text('gaohua-1', sid('gaohua'), { col: 4, cols: 2, line: 4, lines: PLAN.p4GaohuaLines }));
    const top = 4 + PLAN.p4GaohuaLines;
    p4.push(P.hrule('rule-p4', 0, 6, top, 1.5));

    // The sponsor grid from sponsors.csv: three boxes a row, two columns each, on a light
    // tint; the honour roll across the foot. Row heights follow the longest box of the row.
    const boxes = sponsors.filter((x) => x.title !== '荣誉榜');
    let line = top + 1;
    const tinted = (id: string, c: Cell): Frame => ({ id: frameId(id), kind: 'box', ...P.rect(c), fill: SW.gray, tint: 40, stroke: null, strokeWeight: 0 });
    PLAN.p4SponsorRows.forEach((lines, r) => {
      for (let c = 0; c < 3; c++) {
        const x = boxes[r * 3 + c];
        if (!x) continue;
        const cell = { col: c * 2, cols: 2, line, lines };
        p4.push(tinted(`sponsor-${r * 3 + c + 1}-tint`, cell));
        p4.push(P.sponsor(`sponsor-${r * 3 + c + 1}`, cell, x.title, x.company, x.lines));
      }
      line += lines + 1;
    });
    const roll = sponsors.find((x) => x.title === '荣誉榜');
    if (roll) {
      const cell = { col: 0, cols: 6, line, lines: 83 - line };
      p4.push(tinted('sponsor-roll-tint', cell));
      p4.push(P.sponsor('sponsor-roll', cell, roll.title, roll.company, [roll.lines.join('　')]));
    }
  }

  const pages: Page[] = [
    { ...base.pages[0]!, section: '要闻', frames: p1 },
    { ...base.pages[1]!, section: '社区', frames: p2 },
    { ...base.pages[2]!, section: '专题', frames: p3 },
    { ...base.pages[3]!, section: '公益', frames: p4 },
  ];
  const issue: Issue = {
    ...base,
    paragraphStyles: [...base.paragraphStyles, ...sampleHeadlineStyles()],
    pages,
    stories,
    assets: assetList.sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
  return { issue, assets, bytes: writeIssueBytes(issue, assets) };
}
