// Placed images for the screen: decoded once per asset from the bytes main sent. JPEG and PNG
// decode in the browser; TIFF does not (Chromium has no TIFF decoder), so TIFF assets show a
// placeholder on screen while the PDF writer embeds the real image.
export class ImageStore {
  private images = new Map<string, HTMLImageElement | null>();
  private listeners = new Set<() => void>();
  version = 0;

  add(assetId: string, bytes: Uint8Array, mime: string): void {
    if (this.images.has(assetId)) return;
    if (mime === 'image/tiff') {
      this.images.set(assetId, null);
      return;
    }
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
    const img = new Image();
    img.onload = () => {
      this.images.set(assetId, img);
      this.version++;
      for (const l of this.listeners) l();
    };
    img.onerror = () => this.images.set(assetId, null);
    img.src = url;
  }

  /** True when the asset's bytes are here (decoded or not). */
  has = (assetId: string): boolean => this.images.has(assetId);

  get = (assetId: string): HTMLImageElement | null => {
    const img = this.images.get(assetId);
    return img && img.complete && img.naturalWidth > 0 ? img : null;
  };

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
