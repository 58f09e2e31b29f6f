// `banmian export` and `banmian preflight` as functions: exit codes, files, messages.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cmdExport, cmdPreflight, parsePages } from '../../main/cli-press';
import { ExportContext } from '../../main/files/pdf-export';
import { fileNameFor, pageRangeToken } from '../../renderer/pdf/names';
import { saveIssueFile } from '../../main/files/issue-file';
import type { Issue } from '../../renderer/model/schema';
import { sampleIssue, tmp } from '../renderer/pdf/helpers';
import { spawnSync } from 'node:child_process';
import { requireTools } from '../helpers/tools';

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
      ['good.banmian', '-o', 'x', '--convert-tagged-cmyk', 'yes'],
      ['good.banmian', '-o', 'x', '--colour'],
      ['nope.banmian', '-o', 'x'],
    ]) {
      const t = io();
      assert.equal(await cmdExport(args, t.io, ctx), 2, args.join(' '));
      assert.match(t.err.join(''), /^banmian: [^\n]+\n$/, args.join(' '));
    }
  });

  it('single-file-of-some-pages-is-named-by-them-not-all', async () => {
    const t = io();
    assert.equal(await cmdExport(['good.banmian', '-o', 'out-part', '--single-file', '--pages', '2', '--force'], t.io, ctx), 0, t.err.join(''));
    assert.deepEqual(readdirSync(join(dir, 'out-part')), ['天山社区晨报-2026-11-22-02.pdf']);
    assert.equal(fileNameFor('{paper}-{date}-{page}', { paper: '报', date: '2026-11-22' }, [2, 3]), '报-2026-11-22-02-03.pdf');
    assert.equal(fileNameFor('{paper}-{date}-{page}', { paper: '报', date: '2026-11-22' }, [4, 1, 3]), '报-2026-11-22-01_03-04.pdf');
    assert.equal(pageRangeToken([7]), '07');
  });

  it('output-path-errors-are-one-bilingual-line-exit-2-no-stack', async () => {
    writeFileSync(join(dir, 'regular'), 'x');
    for (const [out, code] of [
      ['regular', 'EEXIST'],
      ['regular/sub', 'ENOTDIR'],
      ['regular/sub/deeper', 'ENOTDIR'],
    ] as const) {
      const t = io();
      assert.equal(await cmdExport(['good.banmian', '-o', out], t.io, ctx), 2, out);
      const err = t.err.join('');
      assert.match(err, /^banmian: [^\n]+\n$/, out);
      assert.match(err, new RegExp(code));
      assert.match(err, /无法写入/);
      assert.doesNotMatch(err, /internal error|\n\s+at /);
    }
    assert.equal(readFileSync(join(dir, 'regular'), 'utf8'), 'x');
  });

  it('a-path-under-proc-is-refused-quickly-not-a-spinning-mkdir', { skip: !existsSync('/proc/self') }, async () => {
    const t = io();
    const started = Date.now();
    assert.equal(await cmdExport(['good.banmian', '-o', '/proc/banmian-x/y'], t.io, ctx), 2);
    assert.ok(Date.now() - started < 20_000);
    assert.match(t.err.join(''), /^banmian: cannot write[^\n]+\n$/);
  });

  it('a-blocked-export-leaves-no-new-folder', async () => {
    const t = io();
    assert.equal(await cmdExport(['bad.banmian', '-o', 'new-a/new-b'], t.io, ctx), 1);
    assert.ok(!existsSync(join(dir, 'new-a')));
  });

  it('ad-refuses-marks-and-pages', async () => {
    for (const extra of [['--marks'], ['--pages', '1']]) {
      const t = io();
      assert.equal(await cmdExport(['good.banmian', '-o', 'ad-x', '--ad', 'whatever', ...extra], t.io, ctx), 2, extra.join(' '));
      assert.match(t.err.join(''), new RegExp(`--ad[^\n]*cannot be combined with ${extra[0]}[^\n]*不能与`));
      assert.ok(!existsSync(join(dir, 'ad-x')));
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

  it('without-icc-it-warns-that-the-separations-are-generic-with-icc-not', async () => {
    const t = io();
    assert.equal(await cmdPreflight(['good.banmian', '--json'], t.io, ctx), 0);
    const codes = (JSON.parse(t.out.join('')) as { findings: { code: string }[] }).findings.map((f) => f.code);
    assert.ok(codes.includes('generic-profile'), codes.join());
    // a CMYK output profile as "the plant's" (the shipped one will do for the check)
    writeFileSync(join(dir, 'plant.icc'), readFileSync(join(process.cwd(), 'assets', 'icc', 'vips-chemical-proof.icc')));
    const p = io();
    assert.equal(await cmdPreflight(['good.banmian', '--json', '--icc', 'plant.icc', '--convert-tagged-cmyk'], p.io, ctx), 0, p.err.join(''));
    assert.ok(!(JSON.parse(p.out.join('')) as { findings: { code: string }[] }).findings.some((f) => f.code === 'generic-profile'));
    const bad = io();
    writeFileSync(join(dir, 'not2.icc'), 'hello');
    assert.equal(await cmdPreflight(['good.banmian', '--icc', 'not2.icc'], bad.io, ctx), 2);
    assert.match(bad.err.join(''), /^banmian: --icc not2.icc: not an ICC profile/);
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

describe('banmian export --ad (ad-only export)', () => {
  it('ad-only-export-is-one-page-the-size-of-the-frame-with-no-bleed-or-marks', async (t) => {
    const sample = join(process.cwd(), 'assets', 'samples', 'tianshan.banmian');
    const r = io();
    // the issue's own bleed and marks settings are not applied (--marks with --ad is refused,
    // see ad-refuses-marks-and-pages): an ad's edge is its trim
    const code = await cmdExport([sample, '-o', 'ad', '--ad', 'sponsor-2'], r.io, ctx);
    assert.equal(code, 0, r.err.join(''));
    const files = readdirSync(join(dir, 'ad'));
    assert.deepEqual(files, ['天山社区晨报-2021-01-22-ad-sponsor-2.pdf']);
    // the ad file's output intent is the generic profile too: the warning comes with it
    assert.match(r.err.join(''), /generic-profile/);
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(readFileSync(join(dir, 'ad', files[0]!)));
    assert.equal(doc.getPageCount(), 1);
    const page = doc.getPage(0);
    const { openIssueFile } = await import('../../main/files/issue-file');
    const { issue } = await openIssueFile(sample);
    const frame = issue.pages[3]!.frames.find((f) => f.id === 'sponsor-2')!;
    const media = page.getMediaBox();
    const trim = page.getTrimBox();
    const bleed = page.getBleedBox();
    // the frame's rectangle grown by half its border on every side, so the border prints whole
    const m = frame.kind === 'sponsor' && frame.stroke ? frame.strokeWeight / 2 : 0;
    assert.ok(m > 0, 'the sample sponsor box has a border');
    assert.ok(Math.abs(media.width - (frame.width + 2 * m)) < 0.01 && Math.abs(media.height - (frame.height + 2 * m)) < 0.01, `${media.width}x${media.height}`);
    assert.deepEqual([trim.width, trim.height, bleed.width, bleed.height], [media.width, media.height, media.width, media.height]);
    if (!requireTools(t, 'pdftotext')) return;
    const text = spawnSync('pdftotext', [join(dir, 'ad', files[0]!), '-'], { encoding: 'utf8' }).stdout.replace(/\s/g, '');
    assert.ok(text.includes(frame.kind === 'sponsor' ? frame.company : '???'), text);
  });

  it('ad-only-export-of-an-unknown-frame-exits-2', async () => {
    const r = io();
    const code = await cmdExport(['good.banmian', '-o', 'ad2', '--ad', 'no-such-frame'], r.io, ctx);
    assert.equal(code, 2);
    assert.match(r.err.join(''), /no frame "no-such-frame"/);
    assert.equal(existsSync(join(dir, 'ad2')), false);
  });
});
