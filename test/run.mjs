#!/usr/bin/env node
// Test entry point: `npm test` (everything), `npm run test:unit`, `npm run test:e2e`,
// or `node test/run.mjs <substring>` for the test files whose path contains it.
//
// Runs every test/**/*.test.ts file with Node's own test runner through tsx.
// External tools (qpdf, pdffonts, gs, chromium ...) are looked up by test/helpers/tools.ts:
// absent means "skip with a printed reason" locally, but a failure when BANMIAN_REQUIRE_TOOLS=1
// (set by .ci/run), so CI can never pass by skipping.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// No single test may hang a run: a test still going after five minutes fails (the slowest real
// test, the 2,000-case fuzz, takes ~15 s idle and ~90 s on a loaded 2-core machine).
const TEST_TIMEOUT_MS = 300_000;
const filter = process.argv[2] ?? 'all';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name === 'bench') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

let files = walk(join(root, 'test')).sort();
if (filter === 'unit') files = files.filter((f) => !f.startsWith(join('test', 'e2e')));
else if (filter === 'e2e') files = files.filter((f) => f.startsWith(join('test', 'e2e')));
else if (filter !== 'all') files = files.filter((f) => f.includes(filter));

if (files.length === 0) {
  console.error(`test/run.mjs: no test files match "${filter}"`);
  process.exit(1);
}

// Every temp folder the tests make (issue files, exports, browser profiles, renderer builds) goes
// into one folder for this run, removed at the end, so runs do not pile up in the system's /tmp.
const runTmp = mkdtempSync(join(tmpdir(), 'banmian-test-run-'));
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, BANMIAN_ROOT: root, TMPDIR: runTmp, TMP: runTmp, TEMP: runTmp } },
);
rmSync(runTmp, { recursive: true, force: true });
process.exit(r.status ?? 1);
