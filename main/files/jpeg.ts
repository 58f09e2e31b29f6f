// JPEG files read at the marker level (ITU T.81 Annex B), for embedding a JPEG in a PDF as it is
// (DCTDecode): which coding process its frame uses, how many components, whether it carries the
// Adobe APP14 segment, and a copy without its metadata segments. No pixel is decoded here.

export interface JpegFrame {
  /** The start-of-frame marker's low byte: 0xc0 baseline, 0xc1 extended, 0xc2 progressive, ... */
  sof: number;
  /** Sample precision in bits (8, or 12 for extended/progressive 12-bit). */
  precision: number;
  width: number;
  height: number;
  components: number;
  /**
   * The Adobe APP14 segment's transform flag (0 none: CMYK as is; 1 YCbCr; 2 YCCK), or null when
   * there is no Adobe segment. Its presence is what tells a reader (libjpeg, Photoshop, PDF
   * consumers through /Decode) that CMYK samples are stored inverted.
   */
  adobeTransform: number | null;
}

/** Markers that stand alone, without a length: TEM, RSTn, SOI, EOI. */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd9);

/** Calls `each(marker, start, end)` for every segment before the first scan; returns the SOS offset or -1. */
function segments(jpeg: Uint8Array, each: (marker: number, start: number, end: number) => void): number {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return -1;
  let i = 2;
  while (i + 1 < jpeg.length) {
    if (jpeg[i] !== 0xff) return -1;
    // fill bytes: any number of 0xff may precede a marker (T.81 B.1.1.2)
    let m = jpeg[i + 1]!;
    let start = i;
    while (m === 0xff && i + 2 < jpeg.length) {
      i++;
      m = jpeg[i + 1]!;
      start = i;
    }
    if (m === 0xda) return start;
    if (standalone(m)) {
      each(m, start, i + 2);
      i += 2;
      continue;
    }
    if (i + 3 >= jpeg.length) return -1;
    const len = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (len < 2 || i + 2 + len > jpeg.length) return -1;
    each(m, start, i + 2 + len);
    i += 2 + len;
  }
  return -1;
}

/** The frame header and Adobe flag of a JPEG; null when the file's headers cannot be read. */
export function jpegFrame(jpeg: Uint8Array): JpegFrame | null {
  let frame: Omit<JpegFrame, 'adobeTransform'> | null = null;
  let adobe: number | null = null;
  const sos = segments(jpeg, (m, s, e) => {
    // SOF0-SOF15 except DHT (c4), JPG (c8) and DAC (cc)
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && !frame && e - s >= 10) {
      frame = { sof: m, precision: jpeg[s + 4]!, height: (jpeg[s + 5]! << 8) | jpeg[s + 6]!, width: (jpeg[s + 7]! << 8) | jpeg[s + 8]!, components: jpeg[s + 9]! };
    }
    if (m === 0xee && e - s >= 16 && String.fromCharCode(...jpeg.subarray(s + 4, s + 9)) === 'Adobe') adobe = jpeg[s + 15]!;
  });
  if (sos < 0 || !frame) return null;
  return { ...(frame as Omit<JpegFrame, 'adobeTransform'>), adobeTransform: adobe };
}

/**
 * True when a PDF reader can take the JPEG as it is with DCTDecode in any PDF version we write
 * (1.3 and up): 8-bit Huffman-coded sequential (baseline SOF0, extended SOF1) or progressive
 * (SOF2, PDF 1.3). Not arithmetic coding, lossless or hierarchical processes, nor 12-bit samples.
 */
export function isPdfDct(f: JpegFrame): boolean {
  return (f.sof === 0xc0 || f.sof === 0xc1 || f.sof === 0xc2) && f.precision === 8;
}

/**
 * The JPEG without its metadata segments: APP1 (Exif, XMP), APP2 (ICC profile), APP3-APP13
 * (Photoshop resources and the like), APP15 and comments. Kept: APP0 (JFIF) and APP14 (Adobe,
 * which decides the colour transform and the CMYK inversion), and every table, the frame header
 * and the scans byte for byte, so the decoded samples are exactly the original's. A PDF reader
 * ignores the dropped segments (the image dictionary says the colour space); dropping them keeps
 * an embedded ICC profile (often 0.5-1 MB) and Exif thumbnails out of the press file.
 */
export function stripJpegMetadata(jpeg: Uint8Array): Uint8Array {
  const keep: Array<[number, number]> = [];
  const sos = segments(jpeg, (m, s, e) => {
    const drop = (m >= 0xe1 && m <= 0xed) || m === 0xef || m === 0xfe;
    if (!drop) keep.push([s, e]);
  });
  if (sos < 0) throw new Error('not a JPEG whose headers can be read');
  const size = 2 + keep.reduce((a, [s, e]) => a + (e - s), 0) + (jpeg.length - sos);
  const out = new Uint8Array(size);
  out[0] = 0xff;
  out[1] = 0xd8;
  let o = 2;
  for (const [s, e] of keep) {
    if (jpeg[s + 1] === 0xd8) continue; // SOI, already written
    out.set(jpeg.subarray(s, e), o);
    o += e - s;
  }
  out.set(jpeg.subarray(sos), o);
  return out.subarray(0, o + jpeg.length - sos);
}
