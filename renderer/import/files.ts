// Imported files to the cleanup's result: plain text (.txt) or a Word document (.docx). The
// editor's import button, "Place articles…" and `banmian new --from-text` all come through here,
// so a file imports the same way everywhere.
//
// Pure: no DOM, no Node; runs in the renderer and in the CLI alike.
import { cleanupText } from './cleanup';
import { looksLikeWordFile, readDocx, type DocxDocument } from './docx';
import { cleanupFormatted, type FormattedParagraph } from './formatted';
import type { CharMark, ImportResult } from './types';

/** A file the text import refuses (binary data, not text); `message` English, `messageZh` Chinese. */
export class TextImportError extends Error {
  override readonly name = 'TextImportError';
  constructor(
    readonly code: 'binary',
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/** Leading bytes of binary formats someone may pick by mistake (images, PDF, executables, archives). */
const BINARY_SIGNATURES: ReadonlyArray<{ what: string; zh: string; bytes: readonly number[] }> = [
  { what: 'a PNG image', zh: 'PNG 图片', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: 'a JPEG image', zh: 'JPEG 图片', bytes: [0xff, 0xd8, 0xff] },
  { what: 'a GIF image', zh: 'GIF 图片', bytes: [0x47, 0x49, 0x46, 0x38] },
  { what: 'a TIFF image', zh: 'TIFF 图片', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { what: 'a TIFF image', zh: 'TIFF 图片', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { what: 'a PDF document', zh: 'PDF 文档', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { what: 'a program', zh: '程序文件', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { what: 'a gzip archive', zh: 'gzip 压缩包', bytes: [0x1f, 0x8b] },
  { what: 'a 7-Zip archive', zh: '7-Zip 压缩包', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { what: 'a RAR archive', zh: 'RAR 压缩包', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { what: 'a RIFF media file (WebP, WAV, AVI)', zh: 'RIFF 媒体文件（WebP、WAV、AVI）', bytes: [0x52, 0x49, 0x46, 0x46] },
];

function refuseBinary(what: string, whatZh: string, name?: string): TextImportError {
  const f = name ? { en: `"${name}"`, zh: `“${name}”` } : { en: 'the file', zh: '该文件' };
  return new TextImportError(
    'binary',
    `${f.en} is ${what}, not text: nothing was imported. Import the copy as a .txt (UTF-8, GB18030 or UTF-16) or .docx file`,
    `${f.zh}是${whatZh}，不是文字：没有导入任何内容。请导入 .txt（UTF-8、GB18030 或 UTF-16）或 .docx 格式的稿件`,
  );
}

/** Share of the characters that are what copy is made of (CJK, Latin, punctuation, line ends). */
function textLikeShare(s: string): number {
  let ok = 0;
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n++;
    if (
      c === 0x09 || c === 0x0a || c === 0x0d ||
      (c >= 0x20 && c < 0x7f) ||
      (c >= 0xa0 && c < 0x0250) ||
      (c >= 0x2000 && c < 0x2070) ||
      (c >= 0x2100 && c < 0x2700) ||
      (c >= 0x2e80 && c < 0xa000) ||
      (c >= 0xf900 && c < 0xfb00) ||
      (c >= 0xfe30 && c < 0xfff0) ||
      c >= 0x20000
    ) ok++;
  }
  return n ? ok / n : 0;
}

/**
 * UTF-16 without a byte-order mark, if the bytes confidently are: NUL bytes (the high byte of
 * ASCII line ends, spaces and digits) mostly at odd positions (little endian) or at even ones
 * (big endian), and the decoded text nearly all characters copy is made of. Null otherwise.
 */
function bomlessUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 1 << 16) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i & 1) odd++;
    else even++;
  }
  const nuls = even + odd;
  if (nuls < 2) return null;
  // ASCII (line ends, spaces, digits) puts NULs on one side; a CJK character like 一 (U+4E00)
  // puts one on the other now and then, so the side need only clearly dominate.
  const enc = odd >= nuls * 0.75 ? 'utf-16le' : even >= nuls * 0.75 ? 'utf-16be' : null;
  if (!enc) return null;
  const text = new TextDecoder(enc).decode(bytes.length & 1 ? bytes.subarray(0, bytes.length - 1) : bytes);
  return textLikeShare(text.slice(0, 20000)) >= 0.97 ? text : null;
}

/**
 * Text bytes as UTF-8, falling back to GB18030 (what copy from Chinese Windows often is). A
 * UTF-16 byte-order mark (Notepad's "Unicode" and "Unicode big endian") is read as UTF-16: those
 * bytes are never valid UTF-8 and would otherwise come out of the GB18030 decoder as mojibake.
 * UTF-16 without a mark is recognised by its NUL bytes (see bomlessUtf16). Binary data (a known
 * image, PDF, program or archive signature, or NUL bytes that are not UTF-16) is refused with a
 * TextImportError rather than imported as pages of □. `name` is only used in messages.
 */
export function decodeText(bytes: Uint8Array, name?: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  for (const sig of BINARY_SIGNATURES) {
    if (bytes.length >= sig.bytes.length && sig.bytes.every((b, i) => bytes[i] === b)) throw refuseBinary(sig.what, sig.zh, name);
  }
  if (bytes.includes(0)) {
    const u16 = bomlessUtf16(bytes);
    if (u16 !== null) return u16;
    throw refuseBinary('binary data', '二进制数据', name);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * A face that covers at least this share of a document's non-space characters is the author's
 * typing face (a press release typed all in 楷体_GB2312, a document set bold throughout), not a
 * distinction within the text, and is not carried over.
 */
const TYPING_FACE_SHARE = 0.9;

/**
 * Word paragraphs as formatted paragraphs: one character style per run, bold before 楷 (the
 * story model gives a run one character style; bold is the stronger signal), faces that the
 * whole document is set in dropped (see TYPING_FACE_SHARE), italic dropped (Chinese type has no
 * italic and the model no italic style). Roles the document states: a heading is a headline; a
 * table cell or a text box is body text (its short lines are not headlines, and a cell is never
 * joined to the next one); other paragraphs are classified by the cleanup as in a .txt.
 */
export function formattedFromDocx(doc: DocxDocument): FormattedParagraph[] {
  let total = 0;
  let bold = 0;
  let kai = 0;
  for (const p of doc.paragraphs) {
    for (const r of p.runs) {
      const n = r.text.replace(/\s+/gu, '').length;
      total += n;
      if (r.bold) bold += n;
      if (r.kai) kai += n;
    }
  }
  const keepBold = bold < total * TYPING_FACE_SHARE;
  const keepKai = kai < total * TYPING_FACE_SHARE;
  return doc.paragraphs.map((p) => ({
    runs: p.runs.map((r) => {
      const mark: CharMark | undefined = r.bold && keepBold ? 'bold' : r.kai && keepKai ? 'kai' : undefined;
      return mark ? { text: r.text, mark } : { text: r.text };
    }),
    ...(p.heading !== undefined ? { role: 'headline' as const } : p.where !== 'body' ? { role: 'body' as const } : {}),
  }));
}

/** A Word document through the cleanup, with its bold and 楷 runs as spans. Throws DocxImportError. */
export function importDocx(bytes: Uint8Array, name?: string): ImportResult {
  return cleanupFormatted(formattedFromDocx(readDocx(bytes, name)));
}


/**
 * Any imported file: a Word document (refused clearly when unreadable) or text (binary data
 * refused with a TextImportError).
 */
export function importFile(name: string, bytes: Uint8Array): ImportResult {
  return looksLikeWordFile(name, bytes) ? importDocx(bytes, name) : cleanupText(decodeText(bytes, name));
}
