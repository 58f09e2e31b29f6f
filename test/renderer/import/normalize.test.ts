// Rule 6: characters that carry no text. Line endings, BOM, zero-width characters, NBSP and the
// other fixed-width spaces, and the U+3000 paragraph indent (the engine indents by itself).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanupText, normalizeChars } from '../../../renderer/import/cleanup';

const CASES: Array<[name: string, raw: string, paragraphs: string[]]> = [
  ['crlf-line-endings', '江浦路社区第八届学习节开幕\r\n\r\n■记者 陈玲 实习生 章臻瑶\r\n', ['江浦路社区第八届学习节开幕', '■记者 陈玲 实习生 章臻瑶']],
  ['lone-cr-line-endings', '江浦路社区第八届学习节开幕\r■记者 陈玲\r', ['江浦路社区第八届学习节开幕', '■记者 陈玲']],
  ['bom-at-start', '\ufeff控江开展金色夕阳行活动\n', ['控江开展金色夕阳行活动']],
  ['zero-width-characters', '控江\u200b开展金色\u200d夕阳行\u2060活动', ['控江开展金色夕阳行活动']],
  ['soft-hyphen', '控江开展金色夕\u00ad阳行活动', ['控江开展金色夕阳行活动']],
  ['ideographic-indent', '\u3000\u3000会议透露，截至2020年底，天山路街道加梯工作已累计竣工4台。', ['会议透露，截至2020年底，天山路街道加梯工作已累计竣工4台。']],
  ['nbsp-between-chinese', '会议透露，截至2020年底，天山路街道\u00a0加梯工作已累计竣工4台。', ['会议透露，截至2020年底，天山路街道加梯工作已累计竣工4台。']],
  ['nbsp-in-byline', '■记者\u00a0陈玲', ['■记者 陈玲']],
  ['tab-and-trailing-spaces', '\t会议透露，截至2020年底，天山路街道加梯工作已累计竣工4台。  \t', ['会议透露，截至2020年底，天山路街道加梯工作已累计竣工4台。']],
  ['ideographic-space-as-headline-phrase-break', '创新社区管理\u3000提高为民服务水平', ['创新社区管理 提高为民服务水平']],
  ['form-feed-page-break', '共评估项目20次，出具20份评估报告。\f▶ 下转2版', ['共评估项目20次，出具20份评估报告。', '▶下转2版']],
  ['empty-input', '', []],
  ['whitespace-only-input', ' \r\n\u3000\t\ufeff\n', []],
];

for (const [name, raw, paragraphs] of CASES) {
  test(`rule 6 ${name}`, () => {
    assert.deepEqual(cleanupText(raw).paragraphs.map((p) => p.text), paragraphs);
  });
}

test('rule 6 normalizeChars leaves only LF and U+0020 as whitespace', () => {
  const out = normalizeChars('a\r\nb\rc\u2028d\u2029e\ff\vg\th\u00a0i\u2003j\u202fk\u3000l\u200bm\ufeffn\u0007o');
  assert.equal(out, 'a\nb\nc\nd\ne\nf\ng h i j k lmno');
});
