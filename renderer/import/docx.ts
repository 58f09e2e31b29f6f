// Reading copy out of a Microsoft Word document (.docx, also .docm/.dotx and ISO Strict files):
// bytes → paragraphs of runs with bold, italic and 楷 (Kai) faces, and a heading hint per
// paragraph, so that the import can recognise a headline that the writer marked as one.
//
// What is read: the main document part only (found through the package relationships, not by a
// fixed name), with its styles part for the style-inherited faces and heading names. Headers,
// footers, footnote and endnote texts and comments are not copy for the page and are not read.
//
// WordprocessingML (ECMA-376 Part 1 §17) as it reaches a layout desk:
// - w:p is a paragraph wherever it is: in the body, in a table cell (each cell paragraph is a
//   paragraph, in reading order), or in a text box (w:txbxContent), whose paragraphs follow the
//   paragraph they are anchored in.
// - Text: w:t (outside xml:space="preserve", leading and trailing blanks are layout, not text,
//   and go); w:tab and w:ptab give a tab; w:br (any type) and w:cr a line break '\n', which the
//   cleanup treats as the line break of a .txt; w:noBreakHyphen gives '-' (U+002D: every bundled
//   face has it and the engine never breaks inside a Latin or numeric token, which is where
//   Word's non-breaking hyphen is used); w:softHyphen gives nothing; w:sym gives its character,
//   or U+FFFD when it is a symbol-font code (F000–F0FF, Wingdings and the like), which the import
//   reports as a lost glyph for the desk to check.
// - Fields: the field code (w:instrText, and everything between a w:fldChar "begin" and its
//   "separate") is never text; the result (what Word shows) is. A code still open at a
//   paragraph's end is closed there, so a broken field cannot swallow the rest of the document.
//   w:fldSimple shows its content, never its w:instr.
// - Tracked changes are read as accepted: w:ins and w:moveTo are kept, w:del, w:moveFrom and
//   w:delText are skipped, and a paragraph whose mark was deleted runs on into the next one.
//   Formatting changes (w:rPrChange, w:pPrChange) are the OLD formatting and are skipped.
// - mc:AlternateContent holds the same content twice (a text box as DrawingML in mc:Choice and
//   as VML in mc:Fallback): the first mc:Choice is read, or the mc:Fallback when there is none.
// - Skipped: footnote and endnote references, comment marks, ruby annotations (w:rt; the base
//   text is kept), hidden text (w:vanish), content-control properties, math (m:t is not w:t).
// - Faces: bold is w:b, italic w:i, resolved as Word does through the document defaults, the
//   paragraph style and the character style (each with its w:basedOn chain) and the run's own
//   properties. w:b and w:i are toggle properties (§17.7.3): in a style, "on" flips the value
//   inherited from the level above and "off" leaves it; in the run's own properties the value is
//   absolute, so w:b w:val="0" (or "false", "off") is not bold. w:bCs and w:iCs are the faces of
//   complex-script text (Arabic, Hebrew); Word does not use them for Chinese, so neither do we.
//   The Kai face is the East Asian font (w:rFonts w:eastAsia) resolved the same way: a name
//   with 楷 or Kai (楷体, KaiTi, STKaiti, 华文楷体, 楷体_GB2312, AR PL UKai, DFKai-SB).
//   Theme fonts (w:eastAsiaTheme) are the theme's body and heading fonts, never a Kai face in
//   practice, and are read as "not Kai".
// - Heading hint: a paragraph style named Title, Subtitle, heading 1–9, or with 标题 / 標題 in
//   its name (Word writes the built-in names in English whatever the UI language; WPS and
//   Chinese templates name their own 标题, 主标题, 副标题), or an outline level 0–8 (w:outlineLvl
//   in the style chain or the paragraph).
//
// Refused with a DocxImportError in English and Chinese that says what to do: bytes that are not
// a zip archive (plain text, RTF, PDF), an OLE compound file (an old binary .doc, or a .docx
// encrypted with a password, which Word stores inside an OLE file), a zip that is not a Word
// document (.xlsx, .pptx, .odt), a damaged or truncated archive, a part too large to be copy.
// The archive is checked by the same reader as a .banmian file (renderer/import/zip.ts), with the
// limits below: an entry name that is unsafe (../, absolute, a drive) or there twice, zip's own
// encryption on any entry, or a declared size DEFLATE cannot give refuses the whole file, even
// when the entry is not one we read; Word, WPS and LibreOffice never write such archives.
//
// Pure: no DOM, no Node; runs in the renderer and in the CLI alike.
import { decodeXmlBytes, parseXml } from './xml';
import { MAX_DEFLATE_RATIO, readZipDirectory, readZipEntry, startsLikeZip, ZipReadError, type ZipEntry, type ZipLimits } from './zip';

// ---------------------------------------------------------------------------------------------
// the result

export interface DocxRun {
  /** May hold '\t' (tab) and '\n' (line break). */
  text: string;
  bold: boolean;
  italic: boolean;
  /** The East Asian font is a Kai (楷) face. */
  kai: boolean;
  /** The East Asian font name as resolved, if the document names one. */
  font?: string;
}

export interface DocxParagraph {
  /** Adjacent runs with the same faces are merged; may be empty (an empty paragraph). */
  runs: DocxRun[];
  /** The paragraph style's name as the document gives it (`heading 1`, `Title`, `标题 1`). */
  style?: string;
  /**
   * Set when the paragraph is marked as a heading: 0 for a title, subtitle or a 标题 style
   * without a number, 1–9 for heading levels and outline levels (outline level 0 is heading 1).
   */
  heading?: number;
  /** Where the paragraph stands: body text, a table cell or a text box. */
  where: 'body' | 'table' | 'textbox';
}

export interface DocxDocument {
  paragraphs: DocxParagraph[];
}

export type DocxErrorCode = 'not-a-zip' | 'old-doc' | 'encrypted' | 'not-word' | 'damaged' | 'too-large';

/** A file the .docx import cannot read; `message` is English, `messageZh` Chinese, both say what to do. */
export class DocxImportError extends Error {
  override readonly name = 'DocxImportError';
  constructor(
    readonly code: DocxErrorCode,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// limits

/**
 * Largest main-document or styles part read, uncompressed. A newspaper story's document.xml is
 * under 1 MB and a 1,000-page book's about 30 MB; beyond 64 MiB the file is not copy for a page.
 */
const MAX_PART = 64 * 1024 ** 2;
/** Largest small part (relationships, content types, ODF mimetype). */
const MAX_SMALL_PART = 4 * 1024 ** 2;
/**
 * What the archive as a whole may hold. A Word file has a few dozen entries; thousands of embedded
 * images are still far below 20,000. No total: only the few parts read here are ever inflated,
 * each bounded by MAX_PART or MAX_SMALL_PART, and the rest (images, fonts, embedded objects) is
 * listed but never inflated, so its size costs nothing.
 */
const ZIP_LIMITS: ZipLimits = { maxEntries: 20_000, maxTotal: Infinity, maxRatio: MAX_DEFLATE_RATIO };
/** basedOn chains longer than this are broken (or cyclic) documents; Word's own are < 10. */
const MAX_STYLE_DEPTH = 32;

// ---------------------------------------------------------------------------------------------
// refusing what is not a .docx

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function label(name: string | undefined): { en: string; zh: string } {
  return name ? { en: `"${name}"`, zh: `“${name}”` } : { en: 'The file', zh: '该文件' };
}

const SAVE_AS_DOCX = {
  en: 'Open it in Word or WPS and save it as Word Document (.docx), or save it as plain text (.txt), then import that.',
  zh: '请用 Word 或 WPS 打开，另存为“Word 文档（.docx）”或纯文本（.txt）后再导入。',
};

/**
 * Stream names in the root directory of an OLE compound file (MS-CFB §2.6), or null when the
 * structure cannot be followed. Only the first 109 FAT sectors (listed in the header) are used:
 * enough for files up to ~7 MB with 512-byte sectors, which is where the directory is found in
 * every real .doc and encrypted .docx; beyond that we fall back to a message naming both cases.
 */
export function oleStreamNames(b: Uint8Array): Set<string> | null {
  if (b.length < 512 || !OLE_MAGIC.every((x, i) => b[i] === x)) return null;
  const u16 = (o: number) => b[o]! | (b[o + 1]! << 8);
  const u32 = (o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  const shift = u16(30);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sector = (s: number) => (s + 1) * size;
  const fat: number[] = [];
  const nFat = Math.min(u32(44), 109);
  for (let k = 0; k < nFat; k++) {
    const s = u32(76 + 4 * k);
    if (s >= 0xfffffffa || sector(s) + size > b.length) break;
    for (let o = 0; o < size; o += 4) fat.push(u32(sector(s) + o));
  }
  const names = new Set<string>();
  const dec = new TextDecoder('utf-16le');
  let s = u32(48);
  // Each directory sector is visited at most once: a FAT loop cannot hang us.
  for (let steps = 0; s < 0xfffffffa && steps <= b.length / size; steps++) {
    const at = sector(s);
    if (at + size > b.length) break;
    for (let o = at; o < at + size; o += 128) {
      const len = u16(o + 64);
      if (b[o + 66] !== 0 && len >= 2 && len <= 64) names.add(dec.decode(b.subarray(o, o + len - 2)));
    }
    s = fat[s] ?? 0xfffffffe;
  }
  return names.size ? names : null;
}

function refuseOle(bytes: Uint8Array, name: string | undefined): DocxImportError {
  const f = label(name);
  const streams = oleStreamNames(bytes);
  if (streams?.has('EncryptedPackage') || streams?.has('EncryptionInfo')) {
    return new DocxImportError(
      'encrypted',
      `${f.en} is protected with a password (an encrypted Word document), so its text cannot be read. Open it in Word or WPS, remove the password (File > Info > Protect Document > Encrypt with Password, clear it), save, and import it again.`,
      `${f.zh}设有打开密码（已加密的 Word 文档），无法读取其中的文字。请用 Word 或 WPS 打开，取消密码（文件 > 信息 > 保护文档 > 用密码进行加密，清空密码）并保存后再导入。`,
    );
  }
  if (streams?.has('WordDocument')) {
    return new DocxImportError(
      'old-doc',
      `${f.en} is an old Word 97–2003 document (.doc), which Banmian cannot read. ${SAVE_AS_DOCX.en}`,
      `${f.zh}是旧版 Word 97–2003 文档（.doc），版面无法读取。${SAVE_AS_DOCX.zh}`,
    );
  }
  if (streams?.has('Workbook') || streams?.has('Book') || streams?.has('PowerPoint Document')) {
    const what = streams.has('PowerPoint Document') ? { en: 'an old PowerPoint presentation (.ppt)', zh: '旧版 PowerPoint 演示文稿（.ppt）' } : { en: 'an old Excel workbook (.xls)', zh: '旧版 Excel 工作簿（.xls）' };
    return new DocxImportError(
      'not-word',
      `${f.en} is ${what.en}, not a Word document. Copy its text into a Word document (.docx) or a .txt file and import that.`,
      `${f.zh}是${what.zh}，不是 Word 文档。请把其中的文字复制到 Word 文档（.docx）或 .txt 文件后再导入。`,
    );
  }
  return new DocxImportError(
    'old-doc',
    `${f.en} is an old Office file (an OLE compound file): an old Word 97–2003 document (.doc), or a Word document protected with a password. Remove any password, then ${SAVE_AS_DOCX.en[0]!.toLowerCase()}${SAVE_AS_DOCX.en.slice(1)}`,
    `${f.zh}是旧版 Office 文件（OLE 复合文件）：可能是 Word 97–2003 文档（.doc），或设有密码的 Word 文档。请先取消密码，再${SAVE_AS_DOCX.zh.slice(1)}`,
  );
}

function refuseNotZip(bytes: Uint8Array, name: string | undefined): DocxImportError {
  const f = label(name);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 16));
  if (bytes.length === 0) {
    return new DocxImportError('not-a-zip', `${f.en} is empty. Ask the sender for the document again.`, `${f.zh}是空文件。请向发送者重新索取文档。`);
  }
  if (head.startsWith('{\\rtf')) {
    return new DocxImportError(
      'not-a-zip',
      `${f.en} is a Rich Text (RTF) file, not a Word document (.docx). ${SAVE_AS_DOCX.en}`,
      `${f.zh}是 RTF 格式文件，不是 Word 文档（.docx）。${SAVE_AS_DOCX.zh}`,
    );
  }
  if (head.startsWith('%PDF')) {
    return new DocxImportError(
      'not-a-zip',
      `${f.en} is a PDF, not a Word document (.docx). Copy its text into a .txt file and import that.`,
      `${f.zh}是 PDF 文件，不是 Word 文档（.docx）。请把其中的文字复制到 .txt 文件后再导入。`,
    );
  }
  return new DocxImportError(
    'not-a-zip',
    `${f.en} is not a Word document (.docx): a .docx is a zip archive and this file is not one. If it is plain text, import it as a .txt file; otherwise ${SAVE_AS_DOCX.en[0]!.toLowerCase()}${SAVE_AS_DOCX.en.slice(1)}`,
    `${f.zh}不是 Word 文档（.docx）：.docx 是 zip 压缩包，而该文件不是。如果是纯文本，请作为 .txt 文件导入；否则${SAVE_AS_DOCX.zh.slice(1)}`,
  );
}

function refuseZip(e: ZipReadError, name: string | undefined): DocxImportError {
  const f = label(name);
  if (e.kind === 'encrypted') return encryptedZip(f);
  if (e.kind === 'too-large') {
    return new DocxImportError(
      'too-large',
      `${f.en} is too large to be the copy of a story (${e.message}). Split the document, or save the part you need as its own .docx.`,
      // the zip detail is English-only technical text: the Chinese message stays Chinese
      `${f.zh}过大，不像是一篇稿件。请拆分文档，或把需要的部分另存为单独的 .docx。`,
    );
  }
  const truncated = e.kind === 'truncated';
  return new DocxImportError(
    'damaged',
    `${f.en} is ${truncated ? 'incomplete (cut off while copying or downloading?)' : 'damaged'}: ${e.message}. Open it in Word or WPS and save it again, or ask the sender for it again.`,
    `${f.zh}${truncated ? '不完整（可能在复制或下载时被截断）' : '已损坏'}。请用 Word 或 WPS 打开后重新保存，或向发送者重新索取。`,
  );
}

/** A zip whose entries are encrypted (zip's own encryption, not Word's). */
function encryptedZip(f: { en: string; zh: string }): DocxImportError {
  return new DocxImportError(
    'encrypted',
    `${f.en} is encrypted, so its text cannot be read. Save it again from Word or WPS without a password and import it again.`,
    `${f.zh}已加密，无法读取其中的文字。请用 Word 或 WPS 取消密码后重新保存，再导入。`,
  );
}

function notWord(what: { en: string; zh: string } | null, name: string | undefined): DocxImportError {
  const f = label(name);
  if (!what) {
    return new DocxImportError(
      'not-word',
      `${f.en} is a zip archive but not a Word document (it has no Word main document part). ${SAVE_AS_DOCX.en}`,
      `${f.zh}是 zip 压缩包，但不是 Word 文档（其中没有 Word 正文部分）。${SAVE_AS_DOCX.zh}`,
    );
  }
  return new DocxImportError(
    'not-word',
    `${f.en} is ${what.en}, not a Word document (.docx). ${what.en.includes('OpenDocument') ? 'Save it as Word Document (.docx) in LibreOffice or WPS, or as plain text (.txt), then import that.' : 'Copy its text into a Word document (.docx) or a .txt file and import that.'}`,
    `${f.zh}是${what.zh}，不是 Word 文档（.docx）。${what.en.includes('OpenDocument') ? '请在 LibreOffice 或 WPS 中另存为“Word 文档（.docx）”或纯文本（.txt）后再导入。' : '请把其中的文字复制到 Word 文档（.docx）或 .txt 文件后再导入。'}`,
  );
}

// ---------------------------------------------------------------------------------------------
// the package: finding the main document and its styles

const WORD_MAIN = /wordprocessingml\.(?:document|template)\.main\+xml|ms-word\.(?:document|template)\.macroEnabled(?:Template)?\.main\+xml/i;

interface Pkg {
  bytes: Uint8Array;
  byName: Map<string, ZipEntry>;
  name: string | undefined;
}

/** OPC part names compare case-insensitively (ECMA-376 Part 2 §6.2.2.3). */
const key = (partName: string): string => partName.replace(/^\/+/, '').toLowerCase();

function part(pkg: Pkg, partName: string, max: number): Uint8Array | null {
  const e = pkg.byName.get(key(partName));
  if (!e) return null;
  try {
    return readZipEntry(pkg.bytes, e, max);
  } catch (err) {
    if (err instanceof ZipReadError) throw refuseZip(err, pkg.name);
    throw err;
  }
}

/** Resolves a relationship target against the folder of its source part. */
function resolveTarget(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // a malformed escape: use the target as written
  }
  t = t.split('#')[0]!;
  const base = t.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** Relationships of a part: type → first target (resolved to a part name). */
function relationships(pkg: Pkg, sourcePart: string): Map<string, string> {
  const dir = sourcePart.split('/').slice(0, -1).join('/');
  const file = sourcePart.split('/').pop() ?? '';
  const relsName = `${dir ? `${dir}/` : ''}_rels/${file}.rels`;
  const bytes = part(pkg, relsName, MAX_SMALL_PART);
  const out = new Map<string, string>();
  if (!bytes) return out;
  parseXml(decodeXmlBytes(bytes), {
    open(name, attrs) {
      if (!name.endsWith('Relationship')) return;
      const type = attrs.get('Type') ?? '';
      const target = attrs.get('Target');
      if (target === undefined || attrs.get('TargetMode') === 'External') return;
      // Transitional and Strict types differ in their base URI but end alike.
      const short = type.slice(type.lastIndexOf('/') + 1);
      if (!out.has(short)) out.set(short, resolveTarget(sourcePart, target));
    },
    close() {},
    text() {},
  });
  return out;
}

/** Content type of a part from [Content_Types].xml (Override, then Default by extension). */
function contentType(pkg: Pkg, partName: string): string | null {
  const bytes = part(pkg, '[Content_Types].xml', MAX_SMALL_PART);
  if (!bytes) return null;
  const want = `/${key(partName)}`;
  const ext = partName.split('.').pop()?.toLowerCase() ?? '';
  let override: string | null = null;
  let byExt: string | null = null;
  parseXml(decodeXmlBytes(bytes), {
    open(name, attrs) {
      if (name.endsWith('Override') && (attrs.get('PartName') ?? '').toLowerCase() === want) override = attrs.get('ContentType') ?? null;
      else if (name.endsWith('Default') && (attrs.get('Extension') ?? '').toLowerCase() === ext) byExt = attrs.get('ContentType') ?? null;
    },
    close() {},
    text() {},
  });
  return override ?? byExt;
}

/** What a zip that is not a Word document is, for the message. */
function foreignZipKind(pkg: Pkg): { en: string; zh: string } | null {
  const mimetype = part(pkg, 'mimetype', MAX_SMALL_PART);
  const mt = mimetype ? new TextDecoder('latin1').decode(mimetype).trim() : '';
  if (mt.startsWith('application/vnd.oasis.opendocument.text')) return { en: 'an OpenDocument text (.odt)', zh: 'OpenDocument 文本（.odt）' };
  if (mt.startsWith('application/vnd.oasis.opendocument')) return { en: 'an OpenDocument file (.ods, .odp …)', zh: 'OpenDocument 文件（.ods、.odp 等）' };
  const names = [...pkg.byName.keys()];
  if (names.some((n) => n.startsWith('xl/'))) return { en: 'an Excel workbook (.xlsx)', zh: 'Excel 工作簿（.xlsx）' };
  if (names.some((n) => n.startsWith('ppt/'))) return { en: 'a PowerPoint presentation (.pptx)', zh: 'PowerPoint 演示文稿（.pptx）' };
  if (names.includes('issue.json')) return { en: 'a Banmian issue (.banmian)', zh: '版面文件（.banmian）' };
  return null;
}

// ---------------------------------------------------------------------------------------------
// styles

interface RunProps {
  b?: boolean;
  i?: boolean;
  vanish?: boolean;
  /** East Asian font name; '' for a theme font (not a Kai face). */
  font?: string;
}

interface StyleDef {
  type: string;
  name?: string;
  basedOn?: string;
  rPr: RunProps;
  outline?: number;
}

interface Styles {
  defaults: RunProps;
  byId: Map<string, StyleDef>;
  /** The paragraph style a paragraph without w:pStyle has (w:default="1"). */
  defaultParagraph?: string;
}

/** ST_OnOff: absent val, "1", "true", "on" are on; "0", "false", "off" are off. */
function onOff(attrs: ReadonlyMap<string, string>): boolean {
  const v = attrs.get('w:val');
  return v === undefined || !/^(?:0|false|off)$/i.test(v.trim());
}

/** Reads one run-property child (w:b, w:i, w:vanish, w:rFonts) into `into`; others are ignored. */
function readRunProp(name: string, attrs: ReadonlyMap<string, string>, into: RunProps): void {
  switch (name) {
    case 'w:b':
      into.b = onOff(attrs);
      break;
    case 'w:i':
      into.i = onOff(attrs);
      break;
    case 'w:vanish':
      into.vanish = onOff(attrs);
      break;
    case 'w:rFonts': {
      // A theme attribute takes precedence over the explicit name (§17.3.2.26).
      if (attrs.has('w:eastAsiaTheme')) into.font = '';
      else {
        const ea = attrs.get('w:eastAsia');
        if (ea !== undefined) into.font = ea;
      }
      break;
    }
  }
}

function readStyles(bytes: Uint8Array | null): Styles {
  const styles: Styles = { defaults: {}, byId: new Map() };
  if (!bytes) return styles;
  const path: string[] = [];
  let cur: StyleDef | null = null;
  let curId = '';
  let skip = 0;
  parseXml(decodeXmlBytes(bytes), {
    open(name, attrs) {
      const parent = path[path.length - 1];
      path.push(name);
      if (skip) return void skip++;
      if (name === 'w:rPrChange' || name === 'w:pPrChange' || name === 'w:tblStylePr') return void (skip = 1);
      if (name === 'w:style' && parent === 'w:styles') {
        curId = attrs.get('w:styleId') ?? '';
        cur = { type: attrs.get('w:type') ?? 'paragraph', rPr: {} };
        if (cur.type === 'paragraph' && onOff2(attrs.get('w:default'))) styles.defaultParagraph = curId;
        return;
      }
      const grand = path[path.length - 3];
      if (cur && parent === 'w:style') {
        if (name === 'w:name') cur.name = attrs.get('w:val');
        else if (name === 'w:basedOn') cur.basedOn = attrs.get('w:val');
      } else if (cur && parent === 'w:pPr' && grand === 'w:style' && name === 'w:outlineLvl') {
        const v = Number(attrs.get('w:val'));
        if (Number.isInteger(v)) cur.outline = v;
      } else if (parent === 'w:rPr' && grand === 'w:style' && cur) readRunProp(name, attrs, cur.rPr);
      else if (parent === 'w:rPr' && grand === 'w:rPrDefault') readRunProp(name, attrs, styles.defaults);
    },
    close(name) {
      path.pop();
      if (skip) return void skip--;
      if (name === 'w:style' && cur) {
        if (curId && !styles.byId.has(curId)) styles.byId.set(curId, cur);
        cur = null;
      }
    },
    text() {},
  });
  return styles;
}

const onOff2 = (v: string | undefined): boolean => v !== undefined && /^(?:1|true|on)$/i.test(v.trim());

/** A style's chain from the root ancestor to itself, cut at MAX_STYLE_DEPTH and at any cycle. */
function chain(styles: Styles, id: string | undefined): StyleDef[] {
  const out: StyleDef[] = [];
  const seen = new Set<string>();
  for (let s = id; s !== undefined && !seen.has(s) && out.length < MAX_STYLE_DEPTH; ) {
    seen.add(s);
    const def = styles.byId.get(s);
    if (!def) break;
    out.unshift(def);
    s = def.basedOn;
  }
  return out;
}

/** Properties of a style with its basedOn chain: a derived style's own value replaces its base's. */
function chainProps(defs: readonly StyleDef[]): RunProps {
  const p: RunProps = {};
  for (const d of defs) {
    if (d.rPr.b !== undefined) p.b = d.rPr.b;
    if (d.rPr.i !== undefined) p.i = d.rPr.i;
    if (d.rPr.vanish !== undefined) p.vanish = d.rPr.vanish;
    if (d.rPr.font !== undefined) p.font = d.rPr.font;
  }
  return p;
}

/**
 * A toggle property (§17.7.3): the document default, flipped by each style level that turns it
 * on (paragraph style, then character style; "off" in a style leaves it), and set outright by the
 * run's own properties.
 */
function toggle(def: boolean | undefined, para: boolean | undefined, char: boolean | undefined, direct: boolean | undefined): boolean {
  if (direct !== undefined) return direct;
  let v = def ?? false;
  if (para) v = !v;
  if (char) v = !v;
  return v;
}

/** Font names of Kai (楷) faces: 楷体, KaiTi, STKaiti, 楷体_GB2312, DFKai-SB, AR PL UKai, AR PL KaitiM GB … */
export function isKaiFont(name: string): boolean {
  const s = name.toLowerCase();
  // "kai" must end its word (or be kaiti / kaitim): Kailasa, a Tibetan face, is not Kai.
  return s.includes('楷') || /kai(?:ti|tim)?(?![a-z])/.test(s);
}

const HEADING_NAME = /^(?:title|subtitle|heading([1-9]))$/;

/** The heading hint of a paragraph style name and outline level (see the file comment). */
function headingOf(styleName: string | undefined, outline: number | undefined): number | undefined {
  if (styleName !== undefined) {
    const n = styleName.toLowerCase().replace(/\s+/g, '');
    const m = HEADING_NAME.exec(n);
    if (m) return m[1] ? Number(m[1]) : 0;
    const zh = /[标標][题題](\d)?/.exec(n);
    if (zh) return zh[1] ? Math.min(9, Number(zh[1])) || 0 : 0;
  }
  // Outline level 9 is body text (§17.3.1.20); 0–8 are heading levels 1–9.
  if (outline !== undefined && outline >= 0 && outline <= 8) return outline + 1;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// the main document

interface ParaState {
  runs: DocxRun[];
  styleId?: string;
  outline?: number;
  markDeleted: boolean;
  where: DocxParagraph['where'];
  /** Text-box paragraphs anchored in this one: they follow it. */
  after: DocxParagraph[];
}

interface RunState {
  direct: RunProps;
  rStyle?: string;
  /** Resolved faces, computed when the first text arrives (the properties come first). */
  faces?: { bold: boolean; italic: boolean; kai: boolean; hidden: boolean; font?: string };
}

/** Elements whose whole content is skipped (see the file comment). */
const SKIP = new Set([
  'w:del', 'w:moveFrom', 'w:delText', 'w:delInstrText', 'w:instrText', 'w:rPrChange', 'w:pPrChange', 'w:sectPrChange', 'w:tblPrChange',
  'w:tblGridChange', 'w:trPrChange', 'w:tcPrChange', 'w:numberingChange', 'w:rt', 'w:footnoteReference', 'w:endnoteReference',
  'w:commentReference', 'w:sdtPr', 'w:sdtEndPr', 'w:fldData', 'w:sectPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:tcPr',
]);

function readDocument(xml: string, styles: Styles): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  const path: string[] = [];
  /** Open paragraphs (a text box nests one inside a run of another) and their open runs. */
  const paras: ParaState[] = [];
  const runs: Array<RunState | null> = [];
  /** Open fields: true while in the field code (before "separate"). */
  const fields: boolean[] = [];
  /** Per open mc:AlternateContent: whether one of its branches has been taken. */
  const alternates: boolean[] = [];
  let skip = 0;
  let tables = 0;
  let textBoxes = 0;
  /** Runs of a paragraph whose mark was deleted, waiting for the next paragraph. */
  let merge: { runs: DocxRun[]; after: DocxParagraph[] } | null = null;
  let tText: { preserve: boolean; buf: string } | null = null;

  const defaults = styles.defaults;
  const propsMemo = new Map<string, RunProps>();
  const styleProps = (id: string | undefined): RunProps => {
    if (id === undefined) return {};
    let p = propsMemo.get(id);
    if (!p) propsMemo.set(id, (p = chainProps(chain(styles, id))));
    return p;
  };
  const facesOf = (p: ParaState, r: RunState): NonNullable<RunState['faces']> => {
    const pp = styleProps(p.styleId ?? styles.defaultParagraph);
    const cp = styleProps(r.rStyle);
    const font = r.direct.font ?? cp.font ?? pp.font ?? defaults.font;
    return {
      bold: toggle(defaults.b, pp.b, cp.b, r.direct.b),
      italic: toggle(defaults.i, pp.i, cp.i, r.direct.i),
      hidden: toggle(defaults.vanish, pp.vanish, cp.vanish, r.direct.vanish),
      kai: font !== undefined && font !== '' && isKaiFont(font),
      ...(font ? { font } : {}),
    };
  };
  const emit = (s: string): void => {
    if (s === '' || fields.some((code) => code)) return;
    const p = paras[paras.length - 1];
    const r = runs[runs.length - 1];
    if (!p || !r) return;
    r.faces ??= facesOf(p, r);
    if (r.faces.hidden) return;
    const { bold, italic, kai, font } = r.faces;
    const last = p.runs[p.runs.length - 1];
    if (last && last.bold === bold && last.italic === italic && last.kai === kai && last.font === font) last.text += s;
    else p.runs.push({ text: s, bold, italic, kai, ...(font !== undefined ? { font } : {}) });
  };
  const finishParagraph = (p: ParaState): void => {
    // A field code cannot run past its paragraph (see the file comment).
    for (let k = 0; k < fields.length; k++) fields[k] = false;
    if (p.markDeleted) {
      merge = { runs: p.runs, after: p.after };
      return;
    }
    const def = p.styleId !== undefined ? styles.byId.get(p.styleId) : styles.defaultParagraph !== undefined ? styles.byId.get(styles.defaultParagraph) : undefined;
    let outline = p.outline;
    if (outline === undefined) for (const d of chain(styles, p.styleId ?? styles.defaultParagraph)) if (d.outline !== undefined) outline = d.outline;
    const heading = headingOf(def?.name, outline);
    const para: DocxParagraph = { runs: p.runs, where: p.where, ...(def?.name !== undefined ? { style: def.name } : {}), ...(heading !== undefined ? { heading } : {}) };
    const outer = paras[paras.length - 1];
    const target = outer ? outer.after : out;
    target.push(para, ...p.after);
  };

  parseXml(xml, {
    open(name, attrs) {
      const parent = path[path.length - 1];
      const grand = path[path.length - 2];
      path.push(name);
      if (skip) return void skip++;
      // A deleted (or moved-away) paragraph mark: the paragraph runs on into the next one.
      if ((name === 'w:del' || name === 'w:moveFrom') && parent === 'w:rPr' && grand === 'w:pPr') {
        const p = paras[paras.length - 1];
        if (p) p.markDeleted = true;
        skip = 1;
        return;
      }
      if (SKIP.has(name)) return void (skip = 1);
      switch (name) {
        case 'mc:AlternateContent':
          alternates.push(false);
          return;
        case 'mc:Choice':
        case 'mc:Fallback':
          if (parent !== 'mc:AlternateContent' || alternates[alternates.length - 1]) return void (skip = 1);
          alternates[alternates.length - 1] = true;
          return;
        case 'w:tbl':
          tables++;
          return;
        case 'w:txbxContent':
          textBoxes++;
          return;
        case 'w:p': {
          const p: ParaState = { runs: [], markDeleted: false, where: textBoxes ? 'textbox' : tables ? 'table' : 'body', after: [] };
          if (merge) {
            p.runs = merge.runs;
            p.after = merge.after;
            merge = null;
          }
          paras.push(p);
          runs.push(null);
          return;
        }
        case 'w:r':
          if (paras.length) runs[runs.length - 1] = { direct: {} };
          return;
        case 'w:t':
          if (parent === 'w:r') tText = { preserve: attrs.get('xml:space') === 'preserve', buf: '' };
          return;
      }
      const p = paras[paras.length - 1];
      const r = runs[runs.length - 1];
      if (p && parent === 'w:pPr' && grand === 'w:p') {
        if (name === 'w:pStyle') p.styleId = attrs.get('w:val');
        else if (name === 'w:outlineLvl') {
          const v = Number(attrs.get('w:val'));
          if (Number.isInteger(v)) p.outline = v;
        }
        return;
      }
      if (r && parent === 'w:rPr' && grand === 'w:r') {
        if (name === 'w:rStyle') r.rStyle = attrs.get('w:val');
        else readRunProp(name, attrs, r.direct);
        return;
      }
      if (!r || parent !== 'w:r') return;
      switch (name) {
        case 'w:tab':
        case 'w:ptab':
          return emit('\t');
        case 'w:br':
        case 'w:cr':
          return emit('\n');
        case 'w:noBreakHyphen':
          return emit('-');
        case 'w:sym': {
          const cp = parseInt(attrs.get('w:char') ?? '', 16);
          // F000–F0FF: a code in a symbol font's own encoding, not a Unicode character.
          const ok = Number.isInteger(cp) && cp > 0x1f && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && !(cp >= 0xf000 && cp <= 0xf0ff);
          return emit(ok ? String.fromCodePoint(cp) : '\ufffd');
        }
        case 'w:fldChar': {
          const type = attrs.get('w:fldCharType');
          if (type === 'begin') fields.push(true);
          else if (type === 'separate') {
            if (fields.length) fields[fields.length - 1] = false;
          } else if (type === 'end') fields.pop();
          return;
        }
      }
    },
    close(name) {
      path.pop();
      if (skip) return void skip--;
      switch (name) {
        case 'mc:AlternateContent':
          alternates.pop();
          return;
        case 'w:tbl':
          tables = Math.max(0, tables - 1);
          return;
        case 'w:txbxContent':
          textBoxes = Math.max(0, textBoxes - 1);
          return;
        case 'w:t': {
          if (!tText) return;
          // Line ends and tabs inside w:t are not breaks in WordprocessingML (w:br and w:tab are).
          let s = tText.buf.replace(/[\n\t]/g, ' ');
          if (!tText.preserve) s = s.replace(/^[ ]+|[ ]+$/g, '');
          tText = null;
          return emit(s);
        }
        case 'w:r':
          if (runs.length) runs[runs.length - 1] = null;
          return;
        case 'w:p': {
          const p = paras.pop();
          runs.pop();
          if (p) finishParagraph(p);
          return;
        }
      }
    },
    text(t) {
      if (!skip && tText) tText.buf += t;
    },
  });
  // A deleted paragraph mark at the very end (or before a table): its text still stands.
  const left = merge as { runs: DocxRun[]; after: DocxParagraph[] } | null;
  if (left) out.push({ runs: left.runs, where: 'body' }, ...left.after);
  return out;
}

// ---------------------------------------------------------------------------------------------
// entry points

/** True when bytes or name say Word file (a zip or OLE signature, or a Word extension). */
export function looksLikeWordFile(name: string, bytes: Uint8Array): boolean {
  return /\.(?:docx|docm|dotx|dotm|doc|dot|wps)$/i.test(name) || startsLikeZip(bytes) || OLE_MAGIC.every((x, i) => bytes[i] === x);
}

/**
 * Reads the text of a Word document. `name` (the file name) is only used in messages. Throws
 * DocxImportError for anything that is not a readable .docx (see the file comment).
 */
export function readDocx(bytes: Uint8Array, name?: string): DocxDocument {
  if (OLE_MAGIC.every((x, i) => bytes[i] === x)) throw refuseOle(bytes, name);
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes, ZIP_LIMITS);
  } catch (e) {
    if (e instanceof ZipReadError) throw e.kind === 'not-a-zip' ? refuseNotZip(bytes, name) : refuseZip(e, name);
    throw e;
  }
  const pkg: Pkg = { bytes, byName: new Map(), name };
  for (const e of entries) if (!pkg.byName.has(key(e.name))) pkg.byName.set(key(e.name), e);

  // The main part is the target of the package's officeDocument relationship (Part 2 §9.3);
  // word/document.xml is only where Word happens to put it.
  let main = relationships(pkg, '').get('officeDocument') ?? null;
  if (main !== null && !pkg.byName.has(key(main))) main = null;
  if (main === null && pkg.byName.has('word/document.xml')) main = 'word/document.xml';
  if (main === null) throw notWord(foreignZipKind(pkg), name);
  const type = contentType(pkg, main);
  if (type !== null && !WORD_MAIN.test(type)) {
    const foreign = foreignZipKind(pkg);
    throw notWord(foreign ?? (/spreadsheetml/.test(type) ? { en: 'an Excel workbook (.xlsx)', zh: 'Excel 工作簿（.xlsx）' } : /presentationml/.test(type) ? { en: 'a PowerPoint presentation (.pptx)', zh: 'PowerPoint 演示文稿（.pptx）' } : null), name);
  }
  const docBytes = part(pkg, main, MAX_PART)!;
  const stylesName = relationships(pkg, main).get('styles');
  const styles = readStyles(stylesName !== undefined ? part(pkg, stylesName, MAX_PART) : null);
  return { paragraphs: readDocument(decodeXmlBytes(docBytes), styles) };
}
