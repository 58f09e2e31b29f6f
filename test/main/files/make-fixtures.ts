// Writes the small .banmian fixtures other tests (the CLI's, the UI's) can open by path:
//   node --import tsx test/main/files/make-fixtures.ts
// Each file is deterministic; fixtures.test.ts checks that every one still opens, or fails,
// as its name says, so a format change that breaks old files is caught.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeIssueBytes } from '../../../main/files/issue-file';
import { assetName, sampleEntries, sampleIssue, zipOf } from './helpers';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/issue-files/', import.meta.url));

/** name -> expected outcome: 'opened' or an IssueFileError code. */
export const FIXTURES: Record<string, string> = {
  'sample-v1.banmian': 'opened',
  'missing-asset.banmian': 'opened',
  'not-a-zip.banmian': 'not-a-zip',
  'truncated.banmian': 'truncated',
  'unsafe-path.banmian': 'unsafe-path',
  'no-issue-json.banmian': 'no-issue-json',
  'bad-json.banmian': 'bad-json',
  'invalid.banmian': 'invalid',
  'newer-version.banmian': 'newer-version',
};

export function buildFixtures(): Record<string, Uint8Array> {
  const s = sampleIssue();
  const good = writeIssueBytes(s.issue, s.assets);
  const json = JSON.parse(JSON.stringify(s.issue)) as Record<string, unknown>;
  const invalid = structuredClone(json) as { pages: Array<{ frames: Array<Record<string, unknown>> }> };
  invalid.pages[0]!.frames[1]!.columns = 0;
  const withoutPhoto = new Map(s.assets);
  withoutPhoto.delete(s.issue.assets[0]!.id);
  return {
    'sample-v1.banmian': good,
    'missing-asset.banmian': writeIssueBytes(s.issue, withoutPhoto),
    'not-a-zip.banmian': new TextEncoder().encode('天山社区晨报 第1版\n这是一段文字，不是版面文件。\n'),
    'truncated.banmian': good.slice(0, Math.floor(good.length / 2)),
    'unsafe-path.banmian': zipOf([...sampleEntries(s), ['../../evil.txt', 'x']]),
    'no-issue-json.banmian': zipOf(sampleEntries(s).filter(([n]) => n !== 'issue.json')),
    'bad-json.banmian': zipOf([['issue.json', '{"format": "banmian-issue", "version": 1,'], ...sampleEntries(s).slice(1)]),
    'invalid.banmian': zipOf([['issue.json', JSON.stringify(invalid, null, 2)], ...sampleEntries(s).slice(1)]),
    'newer-version.banmian': zipOf([['issue.json', JSON.stringify({ ...json, version: 2 }, null, 2)], ...s.issue.assets.map((a): [string, Uint8Array] => [assetName(a), s.assets.get(a.id)!])]),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const [name, bytes] of Object.entries(buildFixtures())) writeFileSync(`${FIXTURE_DIR}${name}`, bytes);
  console.log(`wrote ${Object.keys(FIXTURES).length} fixtures to ${FIXTURE_DIR}`);
}
