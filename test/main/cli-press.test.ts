// `banmian export` and `banmian preflight` as functions: exit codes, files, messages.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cmdExport, cmdPreflight, parsePages } from '../../main/cli-press';
import { ExportContext } from '../../main/files/pdf-export';
import { saveIssueFile } from '../../main/files/issue-file';
import type { Issue } from '../../renderer/model/schema';
import { sampleIssue, tmp } from '../renderer/pdf/helpers';

const ctx = new ExportContext();
let dir: string;
let good: string;
let bad: string;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd: dir }, out, err };
}

before(async () => {
  dir = tmp('banmian-cli-');
  const issue = sampleIssue(['tianshan-front', 'jiangpu-community']);
  good = join(dir, 'good.banmian');
  await saveIssueFile(good, issue, new Map());
  const tiny: Issue = { ...issue, paragraphStyles: issue.paragraphStyles.map((p) => (p.id === 'body' ? { ...p, size: 4 } : p)) };
  bad = join(dir, 'bad.banmian');
  await saveIssueFile(bad, tiny, new Map());
  process.env.SOURCE_DATE_EPOCH = '1795335000';
});

describe('banmian export', () => {
  it('writes-the-pages-and-prints-their-paths', async () => {
    const t = io();
    const code = await cmdExport(['good.banmian', '-o', 'out1'], t.io, ctx);
    assert.equal(code, 0, t.err.join(''));
    const files = readdirSync(join(dir, 'out1')).sort();
    assert.equal(files.length, 2);
    assert.deepEqual(t.out.join('').trim().split('\n').map((p) => p.split('/').pop()), files);
  });

  it('options-single-file-pdfx-bleed-marks-pages', async () => {
    const t = io();
    const code = await cmdExport(['good.banmian', '-o', 'out2', '--single-file', '--pdfx', '4', '--bleed', '5', '--marks', '--pages', '1-2'], t.io, ctx);
    assert.equal(code, 0, t.err.join(''));
    const [f] = readdirSync(join(dir, 'out2'));
    assert.equal(f, '天山社区晨报-2026-11-22-all.pdf');
    assert.equal(readFileSync(join(dir, 'out2', f!)).subarray(0, 8).toString('latin1'), '%PDF-1.6');
    assert.match(t.err.join(''), /generic-profile/);
  });

  it('preflight-errors-exit-1-and-write-nothing', async () => {
    const t = io();
    assert.equal(await cmdExport(['bad.banmian', '-o', 'out3'], t.io, ctx), 1);
    assert.ok(!existsSync(join(dir, 'out3')) || readdirSync(join(dir, 'out3')).length === 0);
    assert.match(t.err.join(''), /text-too-small/);
    assert.match(t.err.join(''), /nothing written/);
    const f = io();
    assert.equal(await cmdExport(['bad.banmian', '-o', 'out3', '--force'], f.io, ctx), 0);
    assert.equal(readdirSync(join(dir, 'out3')).length, 2);
  });

  it('bad-input-exits-2-with-one-line', async () => {
    writeFileSync(join(dir, 'not.icc'), 'hello');
    for (const args of [
      ['good.banmian'],
      ['good.banmian', '-o', 'x', '--pdfx', '3'],
      ['good.banmian', '-o', 'x', '--bleed', '7'],
      ['good.banmian', '-o', 'x', '--pages', '9'],
      ['good.banmian', '-o', 'x', '--pages', 'a-b'],
      ['good.banmian', '-o', 'x', '--icc', 'not.icc'],
      ['good.banmian', '-o', 'x', '--icc', 'missing.icc'],
      ['good.banmian', '-o', 'x', '--colour'],
      ['nope.banmian', '-o', 'x'],
    ]) {
      const t = io();
      assert.equal(await cmdExport(args, t.io, ctx), 2, args.join(' '));
      assert.match(t.err.join(''), /^banmian: [^\n]+\n$/, args.join(' '));
    }
  });

  it('page-ranges', () => {
    assert.deepEqual(parsePages('1,3-4', 5), [1, 3, 4]);
    assert.deepEqual(parsePages('2, 2-3', 5), [2, 3]);
    assert.throws(() => parsePages('0', 5));
    assert.throws(() => parsePages('4-2', 5));
  });
});

describe('banmian preflight', () => {
  it('clean-or-warnings-exit-0', async () => {
    const t = io();
    assert.equal(await cmdPreflight(['good.banmian'], t.io, ctx), 0);
  });

  it('errors-exit-1-and-json-lists-them', async () => {
    const t = io();
    assert.equal(await cmdPreflight(['bad.banmian', '--json'], t.io, ctx), 1);
    const j = JSON.parse(t.out.join('')) as { ok: boolean; findings: { code: string; severity: string; messageZh: string }[] };
    assert.equal(j.ok, false);
    assert.ok(j.findings.some((f) => f.code === 'text-too-small' && f.severity === 'error' && f.messageZh.length > 0));
  });

  it('bad-input-exits-2', async () => {
    const t = io();
    assert.equal(await cmdPreflight([], t.io, ctx), 2);
    assert.equal(await cmdPreflight(['nope.banmian'], t.io, ctx), 2);
  });
});
