// PDF/X identification: the output intent, the Info dictionary keys and the XMP packet, for
// PDF/X-1a:2001 (ISO 15930-1) and PDF/X-4 (ISO 15930-7).
import type { OutputProfile, PdfxLevel } from './types';

/**
 * OutputConditionIdentifier for a printing condition that is not named by its entry in the ICC
 * Characterization Data Registry (the conventional value for an unregistered condition): the
 * embedded DestOutputProfile then defines the condition, as ISO 15930-1 and -7 require.
 */
export const CUSTOM_CONDITION = 'Custom';

/** The OutputIntent's text entries, as they describe `profile`. */
export interface OutputIntentText {
  identifier: string;
  condition: string;
  info: string;
}

/**
 * The output intent says what the CMYK in the file was prepared for, and that is the profile the
 * RGB images were separated with: the plant's when the user gave it, else the shipped generic one
 * (assets/icc/README.md). It used to name IFRA26 (ISO 12647-3 newsprint, registry
 * http://www.color.org) whatever the separations were made for, so without the plant's profile a
 * file separated for "Chemical proof" claimed to be made for newsprint (PDF/X-1a carried only
 * that name; PDF/X-4 embedded the generic profile under it).
 *
 * Every intent we write is 'Custom' with the profile embedded, for PDF/X-1a as for X-4, and has no
 * RegistryName (that belongs to a registered condition only): from a profile's bytes Banmian
 * cannot tell which registered characterization, if any, it was built on, so it names none and
 * lets the embedded profile define the condition, which both standards accept for any condition.
 * OutputCondition is the profile's own description; Info says whose profile it is.
 */
export function outputIntentText(profile: OutputProfile): OutputIntentText {
  const info = profile.fromPlant
    ? `${profile.description}: the printing plant's ICC profile; RGB images were separated with it`
    : `${profile.description}: the generic CMYK profile shipped with Banmian, libvips' built-in by Graeme W. Gill, public domain; not the printing plant's; RGB images were separated with it`;
  return { identifier: CUSTOM_CONDITION, condition: profile.description, info };
}

export const PDFX = {
  '1a': { header: '1.3', version: 'PDF/X-1:2001', conformance: 'PDF/X-1a:2001' as string | null },
  // 1.6 is the highest header ISO 15930-7 allows.
  '4': { header: '1.6', version: 'PDF/X-4', conformance: null as string | null },
} as const satisfies Record<PdfxLevel, { header: string; version: string; conformance: string | null }>;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** D:YYYYMMDDHHmmSSZ (PDF date, UTC; PDF 1.3 §3.8.2). */
export function pdfDate(d: Date): string {
  return `D:${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** ISO 8601 for XMP, UTC, whole seconds: the same instant as pdfDate(). */
export function xmpDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 32 hex digits -> a UUID URN (8-4-4-4-12). */
export function uuidOf(hex32: string): string {
  const h = hex32.toLowerCase();
  return `uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface XmpFields {
  level: PdfxLevel;
  title: string;
  created: Date;
  creatorTool: string;
  producer: string;
  /** 32 hex digits: document and instance id. */
  id: string;
}

/** The XMP packet, consistent with the Info dictionary (PDF/X-4 checks the two agree). */
export function xmpPacket(f: XmpFields): string {
  const px = PDFX[f.level];
  const date = xmpDate(f.created);
  const uuid = uuidOf(f.id);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(f.title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <xmp:CreatorTool>${xmlEscape(f.creatorTool)}</xmp:CreatorTool>
   <xmpMM:DocumentID>${uuid}</xmpMM:DocumentID>
   <xmpMM:InstanceID>${uuid}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdf:Producer>${xmlEscape(f.producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <pdfxid:GTS_PDFXVersion>${px.version}</pdfxid:GTS_PDFXVersion>
   <pdfx:GTS_PDFXVersion>${px.version}</pdfx:GTS_PDFXVersion>${px.conformance ? `\n   <pdfx:GTS_PDFXConformance>${px.conformance}</pdfx:GTS_PDFXConformance>` : ''}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/**
 * pdf-lib's writer always starts the file with "%PDF-1.7" (PDFWriter ignores context.header):
 * overwrite it with the version the standard allows. Same length, so no offset moves.
 */
export function patchHeader(bytes: Uint8Array, version: string): Uint8Array {
  const want = `%PDF-${version}`;
  const have = String.fromCharCode(...bytes.subarray(0, 8));
  if (!/^%PDF-\d\.\d$/.test(have) || want.length !== 8) throw new Error(`unexpected PDF header ${JSON.stringify(have)}`);
  for (let i = 0; i < 8; i++) bytes[i] = want.charCodeAt(i);
  return bytes;
}
