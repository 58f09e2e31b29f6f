// Headline styles of the sample issue, added to the default styles (renderer/model/defaults.ts).
// A page is read by the size of its headlines: the lead's 主题 is the largest type below the
// masthead, the second story's smaller, briefs smaller still. Sizes are 字号 (units.ts ZIHAO).
import { pstyleId, roleFont } from '../../renderer/model/defaults';
import type { ParagraphStyle } from '../../renderer/model/schema';
import { ZIHAO } from '../../renderer/model/units';

export const HS = {
  /** Lead story: 引题 四号, 主题 小初 bold, 副题 小三. */
  leadKicker: pstyleId('sample-lead-kicker'),
  leadMain: pstyleId('sample-lead-main'),
  leadSub: pstyleId('sample-lead-sub'),
  /** Second story of a page: 小一 bold. */
  second: pstyleId('sample-second'),
  /** Third story: 二号 bold. */
  third: pstyleId('sample-third'),
  /** Page feature (page 2): 一号 bold. */
  feature: pstyleId('sample-feature'),
  /** Kicker and 副题 for second-rank stories: 小四. */
  kicker: pstyleId('sample-kicker'),
  sub: pstyleId('sample-sub'),
  /** Briefs: 小二 bold, 副题 五号. */
  brief: pstyleId('sample-brief'),
  briefSub: pstyleId('sample-brief-sub'),
  /** Vertical (竖排) feature headline on page 3: 主题 一号 bold, 引题 四号. */
  vMain: pstyleId('sample-v-main'),
  vKicker: pstyleId('sample-v-kicker'),
  /** Captions under QR codes: 六号 centred 楷. */
  qrCaption: pstyleId('sample-qr-caption'),
} as const;

function style(id: ParagraphStyle['id'], name: string, role: 'hei' | 'kai', bold: boolean, size: number, align: ParagraphStyle['align'] = 'center'): ParagraphStyle {
  return {
    id,
    name,
    font: roleFont(role, bold ? 'bold' : 'regular'),
    size,
    leading: 0,
    indent: 0,
    align,
    prohibition: 'basic',
    spaceBefore: 0,
    spaceAfter: 0,
    color: 'black' as ParagraphStyle['color'],
    tracking: 0,
  };
}

export function sampleHeadlineStyles(): ParagraphStyle[] {
  return [
    style(HS.leadKicker, '头条引题 Lead kicker', 'hei', false, ZIHAO.四号),
    style(HS.leadMain, '头条主题 Lead headline', 'hei', true, ZIHAO.小初),
    style(HS.leadSub, '头条副题 Lead subhead', 'hei', false, ZIHAO.小三),
    style(HS.second, '二条主题 Second headline', 'hei', true, ZIHAO.小一),
    style(HS.third, '三条主题 Third headline', 'hei', true, ZIHAO.二号),
    style(HS.feature, '专稿主题 Feature headline', 'hei', true, ZIHAO.一号),
    style(HS.kicker, '引题 Kicker 小四', 'hei', false, ZIHAO.小四),
    style(HS.sub, '副题 Subhead 小四', 'hei', false, ZIHAO.小四),
    style(HS.brief, '简讯主题 Brief headline', 'hei', true, ZIHAO.小二),
    style(HS.briefSub, '简讯副题 Brief subhead', 'hei', false, ZIHAO.五号),
    style(HS.vMain, '竖题主题 Vertical headline', 'hei', true, ZIHAO.一号),
    style(HS.vKicker, '竖题引题 Vertical kicker', 'hei', false, ZIHAO.四号),
    style(HS.qrCaption, '二维码说明 QR caption', 'kai', false, ZIHAO.六号),
  ];
}
