// QR code modules, computed once in the engine so that the canvas and the PDF fill the very same
// rectangles (screen and press cannot disagree). The square the layout gives holds the symbol
// plus the 4-module quiet zone ISO/IEC 18004 §7.3.8 requires on every side.
import QRCode from 'qrcode';
import type { Rect } from './types';

export interface QrMatrix {
  /** Modules per side (without the quiet zone). */
  size: number;
  dark(row: number, col: number): boolean;
}

const cache = new Map<string, QrMatrix>();

export function qrMatrix(data: string, level: 'L' | 'M' | 'Q' | 'H'): QrMatrix {
  const key = `${level}\u0000${data}`;
  let m = cache.get(key);
  if (m) return m;
  const q = QRCode.create(data, { errorCorrectionLevel: level });
  const size = q.modules.size;
  const bits = q.modules.data;
  m = { size, dark: (r, c) => bits[r * size + c] === 1 };
  if (cache.size > 256) cache.clear();
  cache.set(key, m);
  return m;
}

/**
 * The dark modules of a QR symbol drawn in the square (x, y, side) as rectangles, one per run of
 * dark modules in a row (a 25x25 symbol gives ~200 rectangles instead of ~300 squares).
 */
export function qrRects(data: string, level: 'L' | 'M' | 'Q' | 'H', x: number, y: number, side: number): { modules: number; rects: Rect[] } {
  const m = qrMatrix(data, level);
  const mod = side / (m.size + 8);
  const x0 = x + 4 * mod;
  const y0 = y + 4 * mod;
  const rects: Rect[] = [];
  for (let row = 0; row < m.size; row++) {
    let col = 0;
    while (col < m.size) {
      if (!m.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < m.size && m.dark(row, col)) col++;
      rects.push({ x: x0 + start * mod, y: y0 + row * mod, width: (col - start) * mod, height: mod });
    }
  }
  return { modules: m.size, rects };
}
