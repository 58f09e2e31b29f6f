// Reading the few things Banmian needs from an ICC profile's bytes (ICC.1:2001-04 for version 2,
// ICC.1:2010 for version 4): the header (class, colour space, version, profile ID) and the
// description tag, which names the profile in the PDF/X output intent and in messages.

export interface IccInfo {
  /** Major version (byte 8): 2 or 4. PDF 1.3 (PDF/X-1a) takes version 2 only. */
  version: number;
  /** Profile/device class, e.g. 'prtr' (output), 'mntr', 'scnr'. */
  deviceClass: string;
  /** Data colour space, e.g. 'CMYK', 'RGB ' (four characters, as stored). */
  colorSpace: string;
  /** The 'desc' tag's text (v2 textDescriptionType or v4 multiLocalizedUnicodeType), or null. */
  description: string | null;
  /** The profile ID (MD5, bytes 84-99) as hex, or null when it is all zero (not computed). */
  id: string | null;
}

const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;

/** The header and description of an ICC profile; null when the bytes are not one ('acsp' at 36). */
export function iccInfo(bytes: Uint8Array): IccInfo | null {
  if (bytes.length < 132 || ascii(bytes, 36, 4) !== 'acsp') return null;
  const idBytes = bytes.subarray(84, 100);
  const id = idBytes.some((v) => v !== 0) ? [...idBytes].map((v) => v.toString(16).padStart(2, '0')).join('') : null;
  return { version: bytes[8]!, deviceClass: ascii(bytes, 12, 4), colorSpace: ascii(bytes, 16, 4), description: description(bytes), id };
}

function description(b: Uint8Array): string | null {
  const count = u32(b, 128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= b.length; i++) {
    const e = 132 + i * 12;
    if (ascii(b, e, 4) !== 'desc') continue;
    const at = u32(b, e + 4);
    const size = u32(b, e + 8);
    if (at + size > b.length || size < 12) return null;
    const type = ascii(b, at, 4);
    if (type === 'desc') {
      // textDescriptionType: uint32 ASCII length (with its NUL), then the ASCII text
      const n = u32(b, at + 8);
      if (at + 12 + n > b.length) return null;
      return clean(ascii(b, at + 12, n));
    }
    if (type === 'mluc') {
      // multiLocalizedUnicodeType: records of (language, country, length, offset), UTF-16BE text;
      // the first record (profiles put en-US there) names it
      const records = u32(b, at + 8);
      if (records < 1 || size < 28) return null;
      const len = u32(b, at + 20);
      const off = u32(b, at + 24);
      if (at + off + len > b.length) return null;
      let s = '';
      for (let k = 0; k + 1 < len; k += 2) s += String.fromCharCode((b[at + off + k]! << 8) | b[at + off + k + 1]!);
      return clean(s);
    }
    return null;
  }
  return null;
}

const clean = (s: string): string | null => {
  const t = s.replace(/\u0000.*$/s, '').trim();
  return t || null;
};

/**
 * True when two profiles are the same profile: equal profile IDs where both have one (an MD5 of
 * the profile with its header's flags, intent and ID zeroed), else equal bytes.
 */
export function sameProfile(a: Uint8Array, b: Uint8Array): boolean {
  const ia = iccInfo(a)?.id ?? null;
  const ib = iccInfo(b)?.id ?? null;
  if (ia && ib) return ia === ib;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
