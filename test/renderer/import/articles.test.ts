// Rule 5: a run of up to three headline lines (引题 / 主题 / 副题) starts an article, which runs
// through its byline and body paragraphs to the next headline run. Masthead lines at the top of a
// file get role 'masthead' and belong to no article.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupText } from '../../../renderer/import/cleanup';
import { sample } from './samples';

test('rule 5 articles of the tianshan front page', () => {
  const r = cleanupText(sample('tianshan-front'));
  assert.deepEqual(
    r.articles.map((a) => a.headlines),
    [
      ['天山路街道获评 首批上海市儿童友好社区示范点', '儿童友好社区软硬件建设持续推进、提质增效'],
      ['2021，发起加装电梯攻坚战', '确保新开工18台、力争新开工25台、冲刺目标30台'],
      ['做细做实做优的举措 让社服中心很给力'],
    ],
  );
  assert.deepEqual(r.articles.map((a) => a.byline), ['特约记者 姚志康', '特约记者 姚志康', '特约记者 姚志康']);
  assert.deepEqual(r.articles.map((a) => a.paragraphs.length), [5, 8, 6]);
  const last = r.articles[2]!.paragraphs.at(-1)!;
  assert.deepEqual(last, { role: 'jump', text: '▶下转2版' });
});

test('rule 5 the masthead block of the tianshan front page is masthead, not an article', () => {
  const r = cleanupText(sample('tianshan-front'));
  const masthead = r.paragraphs.filter((p) => p.role === 'masthead').map((p) => p.text);
  assert.deepEqual(masthead, [
    'TIAN SHAN',
    '天山社区晨报',
    'SHANGHAI COMMUNITY NEWS扫描二维码',
    '关注“上海社区发布”扫描二维码',
    '关注“古北周到”',
    '自/家/门/口/这/点/事',
    '天山路街道党工委、办事处 联合出版',
  ]);
  for (const a of r.articles) for (const p of a.paragraphs) assert.notEqual(p.role, 'masthead');
});

test('rule 5 articles of the jiangpu community page, bylines and credits', () => {
  const r = cleanupText(sample('jiangpu-community'));
  assert.deepEqual(
    r.articles.map((a) => [a.headlines, a.byline, a.credit]),
    [
      [['江浦路社区第八届学习节开幕'], '■记者 陈玲 实习生 章臻瑶', undefined],
      [['节能环保标准化试点添新军', '杨浦区政府办公大楼通过节能环保标准化试点验收'], undefined, '■季菊'],
      [['台湾女青年会来杨浦交流'], '■记者 陈玲', undefined],
      [['控江开展金色夕阳行活动'], undefined, '■孔江'],
      [['创新社区管理 提高为民服务水平'], undefined, undefined],
    ],
  );
  assert.equal(r.paragraphs.some((p) => p.role === 'masthead'), false);
});

test('rule 5 the xinmin publication block is masthead; the first article has three headline lines', () => {
  const r = cleanupText(sample('xinmin-community'));
  assert.deepEqual(r.paragraphs.slice(0, 3).map((p) => p.role), ['masthead', 'masthead', 'masthead']);
  assert.deepEqual(r.articles[0]!.headlines, [
    '专家赋能，助力佘山镇江秋新苑居民区从“共同治理”迈向“治理共同体”',
    '为社区发展装上高校专业智库“驱动轮”',
    '共绘治理“同心圆” 做好社区服务“大文章”',
  ]);
  assert.equal(r.articles[0]!.paragraphs[0]!.role, 'body');
});

test('rule 5 a fourth headline line starts a new article (sponsor boxes)', () => {
  const r = cleanupText('信用中国守信激励单位\n\n上海乐惠米业有限公司\n\n信用中国守信激励单位\n\n上海文帅餐饮管理有限公司\n');
  assert.deepEqual(r.articles.map((a) => a.headlines.length), [3, 1]);
});

test('rule 5 copy without headlines is one article without headlines', () => {
  const r = cleanupText('据街道妇联介绍，近年来，天山路街道秉持资源共建共享理念。\n\n街道“儿童服务中心”建筑面积5000平方米。\n');
  assert.equal(r.articles.length, 1);
  assert.deepEqual(r.articles[0]!.headlines, []);
  assert.equal(r.articles[0]!.paragraphs.length, 2);
});

test('rule 5 a masthead line outside the top block still belongs to no article', () => {
  const r = cleanupText('江浦路社区第八届学习节开幕\n\n本报讯 7月25日，学习节开幕。\n\n新民晚报\n\n社区版\n\n据了解，学习节共有四大服务项目。\n');
  assert.deepEqual(r.paragraphs.map((p) => p.role), ['headline', 'body', 'masthead', 'masthead', 'body']);
  assert.equal(r.articles.length, 2);
  assert.deepEqual(r.articles[1]!.headlines, []);
});

test('rule 5 a dateline paragraph after body text is reported (jiangpu: 方面开展了交流讨论。)', () => {
  const r = cleanupText(sample('jiangpu-community'));
  const i = r.paragraphs.findIndex((p) => p.text === '方面开展了交流讨论。');
  assert.ok(i > 0);
  assert.ok(r.problems.some((x) => x.kind === 'ambiguous' && x.paragraph === i + 1 && /dateline/.test(x.message)));
});
