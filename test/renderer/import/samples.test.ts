// The whole import on the three sample pages: cleaning cleaned text changes nothing, the words
// never change (only punctuation width, quote shape, spaces and paragraph joins), and the
// cleaned paragraphs are what a layout desk would set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupText, toPlainText } from '../../../renderer/import/cleanup';
import { SAMPLE_NAMES, sample, skeleton } from './samples';

for (const name of SAMPLE_NAMES) {
  test(`sample ${name}: cleanupText is idempotent`, () => {
    const once = cleanupText(sample(name));
    const twice = cleanupText(toPlainText(once));
    assert.deepEqual(twice.paragraphs, once.paragraphs);
    assert.deepEqual(twice.articles, once.articles);
    assert.equal(twice.problems.filter((p) => p.kind === 'rejoined').length, 0, 'nothing left to join');
  });

  test(`sample ${name}: the words never change`, () => {
    const raw = sample(name);
    const r = cleanupText(raw);
    assert.equal(skeleton(r.paragraphs.map((p) => p.text).join('')), skeleton(raw));
  });

  test(`sample ${name}: no half-width mark or straight quote is left next to Chinese`, () => {
    for (const p of cleanupText(sample(name)).paragraphs) {
      assert.doesNotMatch(p.text, /[\u4e00-\u9fff][,:;?!"']|[,:;?!"'][\u4e00-\u9fff]/u, p.text);
      assert.doesNotMatch(p.text, /[\u4e00-\u9fff]\.(?!\d)/u, p.text);
    }
  });
}

test('sample tianshan-front: the split paragraphs are whole again', () => {
  const texts = cleanupText(sample('tianshan-front')).paragraphs.map((p) => p.text);
  assert.ok(texts.some((t) => t.endsWith('全面打造适合儿童的社区生态环境，让儿童与天山社区共同成长。')));
  assert.ok(texts.some((t) => t.includes('自行开展后期维护，充分体现儿童的社区参与性。')));
  assert.ok(texts.some((t) => t.includes('街道也积累了相当的工作经验，我们完全有可能取得新突破。')));
  assert.ok(texts.some((t) => t.includes('免费开放各类娱乐设施，参与社区公益活动，')));
  assert.ok(texts.some((t) => t.includes('方案征询、经费分摊等前期准备。')));
  assert.equal(texts.includes('环境，让儿童与天山社区共同成长。'), false);
});

test('sample tianshan-front: the first story, cleaned', () => {
  const r = cleanupText(sample('tianshan-front'));
  const a = r.articles[0]!;
  assert.deepEqual(a.paragraphs[0], {
    role: 'body',
    text: '本报讯（特约记者 姚志康）2020年11月18日，市专家组来天山路街道验收儿童友好社区创建。日前，传来评选揭晓的消息：天山路街道获评首批上海市儿童友好社区示范点。',
    dateline: '本报讯（特约记者 姚志康）',
  });
  assert.ok(a.paragraphs[2]!.text.includes('SOHO天山广场'));
});

test('sample jiangpu-community: the “白领慧庭” split is joined and the quotes pair', () => {
  const r = cleanupText(sample('jiangpu-community'));
  const p = r.paragraphs.find((x) => x.text.includes('白领慧'))!;
  assert.ok(p.text.includes('“白领慧庭”、“江浦社区创新屋”同时揭牌'));
  assert.ok(p.text.includes('上海丁俊晖台球俱乐部有限公司、上海咕噜咕噜体育发展有限公司'));
  assert.equal(r.problems.filter((x) => x.kind === 'rejoined' && x.paragraph === r.paragraphs.indexOf(p)).length, 2);
});

test('sample xinmin-community: column-break spaces go, bylines and credits keep theirs', () => {
  const r = cleanupText(sample('xinmin-community'));
  const texts = r.paragraphs.map((p) => p.text);
  assert.ok(texts.some((t) => t.startsWith('今年，江秋新苑居民区党总支的“‘江秋屋里巷’从社区‘共同治理’迈向‘治理共同体’”项目被列入松江区“美好社区先锋行动”20个市级项目之一。')));
  assert.ok(texts.includes('通讯员 钟丽 记者 郭爽'));
  const credited = r.paragraphs.find((p) => p.credit !== undefined)!;
  assert.equal(credited.credit, '宋昌发 赵凯杰');
  assert.ok(credited.text.endsWith('改善人居环境贡献力量。 宋昌发 赵凯杰'));
  assert.ok(texts.some((t) => t.includes('（非）机动车位改诰')));
  assert.ok(texts.some((t) => t.includes('以95.05%的高支持率顺利通过')));
});

test('sample xinmin-community: the lost glyph in 充电插□ is reported where it is', () => {
  const r = cleanupText(sample('xinmin-community'));
  const lost = r.problems.filter((x) => x.kind === 'lost-glyph');
  assert.equal(lost.length, 1);
  const text = r.paragraphs[lost[0]!.paragraph]!.text;
  assert.equal(text.slice(lost[0]!.index - 3, lost[0]!.index + 5), '充电插□360个');
});

test('sample xinmin-community: cuts the import cannot mend are reported, not guessed', () => {
  const r = cleanupText(sample('xinmin-community'));
  const at = (snippet: string): number => r.paragraphs.findIndex((p) => p.text.includes(snippet));
  const amb = r.problems.filter((x) => x.kind === 'ambiguous');
  // 持续强化自我“诰 … 血”功能: the continuation sits two paragraphs later, behind another one.
  assert.ok(amb.some((x) => x.paragraph === at('持续强化自我“诰') && /new paragraph/.test(x.message)));
  assert.ok(amb.some((x) => x.paragraph === at('血”功能') && /quotation/.test(x.message)));
  // 党群服务站更新 / "70岁"… headline / 等。: a headline dropped into a cut paragraph.
  assert.ok(amb.some((x) => x.paragraph === at('党群服务站更新') && /headline/.test(x.message)));
});

test('problem positions point into the cleaned text', () => {
  for (const name of SAMPLE_NAMES) {
    const r = cleanupText(sample(name));
    for (const x of r.problems) {
      const text = r.paragraphs[x.paragraph]!.text;
      assert.ok(x.index >= 0 && x.index <= text.length, `${name} ${x.kind} ${x.index}`);
    }
    const joins = r.problems.filter((x) => x.kind === 'rejoined');
    for (const j of joins) {
      const text = r.paragraphs[j.paragraph]!.text;
      assert.ok(j.index > 0 && j.index < text.length, `${name} join inside the paragraph`);
    }
  }
  const r = cleanupText(sample('tianshan-front'));
  const j = r.problems.find((x) => x.kind === 'rejoined')!;
  assert.equal(r.paragraphs[j.paragraph]!.text.slice(j.index, j.index + 6), '环境，让儿童');
});
