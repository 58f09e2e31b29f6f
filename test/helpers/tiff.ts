// A TIFF written by hand, for tests that must control exactly what the file holds: the samples
// as given (no conversion by an encoder), an alpha channel, an embedded ICC profile.
import { strict as assert } from 'node:assert';

/**
 * A baseline TIFF written by hand (uncompressed, one strip, 8 or 16 bits per sample), so a test
 * controls exactly what sharp's writer decides for itself: the samples, an alpha channel
 * (ExtraSamples = unassociated alpha) and an embedded ICC profile without any conversion.
 * 16-bit samples are given as bytes, little-endian (the file is 'II').
 */
export function writeTiff(o: { width: number; height: number; samples: Uint8Array; photometric: 'grey' | 'rgb' | 'cmyk'; alpha?: boolean; icc?: Uint8Array; bits?: 8 | 16 }): Buffer {
  const spp = (o.photometric === 'grey' ? 1 : o.photometric === 'rgb' ? 3 : 4) + (o.alpha ? 1 : 0);
  const bits = o.bits ?? 8;
  assert.equal(o.samples.length, o.width * o.height * spp * (bits / 8));
  const SHORT = 3;
  const LONG = 4;
  const UNDEFINED = 7;
  const entries: Array<[tag: number, type: number, values: number[] | Uint8Array]> = [
    [256, LONG, [o.width]],
    [257, LONG, [o.height]],
    [258, SHORT, Array<number>(spp).fill(bits)],
    [259, SHORT, [1]],
    [262, SHORT, [o.photometric === 'grey' ? 1 : o.photometric === 'rgb' ? 2 : 5]],
    [273, LONG, [0]], // patched below: the strip's offset
    [277, SHORT, [spp]],
    [278, LONG, [o.height]],
    [279, LONG, [o.samples.length]],
    [284, SHORT, [1]],
    ...(o.alpha ? [[338, SHORT, [2]] as [number, number, number[]]] : []),
    ...(o.icc ? [[34675, UNDEFINED, o.icc] as [number, number, Uint8Array]] : []),
  ];
  const size = (t: number, v: number[] | Uint8Array) => v.length * (t === LONG ? 4 : t === SHORT ? 2 : 1);
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = 8 + ifdSize;
  const extraAt = new Map<number, number>();
  for (const [tag, t, v] of entries) {
    if (size(t, v) > 4) {
      extraAt.set(tag, extra);
      extra += size(t, v) + (size(t, v) % 2);
    }
  }
  const stripAt = extra;
  const out = Buffer.alloc(stripAt + o.samples.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, t, v0], i) => {
    const v = tag === 273 ? [stripAt] : v0;
    const e = 10 + i * 12;
    out.writeUInt16LE(tag, e);
    out.writeUInt16LE(t, e + 2);
    out.writeUInt32LE(v.length, e + 4);
    const at = extraAt.get(tag) ?? e + 8;
    if (extraAt.has(tag)) out.writeUInt32LE(at, e + 8);
    v.forEach((x, k) => (t === LONG ? out.writeUInt32LE(x, at + 4 * k) : t === SHORT ? out.writeUInt16LE(x, at + 2 * k) : out.writeUInt8(x, at + k)));
  });
  out.writeUInt32LE(0, 10 + entries.length * 12); // no next IFD
  out.set(o.samples, stripAt);
  return out;
}
