// Placed images -> press-ready images (DeviceCMYK, or DeviceGray for greyscale originals), with
// sharp (libvips). Conversion from RGB uses a stated profile: the plant's ICC profile when the
// user gives one, else the shipped generic profile (assets/icc/vips-chemical-proof.icc: libvips'
// built-in CMYK profile, "Chemical proof", by Graeme W. Gill, public domain). Both go through the
// same single ICC transform with the same rendering intent (convertForPress says which and why).
// RGB originals are read through their embedded profile, or as sRGB when they have none. CMYK
// originals keep their numbers (CmykPolicy): embedded as they are, or re-encoded losslessly.
//
// Orientation: pixels are turned upright by their EXIF orientation (sharp's autoOrient) before
// anything else, in the press conversion and in the screen previews alike, so the PDF, the
// screen and the size recorded on import (assets.ts) all see the same upright picture.
import type SharpNs from 'sharp';
import type { Metadata, OutputInfo, Sharp } from 'sharp';
import { deflateSync } from 'node:zlib';
import type { PdfImage } from '../../renderer/pdf/types';
import { iccInfo, sameProfile } from './icc';
import { isPdfDct, jpegFrame, stripJpegMetadata } from './jpeg';

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

/**
 * What happens to CMYK originals (a sponsor's logo, an ad delivered already separated):
 *
 * - 'preserve' (the default): their numbers go to press unchanged, whether they carry a profile
 *   or not. InDesign's default colour settings do the same ("Preserve Numbers (Ignore Linked
 *   Profiles)" for CMYK): an image separated for the press is never separated again, so a K-only
 *   black stays on the K plate and the total ink stays what the supplier made.
 * - 'convert-tagged': a CMYK original tagged with a profile OTHER than the output profile is
 *   converted from its profile to the output profile (one CMYK -> CMYK ICC transform, perceptual;
 *   the K structure is then the output profile's); untagged ones and ones tagged with the output
 *   profile still keep their numbers (InDesign's "Convert to Destination (Preserve Numbers)" with
 *   the images' own profiles honoured).
 */
export type CmykPolicy = 'preserve' | 'convert-tagged';

/** How an image reaches the PDF. */
export type PressRoute =
  /** greyscale: one channel, re-encoded as a grey JPEG */
  | 'gray'
  /** RGB (or other) separated to CMYK through the output profile, JPEG */
  | 'separated'
  /** a CMYK JPEG embedded as it is (DCTDecode; only metadata segments dropped) */
  | 'cmyk-original'
  /** a CMYK original whose numbers are kept, re-encoded losslessly (FlateDecode) */
  | 'cmyk-lossless'
  /** a tagged CMYK original converted to the output profile (asked for), FlateDecode */
  | 'cmyk-converted';

export interface ConvertOptions {
  /**
   * The CMYK output profile (bytes of an .icc file): the plant's, or the shipped generic one.
   * null: libvips' built-in CMYK profile, byte for byte the shipped generic one (a test checks).
   */
  cmykProfile?: Uint8Array | null;
  /**
   * JPEG quality 1..100 of separated RGB. 90 keeps halftone-relevant detail on newsprint (85 lpi
   * screens) while staying a fraction of the size of lossless.
   */
  quality?: number;
  /** CMYK originals: keep their numbers (default) or convert the foreign-tagged ones. */
  cmykImages?: CmykPolicy;
}

/** How an image will go to press, decided from its headers alone (no pixels decoded). */
export interface PressPlan {
  source: ImageFacts;
  route: PressRoute;
  /**
   * A CMYK original tagged with a profile other than the output profile: that profile's
   * description (or "an embedded profile"); else null.
   */
  foreignProfile: string | null;
}

/** An image converted for press, with what preflight needs to know about it. */
export interface PressImage extends PdfImage, PressPlan {
  /**
   * Highest total area coverage (C+M+Y+K, percent) of the CMYK numbers embedded, measured as
   * maxTacOf says; 0 for grey.
   */
  maxTac: number;
}

/** Pixel size and colour space of an image file. */
export async function imageFacts(bytes: Uint8Array): Promise<ImageFacts> {
  const sharp = await getSharp();
  return factsOf(await sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).metadata());
}

function factsOf(md: Metadata): ImageFacts {
  const s = md.space ?? '';
  const space: SourceSpace = s === 'cmyk' ? 'cmyk' : s === 'b-w' || s === 'grey16' ? 'gray' : s === 'srgb' || s === 'rgb' || s === 'rgb16' || s === 'scrgb' ? 'rgb' : 'other';
  // autoOrient: the size once the EXIF orientation is applied (sides swapped for 5-8).
  return { width: md.autoOrient?.width ?? md.width ?? 0, height: md.autoOrient?.height ?? md.height ?? 0, space, hasProfile: !!md.icc };
}

/** The plan for an image: which route it takes to press under these options. */
export async function pressPlan(bytes: Uint8Array, opts: ConvertOptions = {}): Promise<PressPlan> {
  const sharp = await getSharp();
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return planOf(input, await sharp(input).metadata(), opts);
}

async function planOf(bytes: Uint8Array, md: Metadata, opts: ConvertOptions): Promise<PressPlan> {
  const source = factsOf(md);
  if (source.space === 'gray') return { source, route: 'gray', foreignProfile: null };
  if (source.space !== 'cmyk') return { source, route: 'separated', foreignProfile: null };
  let foreignProfile: string | null = null;
  if (md.icc) {
    const own = new Uint8Array(md.icc);
    const output = opts.cmykProfile ?? (await builtinCmykProfile());
    if (!sameProfile(own, output)) foreignProfile = iccInfo(own)?.description ?? 'an embedded profile';
  }
  if (foreignProfile !== null && opts.cmykImages === 'convert-tagged') return { source, route: 'cmyk-converted', foreignProfile };
  const frame = md.format === 'jpeg' ? jpegFrame(bytes) : null;
  // As it is only when a PDF reader decodes it exactly as it stands: a 4-component JPEG of a
  // coding process DCTDecode takes, upright (a PDF ignores EXIF orientation).
  const asIs = frame !== null && frame.components === 4 && isPdfDct(frame) && (md.orientation ?? 1) === 1;
  return { source, route: asIs ? 'cmyk-original' : 'cmyk-lossless', foreignProfile };
}

/**
 * Convert for press. Greyscale stays grey (one plate, no conversion error); RGB becomes CMYK
 * through the stated profile; CMYK originals keep their numbers unless `cmykImages` asks for the
 * foreign-tagged ones to be converted (CmykPolicy). Pixels are turned upright by their EXIF
 * orientation (mirrored ones included); their number is kept: resampling is the plant's RIP's job.
 *
 * The RGB conversion is ONE ICC transform, sRGB -> output profile, with sharp's withIccProfile,
 * whose rendering intent is perceptual: the intent for photographs going to a much smaller gamut
 * (newsprint), which compresses what is out of gamut instead of clipping it to flat areas, and
 * the intent the screen previews read CMYK with (screenPreview). Not toColourspace('cmyk'): that
 * is libvips' own colourspace route (sRGB -> XYZ -> icc_export with its built-in profile) at
 * libvips' default intent, relative colorimetric, so it separated differently from the same
 * profile used explicitly (sRGB 110,160,210 gave CMYK 137,51,0,8 of 255 where the profile's
 * perceptual table gives 126,43,1,21), and together with withIccProfile it converted twice
 * (RGB -> built-in CMYK -> output profile), which is what a plant profile got until now.
 * test/main/files/images.test.ts pins reference colours against Ghostscript's lcms2 conversion
 * with the shipped profile.
 *
 * CMYK originals used to go through the RGB route too (CMYK -> sRGB -> CMYK), which made a K-only
 * black four-colour (0,0,0,255 came back as 31,50,174,241) and changed the total ink. Now a CMYK
 * JPEG that a PDF reader decodes as it stands is embedded byte for byte (its metadata segments
 * dropped: jpeg.ts stripJpegMetadata), with /Decode [1 0 1 0 1 0 1 0] when it carries the Adobe
 * APP14 segment (Photoshop's and libjpeg's inverted CMYK; libvips reads every CMYK JPEG so);
 * any other CMYK original (TIFF; a 12-bit or arithmetic-coded JPEG; one with an EXIF orientation
 * to apply) is decoded and its 8-bit samples stored with Flate: lossless, so the numbers are
 * exactly the file's (16-bit samples rounded to 8 bits, PDF 1.3's limit; an alpha channel laid
 * over the paper: ink times alpha).
 */
export async function convertForPress(bytes: Uint8Array, opts: ConvertOptions = {}): Promise<PressImage> {
  const sharp = await getSharp();
  const quality = opts.quality ?? 90;
  // sharp reads the Buffer's own byteOffset correctly; a copy keeps us safe from callers' views.
  const input = Buffer.from(bytes);
  const md = await sharp(input).metadata();
  const plan = await planOf(input, md, opts);
  if (plan.route === 'gray') {
    const jpeg = await sharp(input).autoOrient().flatten({ background: '#ffffff' }).toColourspace('b-w').jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:4:4' }).toBuffer({ resolveWithObject: true });
    return { ...plan, width: jpeg.info.width, height: jpeg.info.height, colorSpace: 'gray', bitsPerComponent: 8, filter: 'DCTDecode', data: new Uint8Array(jpeg.data), adobeInverted: false, maxTac: 0 };
  }
  if (plan.route === 'cmyk-original') {
    const data = stripJpegMetadata(input);
    const frame = jpegFrame(data)!;
    return { ...plan, width: frame.width, height: frame.height, colorSpace: 'cmyk', bitsPerComponent: 8, filter: 'DCTDecode', data, adobeInverted: frame.adobeTransform !== null, maxTac: await maxTacOf(data) };
  }
  const target = opts.cmykProfile ? await profilePath(opts.cmykProfile) : 'cmyk';
  if (plan.route === 'cmyk-lossless' || plan.route === 'cmyk-converted') {
    // pipelineColourspace('cmyk') keeps sharp from taking the pixels through sRGB; withIccProfile
    // then transforms from the image's own profile straight to the output profile.
    let upright = sharp(input).autoOrient().pipelineColourspace('cmyk');
    if (libvipsInverts(input)) upright = upright.negate({ alpha: false });
    const p = plan.route === 'cmyk-converted' ? upright.withIccProfile(target, { attach: false }) : upright.toColourspace('cmyk');
    // 16-bit samples kept stay 16-bit until cmykOnPaper rounds them (toColourspace's own cast to
    // 8 bits would clip, 32896 -> 255); the ICC transform already gives 8 bits
    const wide = plan.route === 'cmyk-lossless' && md.depth === 'ushort';
    const { data, info } = await p.raw(wide ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
    const samples = cmykOnPaper(data, info, wide);
    return { ...plan, width: info.width, height: info.height, colorSpace: 'cmyk', bitsPerComponent: 8, filter: 'FlateDecode', data: zlib(samples), adobeInverted: false, maxTac: maxTacOfSamples(samples, info.width, info.height) };
  }
  // attach: false keeps the ~1 MB profile out of every image: the PDF's output intent carries it.
  const out = await (await uprightSrgb(input))
    .withIccProfile(target, { attach: false })
    .jpeg({ quality, mozjpeg: false, chromaSubsampling: '4:4:4' })
    .toBuffer({ resolveWithObject: true });
  // out.info describes the image before withIccProfile's transform (3 channels): read the JPEG.
  const channels = (await sharp(out.data).metadata()).channels;
  if (channels !== 4) throw new Error(`image conversion gave ${channels} channels, expected CMYK (is the profile a CMYK output profile?)`);
  const jpeg = new Uint8Array(out.data);
  return { ...plan, width: out.info.width, height: out.info.height, colorSpace: 'cmyk', bitsPerComponent: 8, filter: 'DCTDecode', data: jpeg, adobeInverted: hasAdobeMarker(jpeg), maxTac: await maxTacOf(jpeg) };
}

/**
 * True for a CMYK JPEG without the Adobe APP14 segment: libvips reads every CMYK JPEG as inverted
 * (Photoshop's convention, which the segment announces), while a PDF reader takes such a file's
 * samples as stored (no /Decode). Decoding it with libvips needs a negate to get the file's
 * numbers.
 */
function libvipsInverts(file: Uint8Array): boolean {
  const f = file[0] === 0xff && file[1] === 0xd8 ? jpegFrame(file) : null;
  return f !== null && f.components === 4 && f.adobeTransform === null;
}

/** zlib (RFC 1950) at the default level, as a PDF's FlateDecode reads it. */
const zlib = (b: Uint8Array): Uint8Array => {
  const out = deflateSync(b);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

/**
 * Raw CMYK from sharp (4 channels, or 5 with alpha; 8 or 16 bits) -> 8-bit CMYK on the paper.
 * 16-bit samples are rounded to 8 bits (v / 257: 65535 -> 255). Alpha is laid over unprinted
 * paper, which is no ink: each ink times alpha (PDF/X-1a has no transparency).
 */
function cmykOnPaper(data: Buffer, info: OutputInfo, wide: boolean): Uint8Array {
  const n: number = info.channels;
  if (n !== 4 && n !== 5) throw new Error(`a CMYK image decoded to ${n} channels`);
  const px = info.width * info.height;
  if (data.length !== px * n * (wide ? 2 : 1)) throw new Error(`a CMYK image decoded to ${data.length} bytes for ${px} pixels of ${n} channels`);
  const words = wide ? new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)) : null;
  const at = (i: number) => (words ? words[i]! / 257 : data[i]!);
  const out = new Uint8Array(px * 4);
  for (let p = 0; p < px; p++) {
    const a = n === 5 ? at(p * 5 + 4) / 255 : 1;
    for (let c = 0; c < 4; c++) out[p * 4 + c] = Math.round(at(p * n + c) * a);
  }
  return out;
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

let builtinProfile: Promise<Uint8Array> | null = null;

/**
 * libvips' built-in CMYK profile, as embedded by sharp: byte for byte the shipped generic profile
 * (a test checks), the output profile when the plant's is not given. Made once per process.
 */
export function builtinCmykProfile(): Promise<Uint8Array> {
  builtinProfile ??= (async () => {
    const sharp = await getSharp();
    const jpg = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).toColourspace('cmyk').withIccProfile('cmyk').jpeg().toBuffer();
    const md = await sharp(jpg).metadata();
    if (!md.icc) throw new Error('sharp did not embed its CMYK profile');
    return new Uint8Array(md.icc);
  })();
  builtinProfile.catch(() => (builtinProfile = null));
  return builtinProfile;
}

/**
 * Longest side, in pixels, of the copy total ink is measured on. TAC matters over areas the size
 * of a halftone cell cluster, not single pixels, and the reduction averages away JPEG ringing.
 */
const TAC_SIDE = 256;

/**
 * Highest total ink (C+M+Y+K, percent) of a CMYK JPEG as a PDF reader decodes it with our image
 * dictionary (Adobe-marked samples inverted through /Decode, others as stored), measured on a copy
 * reduced to at most TAC_SIDE px a side.
 */
export async function maxTacOf(jpeg: Uint8Array): Promise<number> {
  const sharp = await getSharp();
  let p = sharp(Buffer.from(jpeg)).pipelineColourspace('cmyk');
  if (libvipsInverts(jpeg)) p = p.negate({ alpha: false });
  const { data, info } = await p.resize(TAC_SIDE, TAC_SIDE, { fit: 'inside', withoutEnlargement: true }).toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) return 0;
  return maxSum(data);
}

/**
 * Highest total ink (percent) of 8-bit CMYK samples, on averages over square cells of
 * ceil(longest side / TAC_SIDE) pixels: the same scale as maxTacOf, by box averaging (sharp
 * cannot take raw samples as CMYK).
 */
export function maxTacOfSamples(samples: Uint8Array, width: number, height: number): number {
  const cell = Math.max(1, Math.ceil(Math.max(width, height) / TAC_SIDE));
  if (cell === 1) return maxSum(samples);
  let max = 0;
  for (let y0 = 0; y0 < height; y0 += cell) {
    for (let x0 = 0; x0 < width; x0 += cell) {
      let sum = 0;
      let n = 0;
      for (let y = y0; y < Math.min(height, y0 + cell); y++) {
        for (let x = x0; x < Math.min(width, x0 + cell); x++) {
          const o = (y * width + x) * 4;
          sum += samples[o]! + samples[o + 1]! + samples[o + 2]! + samples[o + 3]!;
          n++;
        }
      }
      if (sum / n > max) max = sum / n;
    }
  }
  return (max / 255) * 100;
}

function maxSum(data: Uint8Array): number {
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
  let input = Buffer.from(bytes);
  // A CMYK JPEG without the Adobe segment: libvips reads it inverted, which would show a
  // negative. An Adobe-marked copy holding the file's numbers (and its profile) reads right.
  if (libvipsInverts(input)) input = await sharp(input).autoOrient().pipelineColourspace('cmyk').negate({ alpha: false }).toColourspace('cmyk').keepIccProfile().jpeg({ quality: 100, chromaSubsampling: '4:4:4' }).toBuffer();
  // toColourspace('srgb') on a CMYK input converts through the embedded profile, else through
  // libvips' built-in CMYK profile (sharp does this for any CMYK input; test/main/files/
  // images.test.ts checks the result equals converting with the shipped profile attached).
  const out = await sharp(input)
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
