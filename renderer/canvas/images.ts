// Placed images for the screen: decoded once per asset. JPEG and PNG decode in the browser from
// the bytes main sent. What Chromium cannot show right comes as a screen preview made by main
// (api.assets.preview: an sRGB JPEG, at most 2048 px on the long side, cached by asset hash):
// TIFF, which Chromium has no decoder for, and CMYK JPEG, which it would decode without the
// project's CMYK profile (wrong colours). Any other image the browser fails to decode is asked
// for as a preview too. Until a preview arrives, or when there is none, the frame shows the grey
// placeholder. The PDF writer always embeds the original, never the preview.
//
// Orientation: bitmaps are decoded upright, by the image's EXIF orientation
// (imageOrientation 'from-image', said explicitly rather than left to the browser's default), the
// same upright picture whose size the asset records (main/files/assets.ts) and whose pixels the
// PDF embeds (main/files/images.ts). Previews from main are already upright and carry no tag.

/** Fetches main's screen preview of an asset (bytes and their mime type). */
export type PreviewSource = (assetId: string) => Promise<{ bytes: Uint8Array; mime: string }>;

/** Decodes image bytes into a bitmap (createImageBitmap in the browser; tests hand in a fake). */
export type BitmapDecoder = (blob: Blob, options: ImageBitmapOptions) => Promise<ImageBitmap>;

/** How every bitmap is decoded: upright by its EXIF orientation. */
export const DECODE_OPTIONS: ImageBitmapOptions = { imageOrientation: 'from-image' };

export class ImageStore {
  private images = new Map<string, ImageBitmap | null>();
  private listeners = new Set<() => void>();
  version = 0;

  /**
   * `preview`: main's screen previews; null (tests) = such images stay placeholders.
   * `decodeBitmap`: the browser's createImageBitmap unless a test gives another.
   */
  constructor(
    private readonly preview: PreviewSource | null = null,
    private readonly decodeBitmap: BitmapDecoder = (blob, options) => createImageBitmap(blob, options),
  ) {}

  add(assetId: string, bytes: Uint8Array, mime: string): void {
    if (this.images.has(assetId)) return;
    // null until decoded: `has` is true at once (the asset is here), `get` gives the placeholder.
    this.images.set(assetId, null);
    if (needsPreview(bytes, mime)) this.fromMain(assetId);
    else this.decode(assetId, bytes, mime, () => this.fromMain(assetId));
  }

  /** True when the asset's bytes are here (decoded or not). */
  has = (assetId: string): boolean => this.images.has(assetId);

  get = (assetId: string): ImageBitmap | null => {
    const img = this.images.get(assetId);
    return img && img.width > 0 ? img : null;
  };

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private decode(assetId: string, bytes: Uint8Array, mime: string, onError: () => void): void {
    this.decodeBitmap(new Blob([bytes as BlobPart], { type: mime }), DECODE_OPTIONS).then(
      (bitmap) => {
        this.images.set(assetId, bitmap);
        this.version++;
        for (const l of this.listeners) l();
      },
      () => onError(),
    );
  }

  private fromMain(assetId: string): void {
    if (!this.preview) return;
    this.preview(assetId).then(
      (p) => this.decode(assetId, p.bytes, p.mime, () => console.warn(`banmian: the screen preview of image ${assetId.slice(0, 12)} did not decode; it shows as a placeholder`)),
      (e: unknown) => console.warn(`banmian: no screen preview of image ${assetId.slice(0, 12)} (${e instanceof Error ? e.message : String(e)}); it shows as a placeholder`),
    );
  }
}

/** True for images the browser cannot show as they are: TIFF, and JPEG with four components (CMYK or YCCK). */
export function needsPreview(bytes: Uint8Array, mime: string): boolean {
  if (mime === 'image/tiff') return true;
  return mime === 'image/jpeg' && jpegComponents(bytes) === 4;
}

/** Number of colour components in a JPEG's frame header (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK); null if not found. */
export function jpegComponents(b: Uint8Array): number | null {
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return null;
    const m = b[p + 1]!;
    if (m === 0xff) {
      p++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd8)) {
      p += 2; // markers without a length
      continue;
    }
    if (m === 0xd9 || m === 0xda) return null; // end of image or start of scan before a frame header
    const len = (b[p + 2]! << 8) | b[p + 3]!;
    // SOF0-3, 5-7, 9-11, 13-15 (C4 DHT, C8 JPG and CC DAC are not frame headers):
    // FF Cn, length (2), precision (1), height (2), width (2), components (1).
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return p + 9 < b.length ? b[p + 9]! : null;
    if (len < 2) return null;
    p += 2 + len;
  }
  return null;
}
