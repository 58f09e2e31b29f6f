// Rule 4: what a paragraph is. Headlines are short lines without closing punctuation; bylines
// are role words and names; credits end a paragraph (kept in the text, reported in `credit`);
// jump lines are role 'jump'; □ for a lost glyph is kept and reported, except as a byline marker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ParagraphRole } from '../../../renderer/import/cleanup';
import { classifyParagraph, cleanupText, detectDateline, detectTrailingCredit } from '../../../renderer/import/cleanup';

const ROLES: Array<[name: string, line: string, role: ParagraphRole]> = [
  ['headline-main', '江浦路社区第八届学习节开幕', 'headline'],
  ['headline-with-phrase-break', '天山路街道获评 首批上海市儿童友好社区示范点', 'headline'],
  ['headline-with-comma', '2021,发起加装电梯攻坚战', 'headline'],
  ['headline-with-enumeration-comma', '确保新开工18台、力争新开工25台、冲刺目标30台', 'headline'],
  ['headline-kicker-28-characters', '专家赋能,助力佘山镇江秋新苑居民区从"共同治理"迈向"治理共同体"', 'headline'],
  ['headline-with-quotes', '"70岁"的高华小区实现"华丽变身"', 'headline'],
  ['byline-marker-reporter-intern', '■记者 陈玲 实习生 章臻瑶', 'byline'],
  ['byline-marker-reporter', '■记者 陈玲', 'byline'],
  ['byline-white-marker (constructed)', '□记者 王晓明', 'byline'],
  ['byline-correspondent-and-reporter', '通讯员 钟丽 记者 郭爽', 'byline'],
  ['byline-in-brackets', '(特约记者 姚志康)', 'byline'],
  ['byline-dateline-alone (constructed)', '本报讯(记者 陈玲)', 'byline'],
  ['byline-glued-name (constructed)', '记者陈玲', 'byline'],
  ['credit-marker-name', '■季菊', 'credit'],
  ['credit-photographer (constructed)', '摄影 张三', 'credit'],
  ['credit-bracketed-source (constructed)', '(街道调研办)', 'credit'],
  ['jump-arrow', '▶ 下转2版', 'jump'],
  ['jump-with-di', '下转第2版', 'jump'],
  ['jump-continued-from (constructed)', '(上接第1版)', 'jump'],
  ['masthead-english-name', 'TIAN SHAN', 'masthead'],
  ['masthead-paper-name-with-stray-space', '天 山社区晨报', 'masthead'],
  ['masthead-paper-name-traditional', '新氏晚報', 'masthead'],
  ['masthead-edition', '社区版', 'masthead'],
  ['masthead-publication-line', '国内统一连续出版物号 CN31-0062 总第 8545 期 上海报业集团主管主办·上海新民社区传媒有限公司出版', 'masthead'],
  ['masthead-publisher', '天山路街道党工委、办事处 联合出版', 'masthead'],
  ['masthead-qr-note', '关注“上海社区发布”扫描二维码', 'masthead'],
  ['masthead-caps-and-chinese', 'SHANGHAI COMMUNITY NEWS扫描二维码', 'masthead'],
  ['body-dateline-run-in', '本报讯(特约记者 姚志康) 2020年11月18日,市专家组来天山路街道验收儿童友好社区创建。', 'body'],
  ['body-lead-in-colon', '街道党委书记余双在讲话中强调四点工作意见:', 'body'],
  ['body-short-sentence', '方面开展了交流讨论。', 'body'],
  ['body-with-credit', '实现了年用能量下降,均超过3%的目标值,取得了较好的经济和社会效益。■季菊', 'body'],
  ['not-byline-role-word-in-headline (constructed)', '记者节', 'headline'],
  ['not-byline-role-word-and-word (constructed)', '通讯员培训', 'headline'],
  ['not-masthead-body-mentioning-a-paper (constructed)', '据新民晚报报道,社区版今年改版。', 'body'],
];

for (const [name, line, role] of ROLES) {
  test(`rule 4 role ${name}`, () => {
    assert.equal(classifyParagraph(line), role);
  });
}

const CREDITS: Array<[name: string, paragraph: string, credit: string | null]> = [
  ['credit-marker-after-full-stop', '形成了较完善的标准体系,实现了年用能量下降,均超过3%的目标值,取得了较好的经济和社会效益。■季菊', '■季菊'],
  ['credit-marker-after-call', '大家纷纷表示,在今后的学习和生活中要从身边的小事做起,为实现“中国梦”而努力。■孔江', '■孔江'],
  ['credit-names-after-space', '为城市功能持续完善、改善人居环境贡献 力量。 宋昌发 赵凯杰', '宋昌发 赵凯杰'],
  ['credit-bracketed-source (constructed)', '街道将继续推进加梯工作。(街道调研办)', '(街道调研办)'],
  ['no-credit-bracket-inside-sentence', '结合延吉是个建成区和老龄化程度(27.98%)', null],
  ['no-credit-single-word-after-space (constructed)', '多次获居民赠送锦旗和感谢信。 此外', null],
  ['no-credit-plain-ending', '让小区更宜居、更健康、更智慧。', null],
];

for (const [name, paragraph, credit] of CREDITS) {
  test(`rule 4 ${name}`, () => {
    assert.equal(detectTrailingCredit(paragraph)?.text ?? null, credit);
  });
}

test('rule 4 the dateline run-in is found at a body paragraph start', () => {
  assert.equal(detectDateline('本报讯（特约记者 姚志康）2020年11月18日，市专家组')?.text, '本报讯（特约记者 姚志康）');
  assert.equal(detectDateline('本报讯 7月25日，“活力江浦、智汇文化”')?.text, '本报讯');
  assert.equal(detectDateline('据本报讯，')?.text, undefined);
});

test('rule 4 credits and datelines stay in the text and are reported on the paragraph', () => {
  const r = cleanupText('节能环保标准化试点添新军\n\n本报讯 7月24日,市质监局组织专家组进行评估验收。经审议,该项目通过验收。■季菊\n');
  const body = r.paragraphs[1]!;
  assert.equal(body.role, 'body');
  assert.equal(body.text, '本报讯 7月24日，市质监局组织专家组进行评估验收。经审议，该项目通过验收。■季菊');
  assert.equal(body.credit, '■季菊');
  assert.equal(body.dateline, '本报讯');
  assert.ok(body.text.endsWith(body.credit!) && body.text.startsWith(body.dateline!));
  assert.equal(r.articles[0]!.credit, '■季菊');
});

test('rule 4 lost glyph □ is kept and reported with its position', () => {
  const r = cleanupText('目前高华小区新增室外非机动充 电车棚 36 个,共设置充电插□ 360 个。');
  const p = r.paragraphs[0]!;
  assert.equal(p.text, '目前高华小区新增室外非机动充电车棚36个，共设置充电插□360个。');
  const lost = r.problems.filter((x) => x.kind === 'lost-glyph');
  assert.equal(lost.length, 1);
  assert.equal(lost[0]!.paragraph, 0);
  assert.equal(p.text[lost[0]!.index], '□');
});

test('rule 4 □ before a byline role word is a marker, not a lost glyph', () => {
  const r = cleanupText('社区举办睦邻节\n\n□记者 王晓明\n\n本报讯 近日,社区举办睦邻节。\n');
  assert.equal(r.paragraphs[1]!.role, 'byline');
  assert.equal(r.problems.filter((x) => x.kind === 'lost-glyph').length, 0);
});

test('rule 4 a run of lost glyphs is one problem', () => {
  const r = cleanupText('居民□□路的改造已经完成。');
  const lost = r.problems.filter((x) => x.kind === 'lost-glyph');
  assert.equal(lost.length, 1);
  assert.match(lost[0]!.message, /2 lost glyphs/);
});
