// The CLI end to end: `new --from-text` on each sample, `info --json` reading it back, the
// save/open/save round trip, usage and bad-input exit codes, and a seeded sample of damaged
// files through the real bundled CLI in child processes (exit 2 and a one-line message, never a
// crash or a hang).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { runCli, type CliIo } from '../../main/cli';
import { readIssueBytes, writeIssueBytes } from '../../main/files/issue-file';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import type { IssueInfo } from '../../main/cli-support';
import { mulberry32 } from '../helpers/random';

const root = fileURLToPath(new URL('../..', import.meta.url));
const samplesDir = join(root, '..', 'shared', 'samples');
const SAMPLES = ['tianshan-front', 'jiangpu-community', 'xinmin-community'];

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd };
  const code = await runCli(args, io);
  return { code, out, err };
}

test('cli: new --from-text on each sample writes an issue that info --json reads back', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    for (const s of SAMPLES) {
      const out = join(dir, `${s}.banmian`);
      const made = await cli(['new', '--from-text', join(samplesDir, `${s}.txt`), '--preset', 'tabloid', '--date', '2026-11-22', '-o', out], dir);
      assert.equal(made.code, 0, made.err);
      assert.match(made.err, /^wrote .*page\(s\)/);
      const info = await cli(['info', out, '--json'], dir);
      assert.ok(info.code === 0 || info.code === 1, info.err);
      const j = JSON.parse(info.out) as IssueInfo;
      assert.equal(j.format.id, 'banmian-issue');
      assert.equal(j.meta.date, '2026-11-22');
      assert.ok(j.pages.length >= 1);
      assert.ok(j.stories.length >= 1, `${s}: stories`);
      assert.ok((j.frames.byKind.text ?? 0) >= j.stories.length, `${s}: a text frame per story`);
      // the placement is measured with the engine: nothing is overset
      for (const st of j.stories) assert.notEqual(st.status, 'overset', `${s}: ${st.name} ${st.fit}`);
      assert.ok(j.stories.reduce((a, st) => a + st.chars, 0) > 1500, `${s}: the text arrived`);
      assert.deepEqual(j.problems.filter((p) => p.severity === 'error'), []);
      assert.equal(info.code, 0);
      // fonts are recorded by PostScript name and all found
      assert.ok(j.fonts.some((f) => f.postscriptName === 'NotoSerifSC-Regular' && f.status === 'ok'));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: a save/open/save round trip is byte-stable for issue.json', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    const out = join(dir, 'a.banmian');
    assert.equal((await cli(['new', '--from-text', join(samplesDir, 'tianshan-front.txt'), '-o', out], dir)).code, 0);
    const first = await readFile(out);
    const opened = readIssueBytes(first, out);
    const second = writeIssueBytes(opened.issue, opened.assets);
    const j1 = strFromU8(unzipSync(first)['issue.json']!);
    const j2 = strFromU8(unzipSync(second)['issue.json']!);
    assert.equal(j2, j1);
    assert.deepEqual(Buffer.from(second), first, 'the whole file is identical too');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const USAGE: Array<[string, string[], RegExp]> = [
  ['no command', [], /usage/],
  ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ['new without -o', ['new', '--from-text', 'x.txt'], /needs -o/],
  ['new without texts', ['new', '-o', 'x.banmian'], /needs --from-text/],
  ['bad preset', ['new', '--from-text', 'x.txt', '--preset', 'A4', '-o', 'x.banmian'], /tabloid or broadsheet/],
  ['bad date', ['new', '--from-text', 'x.txt', '--date', '22/11/2026', '-o', 'x.banmian'], /yyyy-mm-dd/],
  ['missing input text', ['new', '--from-text', 'nope.txt', '-o', 'x.banmian'], /no such file/],
  ['unknown option', ['info', 'a.banmian', '--colour'], /unknown option --colour/],
  ['layout without --json', ['layout', 'a.banmian'], /--json/],
  ['info of a missing file', ['info', 'missing.banmian'], /does not exist/],
];
for (const [name, args, msg] of USAGE) {
  test(`cli usage: ${name} exits 2 with a message`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
    try {
      const r = await cli(args, dir);
      assert.equal(r.code, 2);
      assert.match(r.err + r.out, msg);
      assert.match(r.err.split('\n')[0] ?? '', /^banmian: |^usage/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

test('cli: each bad-input fixture exits 2 with a one-line message saying what to do', async () => {
  const fx = join(root, 'test', 'fixtures', 'issue-files');
  const files = (await readdir(fx)).filter((f) => f.endsWith('.banmian'));
  let bad = 0;
  for (const f of files) {
    const r = await cli(['info', join(fx, f), '--json'], root);
    if (r.code === 2) {
      bad++;
      assert.equal(r.err.trim().split('\n').length, 1, `${f}: one line`);
      assert.match(r.err, /^banmian: .{20,}/);
    } else assert.ok(r.code === 0 || r.code === 1, `${f}: exit ${r.code} ${r.err}`);
  }
  assert.ok(bad >= 5, `at least five bad fixtures, got ${bad}`);
});


test('cli: 50 damaged issue files through the bundled CLI in child processes exit 0, 1 or 2, never crash or hang', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-fuzz-'));
  try {
    const bundle = join(dir, 'cli.cjs');
    buildSync({ absWorkingDir: root, entryPoints: ['main/cli-main.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['fontkit', 'pdf-lib', 'fflate', 'zod', 'sharp', 'qrcode'], nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
    const good = join(dir, 'good.banmian');
    assert.equal((await cli(['new', '--from-text', join(samplesDir, 'jiangpu-community.txt'), '-o', good], dir)).code, 0);
    const base = await readFile(good);
    const rnd = mulberry32(Number(process.env.BANMIAN_FUZZ_SEED ?? 4711));
    const exits = new Map<number, number>();
    const baseJson = JSON.parse(strFromU8(unzipSync(base)['issue.json']!)) as unknown;
    const EXTREMES = [0, 1, -1, 0.001, 40, 1000, 28346, -28346, 1e9, 2.5];
    for (let i = 0; i < 50; i++) {
      const b = Buffer.from(base);
      const kind = i % 5;
      if (kind === 4) {
        // a valid zip whose issue.json has extreme numbers: it may open, and then the engine
        // must lay it out without crashing or hanging
        const doc = JSON.parse(JSON.stringify(baseJson)) as unknown;
        const nums: Array<[Record<string, unknown>, string]> = [];
        const walk = (v: unknown) => {
          if (!v || typeof v !== 'object') return;
          for (const [k, x] of Object.entries(v)) {
            if (typeof x === 'number') nums.push([v as Record<string, unknown>, k]);
            else walk(x);
          }
        };
        walk(doc);
        for (let k = 0; k < 1 + Math.floor(rnd() * 4); k++) {
          const [o, key] = nums[Math.floor(rnd() * nums.length)]!;
          o[key] = EXTREMES[Math.floor(rnd() * EXTREMES.length)];
        }
        const file = join(dir, `case-${i}.banmian`);
        await writeFile(file, zipSync({ 'issue.json': strToU8(JSON.stringify(doc)) }));
        const r = spawnSync(process.execPath, [bundle, 'info', file, '--json'], { cwd: dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, BANMIAN_ROOT: root, NODE_PATH: join(root, 'node_modules') } });
        assert.equal(r.error, undefined, `case ${i}: ${String(r.error)}`);
        const code = r.status ?? -1;
        exits.set(code, (exits.get(code) ?? 0) + 1);
        assert.ok(code === 0 || code === 1 || code === 2, `case ${i} (extreme numbers) exited ${code}: ${r.stderr}`);
        continue;
      }
      let bytes: Buffer;
      if (kind === 0) bytes = b.subarray(0, Math.floor(rnd() * b.length)); // truncated
      else if (kind === 1) {
        for (let k = 0; k < 1 + Math.floor(rnd() * 8); k++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
        bytes = b; // flipped bytes
      } else if (kind === 2) bytes = Buffer.concat([b.subarray(0, Math.floor(rnd() * b.length)), Buffer.from([0, 0, 0, 0]), b.subarray(Math.floor(rnd() * b.length))]);
      else bytes = Buffer.from(Array.from({ length: 64 + Math.floor(rnd() * 512) }, () => Math.floor(rnd() * 256))); // noise
      const file = join(dir, `case-${i}.banmian`);
      await writeFile(file, bytes);
      const r = spawnSync(process.execPath, [bundle, 'info', file, '--json'], { cwd: dir, encoding: 'utf8', timeout: 30_000, env: { ...process.env, BANMIAN_ROOT: root, NODE_PATH: join(root, 'node_modules') } });
      assert.equal(r.error, undefined, `case ${i}: ${String(r.error)}`);
      const code = r.status ?? -1;
      exits.set(code, (exits.get(code) ?? 0) + 1);
      assert.ok(code === 0 || code === 1 || code === 2, `case ${i} (kind ${kind}) exited ${code}: ${r.stderr}`);
      if (code === 2) assert.match(r.stderr, /^banmian: .{20,}\n$/);
      else JSON.parse(r.stdout);
    }
    console.log(`# cli fuzz: exit codes ${[...exits].map(([c, n]) => `${c}×${n}`).join(', ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// clreq line-start / line-end prohibitions as the analyser of ../shared/bench counts them.
const NO_START = new Set([...'，。、；：？！）》」』】〕〉…—～·”’']);
const NO_END = new Set([...'（《「『【〔〈“‘']);

test('cli: layout --json of each sample in tabloid columns has no line starting with a prohibited mark or ending with an opening one', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    for (const s of SAMPLES) {
      const file = join(dir, `${s}.banmian`);
      assert.equal((await cli(['new', '--from-text', join(samplesDir, `${s}.txt`), '--preset', 'tabloid', '-o', file], dir)).code, 0);
      const r = await cli(['layout', file, '--json'], dir);
      assert.equal(r.code, 0, r.err);
      const layout = JSON.parse(r.out) as { pages: Array<{ frames: Array<{ kind: string; lines: Array<{ text: string; x: number; y: number; width: number; role: string }> }> }>; stories: Array<{ label: string }> };
      let lines = 0;
      const bad: string[] = [];
      for (const p of layout.pages) {
        for (const f of p.frames) {
          if (f.kind !== 'text') continue;
          for (const l of f.lines) {
            assert.equal(typeof l.x, 'number');
            assert.equal(typeof l.y, 'number');
            assert.equal(typeof l.width, 'number');
            const chars = [...l.text.trim()];
            if (!chars.length) continue;
            lines++;
            if (NO_START.has(chars[0]!)) bad.push(`starts: ${l.text}`);
            if (NO_END.has(chars.at(-1)!)) bad.push(`ends: ${l.text}`);
          }
        }
      }
      assert.ok(lines > 100, `${s}: ${lines} lines`);
      assert.deepEqual(bad, [], s);
      assert.ok(layout.stories.every((st) => typeof st.label === 'string'));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
