// What the PDF writer needs from outside, as interfaces: no file system, no sharp, no Electron.
// main/files/pdf-export.ts reads fonts and converts images, then hands them in through these.
import type { Font } from 'fontkit';

/** A loaded font face, by the PostScript name the layout's runs carry. */
export interface PdfFontFace {
  readonly postscriptName: string;
  /** The fontkit face (upstream fontkit 2.x; its TrueType subsetter writes the FontFile2). */
  readonly font: Font;
  /**
   * Stable identity of the face's bytes (the font registry's fontId). Keys the subset cache: two
   * faces with the same PostScript name but different files must not share subsets.
   */
  readonly fontId: string;
}

/**
 * A placed image ready for press, in DeviceCMYK or DeviceGray, 8 bits per component:
 * - filter 'DCTDecode': `data` is a JPEG file (a baseline JPEG we made, or a CMYK original's own
 *   JPEG bytes). `adobeInverted` says its CMYK samples are stored inverted (the Adobe APP14
 *   convention that Photoshop and libjpeg, and so libvips, follow); the writer then adds
 *   /Decode [1 0 1 0 1 0 1 0].
 * - filter 'FlateDecode': `data` is the samples (width × height × components bytes, rows top to
 *   bottom) already zlib-compressed; `adobeInverted` is false.
 */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly colorSpace: 'cmyk' | 'gray';
  readonly bitsPerComponent: 8;
  readonly filter: 'DCTDecode' | 'FlateDecode';
  readonly data: Uint8Array;
  readonly adobeInverted: boolean;
}

/** The ICC output profile the CMYK was prepared for: the OutputIntent's DestOutputProfile. */
export interface OutputProfile {
  readonly bytes: Uint8Array;
  /** The profile's own description (its 'desc' tag), e.g. "Chemical proof": the OutputCondition. */
  readonly description: string;
  /** True when this is the printing plant's own profile (given by the user). */
  readonly fromPlant: boolean;
}

export interface PdfResources {
  /** The face for a PostScript name used by a run; throw when it cannot be had. */
  font(postscriptName: string): PdfFontFace;
  /** Converted image bytes for an asset id, or null when missing (the frame is left empty). */
  image(assetId: string): PdfImage | null;
  /**
   * The profile the RGB images were separated with, embedded as the OutputIntent's
   * DestOutputProfile for PDF/X-1a and X-4 alike: the plant's when the user gave one, else the
   * shipped generic profile (assets/icc/). The intent describes it (pdfx.ts outputIntentText).
   */
  outputProfile: OutputProfile;
  /**
   * zlib (RFC 1950) compression for streams. Default: fflate in JavaScript. The main process
   * passes Node's native zlib, several times faster on the font subsets that dominate the cost.
   */
  deflate?: (data: Uint8Array) => Uint8Array;
}

export type PdfxLevel = '1a' | '4';

export interface PdfWriteOptions {
  pdfx: PdfxLevel;
  /** Bleed in millimetres, 0..5 (BleedBox = TrimBox grown by this on every side). */
  bleedMm: number;
  /** Crop marks, registration marks and the slug line, outside the bleed. */
  marks: boolean;
  /** 0-based page indices to write, in order; default all pages. */
  pages?: readonly number[];
  /** 'pages': one PDF per page (what plants take); 'single': one PDF holding every page. */
  split: 'pages' | 'single';
  /** Document title (Info /Title, dc:title), e.g. "天山社区晨报 2026-11-22". */
  title: string;
  /** Paper name and publication date for the slug line. */
  paper: string;
  issueDate: string;
  /**
   * Creation time written to Info, XMP and the slug. Fixed in tests so identical input gives
   * identical bytes; the CLI and app pass the current time.
   */
  created: Date;
  /** Face for the slug line (registration colour, outside the bleed); default NotoSansSC-Regular. */
  slugFont?: string;
  /** Called after each page is drawn: (pages done, pages to do, what was done). */
  onProgress?: (done: number, total: number, message: string) => void;
}

export interface PdfFile {
  /** Printed page numbers (1-based) in this file. */
  readonly pages: readonly number[];
  readonly bytes: Uint8Array;
}
