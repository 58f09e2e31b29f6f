// Fuzzing the issue-file reader: thousands of mutated .banmian files, seeded and reproducible.
//   BANMIAN_FUZZ_SEED=<uint32>  seed (default fixed, printed either way)
//   BANMIAN_FUZZ_N=<count>      number of cases (default 2000)
//   BANMIAN_FUZZ_CHILD=<count>  cases also opened in a child process (default 100)
// Every case must open or fail with an IssueFileError; nothing else may be thrown, no case may
// take long, and nothing may be written anywhere but the case's own temp folder.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { IssueFileError } from '../../../main/files/errors';
import { openIssueFile, readIssueBytes, writeIssueBytes } from '../../../main/files/issue-file';
import { writeZip } from '../../../main/files/zip';
import { bundleChild } from './bundle-child';
import { ADVICE, ADVICE_ZH, assetName, centralOffsets, concat, enc, sampleIssue } from './helpers';
import { mulberry32 } from '../../helpers/random';

const SEED = Number(process.env.BANMIAN_FUZZ_SEED ?? 20261122) >>> 0;
const N = Number(process.env.BANMIAN_FUZZ_N ?? 2000);
const CHILD_N = Number(process.env.BANMIAN_FUZZ_CHILD ?? 100);
/** A case slower than this fails the test: the biggest case (a 1 Mi-character string) takes ~50 ms. */
const CASE_LIMIT_MS = 5000;
/** Child processes are killed after this (a hang); one normally takes ~0.25 s, start-up included. */
const CHILD_TIMEOUT_MS = 20_000;


type Rng = () => number;
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)]!;

// ---------------------------------------------------------------------------------------------
// base material

const SAMPLE = sampleIssue();
const SAMPLE_JSON = JSON.parse(JSON.stringify(SAMPLE.issue)) as Record<string, unknown>;
const ASSET_ENTRIES: Array<[string, Uint8Array]> = SAMPLE.issue.assets.map((a) => [assetName(a), SAMPLE.assets.get(a.id)!]);
const BASE_DEFLATED = writeIssueBytes(SAMPLE.issue, SAMPLE.assets);
const BASE_STORED = writeZip([
  { name: 'issue.json', data: enc.encode(JSON.stringify(SAMPLE_JSON, null, 2)), compress: false },
  ...ASSET_ENTRIES.map(([name, data]) => ({ name, data, compress: false })),
]);

/** Names that would escape the folder if anything extracted them: checked after every case. */
const ESCAPES = ['../fuzz-escape.txt', '../../fuzz-escape.txt', '/tmp/banmian-fuzz-escape.txt', '/etc/banmian-fuzz-escape', 'C:\\banmian-fuzz-escape.txt', 'C:/banmian-fuzz-escape.txt', 'assets/../../fuzz-escape.txt', '..\\fuzz-escape.txt', 'a/./../../fuzz-escape.txt'];

// ---------------------------------------------------------------------------------------------
// byte-level mutations of a valid file

function byteMutation(r: Rng): { bytes: Uint8Array; what: string } {
  const src = pick(r, [BASE_DEFLATED, BASE_STORED]);
  let b: Uint8Array = Uint8Array.from(src);
  const ops: string[] = [];
  const rounds = 1 + int(r, 4);
  for (let k = 0; k < rounds; k++) {
    const at = int(r, Math.max(1, b.length));
    switch (int(r, 9)) {
      case 0: {
        const n = 1 + int(r, 8);
        for (let i = 0; i < n; i++) {
          const p = int(r, b.length);
          b[p] = b[p]! ^ (1 << int(r, 8));
        }
        ops.push(`flip${n}`);
        break;
      }
      case 1:
        b[at] = int(r, 256);
        ops.push(`set@${at}`);
        break;
      case 2: {
        const ins = Uint8Array.from({ length: 1 + int(r, 64) }, () => int(r, 256));
        b = concat(b.subarray(0, at), ins, b.subarray(at));
        ops.push(`insert${ins.length}@${at}`);
        break;
      }
      case 3: {
        const n = 1 + int(r, 200);
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + n)));
        ops.push(`delete${n}@${at}`);
        break;
      }
      case 4:
        b = b.slice(0, at);
        ops.push(`truncate@${at}`);
        break;
      case 5: {
        const n = 1 + int(r, 300);
        b = concat(b.subarray(0, at), b.subarray(at, at + n), b.subarray(at));
        ops.push(`dup${n}@${at}`);
        break;
      }
      case 6:
        b = concat(b, Uint8Array.from({ length: 1 + int(r, 100) }, () => int(r, 256)));
        ops.push('append');
        break;
      case 7:
        b = concat(Uint8Array.from({ length: 1 + int(r, 100) }, () => int(r, 256)), b);
        ops.push('prepend');
        break;
      default: {
        const n = 1 + int(r, 64);
        b.fill(pick(r, [0, 0xff]), at, at + n);
        ops.push(`fill${n}@${at}`);
      }
    }
  }
  return { bytes: b, what: `bytes:${ops.join(',')}` };
}


// ---------------------------------------------------------------------------------------------
// zip-structure mutations

function zipMutation(r: Rng): { bytes: Uint8Array; what: string } {
  const json = enc.encode(JSON.stringify(SAMPLE_JSON));
  let entries: Array<{ name: string; data: Uint8Array; compress: boolean }> = [
    { name: 'issue.json', data: json, compress: true },
    ...ASSET_ENTRIES.map(([name, data]) => ({ name, data, compress: false })),
  ];
  const kind = int(r, 11);
  let what = '';
  switch (kind) {
    case 0: {
      const i = int(r, entries.length);
      const name = pick(r, ESCAPES);
      entries[i] = { ...entries[i]!, name };
      what = `rename ${i} -> ${name}`;
      break;
    }
    case 1: {
      const name = pick(r, ESCAPES);
      entries.push({ name, data: enc.encode('pwned'), compress: r() < 0.5 });
      what = `add ${name}`;
      break;
    }
    case 2: {
      const i = int(r, entries.length);
      entries.push({ ...entries[i]!, data: r() < 0.5 ? entries[i]!.data : enc.encode('{}') });
      what = `duplicate ${entries[i]!.name}`;
      break;
    }
    case 3:
      entries = entries.filter((e) => e.name !== 'issue.json');
      what = 'drop issue.json';
      break;
    case 4: {
      const i = 1 + int(r, entries.length - 1);
      what = `drop ${entries[i]!.name}`;
      entries.splice(i, 1);
      break;
    }
    case 5:
      entries = entries.map((e) => ({ ...e, name: `folder/${e.name}` }));
      what = 'nest in folder';
      break;
    case 6: {
      // A real high-ratio entry (zeros), under the ratio limit: must open with a warning.
      entries.push({ name: 'assets/zeros.bin', data: new Uint8Array(1 + int(r, 4 * 1024 * 1024)), compress: true });
      what = 'zeros entry';
      break;
    }
    case 7:
      entries.push({ name: `assets/${'0'.repeat(64)}.png`, data: Uint8Array.of(1, 2, 3), compress: false });
      what = 'unlisted asset';
      break;
    default:
      what = 'patch';
  }
  let bytes = writeZip(entries);
  if (kind >= 8) what = patchHeaders(r, bytes);
  if (kind === 10) bytes = bytes.slice(0, bytes.length - int(r, 30));
  return { bytes, what: `zip:${what}` };
}

/** Overwrites declared sizes, offsets, counts, methods or flags in the headers with hostile values. */
function patchHeaders(r: Rng, z: Uint8Array): string {
  const dv = new DataView(z.buffer, z.byteOffset, z.byteLength);
  const cds = centralOffsets(z);
  const cd = pick(r, cds);
  const local = dv.getUint32(cd + 42, true);
  const end = z.length - 22;
  const huge = () => pick(r, [0xffffffff, 0x80000000, 0x7fffffff, 0x40000000, int(r, 2 ** 32), 0]);
  const field = int(r, 10);
  const v = huge();
  switch (field) {
    case 0: dv.setUint32(cd + 24, v, true); return `central usize=${v}`;
    case 1: dv.setUint32(cd + 20, v, true); return `central csize=${v}`;
    case 2: dv.setUint32(local + 22, v, true); dv.setUint32(cd + 24, v, true); return `both usize=${v}`;
    case 3: dv.setUint32(cd + 42, v, true); return `local offset=${v}`;
    case 4: dv.setUint16(end + 10, int(r, 0x10000), true); dv.setUint16(end + 8, dv.getUint16(end + 10, true), true); return 'entry count';
    case 5: dv.setUint32(end + 16, v, true); return `cd offset=${v}`;
    case 6: dv.setUint16(cd + 10, pick(r, [1, 6, 9, 12, 14, 93, 99, 0xffff]), true); return 'method';
    case 7: dv.setUint16(cd + 8, int(r, 0x10000), true); return 'flags';
    case 8: dv.setUint16(cd + 28, int(r, 0x10000), true); return 'name length';
    default: dv.setUint32(cd + 16, v, true); return 'crc';
  }
}

// ---------------------------------------------------------------------------------------------
// JSON-level mutations

const RAW = '"\u0000RAW\u0000"';

function jsonMutation(r: Rng): { bytes: Uint8Array; what: string } {
  const doc = structuredClone(SAMPLE_JSON) as Record<string, unknown>;
  const raws: string[] = [];
  const ops: string[] = [];
  const rounds = 1 + int(r, 3);
  for (let k = 0; k < rounds; k++) {
    const paths = collectPaths(doc);
    const path = pick(r, paths);
    const parent = path.length ? getAt(doc, path.slice(0, -1)) : null;
    const key = path[path.length - 1];
    const set = (v: unknown) => {
      if (parent && key !== undefined) (parent as Record<string | number, unknown>)[key] = v;
    };
    const op = int(r, 14);
    const p = path.join('.');
    switch (op) {
      case 0:
        if (parent && key !== undefined) {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete (parent as Record<string, unknown>)[key];
        }
        ops.push(`delete ${p}`);
        break;
      case 1:
        set(pick(r, ['', 'x', '字', 0, 1, true, false, null, [], {}, [1, 2], { a: 1 }]));
        ops.push(`type ${p}`);
        break;
      case 2:
        set(pick(r, [-1, 0, -0, 0.5, 1e300, -1e300, 2 ** 53 + 1, 4294967296, 1e-320]));
        ops.push(`number ${p}`);
        break;
      case 3:
        raws.push(pick(r, ['NaN', 'Infinity', '1e999', '-1e999', '01', '0x10', '1.', '.5', 'undefined']));
        set(RAW);
        ops.push(`raw ${p}`);
        break;
      case 4: {
        const d = pick(r, [100, 10_000, 100_000]);
        raws.push(r() < 0.5 ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d));
        set(RAW);
        ops.push(`deep${d} ${p}`);
        break;
      }
      case 5:
        set(pick(r, ['字', 'a', '😀', '\u0000', '\ud800']).repeat(pick(r, [201, 5000, 1_000_001])));
        ops.push(`long ${p}`);
        break;
      case 6:
        doc.version = pick(r, [2, 3, 999, 0, -1, 1.5, '1', null, 2 ** 31]);
        ops.push(`version ${String(doc.version)}`);
        break;
      case 7:
        doc.format = pick(r, ['banmian', 'BANMIAN-ISSUE', '', null, 1]);
        ops.push('format');
        break;
      case 8: {
        // duplicate ids: copy the first frame into page 2
        const pages = doc.pages as Array<{ frames: unknown[] }> | undefined;
        if (Array.isArray(pages) && pages[0] && pages[1] && Array.isArray(pages[0].frames) && Array.isArray(pages[1].frames)) pages[1].frames.push(pages[0].frames[0]);
        ops.push('dup frame id');
        break;
      }
      case 9:
        set({ ...(typeof getAt(doc, path) === 'object' ? (getAt(doc, path) as object) : {}), __proto__: { polluted: true }, constructor: { prototype: { x: 1 } }, unknownKey: 1 });
        ops.push(`proto ${p}`);
        break;
      case 10: {
        const arr = getAt(doc, path);
        if (Array.isArray(arr)) {
          const n = pick(r, [2, 1000, 20_000]);
          const item = arr[0];
          for (let i = 0; i < n; i++) arr.push(item);
        } else set([]);
        ops.push(`grow ${p}`);
        break;
      }
      case 11:
        set(pick(r, ['a'.repeat(64), 'A'.repeat(64), '../../etc/passwd', 'C:\\x', '/etc/x', '..']));
        ops.push(`idlike ${p}`);
        break;
      case 12: {
        // thread loops and dangling references
        const pages = doc.pages as Array<{ frames: Array<Record<string, unknown>> }>;
        const t = Array.isArray(pages) ? pages.flatMap((pg) => (Array.isArray(pg?.frames) ? pg.frames : [])).find((f) => f?.kind === 'text') : undefined;
        if (t) t.next = pick(r, [t.id, 'nope', 't1', 't2']);
        ops.push('thread');
        break;
      }
      default:
        set(pick(r, ['image/gif', 'headline', 'text', 'nope', 'vertical']));
        ops.push(`enum ${p}`);
    }
  }
  let text = JSON.stringify(doc);
  for (const raw of raws) text = text.replace(RAW, raw);
  if (r() < 0.1) text = text.slice(0, int(r, text.length)); // truncated JSON
  const entries = [{ name: 'issue.json', data: enc.encode(text), compress: r() < 0.7 }, ...ASSET_ENTRIES.map(([name, data]) => ({ name, data, compress: false }))];
  return { bytes: writeZip(entries), what: `json:${ops.join(',')}` };
}

function collectPaths(doc: unknown, limit = 5000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  return out.length > 1 ? out.slice(1) : out;
}

function getAt(doc: unknown, path: ReadonlyArray<string | number>): unknown {
  let v = doc;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

// ---------------------------------------------------------------------------------------------

interface CaseResult {
  i: number;
  what: string;
  outcome: string; // 'opened' or an IssueFileError code
  ms: number;
}

function makeCase(seed: number, i: number): { bytes: Uint8Array; what: string } {
  // Each case has its own stream, so case i can be rebuilt alone: seed ^ i * golden ratio.
  const r = mulberry32((seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0);
  const family = i % 3;
  return family === 0 ? byteMutation(r) : family === 1 ? zipMutation(r) : jsonMutation(r);
}

function checkNoEscape(): void {
  for (const p of ['/tmp/banmian-fuzz-escape.txt', '/etc/banmian-fuzz-escape', '/banmian-fuzz-escape.txt']) {
    assert.ok(!existsSync(p), `nothing may be written at ${p}`);
  }
}

test(`fuzz: ${N} mutated issue files open or fail with IssueFileError (seed ${SEED})`, { timeout: 10 * 60_000 }, async (t) => {
  console.log(`# fuzz seed ${SEED}, ${N} cases (rerun: BANMIAN_FUZZ_SEED=${SEED} BANMIAN_FUZZ_N=${N})`);
  const root = await mkdtemp(join(tmpdir(), 'banmian-fuzz-'));
  const cwd0 = process.cwd();
  const results: CaseResult[] = [];
  const failures: string[] = [];
  const started = Date.now();
  try {
    for (let i = 0; i < N; i++) {
      const { bytes, what } = makeCase(SEED, i);
      // cwd = root/case/work: a '../x' or '../../x' would land in folders we list afterwards.
      const caseDir = join(root, `case-${i}`);
      const work = join(caseDir, 'work');
      await mkdir(work, { recursive: true });
      process.chdir(work);
      const file = join(work, 'case.banmian');
      await writeFile(file, bytes);
      const t0 = performance.now();
      let outcome = 'opened';
      try {
        if (i % 10 === 0) await openIssueFile(file);
        else readIssueBytes(bytes, 'case.banmian');
      } catch (e) {
        if (e instanceof IssueFileError) {
          outcome = e.code;
          // One line (the CLI prints it), names the problem, says what to do, in both languages.
          const good = ADVICE.test(e.message) && ADVICE_ZH.test(e.messageZh) && !e.message.includes('\n') && !/undefined|NaN|\[object /.test(e.message);
          if (!good) failures.push(`case ${i} (${what}): poor message: ${e.message} / ${e.messageZh}`);
        } else {
          outcome = 'UNEXPECTED';
          failures.push(`case ${i} (${what}): ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`);
        }
      }
      const ms = performance.now() - t0;
      process.chdir(cwd0);
      results.push({ i, what, outcome, ms });
      if (ms > CASE_LIMIT_MS) failures.push(`case ${i} (${what}) took ${ms.toFixed(0)} ms`);
      // Nothing may appear but our own input file.
      assert.deepEqual(await readdir(work), ['case.banmian'], `case ${i} (${what}) wrote into its folder`);
      assert.deepEqual(await readdir(caseDir), ['work'], `case ${i} (${what}) wrote into ../`);
      assert.deepEqual(await readdir(root), [`case-${i}`], `case ${i} (${what}) wrote into ../../`);
      await rm(caseDir, { recursive: true, force: true });
    }
    checkNoEscape();
  } finally {
    process.chdir(cwd0);
    await rm(root, { recursive: true, force: true });
  }

  const byOutcome = new Map<string, number>();
  for (const r of results) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 3);
  const summary = [...byOutcome].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`# fuzz: ${results.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; outcomes: ${summary}`);
  console.log(`# fuzz: slowest cases: ${slowest.map((s) => `#${s.i} ${s.ms.toFixed(1)} ms (${s.what.slice(0, 60)})`).join('; ')}`);
  t.diagnostic(`outcomes: ${summary}`);
  assert.deepEqual(failures.slice(0, 5), [], `${failures.length} failing case(s)`);
  assert.equal(results.length, N);
  // The mutations must reach every layer, or the fuzzer proves little (checked on full-size runs).
  if (N >= 1000) for (const code of ['opened', 'not-a-zip', 'truncated', 'corrupt', 'unsafe-path', 'duplicate-entry', 'no-issue-json', 'bad-json', 'invalid', 'newer-version', 'too-large']) {
    assert.ok((byOutcome.get(code) ?? 0) > 0, `no case ended in ${code}: the mutations are too narrow`);
  }
});

test(`fuzz-child: ${CHILD_N} cases opened in a child process exit 0 or 2 with JSON (seed ${SEED})`, { timeout: 10 * 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-fuzz-child-'));
  const child = bundleChild(fileURLToPath(new URL('./open-child.ts', import.meta.url)), dir);
  const step = Math.max(1, Math.floor(N / CHILD_N));
  const picks = Array.from({ length: Math.min(CHILD_N, N) }, (_, k) => k * step + (k % 3));
  const exits = new Map<number, number>();
  let slowest = 0;
  try {
    const run = async (i: number) => {
      const { bytes, what } = makeCase(SEED, i);
      const file = join(dir, `case-${i}.banmian`);
      await writeFile(file, bytes);
      let expected = 'opened';
      try {
        readIssueBytes(bytes, file);
      } catch (e) {
        expected = e instanceof IssueFileError ? e.code : 'UNEXPECTED';
      }
      const t0 = performance.now();
      const { code, stdout } = await runChild(process.execPath, [child, file], dir);
      slowest = Math.max(slowest, performance.now() - t0);
      exits.set(code ?? -1, (exits.get(code ?? -1) ?? 0) + 1);
      assert.ok(code === 0 || code === 2, `case ${i} (${what}): child exited ${String(code)}: ${stdout}`);
      const out = JSON.parse(stdout) as { ok: boolean; code?: string; message?: string };
      assert.equal(out.ok ? 'opened' : out.code, expected, `case ${i} (${what})`);
      if (!out.ok) assert.ok(out.message && out.message.length > 20);
    };
    // Two at a time: the machine has two cores.
    const queue = [...picks];
    await Promise.all([0, 1].map(async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await run(i);
    }));
    console.log(`# fuzz-child: ${picks.length} child processes; exit codes ${[...exits].map(([c, n]) => `${c}×${n}`).join(', ')}; slowest ${slowest.toFixed(0)} ms (including start-up)`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

function runChild(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`child timed out after ${CHILD_TIMEOUT_MS} ms (a hang): ${args.join(' ')}`));
    }, CHILD_TIMEOUT_MS);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 && code !== 2) stdout += stderr;
      resolve({ code, stdout });
    });
  });
}
