// Rule 1: half-width punctuation in Chinese text becomes full-width (GB/T 15834-2011), straight
// quotes become curly quotes paired “ ” outside and ‘ ’ inside; Latin and numeric tokens keep
// their ASCII marks. Lines are taken from the samples unless marked "constructed".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePunctuation } from '../../../renderer/import/cleanup';

type Case = [name: string, input: string, expected: string];

const CONVERTED: Case[] = [
  ['punct-comma-after-date', '2020年11月18日,市专家组来天山路街道验收儿童友好社区创建。', '2020年11月18日，市专家组来天山路街道验收儿童友好社区创建。'],
  ['punct-comma-after-year-headline', '2021,发起加装电梯攻坚战', '2021，发起加装电梯攻坚战'],
  ['punct-colon-before-chinese', '日前,传来评选揭晓的消息:天山路街道获评首批上海市儿童友好社区示范点。', '日前，传来评选揭晓的消息：天山路街道获评首批上海市儿童友好社区示范点。'],
  ['punct-colon-at-paragraph-end', '街道党委书记余双在讲话中强调四点工作意见:', '街道党委书记余双在讲话中强调四点工作意见：'],
  ['punct-colon-before-code', '证书编号:CFCP-1720160673 主导服务:桶饭', '证书编号：CFCP-1720160673 主导服务：桶饭'],
  ['punct-semicolon-between-quotes', '“1”即一个儿童服务中心;“18”即18个居民区的“儿童之家”', '“1”即一个儿童服务中心；“18”即18个居民区的“儿童之家”'],
  ['punct-period-after-quote', '中建科丁秉承"人民城市"理念. 其管理团队', '中建科丁秉承“人民城市”理念。 其管理团队'],
  ['punct-exclamation-inside-quote', '"现在回家停车方便多啦,再也 不用到处找车位啦!"这是最近高华', '“现在回家停车方便多啦，再也 不用到处找车位啦！”这是最近高华'],
  ['punct-comma-between-latin-tokens-in-chinese', '有3家顺利复评5A,3家创评3A,辖区内3A以上', '有3家顺利复评5A，3家创评3A，辖区内3A以上'],
  ['punct-parens-dateline', '本报讯(特约记者 姚志康) 2020年11月18日,', '本报讯（特约记者 姚志康） 2020年11月18日，'],
  ['punct-parens-chinese-content', '雨污水混接改诰、(非)机动车位 改诰', '雨污水混接改诰、（非）机动车位 改诰'],
  ['punct-parens-number-between-chinese', '老龄化程度(27.98%)高的特点', '老龄化程度（27.98%）高的特点'],
  ['quotes-nested-single-in-double', `党总支 的"'江秋屋里巷'从社区'共同治 理'迈向'治理共同体'"项目`, '党总支 的“‘江秋屋里巷’从社区‘共同治 理’迈向‘治理共同体’”项目'],
  ['quotes-adjacent-pairs', `"共享 妈妈课堂""兴趣'家'公益课堂""便 民加油站"`, '“共享 妈妈课堂”“兴趣‘家’公益课堂”“便 民加油站”'],
  ['quotes-pair-across-a-rejoined-split', '为解决"最后一公里"难题,新增室外非机动充 电车棚', '为解决“最后一公里”难题，新增室外非机动充 电车棚'],
  ['quotes-stray-closer-near-start', '血"功能。对此,居民 区计划从"完善服务供给、凝聚治理 力量、培育自治项目"3方面入手,', '血”功能。对此，居民 区计划从“完善服务供给、凝聚治理 力量、培育自治项目”3方面入手，'],
  ['quotes-stray-opener-near-end', '满足社区全 龄段人群需求,持续强化自我"诰', '满足社区全 龄段人群需求，持续强化自我“诰'],
  ['quotes-closer-before-comma-without-opener', '庭","江浦社区创新屋"同时揭牌', '庭”，“江浦社区创新屋”同时揭牌'],
  ['quotes-closing-curly-existing-opener', '“白领慧庭"、“江浦社区创新屋”同时揭牌', '“白领慧庭”、“江浦社区创新屋”同时揭牌'],
  ['quotes-latin-inside-chinese', '深化"3+1+X"工作机制', '深化“3+1+X”工作机制'],
];

const LEFT_ALONE: Case[] = [
  ['keep-decimal-area', '延吉新村街道，辖区面积2.04平方公里', ''],
  ['keep-decimal-percent', '以 95.05%的高支持率顺利通过', ''],
  ['keep-decimal-count', '平均每个居民区新开工1台，完工0.5台；', ''],
  ['keep-age-range', '满足0-18岁儿童及其家庭的娱乐需求', ''],
  ['keep-year-range', '2011-2012年共引进和孵化了12家社会组织', ''],
  ['keep-formula-inequality', '确保1+1>2的绩效', ''],
  ['keep-formula-sum', '构建“1+18+7”的儿童服务圈', ''],
  ['keep-certificate-code', '证书编号：CFCP-1720160673', ''],
  ['keep-cn-number', '国内统一连续出版物号 CN31-0062 总第 8545 期', ''],
  ['keep-digit-group (constructed)', '共投入1,000万元', ''],
  ['keep-digit-groups (constructed)', '惠及12,345,678人次', ''],
  ['keep-time (constructed)', '会议于10:30开始', ''],
  ['keep-dates (constructed)', '会议于2020.11.18召开，2021-01-21续会', ''],
  ['keep-url (constructed)', '详见http://www.shmh.gov.cn/news?id=12了解', ''],
  ['keep-email (constructed)', '投稿信箱tsxq@163.com欢迎', ''],
  ['keep-latin-parens (constructed)', '参见 see note (a) and (b) 的说明', ''],
  ['keep-apostrophe (constructed)', "来自Xi'an的朋友", ''],
  ['keep-middle-dot', '3·15放心消费诚信体系星级单位', ''],
  ['keep-dots-for-the-editor (constructed)', '还有很多...', ''],
  ['keep-latin-paragraph', 'TIAN SHAN: SHANGHAI COMMUNITY NEWS, No. 1 (a).', ''],
  ['keep-curly-quotes', '关注“上海社区发布”扫描二维码', ''],
];

for (const [name, input, expected] of CONVERTED) {
  test(`rule 1 ${name}`, () => {
    assert.equal(normalizePunctuation(input), expected);
    assert.equal(normalizePunctuation(expected), expected, 'a second pass changes nothing');
  });
}

for (const [name, input] of LEFT_ALONE) {
  test(`rule 1 ${name}`, () => {
    assert.equal(normalizePunctuation(input), input);
  });
}

test('rule 1 replaces characters one for one, never the other way round', () => {
  const line = `今年, 江秋新苑居民区党总支 的"'江秋屋里巷'从社区'共同治 理'迈向'治理共同体'"项目被列入 松江区"美好社区 先锋行动"20 个 市级项目之一。`;
  const out = normalizePunctuation(line);
  assert.equal(Array.from(out).length, Array.from(line).length);
  assert.equal(out.includes('"'), false);
  assert.equal(out.includes(','), false);
});
