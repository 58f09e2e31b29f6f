// Entry point of the bundled CLI (dist/cli.cjs, run by bin/banmian.cjs).
import { runCli } from './cli';

void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
