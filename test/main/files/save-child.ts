// Saves a large issue over an existing file again and again until it is killed; used by
// kill.test.ts. Prints "ready" once the documents are built, then one line per save phase
// (written synchronously, so the parent knows the phase a SIGKILL landed in).
//   node --import tsx test/main/files/save-child.ts <target.banmian> <assetBytes>
// (kill.test.ts runs it bundled by esbuild, which starts faster.)
import { writeSync } from 'node:fs';
import { saveIssueFile } from '../../../main/files/issue-file';
import { killTestIssue } from './helpers';

const [target, size] = process.argv.slice(2);
if (!target || !size) {
  writeSync(2, 'usage: save-child.ts <target.banmian> <assetBytes>\n');
  process.exit(64);
}
const docs = [killTestIssue('B', Number(size)), killTestIssue('A', Number(size))];
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const d = docs[i % 2]!;
  writeSync(1, 'encode\n');
  await saveIssueFile(target, d.issue, d.assets, { onPhase: (p) => writeSync(1, `${p}\n`) });
}
