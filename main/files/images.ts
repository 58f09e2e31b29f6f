// Placed images -> press-ready JPEGs (DeviceCMYK, or DeviceGray for greyscale originals), with
// sharp (libvips). Conversion from RGB uses a stated profile: the plant's ICC profile when the
// user gives one, else the shipped generic profile (assets/icc/vips-chemical-proof.icc: libvips'
// built-in CMYK profile, "Chemical proof", by Graeme W. Gill, public domain). Both go through the
// same single ICC transform with the same rendering intent (convertForPress says which and why).
// RGB originals are read through their embedded profile, or as sRGB when they have none.
//
// Orientation: pixels are turned upright by their EXIF orientation (sharp's autoOrient) before
// anything else, in the press conversion and in the screen previews alike, so the PDF, the
// screen and the size recorded on import (assets.ts) all see the same upright picture.
import type SharpNs from 'sharp';
import type { Sharp } from 'sharp';
import type { PdfImage } from '../../renderer/pdf/types';

// sharp (a native module, ~100 ms to load) is loaded on first use: an export without images
// never pays for it.
let sharpModule: Promise<typeof SharpNs> | null = null;
async function getSharp(): Promise<typeof SharpNs> {
  sharpModule ??= import('sharp').then((m) => ((m as { default?: typeof SharpNs }).default ?? (m as unknown as typeof SharpNs)));
  return sharpModule;
}

export type SourceSpace = 'rgb' | 'cmyk' | 'gray' | 'other';

export interface ImageFacts {
  /** Pixel size of the upright picture (after EXIF orientation), as recorded on import. */
  width: number;
  height: number;
  /** Colour space of the original file. */
  space: SourceSpace;
  hasProfile: boolean;
}

export interface ConvertOptions {
  /**
   * The CMYK output profile (bytes of an .icc file): the plant's, or the shipped generic one.
   * null: libvips' built-in CMYK profile, byte for byte the shipped generic one (a test checks).
   */
  cmykProfile?: Uint8Array | null;
  /**
   * JPEG quality 1..100. 90 keeps halftone-relevant detail on newsprint (85 lpi screens) while
   * staying a fraction of the size of lossless.
   */
  quality?: number;
}

/** Pixel size and colour space of an image file. */
export async function imageFacts(bytes: Uint8Array): Promise<ImageFacts> {
  const sharp = await getSharp();
  const md = await sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).metadata();
  const s = md.space ?? '';
  const space: SourceSpace = s === 'cmyk' ? 'cmyk' : s === 'b-w' || s === 'grey16' ? 'gray' : s === 'srgb' || s === 'rgb' || s === 'rgb16' || s === 'scrgb' ? 'rgb' : 'other';
  // autoOrient: the size once the EXIF orientation is applied (sides swapped for 5-8).
  return { width: md.autoOrient?.width ?? md.width ?? 0, height: md.autoOrient?.height ?? md.height ?? 0, space, hasProfile: !!md.icc };
}

/**
 * Convert for press. Greyscale stays grey (one plate, no conversion error); everything else
 * becomes CMYK through the stated profile. Pixels are turned upright by their EXIF orientation
 * (mirrored ones included); their number is kept: resampling is the plant's RIP's job.
 *
 * The conversion is ONE ICC transform, sRGB -> output profile, with sharp's withIccProfile, whose
 * rendering intent is perceptual: the intent for photographs going to a much smaller gamut
 * (newsprint), which compresses what is out of gamut instead of clipping it to flat areas, and
 * the intent the screen previews read CMYK with (screenPreview). Not toColourspace('cmyk'): that
 * is libvips' own colourspace route (sRGB -> XYZ -> icc_export with its built-in profile) at
 * libvips' default intent, relative colorimetric, so it separated differently from the same
 * profile used explicitly (sRGB 110,160,210 gave CMYK 137,51,0,8 of 255 where the profile's
 * perceptual table gives 126,43,1,21), and together with withIccProfile it converted twice
 * (RGB -> built-in CMYK -> output profile), which is what a plant profile got until now.
 * test/main/files/images.test.ts pins reference colours against Ghostscript's lcms2 conversion
 * with the shipped profile.
 */
export async function convertForPress(bytes: Uint8Array, opts: ConvertOptions = {}): Promise<PdfImage & { source: ImageFacts }> {
  const sharp = await getSharp();
  const source = await imageFacts(bytes);
  const quality = opts.quality ?? 90;
  // sharp reads the Buffer's own byteOffset correctly; a copy keeps us safe from callers' views.
  const input = Buffer.from(bytes);
  if (source.space === 'gray') {
    const jpeg = await sharp(input).autoOrient().flatten({ background: '#ffffff' }).toColourspace('b-w').jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:4:4' }).toBuffer({ resolveWithObject: true });
    return { width: jpeg.info.width, height: jpeg.info.height, colorSpace: 'gray', bitsPerComponent: 8, jpeg: new Uint8Array(jpeg.data), adobeInverted: false, source };
  }
  const target = opts.cmykProfile ? await profilePath(opts.cmykProfile) : 'cmyk';
  // attach: false keeps the ~1 MB profile out of every image: the PDF's output intent carries it.
  const out = await (await uprightSrgb(input))
    .withIccProfile(target, { attach: false })
    .jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:4:4' })
    .toBuffer({ resolveWithObject: true });
  // out.info describes the image before withIccProfile's transform (3 channels): read the JPEG.
  const channels = (await sharp(out.data).metadata()).channels;
  if (channels !== 4) throw new Error(`image conversion gave ${channels} channels, expected CMYK (is the profile a CMYK output profile?)`);
  const jpeg = new Uint8Array(out.data);
  return { width: out.info.width, height: out.info.height, colorSpace: 'cmyk', bitsPerComponent: 8, jpeg, adobeInverted: hasAdobeMarker(jpeg), source };
}

/**
 * A sharp pipeline on the picture upright and flattened on white, whose withIccProfile reads the
 * pixels as sRGB. sharp brings 8-bit RGB (through its embedded profile) and CMYK (through its
 * own, else the built-in CMYK profile) to sRGB by itself. Other inputs are first made 8-bit sRGB
 * here: sharp works on 16-bit RGB in Display P3 and takes an untagged 16-bit image for P3 as
 * well, which would shift its colours (an untagged 16-bit sRGB 110,160,210 came out
 * 140,37,0,21 instead of 126,43,1,21); Lab and float images go through libvips' colourspace.
 */
async function uprightSrgb(input: Buffer): Promise<Sharp> {
  const sharp = await getSharp();
  const md = await sharp(input).metadata();
  if (md.depth === 'uchar' && (md.space === 'srgb' || md.space === 'cmyk')) return sharp(input).autoOrient().flatten({ background: '#ffffff' });
  let first = sharp(input).autoOrient().flatten({ background: '#ffffff' }).toColourspace('srgb');
  // A tagged 16-bit image arrives in P3 (the profile sharp attached): turn that into sRGB.
  if (md.icc) first = first.withIccProfile('srgb', { attach: false });
  const { data, info } = await first.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels as 3 } });
}

/**
 * True when the JPEG carries an Adobe APP14 segment: libjpeg (and so libvips) then stores CMYK
 * inverted, as Photoshop does, and a PDF must say /Decode [1 0 1 0 1 0 1 0].
 */
export function hasAdobeMarker(jpeg: Uint8Array): boolean {
  let i = 2;
  while (i + 4 < jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    if (marker === 0xda) break; // start of scan: no more headers
    const len = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    if (marker === 0xee && len >= 12 && String.fromCharCode(...jpeg.subarray(i + 4, i + 9)) === 'Adobe') return true;
    i += 2 + len;
  }
  return false;
}

// sharp takes an output profile by path: write the bytes once per process to a temp file.
const profileFiles = new Map<string, string>();
// The same bytes object comes back for every image of an export: hash it once.
const profileByBytes = new WeakMap<Uint8Array, string>();
async function profilePath(bytes: Uint8Array): Promise<string> {
  const known = profileByBytes.get(bytes);
  if (known) return known;
  const { createHash } = await import('node:crypto');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { writeFile } = await import('node:fs/promises');
  const key = createHash('sha256').update(bytes).digest('hex');
  let p = profileFiles.get(key);
  if (!p) {
    p = join(tmpdir(), `banmian-${key.slice(0, 16)}.icc`);
    await writeFile(p, bytes);
    profileFiles.set(key, p);
  }
  profileByBytes.set(bytes, p);
  return p;
}

/** libvips' built-in CMYK profile, as embedded by sharp (for a PDF/X-4 output intent). */
export async function builtinCmykProfile(): Promise<Uint8Array> {
  const sharp = await getSharp();
  const jpg = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).toColourspace('cmyk').withIccProfile('cmyk').jpeg().toBuffer();
  const md = await sharp(jpg).metadata();
  if (!md.icc) throw new Error('sharp did not embed its CMYK profile');
  return new Uint8Array(md.icc);
}

/**
 * Highest total ink (C+M+Y+K, percent) of a converted CMYK JPEG, measured on a copy reduced to at
 * most 256 px a side: TAC matters over areas the size of a halftone cell cluster, not single
 * pixels, and the reduction averages away JPEG ringing.
 */
export async function maxTacOf(jpeg: Uint8Array): Promise<number> {
  const sharp = await getSharp();
  const { data, info } = await sharp(Buffer.from(jpeg)).pipelineColourspace('cmyk').resize(256, 256, { fit: 'inside', withoutEnlargement: true }).toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) return 0;
  let max = 0;
  for (let i = 0; i + 3 < data.length; i += 4) {
    const s = data[i]! + data[i + 1]! + data[i + 2]! + data[i + 3]!;
    if (s > max) max = s;
  }
  return (max / 255) * 100;
}

// ---------------------------------------------------------------------------------------------
// screen previews

/**
 * Longest side of a screen preview, in pixels. 2048 px shows a frame 512 pt (181 mm, most of a
 * tabloid's 250 mm type area) across pixel for pixel at 300 % zoom on a 1x screen
 * (512 pt × 3 × 96/72 px/pt = 2048 px), and any frame at the zooms layout is done at (fit page to
 * 200 %); beyond that the screen upsamples, which is fine for placing and cropping: the PDF
 * always embeds the original. It also bounds memory: the decoded bitmap is at most 16 MB.
 * One size per asset (not per frame and zoom), so a preview is made once and cached by hash.
 */
export const PREVIEW_MAX_SIDE = 2048;

/**
 * JPEG quality of a preview. 88 with full-resolution chroma (4:4:4) keeps coloured edges and
 * small type in photos clean at 100 % while a 2048 px preview stays around 1 MB.
 */
const PREVIEW_QUALITY = 88;

export interface ScreenPreview {
  /** Always 8-bit sRGB JPEG (no profile attached: browsers read untagged images as sRGB). */
  mime: 'image/jpeg';
  /** Pixel size of the preview (the asset's upright size, reduced to PREVIEW_MAX_SIDE). */
  width: number;
  height: number;
  bytes: Uint8Array;
  source: ImageFacts;
}

/**
 * An sRGB JPEG the renderer can decode, for images Chromium cannot show as they are: TIFF (no
 * decoder) and CMYK JPEG (decoded without colour management, so the colours come out wrong).
 *
 * Colour: CMYK originals are read through their embedded profile, or, without one, through
 * libvips' built-in CMYK profile — the profile the project uses (assets/icc/
 * vips-chemical-proof.icc, byte-identical, and the one the PDF export converts RGB with), so the
 * screen shows what the press conversion assumes. RGB originals are read through their embedded
 * profile or as sRGB; grey becomes neutral RGB. Transparency is laid over white, as in the PDF.
 * Only the first page of a multi-page TIFF is used, as in the PDF. The picture is turned upright
 * by its EXIF orientation, as Chromium shows JPEG and PNG and as the PDF embeds it; the preview
 * itself carries no orientation tag.
 */
export async function screenPreview(bytes: Uint8Array, opts: { maxSide?: number } = {}): Promise<ScreenPreview> {
  const sharp = await getSharp();
  const source = await imageFacts(bytes);
  const maxSide = opts.maxSide ?? PREVIEW_MAX_SIDE;
  // toColourspace('srgb') on a CMYK input converts through the embedded profile, else through
  // libvips' built-in CMYK profile (sharp does this for any CMYK input; test/main/files/
  // images.test.ts checks the result equals converting with the shipped profile attached).
  const out = await sharp(Buffer.from(bytes))
    .autoOrient()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .jpeg({ quality: PREVIEW_QUALITY, chromaSubsampling: '4:4:4' })
    .toBuffer({ resolveWithObject: true });
  if (out.info.channels !== 3) throw new Error(`screen preview gave ${out.info.channels} channels, expected RGB`);
  return { mime: 'image/jpeg', width: out.info.width, height: out.info.height, bytes: new Uint8Array(out.data), source };
}

/**
 * Screen previews cached by asset id (the SHA-256 of the image's bytes, so a changed file is a
 * new entry and an entry never goes stale). Requests for a preview being made share its promise;
 * a failed one is forgotten so a retry can succeed. Least recently used entries are dropped once
 * the cached JPEGs pass `maxBytes` (64 MB: some 60 full-size previews, more than an issue shows
 * at once).
 */
export class ScreenPreviews {
  private entries = new Map<string, { promise: Promise<ScreenPreview>; size: number }>();
  private total = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly make: (bytes: Uint8Array) => Promise<ScreenPreview> = (b) => screenPreview(b),
  ) {}

  preview(assetId: string, bytes: Uint8Array): Promise<ScreenPreview> {
    const hit = this.entries.get(assetId);
    if (hit) {
      // Map order is the LRU order: move the entry to the end.
      this.entries.delete(assetId);
      this.entries.set(assetId, hit);
      return hit.promise;
    }
    const entry = { promise: this.make(bytes), size: 0 };
    this.entries.set(assetId, entry);
    entry.promise.then(
      (p) => {
        if (this.entries.get(assetId) !== entry) return;
        entry.size = p.bytes.length;
        this.total += entry.size;
        this.evict();
      },
      () => {
        if (this.entries.get(assetId) === entry) this.entries.delete(assetId);
      },
    );
    return entry.promise;
  }

  /** Number of cached (or pending) previews and the bytes of the finished ones. */
  get stats(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total };
  }

  private evict(): void {
    for (const [id, e] of this.entries) {
      if (this.total <= this.maxBytes) return;
      // Pending entries (size 0) free nothing; the newest entry stays even when alone too big.
      if (e.size === 0 || this.entries.size === 1) continue;
      this.entries.delete(id);
      this.total -= e.size;
    }
  }
}
