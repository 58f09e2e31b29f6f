import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickLocale } from '../../../main/app/locale';

const CASES: Array<[string[], string, 'zh' | 'en']> = [
  [['zh-CN'], '', 'zh'],
  [['zh-Hans-CN', 'en-US'], 'en-US', 'zh'],
  [['zh-TW'], '', 'zh'],
  [['zh'], '', 'zh'],
  [['zh_CN'], '', 'zh'],
  [['en-US', 'zh-CN'], 'zh-CN', 'en'],
  [['de-DE'], '', 'en'],
  [['zu-ZA'], '', 'en'],
  [[], 'zh-CN', 'zh'],
  [[], 'en-GB', 'en'],
  [[], '', 'en'],
];

for (const [preferred, appLocale, want] of CASES) {
  test(`locale: preferred [${preferred.join(', ')}], app "${appLocale}" -> ${want}`, () => {
    assert.equal(pickLocale(preferred, appLocale), want);
  });
}
