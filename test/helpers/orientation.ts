// Test pictures for EXIF orientation: a 40 × 20 pixel grey picture, as stored in the file, with a
// red marker block in its stored top-left corner, written with an EXIF Orientation tag (JPEG and
// PNG: an Exif block; TIFF: the Orientation tag, 274). Where the marker shows and which way the
// picture is long tell which of the eight orientations a reader applied, exactly: each of the
// eight flips and turns of a rectangle puts the stored top-left corner in a different place or
// changes which side is longer.
import sharp from 'sharp';
import { addAsset } from '../../main/files/assets';
import { frameId, newIssue } from '../../renderer/model/defaults';
import type { Asset, AssetId, Frame, Issue, PageId } from '../../renderer/model/schema';
import type { Pixels } from './editor-page';

/** Stored size of the test picture, in pixels. */
export const STORED = { width: 40, height: 20 } as const;
/** The marker: stored pixels x 0..11, y 0..7 (a block well away from the centre lines). */
const MARKER = { width: 12, height: 8 } as const;
export const GREY = 128;
export const RED = { r: 220, g: 30, b: 30 } as const;

export type Corner = 'top-left' | 'top-right' | 'bottom-right' | 'bottom-left';

/**
 * What the picture looks like upright, per EXIF orientation (TIFF 6.0 / Exif 2.3 tag 0x0112: the
 * value names where the stored 0th row and 0th column are seen). 1 as stored; 2 mirrored
 * left-right; 3 turned 180°; 4 mirrored top-bottom; 5 mirrored about the top-left diagonal
 * (transposed); 6 turned 90° clockwise to view (phone held upright, home button down); 7
 * mirrored about the other diagonal; 8 turned 90° anticlockwise. For 5–8 the sides swap.
 */
export const ORIENTATIONS: ReadonlyArray<{ orientation: number; width: number; height: number; marker: Corner }> = [
  { orientation: 1, width: 40, height: 20, marker: 'top-left' },
  { orientation: 2, width: 40, height: 20, marker: 'top-right' },
  { orientation: 3, width: 40, height: 20, marker: 'bottom-right' },
  { orientation: 4, width: 40, height: 20, marker: 'bottom-left' },
  { orientation: 5, width: 20, height: 40, marker: 'top-left' },
  { orientation: 6, width: 20, height: 40, marker: 'top-right' },
  { orientation: 7, width: 20, height: 40, marker: 'bottom-right' },
  { orientation: 8, width: 20, height: 40, marker: 'bottom-left' },
];

export type PictureFormat = 'jpeg' | 'png' | 'tiff';
export const MIME: Record<PictureFormat, 'image/jpeg' | 'image/png' | 'image/tiff'> = { jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' };

/** The test picture in `format` with EXIF orientation `orientation` (1..8). */
export async function orientedPicture(format: PictureFormat, orientation: number): Promise<Buffer> {
  const marker = await sharp({ create: { width: MARKER.width, height: MARKER.height, channels: 3, background: RED } }).png().toBuffer();
  const img = sharp({ create: { width: STORED.width, height: STORED.height, channels: 3, background: { r: GREY, g: GREY, b: GREY } } })
    .composite([{ input: marker, left: 0, top: 0 }])
    .withMetadata({ orientation });
  // JPEG at full quality and full-resolution chroma, so the red marker keeps its edges.
  const out = format === 'jpeg' ? img.jpeg({ quality: 100, chromaSubsampling: '4:4:4' }) : format === 'png' ? img.png() : img.tiff();
  return out.toBuffer();
}

export const isRed = (r: number, g: number, b: number): boolean => r > 150 && g < 110 && b < 110;
/**
 * A pixel of the picture (the red marker or the mid grey around it), as opposed to white paper
 * or a coloured guide line on the screen. The grey comes back from a CMYK round trip and a
 * poppler render (no colour management) within about 40 levels of 128 and near neutral.
 */
export const isPicture = (r: number, g: number, b: number): boolean => isRed(r, g, b) || (Math.max(r, g, b) - Math.min(r, g, b) < 40 && Math.max(r, g, b) < 190 && Math.min(r, g, b) > 50);

export interface Seen {
  /** Size of the picture's visible area, in pixels of `p`. */
  width: number;
  height: number;
  /** Which quarter of the picture the marker's centre is in. */
  marker: Corner;
}

/**
 * Where the picture and its marker are inside `box` of `p` (RGB pixels): the bounding box of the
 * picture's pixels, and the quarter of it the red marker's centre falls in. Null when no picture
 * or no marker is there.
 */
export function seen(p: Pixels, box: { x: number; y: number; width: number; height: number } = { x: 0, y: 0, width: p.width, height: p.height }): Seen | null {
  let px0 = Infinity, py0 = Infinity, px1 = -Infinity, py1 = -Infinity;
  let sx = 0, sy = 0, n = 0;
  const xa = Math.max(0, Math.floor(box.x));
  const ya = Math.max(0, Math.floor(box.y));
  const xb = Math.min(p.width, Math.ceil(box.x + box.width));
  const yb = Math.min(p.height, Math.ceil(box.y + box.height));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const o = (y * p.width + x) * 3;
      const r = p.data[o]!, g = p.data[o + 1]!, b = p.data[o + 2]!;
      if (!isPicture(r, g, b)) continue;
      px0 = Math.min(px0, x); py0 = Math.min(py0, y); px1 = Math.max(px1, x); py1 = Math.max(py1, y);
      if (isRed(r, g, b)) {
        sx += x;
        sy += y;
        n++;
      }
    }
  }
  if (n === 0 || px1 < px0) return null;
  const cx = sx / n, cy = sy / n;
  const midX = (px0 + px1) / 2, midY = (py0 + py1) / 2;
  const marker: Corner = cy < midY ? (cx < midX ? 'top-left' : 'top-right') : cx < midX ? 'bottom-left' : 'bottom-right';
  return { width: px1 - px0 + 1, height: py1 - py0 + 1, marker };
}

/** Decoded RGB pixels of any image sharp reads (a CMYK JPEG through the project's CMYK profile), as stored: no EXIF orientation applied. */
export async function pixelsOf(image: Uint8Array): Promise<Pixels> {
  const { data, info } = await sharp(Buffer.from(image)).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

export const FORMATS: readonly PictureFormat[] = ['jpeg', 'png', 'tiff'];

/** Frames of the orientation test page: eight of 100 × 100 pt in two rows, 40 pt apart. */
export const FRAME = 100;
export const frameBox = (i: number): { x: number; y: number; width: number; height: number } => ({ x: 40 + (i % 4) * (FRAME + 40), y: 80 + Math.floor(i / 4) * (FRAME + 40), width: FRAME, height: FRAME });

/**
 * A tabloid issue with one page per format (jpeg, png, tiff, in that order), each showing the
 * eight orientations in ORIENTATIONS order, placed `fit` in the frames of frameBox(0..7). Assets
 * are made by addAsset, as importing the files does; their bytes go into `assets`.
 */
export async function orientationIssue(assets: Map<AssetId, Uint8Array>): Promise<Issue> {
  const base = newIssue({ preset: 'tabloid', meta: { paper: '方向测试', date: '2026-11-22' } });
  const records: Asset[] = [];
  const pages = [];
  for (const format of FORMATS) {
    const frames: Frame[] = [];
    for (const [i, o] of ORIENTATIONS.entries()) {
      const { asset, bytes } = addAsset(await orientedPicture(format, o.orientation), `o${o.orientation}.${format}`);
      if (!assets.has(asset.id)) records.push(asset);
      assets.set(asset.id, bytes);
      frames.push({ id: frameId(`${format}${o.orientation}`), kind: 'image', ...frameBox(i), assetId: asset.id, fit: 'fit', scale: 1, offsetX: 0, offsetY: 0 } as Frame);
    }
    pages.push({ ...base.pages[0]!, id: `orientation-${format}` as PageId, section: format, masterId: null, frames });
  }
  return { ...base, pages, assets: records };
}
