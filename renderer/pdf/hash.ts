// Small deterministic hashes for names and ids inside the PDF (subset tags, document ID). Not
// cryptographic: they only need to be stable for the same input and to differ for different
// glyph sets or documents with overwhelming likelihood.

/** Four independent 32-bit FNV-1a lanes (different offset bases) over UTF-16 code units or bytes. */
export class Hash128 {
  // FNV-1a 32-bit offset basis and three arbitrary odd variants of it, one per lane.
  private h = [0x811c9dc5, 0x01000193 ^ 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35];

  update(data: string | Uint8Array): this {
    const h = this.h;
    let a = h[0]!;
    let b = h[1]!;
    let c = h[2]!;
    let d = h[3]!;
    const n = data.length;
    for (let i = 0; i < n; i++) {
      const v = typeof data === 'string' ? data.charCodeAt(i) : data[i]!;
      // 16777619 is the 32-bit FNV prime; the lanes differ in their basis and a rotation.
      a = Math.imul(a ^ v, 16777619);
      b = Math.imul(b ^ v, 16777619) ^ (a >>> 15);
      c = Math.imul(c ^ (v + 0x9e), 16777619) ^ (b >>> 13);
      d = Math.imul(d ^ (v * 31), 16777619) ^ (c >>> 11);
    }
    h[0] = a;
    h[1] = b;
    h[2] = c;
    h[3] = d;
    return this;
  }

  /** 16 bytes as 32 upper-case hex digits. */
  hex(): string {
    return this.h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('').toUpperCase();
  }

  /** Six upper-case letters A..Z (the PDF subset tag, ISO 32000 §9.6.4). */
  tag(): string {
    let x = (this.h[0]! >>> 0) * 0x100000000 + (this.h[1]! >>> 0);
    let s = '';
    for (let i = 0; i < 6; i++) {
      s += String.fromCharCode(65 + (x % 26));
      x = Math.floor(x / 26);
    }
    return s;
  }
}
