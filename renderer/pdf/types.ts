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
 * A placed image already converted for press: a baseline JPEG in DeviceCMYK or DeviceGray.
 * `adobeInverted` says the CMYK samples are stored inverted (the Adobe APP14 convention that
 * libjpeg, and so libvips, write); the writer then adds /Decode [1 0 1 0 1 0 1 0].
 */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly colorSpace: 'cmyk' | 'gray';
  readonly bitsPerComponent: 8;
  readonly jpeg: Uint8Array;
  readonly adobeInverted: boolean;
}

/** An ICC output profile for the OutputIntent. */
export interface OutputProfile {
  readonly bytes: Uint8Array;
  /** Human-readable name for /Info of the OutputIntent, e.g. "WAN-IFRAnewspaper26v5". */
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
   * Output profile embedded as DestOutputProfile: the plant's when the user gave one; for PDF/X-4
   * without one, the shipped generic profile (assets/icc/). null: PDF/X-1a with no profile (the
   * registered characterization IFRA26 is named instead).
   */
  outputProfile: OutputProfile | null;
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
