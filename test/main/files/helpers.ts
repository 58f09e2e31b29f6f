// Shared builders for the issue-file tests: tiny but well-formed image headers, a sample issue
// with stories, threaded frames, CJK text and assets, and zip surgery for building bad files.
import { strict as assert } from 'node:assert';
import { addAsset } from '../../../main/files/assets';
import { IssueFileError, type IssueFileErrorCode } from '../../../main/files/errors';
import { crc32, writeZip, type ZipInput } from '../../../main/files/zip';
import { newIssue, parseIssue, type Asset, type AssetId, type Issue } from '../../../renderer/model';

const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A PNG signature + IHDR + a private chunk of `4 + extra` filler bytes (varied by `salt`) + IEND. */
export function tinyPng(width: number, height: number, salt = 0, extra = 0): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const td = new Uint8Array(4 + data.length);
    td.set([...type].map((c) => c.charCodeAt(0)));
    td.set(data, 4);
    const out = new Uint8Array(8 + data.length + 4);
    out.set(be32(data.length));
    out.set(td, 4);
    out.set(be32(crc32(td)), 8 + data.length);
    return out;
  };
  const ihdr = Uint8Array.from([...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
  // Filler from an xorshift stream: incompressible, like real photo data.
  const pad = new Uint8Array(4 + extra);
  let x = (salt * 2654435761 + 1) >>> 0 || 1;
  for (let i = 0; i < pad.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    pad[i] = x & 0xff;
  }
  return concat(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('zzZz', pad), chunk('IEND', new Uint8Array(0)));
}

/** The byte arrays one after another. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** SOI, an APP0 (JFIF) segment, SOF0 with the size, EOI. */
export function tinyJpeg(width: number, height: number, salt = 0): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, salt & 0xff];
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

/** A TIFF header with ImageWidth (SHORT) and ImageLength (LONG) in IFD0. */
export function tinyTiff(width: number, height: number, littleEndian = true, salt = 0): Uint8Array {
  const b = new Uint8Array(8 + 2 + 2 * 12 + 4 + 4);
  const dv = new DataView(b.buffer);
  const le = littleEndian;
  b.set(le ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42], 0);
  dv.setUint32(4, 8, le);
  dv.setUint16(8, 2, le);
  dv.setUint16(10, 256, le);
  dv.setUint16(12, 3, le);
  dv.setUint32(14, 1, le);
  dv.setUint16(18, width, le);
  dv.setUint16(22, 257, le);
  dv.setUint16(24, 4, le);
  dv.setUint32(26, 1, le);
  dv.setUint32(30, height, le);
  dv.setUint32(34, 0, le);
  b[b.length - 1] = salt & 0xff;
  return b;
}

export interface Sample {
  issue: Issue;
  assets: Map<AssetId, Uint8Array>;
}

/** CJK body text with full-width punctuation, a rare CJK Extension B character and an emoji. */
export const CJK_TEXT = '天山路街道“邻里节”开幕。居民们在社区广场上载歌载舞，𠀋字与表情😀都要原样保存——包括全角标点：；！？';

/**
 * newIssue() plus two pages of content: a threaded story over two text frames, a headline, an
 * image with caption, a sponsor block with a logo, a masthead; three assets (PNG, JPEG, TIFF).
 */
export function sampleIssue(opts: { extraAssetBytes?: number; salt?: number; paper?: string } = {}): Sample {
  const salt = opts.salt ?? 0;
  const base = newIssue({ preset: 'tabloid', pages: 2, meta: { paper: opts.paper ?? '天山社区晨报', date: '2026-11-22', issueNumber: '总第8545期' } });
  const photo = addAsset(tinyPng(1200, 800, salt, opts.extraAssetBytes ?? 0), 'photos/广场.png');
  const logo = addAsset(tinyJpeg(300, 120, salt), 'logo.jpg');
  const scan = addAsset(tinyTiff(640, 480, true, salt), 'scan.tif');
  const story = {
    id: 's1',
    name: '邻里节开幕',
    paragraphs: [
      { style: 'body', runs: [{ text: CJK_TEXT }] },
      { style: 'body', runs: [{ text: '第二段：' }, { text: '加粗', style: 'bold' }, { text: '。' }] },
    ],
  };
  const caption = { id: 's2', name: '图说', paragraphs: [{ style: 'caption', runs: [{ text: '居民在广场上跳舞。' }] }] };
  const doc = {
    ...base,
    stories: [story, caption],
    assets: [photo.asset, logo.asset, scan.asset],
    pages: [
      {
        ...base.pages[0]!,
        section: '要闻',
        frames: [
          { id: 'h1', kind: 'headline', x: 40, y: 60, width: 500, height: 80, orientation: 'horizontal', decks: [{ role: 'main', text: '邻里节开幕', style: 'headline' }] },
          { id: 't1', kind: 'text', x: 40, y: 150, width: 500, height: 400, storyId: 's1', columns: 3, gutter: 9, next: 't2' },
          { id: 'i1', kind: 'image', x: 40, y: 560, width: 300, height: 200, assetId: photo.asset.id, fit: 'fill' },
          { id: 'c1', kind: 'caption', x: 40, y: 765, width: 300, height: 20, imageId: 'i1', storyId: 's2' },
          { id: 'm1', kind: 'masthead', x: 40, y: 10, width: 500, height: 40, logoAssetId: logo.asset.id },
        ],
      },
      {
        ...base.pages[1]!,
        section: '社区',
        frames: [
          { id: 't2', kind: 'text', x: 40, y: 60, width: 500, height: 400, storyId: 's1', columns: 2, gutter: 9, next: null, wrap: { enabled: true, offset: 4.5 } },
          { id: 'sp1', kind: 'sponsor', x: 40, y: 500, width: 200, height: 100, title: '信用中国守信激励单位', company: '某某公司', lines: ['证书编号:001'], stroke: 'black', logoAssetId: scan.asset.id },
          { id: 'i2', kind: 'image', x: 300, y: 500, width: 100, height: 100, assetId: photo.asset.id, fit: 'fit' },
        ],
      },
    ],
  };
  const issue = parseIssue(doc);
  const assets = new Map<AssetId, Uint8Array>([
    [photo.asset.id, photo.bytes],
    [logo.asset.id, logo.bytes],
    [scan.asset.id, scan.bytes],
  ]);
  return { issue, assets };
}

export const enc = new TextEncoder();
export const dec = new TextDecoder();

/** A .banmian-like zip from raw parts: for building bad files. */
export function zipOf(entries: Array<[string, Uint8Array | string]>, compress = true): Uint8Array {
  const list: ZipInput[] = entries.map(([name, data]) => ({ name, data: typeof data === 'string' ? enc.encode(data) : data, compress }));
  return writeZip(list);
}

/** issue.json text of a valid sample issue (as written), and its assets as archive entries. */
export function sampleEntries(s: Sample = sampleIssue()): Array<[string, Uint8Array | string]> {
  const out: Array<[string, Uint8Array | string]> = [['issue.json', JSON.stringify(s.issue, null, 2)]];
  for (const a of s.issue.assets) out.push([assetName(a), s.assets.get(a.id)!]);
  return out;
}

export function assetName(a: Asset): string {
  return `assets/${a.id}.${a.mime === 'image/jpeg' ? 'jpg' : a.mime === 'image/png' ? 'png' : 'tif'}`;
}

/** Offsets of every central-directory record in a zip (signature PK\1\2). */
export function centralOffsets(zip: Uint8Array): number[] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.length - 22; i >= 0; i--) if (dv.getUint32(i, true) === 0x06054b50) { end = i; break; }
  assert.ok(end >= 0, 'no end record');
  const count = dv.getUint16(end + 10, true);
  let p = dv.getUint32(end + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(p);
    p += 46 + dv.getUint16(p + 28, true) + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
  }
  return out;
}

/** Asserts `fn` throws an IssueFileError with `code` whose messages give advice. Returns it. */
export function expectIssueError(fn: () => unknown, code: IssueFileErrorCode, mentions?: RegExp): IssueFileError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkIssueError(caught, code, mentions);
}

export async function expectIssueErrorAsync(fn: () => Promise<unknown>, code: IssueFileErrorCode, mentions?: RegExp): Promise<IssueFileError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  return checkIssueError(caught, code, mentions);
}

/** Words that mark the advice part of a message ("what to do"). */
export const ADVICE = /\b(Open|Copy|Save|Update|Free|Choose|Check|Convert|Reduce|ask|Place|fix|correct|report)\b/i;
export const ADVICE_ZH = /请/;

function checkIssueError(caught: unknown, code: IssueFileErrorCode, mentions?: RegExp): IssueFileError {
  assert.ok(caught !== undefined, `expected IssueFileError ${code}, but nothing was thrown`);
  assert.ok(caught instanceof IssueFileError, `expected IssueFileError ${code}, got ${String((caught as Error)?.stack ?? caught)}`);
  assert.equal(caught.code, code, `code: ${caught.message}`);
  assert.match(caught.message, ADVICE, `the message says what to do: ${caught.message}`);
  assert.match(caught.messageZh, ADVICE_ZH, `the Chinese message says what to do: ${caught.messageZh}`);
  assert.ok(!caught.message.includes('\n'), 'the English message is one line');
  if (mentions) assert.match(caught.message, mentions);
  return caught;
}

/** The two documents the kill test alternates between: large (several MB of image bytes) and distinct. */
export function killTestIssue(label: 'A' | 'B', assetBytes: number): Sample {
  return sampleIssue({ paper: `${label} 报`, salt: label === 'A' ? 1 : 2, extraAssetBytes: assetBytes });
}

