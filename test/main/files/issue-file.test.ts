import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { canonicalJson } from '../../../main/files/canonical-json';
import { openIssueFile, readIssueBytes, saveIssueFile, writeIssueBytes } from '../../../main/files/issue-file';
import { readZipDirectory, readZipEntry } from '../../../main/files/zip';
import { FORMAT_VERSION, validateIssue, type AssetId, type Migration } from '../../../renderer/model';
import {
  CJK_TEXT,
  assetName,
  centralOffsets,
  dec,
  enc,
  expectIssueError,
  expectIssueErrorAsync,
  sampleEntries,
  sampleIssue,
  zipOf,
} from './helpers';

const issueJsonOf = (zip: Uint8Array) => {
  const entries = readZipDirectory(zip);
  const e = entries.find((x) => x.name === 'issue.json')!;
  return dec.decode(readZipEntry(zip, e));
};

const sampleJson = () => JSON.parse(JSON.stringify(sampleIssue().issue)) as Record<string, unknown>;

describe('round trip', () => {
  test('round-trip-byte-stable: write → read → write gives identical issue.json and identical zip bytes', () => {
    const s = sampleIssue();
    const a = writeIssueBytes(s.issue, s.assets);
    const opened = readIssueBytes(a, 'a.banmian');
    assert.deepEqual(opened.warnings, []);
    assert.deepEqual(opened.missingAssets, []);
    assert.equal(opened.assets.size, 3);
    const b = writeIssueBytes(opened.issue, opened.assets);
    assert.equal(issueJsonOf(b), issueJsonOf(a));
    assert.deepEqual(Buffer.from(b), Buffer.from(a));
    // and once more, through a file on disk
    const again = readIssueBytes(b);
    assert.deepEqual(Buffer.from(writeIssueBytes(again.issue, again.assets)), Buffer.from(a));
  });

  test('round-trip-cjk: Chinese text, Extension B characters and emoji survive unchanged', () => {
    const s = sampleIssue();
    const opened = readIssueBytes(writeIssueBytes(s.issue, s.assets));
    assert.equal(opened.issue.stories[0]!.paragraphs[0]!.runs[0]!.text, CJK_TEXT);
    assert.equal(opened.issue.meta.paper, '天山社区晨报');
    assert.deepEqual(opened.issue, s.issue);
    // written as UTF-8 characters, not \u escapes
    assert.ok(issueJsonOf(writeIssueBytes(s.issue, s.assets)).includes('𠀋字与表情😀'));
  });

  test('round-trip-defaults: a minimal issue.json gets its defaults once, then stays byte-stable', () => {
    const doc = sampleJson();
    // Remove fields that have defaults in the schema.
    delete doc.output;
    delete doc.jump;
    delete doc.fonts;
    delete doc.characterStyles;
    for (const p of doc.paragraphStyles as Array<Record<string, unknown>>) {
      delete p.indent;
      delete p.tracking;
    }
    for (const pg of doc.pages as Array<Record<string, unknown>>) delete pg.section;
    // Drop the character style that a run uses, so the file stays valid without characterStyles.
    const s = sampleIssue();
    const stories = doc.stories as Array<{ paragraphs: Array<{ runs: Array<Record<string, unknown>> }> }>;
    for (const st of stories) for (const p of st.paragraphs) for (const r of p.runs) delete r.style;
    const entries = sampleEntries(s);
    entries[0] = ['issue.json', JSON.stringify(doc)];
    const first = readIssueBytes(zipOf(entries));
    assert.equal(first.issue.output.tacLimit, 240);
    assert.equal(first.issue.pages[0]!.section, '');
    const w1 = writeIssueBytes(first.issue, first.assets);
    const second = readIssueBytes(w1);
    const w2 = writeIssueBytes(second.issue, second.assets);
    assert.equal(issueJsonOf(w2), issueJsonOf(w1));
    assert.deepEqual(Buffer.from(w2), Buffer.from(w1));
  });

  test('deterministic: the same document gives the same bytes whatever the key and map order', () => {
    const s = sampleIssue();
    const reordered = JSON.parse(JSON.stringify(s.issue, Object.keys(s.issue).reverse())) as typeof s.issue;
    const shuffled = JSON.parse(
      JSON.stringify(s.issue, function (this: unknown, _k, v: unknown) {
        if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).reverse());
        return v;
      }),
    ) as typeof s.issue;
    const revAssets = new Map([...s.assets].reverse());
    const a = writeIssueBytes(s.issue, s.assets);
    assert.deepEqual(Buffer.from(writeIssueBytes(shuffled, revAssets)), Buffer.from(a));
    assert.ok(reordered);
  });

  test('canonical-json: two-space indent, format and version first, final newline', () => {
    const s = sampleIssue();
    const text = issueJsonOf(writeIssueBytes(s.issue, s.assets));
    assert.ok(text.startsWith('{\n  "format": "banmian-issue",\n  "version": 1,\n'));
    assert.ok(text.endsWith('}\n'));
    assert.equal(text, canonicalJson(validateIssue(JSON.parse(text)).ok ? JSON.parse(text) : null));
    assert.throws(() => canonicalJson({ a: NaN }), /NaN/);
  });

  test('assets-stored-once: an image used by two frames is one entry named by its sha256', () => {
    const s = sampleIssue();
    const zip = writeIssueBytes(s.issue, s.assets);
    const names = readZipDirectory(zip).map((e) => e.name);
    assert.deepEqual(names, ['issue.json', ...s.issue.assets.map(assetName).sort()]);
    for (const a of s.issue.assets) assert.match(a.id, /^[0-9a-f]{64}$/);
  });

  test('write-only-listed-assets: bytes for assets the issue does not list are not written', () => {
    const s = sampleIssue();
    const extra = new Map(s.assets);
    extra.set('f'.repeat(64) as AssetId, new Uint8Array([1, 2, 3]));
    assert.deepEqual(Buffer.from(writeIssueBytes(s.issue, extra)), Buffer.from(writeIssueBytes(s.issue, s.assets)));
  });

  test('write-refuses-invalid: an invalid issue is not written', () => {
    const s = sampleIssue();
    const bad = structuredClone(s.issue);
    (bad.pages[0]!.frames[1] as { columns: number }).columns = 0;
    const e = expectIssueError(() => writeIssueBytes(bad, s.assets), 'invalid', /report/);
    assert.ok(e.problems.some((p) => p.path === 'pages[0].frames[1].columns'));
    const wrong = new Map(s.assets);
    wrong.set(s.issue.assets[0]!.id, new Uint8Array([9, 9, 9]));
    expectIssueError(() => writeIssueBytes(s.issue, wrong), 'invalid', /do not hash/);
  });

  test('save-and-open: saveIssueFile then openIssueFile through the disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banmian-rt-'));
    try {
      const s = sampleIssue();
      const p = join(dir, '天山晨报 第1期.banmian');
      await saveIssueFile(p, s.issue, s.assets);
      const o = await openIssueFile(p);
      assert.deepEqual(o.issue, s.issue);
      assert.equal(o.assets.size, 3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('bad input: each named problem gives its code and says what to do', () => {
  const good = () => { const s = sampleIssue(); return writeIssueBytes(s.issue, s.assets); };

  test('not-a-zip: a text file', () => {
    const e = expectIssueError(() => readIssueBytes(enc.encode('第一版 新闻稿\n'), 'news.txt'), 'not-a-zip', /File > Import/);
    assert.match(e.message, /"news\.txt" is not a zip archive/);
    assert.match(e.messageZh, /不是版面文件/);
    assert.equal(e.path, 'news.txt');
  });

  test('not-a-zip: an empty file', () => {
    expectIssueError(() => readIssueBytes(new Uint8Array(0), 'empty.banmian'), 'not-a-zip', /empty/);
  });

  test('truncated: a zip cut in half', () => {
    const z = good();
    expectIssueError(() => readIssueBytes(z.subarray(0, z.length >> 1), 'half.banmian'), 'truncated', /cut off|backup/);
  });

  test('corrupt: a flipped byte inside issue.json fails its checksum', () => {
    const z = zipOf(sampleEntries(), false);
    const i = dec.decode(z).indexOf('天山社区晨报');
    z[i + 3] = z[i + 3]! ^ 0x01;
    expectIssueError(() => readIssueBytes(z, 'flip.banmian'), 'corrupt', /issue\.json.*checksum/);
  });

  for (const [label, name] of [
    ['parent folder', '../evil.txt'],
    ['nested parent folder', 'assets/../../evil.txt'],
    ['absolute path', '/etc/banmian-evil'],
    ['backslash', 'assets\\..\\evil.txt'],
    ['drive letter', 'C:\\Windows\\evil.txt'],
    ['drive letter with slash', 'C:/evil.txt'],
  ] as const) {
    test(`unsafe-path: ${label} (${name})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'banmian-unsafe-'));
      const cwd = process.cwd();
      try {
        process.chdir(dir);
        const z = zipOf([...sampleEntries(), [name, 'pwned']]);
        const e = expectIssueError(() => readIssueBytes(z, 'evil.banmian'), 'unsafe-path', /did not open it and wrote nothing/);
        assert.ok(e.message.includes(JSON.stringify(name)));
      } finally {
        process.chdir(cwd);
        await rm(dir, { recursive: true, force: true });
      }
      // Nothing was written outside: no evil.txt next to the temp folder or at the absolute path.
      const { existsSync } = await import('node:fs');
      assert.ok(!existsSync(join(dir, '..', 'evil.txt')));
      assert.ok(!existsSync('/etc/banmian-evil'));
    });
  }

  test('duplicate-entry: issue.json twice', () => {
    const entries = sampleEntries();
    const z = zipOf([...entries, ['issue.json', '{}']]);
    expectIssueError(() => readIssueBytes(z, 'dup.banmian'), 'duplicate-entry', /"issue\.json" twice/);
  });

  test('no-issue-json: a zip of photos', () => {
    expectIssueError(() => readIssueBytes(zipOf([['photo.jpg', 'x']]), 'photos.zip'), 'no-issue-json', /Open a \.banmian file/);
  });

  test('no-issue-json: re-zipped folder is recognised and explained', () => {
    const z = zipOf(sampleEntries().map(([n, d]) => [`第1期/${n}`, d]));
    expectIssueError(() => readIssueBytes(z, 'rezipped.banmian'), 'no-issue-json', /inside a folder/);
  });

  test('bad-json: issue.json is not JSON', () => {
    expectIssueError(() => readIssueBytes(zipOf([['issue.json', '{"format": "banmian-issue", ']]), 'b.banmian'), 'bad-json', /not valid JSON/);
  });

  test('bad-json: issue.json is not UTF-8', () => {
    expectIssueError(() => readIssueBytes(zipOf([['issue.json', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]]), 'b.banmian'), 'bad-json', /UTF-8/);
  });

  test('invalid: a schema violation names its path', () => {
    const doc = sampleJson();
    ((doc.pages as Array<{ frames: Array<Record<string, unknown>> }>)[0]!.frames[1]!).columns = 0;
    const e = expectIssueError(() => readIssueBytes(zipOf([['issue.json', JSON.stringify(doc)]]), 'v.banmian'), 'invalid', /fields named/);
    assert.match(e.message, /pages\[0\]\.frames\[1\]\.columns: expected integer >= 1, got 0/);
    assert.deepEqual(e.problems.map((p) => p.path), ['pages[0].frames[1].columns']);
  });

  test('invalid: a broken reference names its path', () => {
    const doc = sampleJson();
    ((doc.pages as Array<{ frames: Array<Record<string, unknown>> }>)[0]!.frames[1]!).storyId = 'nope';
    const e = expectIssueError(() => readIssueBytes(zipOf([['issue.json', JSON.stringify(doc)]])), 'invalid');
    assert.ok(e.problems.some((p) => p.path === 'pages[0].frames[1].storyId'));
  });

  test('newer-version: version 2 is refused, naming both versions, never downgraded', () => {
    const doc = { ...sampleJson(), version: FORMAT_VERSION + 1, newField: { anything: true } };
    const e = expectIssueError(() => readIssueBytes(zipOf([['issue.json', JSON.stringify(doc)]]), 'new.banmian'), 'newer-version', /Update Banmian/);
    assert.match(e.message, new RegExp(`version ${FORMAT_VERSION + 1}`));
    assert.match(e.message, new RegExp(`versions 1 to ${FORMAT_VERSION}`));
    assert.match(e.messageZh, /第 2 版/);
  });

  test('not-an-issue: issue.json of another program', () => {
    expectIssueError(() => readIssueBytes(zipOf([['issue.json', '{"format":"indesign","version":1}']])), 'not-an-issue', /Open a \.banmian/);
    expectIssueError(() => readIssueBytes(zipOf([['issue.json', '[1,2,3]']])), 'not-an-issue');
  });

  test('invalid: a bad version number', () => {
    const e = expectIssueError(() => readIssueBytes(zipOf([['issue.json', JSON.stringify({ ...sampleJson(), version: 0 })]])), 'invalid');
    assert.equal(e.problems[0]!.path, 'version');
  });

  test('too-large: a declared size far beyond the compressed bytes (zip bomb) is refused before inflating', () => {
    const z = zipOf(sampleEntries());
    const [cd] = centralOffsets(z);
    new DataView(z.buffer).setUint32(cd! + 24, 0x7fff_ffff, true); // uncompressed size of issue.json
    expectIssueError(() => readIssueBytes(z, 'bomb.banmian'), 'too-large', /damaged or malicious/);
  });

  test('too-large: total unpacked size over the limit', () => {
    const s = sampleIssue();
    const z = writeIssueBytes(s.issue, s.assets);
    expectIssueError(() => readIssueBytes(z, 'big.banmian', { limits: { maxTotal: 1000, maxEntries: 100, maxRatio: 1100 } }), 'too-large', /more than 1000 bytes/);
  });

  test('too-large: a real 1000:1 bomb against a small limit does not allocate its size', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    const z = zipOf([...sampleEntries(), ['assets/zeros.bin', zeros]]);
    assert.ok(z.length < 100_000);
    expectIssueError(() => readIssueBytes(z, 'bomb.banmian', { limits: { maxTotal: 10 * 1024 * 1024, maxEntries: 100, maxRatio: 1100 } }), 'too-large');
  });

  test('corrupt: a deflated entry that inflates to more than it declares', () => {
    const z = zipOf(sampleEntries());
    const [cd] = centralOffsets(z);
    const dv = new DataView(z.buffer);
    dv.setUint32(cd! + 24, dv.getUint32(cd! + 24, true) - 10, true);
    expectIssueError(() => readIssueBytes(z, 'lie.banmian'), 'corrupt', /more bytes/);
  });

  test('unsupported: encrypted entries and unknown compression methods', () => {
    const z = zipOf(sampleEntries());
    const [cd] = centralOffsets(z);
    const enc1 = z.slice();
    new DataView(enc1.buffer).setUint16(cd! + 8, 1, true);
    expectIssueError(() => readIssueBytes(enc1), 'unsupported', /encrypted/);
    const bz = z.slice();
    new DataView(bz.buffer).setUint16(cd! + 10, 12, true);
    expectIssueError(() => readIssueBytes(bz), 'unsupported', /method 12/);
  });

  test('missing-asset: the issue opens with a placeholder, and the reference survives a re-save', () => {
    const s = sampleIssue();
    const photo = s.issue.assets[0]!;
    const z = zipOf(sampleEntries(s).filter(([n]) => n !== assetName(photo)));
    const o = readIssueBytes(z, 'm.banmian');
    assert.deepEqual(o.missingAssets, [photo.id]);
    assert.equal(o.assets.has(photo.id), false);
    assert.deepEqual(o.warnings.map((w) => [w.code, w.assetId]), [['missing-asset', photo.id]]);
    assert.match(o.warnings[0]!.message, /广场\.png.*relink/);
    const again = readIssueBytes(writeIssueBytes(o.issue, o.assets));
    assert.ok(again.issue.assets.some((a) => a.id === photo.id));
    assert.deepEqual(again.missingAssets, [photo.id]);
    assert.deepEqual(again.issue, o.issue);
  });

  test('damaged-asset: bytes that do not hash to their name are treated as missing, with a warning', () => {
    const s = sampleIssue();
    const logo = s.issue.assets[1]!;
    const entries = sampleEntries(s).map(([n, d]): [string, Uint8Array | string] => (n === assetName(logo) ? [n, new Uint8Array([0xff, 0xd8, 0xff, 0xd9])] : [n, d]));
    const o = readIssueBytes(zipOf(entries));
    assert.deepEqual(o.missingAssets, [logo.id]);
    assert.equal(o.warnings[0]!.code, 'damaged-asset');
    assert.equal(o.assets.size, 2);
    const again = readIssueBytes(writeIssueBytes(o.issue, o.assets));
    assert.deepEqual(again.missingAssets, [logo.id]);
  });

  test('damaged-asset: an asset failing its CRC is treated as missing; the issue still opens', () => {
    const s = sampleIssue();
    const z = zipOf(sampleEntries(s), false);
    const photo = s.assets.get(s.issue.assets[0]!.id)!;
    const at = Buffer.from(z).indexOf(Buffer.from(photo));
    z[at + 30] = z[at + 30]! ^ 0xff;
    const o = readIssueBytes(z);
    assert.deepEqual(o.missingAssets, [s.issue.assets[0]!.id]);
    assert.match(o.warnings[0]!.message, /could not be used \(it is damaged/);
  });

  test('unknown entries and unlisted images are ignored with warnings, and not saved again', () => {
    const z = zipOf([...sampleEntries(), ['notes.txt', 'hi'], [`assets/${'a'.repeat(64)}.png`, 'x']]);
    const o = readIssueBytes(z);
    assert.deepEqual(o.warnings.map((w) => w.code).sort(), ['unknown-entry', 'unlisted-asset']);
    const names = readZipDirectory(writeIssueBytes(o.issue, o.assets)).map((e) => e.name);
    assert.ok(!names.includes('notes.txt'));
  });

  test('not-found: opening a path that does not exist', async () => {
    await expectIssueErrorAsync(() => openIssueFile(join(tmpdir(), 'banmian-no-such-file.banmian')), 'not-found', /Check the name/);
  });

  test('not-a-zip: opening a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'banmian-dir-'));
    try {
      await mkdir(join(dir, 'x.banmian'));
      await expectIssueErrorAsync(() => openIssueFile(join(dir, 'x.banmian')), 'not-a-zip', /folder/);
      await writeFile(join(dir, 'y.banmian'), 'hello');
      await expectIssueErrorAsync(() => openIssueFile(join(dir, 'y.banmian')), 'not-a-zip', /y\.banmian/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('migrations', () => {
  test('newer-version-refused: a version-2 file names versions 2 and 1 and is not opened', () => {
    const doc = { ...sampleJson(), version: 2 };
    const e = expectIssueError(() => readIssueBytes(zipOf([['issue.json', JSON.stringify(doc)]]), 'v2.banmian'), 'newer-version');
    assert.match(e.message, /format version 2; this Banmian reads versions 1 to 1/);
  });

  test('injected-migration: the reader runs migrate() before validation', () => {
    // Pretend format 1 had `meta.title` where the current format has `meta.paper`, and that the
    // current version is 2. The validator of "version 2" is the real one with the version swapped
    // back, since this build's schema knows only version 1.
    const doc = sampleJson();
    const meta = doc.meta as Record<string, unknown>;
    meta.title = meta.paper;
    delete meta.paper;
    const calls: number[] = [];
    const migrations: Migration[] = [
      {
        from: 1,
        description: 'meta.title is renamed meta.paper',
        up: (d) => {
          calls.push(d.version as number);
          const { title, ...rest } = d.meta as Record<string, unknown>;
          return { ...d, meta: { ...rest, paper: title } };
        },
      },
    ];
    const z = zipOf([['issue.json', JSON.stringify(doc)], ...sampleEntries().slice(1)]);
    // Without the migration the file is invalid: meta.paper is missing.
    const e = expectIssueError(() => readIssueBytes(z), 'invalid');
    assert.ok(e.problems.some((p) => p.path === 'meta.paper'));
    const o = readIssueBytes(z, 'old.banmian', { migrations, currentVersion: 2, validate: (d) => validateIssue({ ...(d as object), version: 1 }) });
    assert.deepEqual(calls, [1]);
    assert.equal(o.issue.meta.paper, '天山社区晨报');
    assert.equal(o.warnings[0]!.code, 'migrated');
    assert.match(o.warnings[0]!.message, /version 1 .*version 2/);
  });

  test('injected-migration: a migration that throws becomes an invalid-file error', () => {
    const migrations: Migration[] = [{ from: 1, description: 'boom', up: () => { throw new Error('cannot upgrade this'); } }];
    const e = expectIssueError(() => readIssueBytes(zipOf(sampleEntries()), 'x.banmian', { migrations, currentVersion: 2 }), 'invalid', /upgrading issue\.json from format version 1 to 2 failed/);
    assert.match(e.problems[0]!.message, /cannot upgrade this/);
  });
});
