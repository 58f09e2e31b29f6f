import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { IssueFileError } from '../../../main/files/errors';
import { openIssueFile, readIssueBytes, writeIssueBytes } from '../../../main/files/issue-file';
import { FIXTURES, FIXTURE_DIR } from './make-fixtures';

describe('fixtures in test/fixtures/issue-files (regenerate: node --import tsx test/main/files/make-fixtures.ts)', () => {
  for (const [name, expected] of Object.entries(FIXTURES)) {
    test(`fixture ${name}: ${expected}`, async () => {
      let outcome = 'opened';
      try {
        await openIssueFile(`${FIXTURE_DIR}${name}`);
      } catch (e) {
        assert.ok(e instanceof IssueFileError, String(e));
        outcome = e.code;
      }
      assert.equal(outcome, expected);
    });
  }

  test('fixture sample-v1.banmian: an old file re-saves to the same bytes', () => {
    // Fails when the writer's output changes (key order, zip layout) or the schema gains a
    // default; then check the change is intended and regenerate the fixtures.
    const bytes = readFileSync(`${FIXTURE_DIR}sample-v1.banmian`);
    const o = readIssueBytes(bytes);
    assert.deepEqual(Buffer.from(writeIssueBytes(o.issue, o.assets)), bytes);
  });
});
