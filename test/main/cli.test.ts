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
import { importFile, decodeText, TextImportError } from '../../renderer/import/files';
import { openIssueFile } from '../../main/files/issue-file';
import { fromFsError } from '../../main/files/errors';

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
  ['impossible date', ['new', '--from-text', 'x.txt', '--date', '2026-13-45', '-o', 'x.banmian'], /real date yyyy-mm-dd, not "2026-13-45" \/ --date 须为有效日期/],
  ['no 29 February in 2026', ['new', '--from-text', 'x.txt', '--date', '2026-02-29', '-o', 'x.banmian'], /real date/],
  ['a folder as input text', ['new', '--from-text', '.', '-o', 'x.banmian'], /it is a folder.* \/ 无法读取/],
  ['missing input text', ['new', '--from-text', 'nope.txt', '-o', 'x.banmian'], /no such file \/ 无法读取“[^”]*nope.txt”：文件不存在/],
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

// ---------------------------------------------------------------------------------------------
// nothing of the copy is lost, the cleanup's reports are shown, garbage is refused

test('cli property: every character of each sample\'s non-masthead text is in the issue\'s stories or headline decks', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  const squash = (t: string) => t.replace(/\s+/gu, '');
  try {
    for (const s of SAMPLES) {
      const file = join(samplesDir, `${s}.txt`);
      const out = join(dir, `${s}.banmian`);
      const made = await cli(['new', '--from-text', file, '-o', out], dir);
      assert.equal(made.code, 0, made.err);
      const { issue } = await openIssueFile(out);
      const have: string[] = [];
      for (const st of issue.stories) for (const p of st.paragraphs) have.push(squash(p.runs.map((r) => r.text).join('')));
      for (const pg of issue.pages) for (const f of pg.frames) if (f.kind === 'headline') for (const d of f.decks) have.push(squash(d.text));
      const all = have.join('\n');
      // The cleaned text is what is placed (punctuation made full-width, extraction breaks
      // rejoined); jump lines (下转2版) are left out on purpose: the engine writes its own.
      const r = importFile(`${s}.txt`, new Uint8Array(await readFile(file)));
      let checked = 0;
      for (const p of r.paragraphs) {
        if (p.role === 'masthead' || p.role === 'jump' || !p.text.trim()) continue;
        checked++;
        assert.ok(all.includes(squash(p.text)), `${s}: lost ${p.role} "${p.text.slice(0, 40)}"`);
      }
      assert.ok(checked > 10, `${s}: checked ${checked}`);
    }
    // the reviewer's case: the credit list of company names in the Xinmin sample
    const { issue } = await openIssueFile(join(dir, 'xinmin-community.banmian'));
    const text = JSON.stringify(issue.stories);
    assert.ok(text.includes('上海堃翔建设工程有限公司'), 'company name kept');
    assert.ok(text.includes('17446818'), 'credit code kept');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: new prints the cleanup\'s reports, one line each with article and excerpt, and --json lists them', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    const made = await cli(['new', '--from-text', join(samplesDir, 'xinmin-community.txt'), '-o', 'x.banmian'], dir);
    assert.equal(made.code, 0, made.err);
    const lines = made.err.trim().split('\n');
    const reports = lines.filter((l) => /^(warning|check): /.test(l));
    assert.ok(reports.length >= 3, made.err);
    for (const l of reports) assert.match(l, /^(warning|check): xinmin-community\.txt 《[^》]+》 "[^"]+": .+（.+）|^(warning|check): xinmin-community\.txt 《[^》]+》 "[^"]+": .+\(.+\)/);
    assert.ok(reports.some((l) => /unbalanced quotation mark.*引号不成对/.test(l)), made.err);
    assert.ok(reports.some((l) => /^check: .*joined/.test(l)), made.err);
    const j = await cli(['new', '--from-text', join(samplesDir, 'xinmin-community.txt'), '--json', '-o', 'y.banmian'], dir);
    assert.equal(j.code, 0, j.err);
    const parsed = JSON.parse(j.out) as { stories: number; problems: Array<{ kind: string; article: string; excerpt: string; message: string }> };
    assert.equal(parsed.problems.length, reports.length + parsed.problems.filter((p) => p.kind === 'lost-glyph').length);
    assert.ok(parsed.problems.every((p) => p.excerpt && p.message));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: binary input is refused with exit 2, BOM-less UTF-16 is read, an empty text warns', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(200, 7)]);
    await writeFile(join(dir, 'photo.txt'), png);
    const r = await cli(['new', '--from-text', 'photo.txt', '-o', 'p.banmian'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^banmian: "photo.txt" is a PNG image, not text[^\n]* \/ “photo.txt”是PNG 图片[^\n]*\n$/);
    // NUL-ridden noise that is no known format and not UTF-16
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0 : (i * 37) % 256)));
    assert.throws(() => decodeText(noise, 'n.txt'), (e: unknown) => e instanceof TextImportError && /binary data/.test(e.message) && /二进制数据/.test(e.messageZh));
    // UTF-16 without a byte-order mark, both byte orders: the same stories as the UTF-8 file
    const utf8 = await readFile(join(samplesDir, 'tianshan-front.txt'), 'utf8');
    const le = Buffer.from(utf8, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    assert.equal(decodeText(le), utf8);
    assert.equal(decodeText(be), utf8);
    await writeFile(join(dir, 'u16.txt'), le);
    const a = await cli(['new', '--from-text', 'u16.txt', '-o', 'u.banmian'], dir);
    const b = await cli(['new', '--from-text', join(samplesDir, 'tianshan-front.txt'), '-o', 'v.banmian'], dir);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    const sa = (await openIssueFile(join(dir, 'u.banmian'))).issue.stories;
    const sb = (await openIssueFile(join(dir, 'v.banmian'))).issue.stories;
    assert.deepEqual(sa, sb);
    // still plain: UTF-8 and GB18030 text with no NULs
    assert.equal(decodeText(Buffer.from('社区\n')), '社区\n');
    // an empty text file: written, but said
    await writeFile(join(dir, 'empty.txt'), '');
    const e = await cli(['new', '--from-text', 'empty.txt', '-o', 'e.banmian'], dir);
    assert.equal(e.code, 0);
    assert.match(e.err, /warning: empty.txt: no text found, no story made \/ 警告：empty.txt 中没有文字/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: bad issue files are reported in both languages with terminal advice, not menus', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    await writeFile(join(dir, 'text.banmian'), 'not a zip at all, just some text here');
    for (const args of [['info', 'text.banmian'], ['info', '.'], ['export', 'text.banmian', '-o', 'out']]) {
      const r = await cli(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /^banmian: [^\n]+ \/ [^\n]*[\u4e00-\u9fff][^\n]*\n$/, args.join(' '));
      assert.doesNotMatch(r.err, /File >|文件 >/, args.join(' '));
    }
    const r = await cli(['info', 'text.banmian'], dir);
    assert.match(r.err, /banmian new --from-text/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: a failed first save does not speak of a previous version', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-'));
  try {
    const r = await cli(['new', '--from-text', join(samplesDir, 'tianshan-front.txt'), '-o', 'no-such-folder/x.banmian'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /no file was written/);
    assert.doesNotMatch(r.err, /previous version|原有文件/);
    const e = fromFsError(Object.assign(new Error('x'), { code: 'EACCES' }), 'a.pdf', 'save', '/out', false);
    assert.match(e.message, /no file was written/);
    assert.match(e.messageZh, /没有写入任何文件/);
    assert.match(fromFsError(Object.assign(new Error('x'), { code: 'EACCES' }), 'a.pdf', 'save', '/out').message, /previous version of the file is unchanged/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: the bundled CLI exits quietly when its output pipe closes (info | head -1)', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-pipe-'));
  try {
    const bundle = join(dir, 'cli.cjs');
    buildSync({ absWorkingDir: root, entryPoints: ['main/cli-main.ts'], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['fontkit', 'pdf-lib', 'fflate', 'zod', 'sharp', 'qrcode'], nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
    const issue = join(dir, 'x.banmian');
    assert.equal((await cli(['new', '--from-text', join(samplesDir, 'xinmin-community.txt'), '-o', issue], dir)).code, 0);
    const env = { ...process.env, BANMIAN_ROOT: root, NODE_PATH: join(root, 'node_modules') };
    // a reader that closes at once: `true` reads nothing
    const sh = `"${process.execPath}" "${bundle}" info "${issue}" | true; echo "status \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', sh], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|at /, r.stderr);
    assert.match(r.stderr, /status (0|1)\b/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
