// Small Word packages for the .docx import tests, zipped with fflate. The real-world files are the
// LibreOffice fixtures in test/fixtures/docx; these isolate one WordprocessingML feature each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

const root = process.env.BANMIAN_ROOT ?? fileURLToPath(new URL('../../..', import.meta.url));

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_DECL =
  `xmlns:w="${W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
  'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

const CONTENT_TYPES = (main: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const DOC_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';

export const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';

/** A whole document.xml around `body` (the children of w:body). */
export const documentXml = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS_DECL}><w:body>${body}</w:body></w:document>`;

/** A whole styles.xml around `styles` (w:style elements, w:docDefaults). */
export const stylesXml = (styles: string): string => `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W_NS}">${styles}</w:styles>`;

/** A .docx whose w:body holds `body`; `styles` are the children of w:styles. */
export function makeDocx(body: string, opts: { styles?: string; document?: string; contentType?: string; extra?: Record<string, string> } = {}): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES(opts.contentType ?? WORD_MAIN)),
    '_rels/.rels': strToU8(ROOT_RELS),
    'word/document.xml': strToU8(opts.document ?? documentXml(body)),
  };
  if (opts.styles !== undefined) {
    files['word/_rels/document.xml.rels'] = strToU8(DOC_RELS);
    files['word/styles.xml'] = strToU8(stylesXml(opts.styles));
  }
  for (const [k, v] of Object.entries(opts.extra ?? {})) files[k] = strToU8(v);
  return zipSync(files);
}

/** One paragraph of runs: `para(run('a'), run('b', '<w:b/>'))`. */
export const run = (text: string, rPr = ''): string => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${text}</w:t></w:r>`;
export const para = (...content: string[]): string => `<w:p>${content.join('')}</w:p>`;

/**
 * A minimal OLE compound file (MS-CFB, version 3, 512-byte sectors): header, one FAT sector, one
 * directory sector holding a root entry and the named streams. Enough for the import to read the
 * stream names, which is all it looks at.
 */
export function makeOle(streams: readonly string[]): Uint8Array {
  const b = new Uint8Array(512 * 3);
  const dv = new DataView(b.buffer);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(24, 0x003e, true); // minor version
  dv.setUint16(26, 0x0003, true); // major version 3
  dv.setUint16(28, 0xfffe, true); // little-endian
  dv.setUint16(30, 9, true); // sector shift: 512 bytes
  dv.setUint16(32, 6, true); // mini sector shift
  dv.setUint32(44, 1, true); // one FAT sector
  dv.setUint32(48, 1, true); // directory starts at sector 1
  dv.setUint32(56, 0x1000, true);
  dv.setUint32(60, 0xfffffffe, true);
  dv.setUint32(68, 0xfffffffe, true);
  for (let k = 0; k < 109; k++) dv.setUint32(76 + 4 * k, k === 0 ? 0 : 0xffffffff, true);
  // sector 0: the FAT. Sector 0 is FAT (FFFFFFFD), sector 1 the directory (end of chain).
  const fat = 512;
  for (let o = 0; o < 512; o += 4) dv.setUint32(fat + o, 0xffffffff, true);
  dv.setUint32(fat, 0xfffffffd, true);
  dv.setUint32(fat + 4, 0xfffffffe, true);
  // sector 1: directory entries of 128 bytes.
  const dir = 1024;
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = dir + 128 * i;
    for (let k = 0; k < name.length; k++) dv.setUint16(at + 2 * k, name.charCodeAt(k), true);
    dv.setUint16(at + 64, (name.length + 1) * 2, true);
    b[at + 66] = i === 0 ? 5 : 2; // root storage, then streams
  });
  return b;
}

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'docx', name)));
}
