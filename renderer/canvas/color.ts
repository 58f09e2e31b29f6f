// Screen colour for a CMYK fill. The press gets the CMYK numbers (the PDF writer reads them from
// the same LayoutResult); the screen shows an uncalibrated conversion, which is what layout staff
// expect from a proof on screen. Newsprint is not white: the page background is a light warm grey
// only in the pasteboard, the page itself stays white so 纸色 reads as "no ink".
import type { Fill } from '../engine/types';

/** rgb() for CMYK percentages: each channel is (1 - ink) x (1 - K), the naive subtractive model. */
export function cmykToCss(c: number, m: number, y: number, k: number, alpha = 1): string {
  const ch = (ink: number) => Math.round(255 * (1 - clamp01(ink / 100)) * (1 - clamp01(k / 100)));
  return alpha >= 1 ? `rgb(${ch(c)}, ${ch(m)}, ${ch(y)})` : `rgba(${ch(c)}, ${ch(m)}, ${ch(y)}, ${alpha})`;
}

export const fillCss = (f: Fill): string => cmykToCss(f.c, f.m, f.y, f.k);

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
