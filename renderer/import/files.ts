// Imported files to the cleanup's result: plain text (.txt) or a Word document (.docx). The
// editor's import button, "Place articles…" and `banmian new --from-text` all come through here,
// so a file imports the same way everywhere.
//
// Pure: no DOM, no Node; runs in the renderer and in the CLI alike.
import { cleanupText } from './cleanup';
import { looksLikeWordFile, readDocx, type DocxDocument } from './docx';
import { cleanupFormatted, type FormattedParagraph } from './formatted';
import type { CharMark, ImportResult } from './types';

/**
 * Text bytes as UTF-8, falling back to GB18030 (what copy from Chinese Windows often is). A
 * UTF-16 byte-order mark (Notepad's "Unicode" and "Unicode big endian") is read as UTF-16: those
 * bytes are never valid UTF-8 and would otherwise come out of the GB18030 decoder as mojibake.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
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


/** Any imported file: a Word document (refused clearly when unreadable) or text. */
export function importFile(name: string, bytes: Uint8Array): ImportResult {
  return looksLikeWordFile(name, bytes) ? importDocx(bytes, name) : cleanupText(decodeText(bytes));
}
