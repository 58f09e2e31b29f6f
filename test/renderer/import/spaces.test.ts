// Rule 2: stray spaces. A space touching a Han character or a full-width mark is a column break
// (removed); a space between Chinese and Latin letters or digits is removed too, because the
// engine adds the quarter-em Chinese–Western spacing itself (W3C clreq §3.2.3); a space between
// Latin words stays. Kept on purpose: one space after a byline role word and between names, in
// byline and credit paragraphs, in a dateline's brackets and in a trailing credit; the space
// after a bare 本报讯; a headline's phrase break between two phrases of two or more characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParagraphRole } from '../../../renderer/import/cleanup';
import { normalizePunctuation, removeStraySpaces } from '../../../renderer/import/cleanup';

type Case = [name: string, input: string, expected: string, role?: ParagraphRole];

const REMOVED: Case[] = [
  ['space-column-break-between-han', '江秋新苑居民区党总支 的“‘江秋屋里巷’从社区‘共同治 理’', '江秋新苑居民区党总支的“‘江秋屋里巷’从社区‘共同治理’', 'body'],
  ['space-after-full-width-comma', '今年， 江秋新苑居民区党总支', '今年，江秋新苑居民区党总支'],
  ['space-chinese-digit', '去年 10 月， 小区正式启动改 造。', '去年10月，小区正式启动改造。'],
  ['space-chinese-decimal', '本次改造总建筑面积约为 19.9 万平方米，涉及3926户', '本次改造总建筑面积约为19.9万平方米，涉及3926户'],
  ['space-latin-chinese', '分别是虹桥南丰城、尚嘉中心、SOHO 天山广场、金虹桥中心', '分别是虹桥南丰城、尚嘉中心、SOHO天山广场、金虹桥中心'],
  ['space-lost-glyph-counts-as-chinese', '共设置充电插□ 360 个。', '共设置充电插□360个。'],
  ['space-symbol-next-to-chinese', '探索建立“公益+ 市场”相结合机制', '探索建立“公益+市场”相结合机制'],
  ['space-masthead-name', '天 山社区晨报', '天山社区晨报', 'masthead'],
  ['space-letter-spaced-label', '荣 获', '荣获', 'headline'],
  ['space-after-dateline-bracket', '本报讯（特约记者 姚志康） 2020年11月18日，市专家组', '本报讯（特约记者 姚志康）2020年11月18日，市专家组'],
  ['space-jump-marker', '▶ 下转2版', '▶下转2版', 'jump'],
  ['space-headline-single-character-side', '信用中国 守信激励单 位', '信用中国 守信激励单位', 'headline'],
];

const KEPT: Case[] = [
  ['keep-byline-role-and-names', '■记者 陈玲 实习生 章臻瑶', '■记者 陈玲 实习生 章臻瑶'],
  ['keep-byline-two-people', '通讯员 钟丽 记者 郭爽', '通讯员 钟丽 记者 郭爽'],
  ['keep-byline-collapses-runs', '■记者  陈玲', '■记者 陈玲'],
  ['keep-byline-padded-name (constructed)', '■记者 陈 玲', '■记者 陈 玲'],
  ['keep-byline-canonical-space-after-role (constructed)', '记者陈玲', '记者 陈玲'],
  ['keep-byline-repairs-broken-role-words (constructed)', '■记 者 陈玲 实习 生 章臻瑶', '■记者 陈玲 实习生 章臻瑶'],
  ['keep-dateline-names', '本报讯（特约记者 姚志康）2020年11月18日，市专家组', '本报讯（特约记者 姚志康）2020年11月18日，市专家组'],
  ['keep-bare-dateline-separator', '本报讯 7月25日，“活力江浦、智汇文化”江浦路社区第八届学习节开幕。', '本报讯 7月25日，“活力江浦、智汇文化”江浦路社区第八届学习节开幕。'],
  ['keep-unmarked-trailing-credit', '改善人居环境贡献 力量。 宋昌发 赵凯杰', '改善人居环境贡献力量。 宋昌发 赵凯杰'],
  ['keep-latin-words', 'TIAN SHAN', 'TIAN SHAN', 'masthead'],
  ['keep-latin-words-before-chinese', 'SHANGHAI COMMUNITY NEWS扫描二维码', 'SHANGHAI COMMUNITY NEWS扫描二维码', 'masthead'],
  ['keep-headline-phrase-break', '创新社区管理 提高为民服务水平', '创新社区管理 提高为民服务水平', 'headline'],
  ['keep-headline-phrase-break-after-quote', '共绘治理“同心圆” 做好社区服务“大文章”', '共绘治理“同心圆” 做好社区服务“大文章”', 'headline'],
  ['keep-headline-two-names', '上海堃翔建设工程有限公司 上海堃邦实业有限公司', '上海堃翔建设工程有限公司 上海堃邦实业有限公司', 'headline'],
  ['keep-label-line-fields', '证书编号：CFCP-1720762233 主导产品：甜瓜、西瓜、大米 品牌：珠', '证书编号：CFCP-1720762233主导产品：甜瓜、西瓜、大米 品牌：珠', 'body'],
];

for (const [name, input, expected, role] of [...REMOVED, ...KEPT]) {
  test(`rule 2 ${name}`, () => {
    assert.equal(removeStraySpaces(input, role), expected);
    assert.equal(removeStraySpaces(expected, role), expected, 'a second pass changes nothing');
  });
}

test('rule 2 runs after rule 1 on a raw xinmin line', () => {
  const raw = `今年, 江秋新苑居民区党总支 的"'江秋屋里巷'从社区'共同治 理'迈向'治理共同体'"项目被列入 松江区"美好社区 先锋行动"20 个 市级项目之一。`;
  assert.equal(
    removeStraySpaces(normalizePunctuation(raw)),
    '今年，江秋新苑居民区党总支的“‘江秋屋里巷’从社区‘共同治理’迈向‘治理共同体’”项目被列入松江区“美好社区先锋行动”20个市级项目之一。',
  );
});

test('rule 2 defaults the role by classifying the paragraph', () => {
  assert.equal(removeStraySpaces('做细做实做优的举措 让社服中心很给力'), '做细做实做优的举措 让社服中心很给力');
  assert.equal(
    removeStraySpaces('王敏表示，居民区党总支以居 民需求为导向，通过挖掘社区青年 力量， 孵化培育了社区社会组织佘 山“零伍服务社”'),
    '王敏表示，居民区党总支以居民需求为导向，通过挖掘社区青年力量，孵化培育了社区社会组织佘山“零伍服务社”',
  );
});
