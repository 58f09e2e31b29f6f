// PDF export benchmark (JSON lines out, like run.ts): the three sample texts placed as one
// tabloid issue, exported
//   1. in one process after warm-up (median ms): exportIssue with a kept ExportContext (layout,
//      preflight, PDF writing, files written atomically), with and without the subset cache;
//   2. as a fresh CLI process (ms): `banmian export` from an esbuild bundle, as dist/cli.cjs runs.
//
//   node --import tsx test/bench/pdf-export.ts            # all
//   node --import tsx test/bench/pdf-export.ts --child ARGS  # internal: one CLI run (tsx)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cmdExport } from '../../main/cli-press';
import { ExportContext, exportIssue } from '../../main/files/pdf-export';
import { saveIssueFile } from '../../main/files/issue-file';
import { SubsetCache } from '../../renderer/pdf/index';
import { sampleIssue } from '../renderer/pdf/helpers';

const root = fileURLToPath(new URL('../../', import.meta.url));
const WARMUP = 5;
const RUNS = 25;
const COLD_RUNS = 5;
const FIXED = new Date('2026-11-22T08:30:00Z');

const r3 = (v: number) => Math.round(v * 1000) / 1000;
function stats(name: string, times: number[], extra: Record<string, unknown> = {}): void {
  const s = [...times].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  console.log(JSON.stringify({ name, median_ms: r3(q(0.5)), p95_ms: r3(q(0.95)), min_ms: r3(s[0]!), runs: s.length, ...extra }));
}

if (process.argv[2] === '--child') {
  const io = { stdout: () => {}, stderr: (s: string) => void process.stderr.write(s), cwd: process.cwd() };
  process.exit(await cmdExport(process.argv.slice(3), io));
}

const issue = sampleIssue();
const dir = mkdtempSync(join(tmpdir(), 'banmian-bench-'));
const file = join(dir, 'bench.banmian');
await saveIssueFile(file, issue, new Map());

// 1. warm, in process
{
  const ctx = new ExportContext();
  const times: number[] = [];
  const noCache: number[] = [];
  let bytes = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const out = join(dir, `warm-${i % 2}`);
    let t = performance.now();
    const r = await exportIssue({ issue, assets: new Map() }, { outDir: out, created: FIXED }, ctx);
    if (i >= WARMUP) times.push(performance.now() - t);
    bytes = r.written.reduce((s, p) => s + statSync(p).size, 0);
    // the same with an empty subset cache: every font subset built and compressed again
    (ctx as { subsets: SubsetCache }).subsets = new SubsetCache();
    t = performance.now();
    await exportIssue({ issue, assets: new Map() }, { outDir: out, created: FIXED }, ctx);
    if (i >= WARMUP) noCache.push(performance.now() - t);
  }
  stats('pdf-export-warm', times, { pages: issue.pages.length, total_bytes: bytes, note: 'layout + preflight + write + atomic files, subset cache warm' });
  stats('pdf-export-warm-no-subset-cache', noCache, { pages: issue.pages.length });
}

// 2. a fresh CLI process, bundled as the shipped CLI is (esbuild, node platform)
{
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { cmdExport } from ${JSON.stringify(join(root, 'main/cli-press.ts'))};\n` +
      `cmdExport(process.argv.slice(2), { stdout: () => {}, stderr: (s) => process.stderr.write(s), cwd: process.cwd() }).then((c) => process.exit(c));\n`,
  );
  const bundle = join(dir, 'cli.cjs');
  const b = spawnSync(process.execPath, [join(root, 'node_modules/esbuild/bin/esbuild'), entry, '--bundle', '--platform=node', '--format=cjs', '--target=node20', '--loader:.json=json', '--external:sharp', '--external:fontkit', '--external:pdf-lib', '--external:fflate', '--external:qrcode', '--external:zod', `--outfile=${bundle}`, '--log-level=error'], { encoding: 'utf8', cwd: root });
  const env = { ...process.env, BANMIAN_ROOT: root, NODE_PATH: join(root, 'node_modules') };
  const runCold = (cmd: string[], label: string) => {
    const times: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const out = join(dir, `cold-${label}-${i}`);
      const t = performance.now();
      const r = spawnSync(process.execPath, [...cmd, file, '-o', out], { encoding: 'utf8', cwd: root, env });
      times.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`cold export (${label}) failed: ${r.stderr}`);
      if (readdirSync(out).length !== issue.pages.length) throw new Error('cold export wrote the wrong number of files');
    }
    stats(`pdf-export-cold-${label}`, times, { pages: issue.pages.length });
  };
  if (b.status === 0) runCold([bundle], 'bundled-cli');
  else console.log(JSON.stringify({ name: 'pdf-export-cold-bundled-cli', error: b.stderr.trim() }));
  runCold(['--import', 'tsx', fileURLToPath(import.meta.url), '--child'], 'tsx');
}
