// The shared zip reader (renderer/import/zip.ts): every problem it names, with its coarse kind,
// on archives made by main's writer (which writes bad names on purpose) and then patched. The
// issue-file wording of the same problems is pinned by test/main/files/issue-file.test.ts; the
// .docx wording by test/renderer/import/docx.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import { writeZip } from '../../../main/files/zip';
import {
  describeZipProblem,
  MAX_DEFLATE_RATIO,
  readZipDirectory,
  readZipEntry,
  ZipReadError,
  type ZipLimits,
  type ZipProblemCode,
  type ZipProblemKind,
} from '../../../renderer/import/zip';
import { fixture } from './docx-build';

const LIMITS: ZipLimits = { maxTotal: 1024 ** 3, maxEntries: 1000, maxRatio: MAX_DEFLATE_RATIO };

/** 2,000 bytes of text that deflates well (to a few hundred bytes). */
const TEXT = strToU8('社区新闻 community news '.repeat(80));
const zip = (entries: Array<[string, Uint8Array]>, compress = true): Uint8Array => writeZip(entries.map(([name, data]) => ({ name, data, compress })));
const two = (compress = true) => zip([['a.txt', TEXT], ['b.txt', TEXT]], compress);

/** Offsets of the end record and of each central-directory record. */
function layout(b: Uint8Array): { dv: DataView; end: number; central: number[] } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let end = b.length - 22;
  while (dv.getUint32(end, true) !== 0x06054b50) end--;
  const central: number[] = [];
  let p = dv.getUint32(end + 16, true);
  for (let i = 0; i < dv.getUint16(end + 10, true); i++) {
    central.push(p);
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return { dv, end, central };
}

/** A copy of `b` changed by `patch`. */
function patched(b: Uint8Array, patch: (l: ReturnType<typeof layout>, b: Uint8Array) => void): Uint8Array {
  const c = Uint8Array.from(b);
  patch(layout(c), c);
  return c;
}

/** Reads the directory and every entry, as both callers do. */
const readAll = (b: Uint8Array, limits = LIMITS, maxSize?: number): Uint8Array[] => readZipDirectory(b, limits).map((e) => readZipEntry(b, e, maxSize));

const PROBLEMS: Array<[string, () => Uint8Array, ZipProblemCode, ZipProblemKind, { limits?: ZipLimits; maxSize?: number }?]> = [
  ['empty-file', () => new Uint8Array(0), 'empty', 'not-a-zip'],
  ['plain-text', () => strToU8('第一版 新闻稿'), 'not-a-zip', 'not-a-zip'],
  ['cut-before-the-end-record', () => two().subarray(0, two().length - 30), 'no-end', 'truncated'],
  ['zip64-entry-count', () => patched(two(), ({ dv, end }) => dv.setUint16(end + 10, 0xffff, true)), 'zip64', 'unsupported'],
  ['second-disk-of-a-spanned-archive', () => patched(two(), ({ dv, end }) => dv.setUint16(end + 4, 1, true)), 'multi-part', 'unsupported'],
  ['more-entries-than-the-limit', () => two(), 'too-many-entries', 'too-large', { limits: { ...LIMITS, maxEntries: 1 } }],
  ['table-of-contents-runs-past-the-end-record', () => patched(two(), ({ dv, end }) => dv.setUint32(end + 12, dv.getUint32(end + 12, true) + 100, true)), 'directory-cut', 'truncated'],
  ['table-of-contents-beyond-the-file', () => patched(two(), ({ dv, end }) => dv.setUint32(end + 16, end + 1, true)), 'directory-outside', 'damaged'],
  ['central-record-signature-broken', () => patched(two(), ({ dv, central }) => dv.setUint32(central[1]!, 0, true)), 'directory-damaged', 'damaged'],
  ['parent-folder-name', () => zip([['../evil.txt', TEXT]]), 'unsafe-name', 'damaged'],
  ['same-name-twice', () => zip([['a.txt', TEXT], ['a.txt', TEXT]]), 'duplicate-name', 'damaged'],
  ['encrypted-entry', () => patched(two(), ({ dv, central }) => dv.setUint16(central[1]! + 8, 1, true)), 'encrypted', 'encrypted'],
  ['unknown-compression-method', () => patched(two(), ({ dv, central }) => dv.setUint16(central[0]! + 10, 12, true)), 'method', 'unsupported'],
  ['stored-entry-declaring-another-size', () => patched(two(false), ({ dv, central }) => dv.setUint32(central[0]! + 24, TEXT.length + 1, true)), 'impossible-size', 'damaged'],
  ['deflated-entry-beyond-what-deflate-gives', () => patched(two(), ({ dv, central }) => dv.setUint32(central[0]! + 24, 0x7fff_ffff, true)), 'impossible-size', 'too-large'],
  ['total-over-the-limit', () => two(), 'too-large-total', 'too-large', { limits: { ...LIMITS, maxTotal: TEXT.length + 10 } }],
  ['local-header-missing', () => patched(two(), ({ dv, central }) => dv.setUint32(central[1]! + 42, dv.getUint32(central[1]! + 42, true) + 1, true)), 'bad-local-header', 'damaged'],
  ['data-runs-into-the-table-of-contents', () => patched(two(), ({ dv, central }) => dv.setUint32(central[1]! + 20, dv.getUint32(central[1]! + 20, true) + 100, true)), 'past-data-end', 'damaged'],
  ['local-header-names-another-entry', () => patched(two(), ({ dv, central }, b) => (b[dv.getUint32(central[0]! + 42, true) + 30] = 0x7a)), 'name-mismatch', 'damaged'],
  ['entries-share-bytes', () => patched(two(), ({ dv, central }) => dv.setUint32(central[0]! + 20, dv.getUint32(central[0]! + 20, true) + 10, true)), 'overlap', 'damaged'],
  ['entry-over-the-callers-limit', () => two(), 'entry-too-large', 'too-large', { maxSize: TEXT.length - 1 }],
  ['deflate-stream-broken', () => patched(two(), ({ dv, central }, b) => (b[dv.getUint32(central[0]! + 42, true) + 30 + 5] = 0xff)), 'inflate-failed', 'damaged'],
  ['inflates-to-more-than-declared', () => patched(two(), ({ dv, central }) => dv.setUint32(central[0]! + 24, TEXT.length - 10, true)), 'size-mismatch', 'damaged'],
  ['checksum-wrong', () => patched(two(), ({ dv, central }) => dv.setUint32(central[0]! + 16, 0x12345678, true)), 'bad-crc', 'damaged'],
];

for (const [name, make, code, kind, opts] of PROBLEMS) {
  test(`zip reader names ${name} as ${code} (${kind})`, () => {
    assert.throws(
      () => readAll(make(), opts?.limits, opts?.maxSize),
      (e: unknown) => {
        assert.ok(e instanceof ZipReadError, String(e));
        assert.equal(e.problem.code, code, e.message);
        assert.equal(e.kind, kind);
        assert.equal(e.message, describeZipProblem(e.problem));
        return true;
      },
    );
  });
}

test('zip reader: the unsafe-name problem carries the reason, the duplicate the name', () => {
  const unsafe = [['C:/x.txt', 'a drive letter'], ['/etc/x', 'an absolute path'], ['a\\b.txt', 'a backslash'], ['word/../x.xml', "a '..' (parent folder) part"]] as const;
  for (const [name, reason] of unsafe) {
    assert.throws(() => readZipDirectory(zip([[name, TEXT]]), LIMITS), (e: unknown) => e instanceof ZipReadError && e.problem.code === 'unsafe-name' && e.problem.reason === reason && e.problem.name === name);
  }
  assert.throws(() => readZipDirectory(zip([['a.txt', TEXT], ['b.txt', TEXT], ['b.txt', TEXT]]), LIMITS), (e: unknown) => e instanceof ZipReadError && e.problem.code === 'duplicate-name' && e.problem.name === 'b.txt');
});

test('zip reader: a broken deflate stream keeps fflate’s error as the cause', () => {
  const b = patched(two(), ({ dv, central }, c) => (c[dv.getUint32(central[0]! + 42, true) + 30 + 5] = 0xff));
  assert.throws(() => readAll(b), (e: unknown) => e instanceof ZipReadError && e.problem.code === 'inflate-failed' && e.cause === e.problem.cause && e.cause instanceof Error);
});

test('zip reader reads back what main writes, what fflate writes and the LibreOffice .docx fixtures', () => {
  assert.deepEqual(readAll(two()), [TEXT, TEXT]);
  assert.deepEqual(readAll(two(false)), [TEXT, TEXT]);
  const names = (b: Uint8Array) => readZipDirectory(b, LIMITS).map((e) => e.name);
  assert.deepEqual(names(zipSync({ 'word/document.xml': TEXT, 'a/b/c.txt': strToU8('') })), ['word/document.xml', 'a/b/c.txt']);
  for (const f of ['story.docx', 'table.docx', 'extras.docx']) {
    const b = fixture(f);
    assert.ok(names(b).includes('word/document.xml'), f);
    assert.equal(readAll(b).length, names(b).length, f);
  }
});

test('zip reader: the per-entry limit is checked before inflating', () => {
  // 1,000:1 zeros declare 20 MiB behind ~20 KB: the limit refuses it before any buffer is made.
  const b = zip([['zeros.bin', new Uint8Array(20 * 1024 ** 2)]]);
  const [e] = readZipDirectory(b, LIMITS);
  assert.throws(() => readZipEntry(b, e!, 1024 ** 2), (err: unknown) => err instanceof ZipReadError && err.problem.code === 'entry-too-large');
  assert.equal(readZipEntry(b, e!).length, 20 * 1024 ** 2);
});
