// Entry point of the bundled CLI (dist/cli.cjs, run by bin/banmian.cjs).
import { runCli } from './cli';

// `banmian info x | head -1`: the reader went away. That is not an error: stop quietly.
const quietOnEpipe = (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
};
process.stdout.on('error', quietOnEpipe);
process.stderr.on('error', quietOnEpipe);

void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
