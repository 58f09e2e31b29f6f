// mulberry32: a tiny, well-mixed 32-bit PRNG. Every seeded test (fuzz, kill, robustness) and the
// sample issue's generated photos use it, so a seed printed by a failing run reproduces it.

/** Returns a function giving floats in [0, 1) from `seed`, the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
