// Units used across the model. Every length in the model is in PostScript points (1/72 inch),
// measured from the top-left corner of the trimmed page, y growing downwards.

/** Points per millimetre: 72 pt per inch / 25.4 mm per inch. */
export const PT_PER_MM = 72 / 25.4;

export const mmToPt = (mm: number): number => mm * PT_PER_MM;
export const ptToMm = (pt: number): number => pt / PT_PER_MM;

/**
 * Chinese type sizes (字号) in points, as fixed by the 号数制 used in Chinese typesetting
 * (GB/T 3179 era convention; the same table 方正 and Word use). 小X is the next smaller size.
 */
export const ZIHAO = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
  八号: 5,
} as const;

export type ZihaoName = keyof typeof ZIHAO;

export const ZIHAO_NAMES = Object.keys(ZIHAO) as ZihaoName[];

/** The 字号 name whose size equals `pt` exactly, or null (custom sizes are allowed too). */
export function zihaoName(pt: number): ZihaoName | null {
  for (const n of ZIHAO_NAMES) if (ZIHAO[n] === pt) return n;
  return null;
}

/** A size given either as a 字号 name ("小五") or a number of points. */
export function parseTypeSize(v: string | number): number {
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t in ZIHAO) return ZIHAO[t as ZihaoName];
  const n = Number(t.replace(/pt$/i, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`unknown type size "${v}": use a 字号 name such as 小五 or a number of points`);
  return n;
}

/** Round to 1/1000 pt: enough for positions, and keeps serialised files byte-stable. */
export const roundPt = (v: number): number => Math.round(v * 1000) / 1000;
