// `banmian new --from-text` with Word documents: the LibreOffice fixtures become stories with
// 粗体 / 楷体 runs and headline decks from the Title / Heading paragraphs, .txt and .docx mix, and
// every file that is not a readable .docx exits 2 with one line that says what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { runCli, type CliIo } from '../../main/cli';
import type { IssueInfo } from '../../main/cli-support';
import type { Issue } from '../../renderer/model/schema';
import { makeOle } from '../renderer/import/docx-build';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fx = (name: string) => join(root, 'test', 'fixtures', 'docx', name);
const samples = join(root, '..', 'shared', 'samples');

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd };
  return { code: await runCli(args, io), out, err };
}

const issueOf = async (file: string): Promise<Issue> => JSON.parse(strFromU8(unzipSync(await readFile(file))['issue.json']!)) as Issue;

test('cli: new --from-text with .docx files writes stories with bold and 楷 runs and headline decks', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-docx-'));
  try {
    const out = join(dir, 'docx.banmian');
    const made = await cli(['new', '--from-text', fx('story.docx'), fx('table.docx'), fx('extras.docx'), '--date', '2026-11-22', '-o', out], dir);
    assert.equal(made.code, 0, made.err);
    assert.match(made.err, /^wrote .*3 stories/);
    const issue = await issueOf(out);
    assert.deepEqual(issue.stories.map((s) => s.name), ['江浦路社区第八届学习节开幕', '社区活动安排', '本版第1页，编辑修改：新增的说法。']);
    const first = issue.stories[0]!;
    const styled = first.paragraphs.flatMap((p) => p.runs.filter((r) => r.style).map((r) => [r.style, r.text]));
    assert.deepEqual(styled, [
      ['bold', '学习节的四大服务项目'],
      ['kai', '“星尚文化”、“韵动生活”'],
    ]);
    assert.deepEqual(first.paragraphs.map((p) => p.style), ['byline', 'body', 'body', 'body', 'body']);
    assert.ok(!JSON.stringify(issue.stories).includes('下转'), 'the jump line is dropped');
    const decks = issue.pages.flatMap((p) => p.frames.flatMap((f) => (f.kind === 'headline' ? [f.decks.map((d) => `${d.role}:${d.text}`)] : [])));
    assert.deepEqual(decks, [['main:江浦路社区第八届学习节开幕'], ['main:社区活动安排']]);
    const info = await cli(['info', out, '--json'], dir);
    assert.equal(info.code, 0, info.err);
    const j = JSON.parse(info.out) as IssueInfo;
    assert.deepEqual(j.problems.filter((p) => p.severity === 'error'), []);
    for (const s of j.stories) assert.notEqual(s.status, 'overset', `${s.name} ${s.fit}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('cli: .txt and .docx mix in one issue, in the order given', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-docx-'));
  try {
    const out = join(dir, 'mixed.banmian');
    const made = await cli(['new', '--from-text', join(samples, 'jiangpu-community.txt'), fx('story.docx'), '-o', out], dir);
    assert.equal(made.code, 0, made.err);
    const issue = await issueOf(out);
    assert.equal(issue.stories[issue.stories.length - 1]!.name, '江浦路社区第八届学习节开幕');
    assert.ok(issue.stories.length > 2);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const BAD: Array<[string, string, () => Promise<Uint8Array> | Uint8Array, RegExp]> = [
  ['an old binary .doc (LibreOffice)', 'story.doc', () => readFile(fx('story.doc')), /old Word 97–2003 document \(\.doc\).*save it as Word Document \(\.docx\)/],
  ['an .odt (LibreOffice)', 'story.odt', () => readFile(fx('story.odt')), /OpenDocument text \(\.odt\)/],
  ['a password-protected .docx (OLE with EncryptedPackage)', 'locked.docx', () => makeOle(['EncryptionInfo', 'EncryptedPackage']), /protected with a password.*remove the password/],
  ['an .xlsx renamed .docx', 'sheet.docx', () => zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }), /Excel workbook/],
  ['text renamed .docx', 'text.docx', () => strToU8('本报讯 纯文本。'), /not a Word document \(\.docx\)/],
  ['a truncated .docx', 'cut.docx', async () => (await readFile(fx('story.docx'))).subarray(0, 2000), /incomplete/],
];

for (const [name, file, make, msg] of BAD) {
  test(`cli: new --from-text with ${name} exits 2 with one line saying what to do`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banmian-cli-docx-'));
    try {
      await writeFile(join(dir, file), await make());
      const r = await cli(['new', '--from-text', file, '-o', 'x.banmian'], dir);
      assert.equal(r.code, 2, r.err);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, new RegExp(`^banmian: "${file.replace('.', '\\.')}" `));
      assert.match(r.err, msg);
      await assert.rejects(readFile(join(dir, 'x.banmian')), 'nothing written');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
