// Opens one issue file in a process of its own and reports as JSON on stdout, the way the CLI
// will: exit 0 when it opened, 2 for an IssueFileError (the user's file is bad), 70 for anything
// else (a bug). The fuzz test runs a sample of its cases through this to prove that no input
// can crash or hang the process.
//   node --import tsx test/main/files/open-child.ts <file.banmian>
// (fuzz.test.ts runs it bundled by esbuild, as the shipped CLI is, which starts faster.)
import { IssueFileError } from '../../../main/files/errors';
import { openIssueFile } from '../../../main/files/issue-file';

const file = process.argv[2];
if (!file) {
  process.stdout.write(`${JSON.stringify({ ok: false, code: 'usage', message: 'usage: open-child.ts <file>' })}\n`);
  process.exit(64);
}
try {
  const o = await openIssueFile(file);
  const out = {
    ok: true,
    pages: o.issue.pages.length,
    stories: o.issue.stories.length,
    assets: o.assets.size,
    missingAssets: o.missingAssets.length,
    warnings: o.warnings.map((w) => w.code),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
  process.exit(0);
} catch (e) {
  if (e instanceof IssueFileError) {
    process.stdout.write(`${JSON.stringify({ ok: false, code: e.code, message: e.message, messageZh: e.messageZh })}\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify({ ok: false, code: 'internal', message: String((e as Error)?.stack ?? e) })}\n`);
  process.exit(70);
}
