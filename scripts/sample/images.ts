// The sample's photographs: simple street scenes drawn as SVG here and rasterised with sharp to
// RGB JPEG, so the press conversion to CMYK at export is exercised. Deterministic: a seeded
// generator, no clock, fixed encoder settings; the same sharp/libvips build gives the same bytes.
import sharp from 'sharp';
import { mulberry32 as rng } from '../../test/helpers/random';

/** Pixels per inch the images are made for at their placed size: above the 200 ppi preflight
 *  asks for, with room for a slight enlargement on the desk. */
export const SAMPLE_PPI = 240;

export type SceneKind = 'childrens-centre' | 'elevator' | 'community-centre' | 'neighbourhood' | 'renovated' | 'carport';


const f = (v: number) => Math.round(v * 10) / 10;

interface Palette {
  sky: [string, string];
  ground: string;
  walls: string[];
  roof: string;
  window: string;
  frame: string;
}

const PALETTES: Record<SceneKind, Palette> = {
  'childrens-centre': { sky: ['#8ec5ea', '#e4f1f8'], ground: '#b9b2a4', walls: ['#f1ede4', '#f5c542', '#6cbf84', '#e86f5a', '#5aa6d8'], roof: '#7b8794', window: '#4d6f8f', frame: '#ffffff' },
  elevator: { sky: ['#9dc3df', '#eef3f6'], ground: '#a9a49a', walls: ['#e9dccb', '#dcc9b2', '#efe6d8'], roof: '#8a6f5a', window: '#56697a', frame: '#f7f3ec' },
  'community-centre': { sky: ['#a6cde8', '#f2f6f8'], ground: '#c2baa9', walls: ['#f4f1ea', '#c9d6df', '#e8ddd0'], roof: '#6e7c87', window: '#3f5f7c', frame: '#ffffff' },
  neighbourhood: { sky: ['#b4d4ea', '#f4f6f2'], ground: '#a8b39a', walls: ['#eee7da', '#e3d3bd', '#f2efe8'], roof: '#9a6a52', window: '#5b6e7d', frame: '#faf7f0' },
  renovated: { sky: ['#98c1e0', '#edf3f7'], ground: '#9f9c94', walls: ['#a9563f', '#b4644b', '#9c4e3a'], roof: '#5d4037', window: '#3e4f5e', frame: '#efe3d3' },
  carport: { sky: ['#a3c8e3', '#f0f4f6'], ground: '#a7a399', walls: ['#b4644b', '#a9563f'], roof: '#5d4037', window: '#3e4f5e', frame: '#efe3d3' },
};

function windows(out: string[], x: number, y: number, w: number, h: number, rows: number, cols: number, p: Palette, r: () => number): void {
  const cw = w / cols;
  const rh = h / rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const wx = x + j * cw + cw * 0.22;
      const wy = y + i * rh + rh * 0.2;
      const lit = r() < 0.18;
      out.push(`<rect x="${f(wx)}" y="${f(wy)}" width="${f(cw * 0.56)}" height="${f(rh * 0.55)}" fill="${lit ? '#f3e3b0' : p.window}" stroke="${p.frame}" stroke-width="${f(Math.max(1, cw * 0.04))}"/>`);
    }
  }
}

function tree(out: string[], x: number, ground: number, size: number, r: () => number): void {
  const green = ['#3f7d4e', '#4e8f58', '#5f9d5e', '#386b45'][Math.floor(r() * 4)]!;
  out.push(`<rect x="${f(x - size * 0.06)}" y="${f(ground - size * 0.9)}" width="${f(size * 0.12)}" height="${f(size * 0.9)}" fill="#6b4f3a"/>`);
  out.push(`<circle cx="${f(x)}" cy="${f(ground - size * 1.05)}" r="${f(size * 0.45)}" fill="${green}"/>`);
  out.push(`<circle cx="${f(x - size * 0.28)}" cy="${f(ground - size * 0.85)}" r="${f(size * 0.32)}" fill="${green}" opacity="0.9"/>`);
  out.push(`<circle cx="${f(x + size * 0.3)}" cy="${f(ground - size * 0.88)}" r="${f(size * 0.3)}" fill="${green}" opacity="0.85"/>`);
}

function person(out: string[], x: number, ground: number, h: number, r: () => number): void {
  const coat = ['#c0392b', '#2e86c1', '#f39c12', '#27ae60', '#8e44ad', '#34495e'][Math.floor(r() * 6)]!;
  out.push(`<circle cx="${f(x)}" cy="${f(ground - h * 0.88)}" r="${f(h * 0.1)}" fill="#e0b894"/>`);
  out.push(`<rect x="${f(x - h * 0.12)}" y="${f(ground - h * 0.77)}" width="${f(h * 0.24)}" height="${f(h * 0.42)}" rx="${f(h * 0.05)}" fill="${coat}"/>`);
  out.push(`<rect x="${f(x - h * 0.1)}" y="${f(ground - h * 0.36)}" width="${f(h * 0.08)}" height="${f(h * 0.36)}" fill="#2c3e50"/>`);
  out.push(`<rect x="${f(x + h * 0.02)}" y="${f(ground - h * 0.36)}" width="${f(h * 0.08)}" height="${f(h * 0.36)}" fill="#2c3e50"/>`);
}

/** The SVG of one scene, `w` x `h` pixels. */
export function sceneSvg(kind: SceneKind, w: number, h: number, seed: number): string {
  const r = rng(seed);
  const p = PALETTES[kind];
  const ground = h * 0.78;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`);
  out.push(`<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.sky[0]}"/><stop offset="1" stop-color="${p.sky[1]}"/></linearGradient>`);
  out.push(`<linearGradient id="shade" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.18"/></linearGradient>`);
  out.push(`<linearGradient id="road" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.ground}"/><stop offset="1" stop-color="#6f6a62"/></linearGradient></defs>`);
  out.push(`<rect width="${w}" height="${h}" fill="url(#sky)"/>`);
  // distant blocks
  for (let x = -w * 0.05; x < w; ) {
    const bw = w * (0.08 + r() * 0.1);
    const bh = h * (0.25 + r() * 0.25);
    out.push(`<rect x="${f(x)}" y="${f(ground - bh - h * 0.12)}" width="${f(bw)}" height="${f(bh + h * 0.12)}" fill="#c4cdd4" opacity="0.7"/>`);
    x += bw + w * 0.01;
  }
  const buildings: { x: number; w: number; h: number; color: string; floors: number }[] = [];
  if (kind === 'elevator' || kind === 'neighbourhood' || kind === 'renovated' || kind === 'carport') {
    // walk-up residential blocks, six storeys, with pitched or flat roofs
    let x = -w * 0.03;
    while (x < w) {
      const bw = w * (0.26 + r() * 0.08);
      buildings.push({ x, w: bw, h: h * (0.5 + r() * 0.06), color: p.walls[buildings.length % p.walls.length]!, floors: 6 });
      x += bw + w * 0.05;
    }
  } else {
    const main = kind === 'childrens-centre' ? { x: w * 0.12, w: w * 0.62, h: h * 0.42, floors: 3 } : { x: w * 0.08, w: w * 0.7, h: h * 0.5, floors: 4 };
    buildings.push({ ...main, color: p.walls[0]! });
    buildings.push({ x: w * 0.76, w: w * 0.3, h: h * 0.36, color: p.walls[1]!, floors: 3 });
  }
  for (const b of buildings) {
    const top = ground - b.h;
    out.push(`<rect x="${f(b.x)}" y="${f(top)}" width="${f(b.w)}" height="${f(b.h)}" fill="${b.color}"/>`);
    out.push(`<rect x="${f(b.x + b.w * 0.7)}" y="${f(top)}" width="${f(b.w * 0.3)}" height="${f(b.h)}" fill="url(#shade)"/>`);
    if (kind === 'neighbourhood' || kind === 'renovated' || kind === 'carport') {
      out.push(`<polygon points="${f(b.x - b.w * 0.03)},${f(top)} ${f(b.x + b.w / 2)},${f(top - b.h * 0.16)} ${f(b.x + b.w * 1.03)},${f(top)}" fill="${p.roof}"/>`);
    } else {
      out.push(`<rect x="${f(b.x - b.w * 0.01)}" y="${f(top - h * 0.015)}" width="${f(b.w * 1.02)}" height="${f(h * 0.02)}" fill="${p.roof}"/>`);
    }
    windows(out, b.x + b.w * 0.04, top + b.h * 0.06, b.w * 0.92, b.h * 0.86, b.floors, Math.max(3, Math.round(b.w / (w * 0.045))), p, r);
    if (kind === 'elevator') {
      // the added lift: a glass shaft with a steel frame against the stairwell, landings to each floor
      const sx = b.x + b.w * 0.44;
      const sw = b.w * 0.14;
      out.push(`<rect x="${f(sx)}" y="${f(top - b.h * 0.08)}" width="${f(sw)}" height="${f(b.h * 1.08)}" fill="#bcd7e6" stroke="#7d8b95" stroke-width="${f(w * 0.004)}"/>`);
      for (let i = 1; i < 7; i++) out.push(`<rect x="${f(sx)}" y="${f(top - b.h * 0.08 + (i * b.h * 1.08) / 7)}" width="${f(sw)}" height="${f(w * 0.003)}" fill="#7d8b95"/>`);
      out.push(`<rect x="${f(sx + sw * 0.25)}" y="${f(top + b.h * 0.55)}" width="${f(sw * 0.5)}" height="${f(b.h * 0.12)}" fill="#8fa7b5"/>`);
    }
  }
  if (kind === 'childrens-centre') {
    // coloured canopy, playground: slide and climbing frame
    const cx = w * 0.2;
    out.push(`<rect x="${f(cx)}" y="${f(ground - h * 0.14)}" width="${f(w * 0.3)}" height="${f(h * 0.025)}" fill="#e86f5a"/>`);
    out.push(`<rect x="${f(w * 0.36)}" y="${f(ground - h * 0.12)}" width="${f(w * 0.07)}" height="${f(h * 0.12)}" fill="#5aa6d8"/>`);
    out.push(`<polygon points="${f(w * 0.56)},${f(ground - h * 0.13)} ${f(w * 0.58)},${f(ground - h * 0.13)} ${f(w * 0.7)},${f(ground)} ${f(w * 0.66)},${f(ground)}" fill="#f5c542"/>`);
    out.push(`<rect x="${f(w * 0.53)}" y="${f(ground - h * 0.14)}" width="${f(w * 0.05)}" height="${f(h * 0.14)}" fill="none" stroke="#6cbf84" stroke-width="${f(w * 0.006)}"/>`);
  }
  if (kind === 'community-centre') {
    out.push(`<rect x="${f(w * 0.3)}" y="${f(ground - h * 0.16)}" width="${f(w * 0.18)}" height="${f(h * 0.16)}" fill="#8fb3c9" stroke="#ffffff" stroke-width="${f(w * 0.004)}"/>`);
    out.push(`<rect x="${f(w * 0.22)}" y="${f(ground - h * 0.2)}" width="${f(w * 0.34)}" height="${f(h * 0.03)}" fill="#c0392b"/>`);
  }
  // pavement and road
  out.push(`<rect x="0" y="${f(ground)}" width="${w}" height="${f(h - ground)}" fill="url(#road)"/>`);
  out.push(`<rect x="0" y="${f(ground)}" width="${w}" height="${f(h * 0.03)}" fill="#d9d4ca"/>`);
  for (let x = r() * w * 0.1; x < w; x += w * 0.12) out.push(`<rect x="${f(x)}" y="${f(h * 0.92)}" width="${f(w * 0.05)}" height="${f(h * 0.008)}" fill="#e8e4da"/>`);
  if (kind === 'renovated') {
    // parking bays and cars
    for (let x = w * 0.04; x < w * 0.95; x += w * 0.13) {
      out.push(`<rect x="${f(x)}" y="${f(h * 0.84)}" width="${f(w * 0.11)}" height="${f(h * 0.07)}" rx="${f(h * 0.015)}" fill="${['#dfe6e9', '#2d3436', '#b2bec3', '#0984e3', '#d63031'][Math.floor(r() * 5)]}"/>`);
      out.push(`<rect x="${f(x + w * 0.02)}" y="${f(h * 0.815)}" width="${f(w * 0.07)}" height="${f(h * 0.035)}" rx="${f(h * 0.01)}" fill="#74848f"/>`);
    }
  }
  if (kind === 'carport') {
    // a long charging shed: green roof on posts, charging posts, parked e-bikes
    const top = h * 0.6;
    out.push(`<rect x="${f(w * 0.05)}" y="${f(top)}" width="${f(w * 0.9)}" height="${f(h * 0.035)}" fill="#3f8f5a"/>`);
    for (let x = w * 0.06; x < w * 0.95; x += w * 0.11) out.push(`<rect x="${f(x)}" y="${f(top)}" width="${f(w * 0.008)}" height="${f(h * 0.36)}" fill="#7f8c8d"/>`);
    for (let x = w * 0.09; x < w * 0.93; x += w * 0.055) {
      const y = h * 0.9;
      const rw = h * 0.035;
      const c = ['#c0392b', '#2980b9', '#f1c40f', '#ecf0f1', '#2c3e50'][Math.floor(r() * 5)]!;
      out.push(`<circle cx="${f(x)}" cy="${f(y)}" r="${f(rw)}" fill="none" stroke="#2d3436" stroke-width="${f(rw * 0.35)}"/>`);
      out.push(`<circle cx="${f(x + rw * 2.6)}" cy="${f(y)}" r="${f(rw)}" fill="none" stroke="#2d3436" stroke-width="${f(rw * 0.35)}"/>`);
      out.push(`<rect x="${f(x)}" y="${f(y - rw * 2)}" width="${f(rw * 2.6)}" height="${f(rw * 1.3)}" rx="${f(rw * 0.4)}" fill="${c}"/>`);
    }
    for (let x = w * 0.12; x < w * 0.9; x += w * 0.22) out.push(`<rect x="${f(x)}" y="${f(h * 0.72)}" width="${f(w * 0.018)}" height="${f(h * 0.1)}" fill="#27ae60" stroke="#ecf0f1" stroke-width="${f(w * 0.002)}"/>`);
  }
  for (let x = w * 0.03; x < w; x += w * (0.12 + r() * 0.1)) if (kind !== 'carport' || x < w * 0.04 || x > w * 0.96) tree(out, x, ground + h * 0.02, h * (0.16 + r() * 0.08), r);
  const people = kind === 'childrens-centre' ? 9 : kind === 'community-centre' ? 7 : 4;
  for (let i = 0; i < people; i++) person(out, w * (0.08 + r() * 0.84), ground + h * (0.06 + r() * 0.1), h * (kind === 'childrens-centre' && i % 2 ? 0.1 : 0.16), r);
  out.push('</svg>');
  return out.join('');
}

/** An RGB JPEG of the scene at `ppi` for a frame of `widthPt` x `heightPt`. */
export async function sceneJpeg(kind: SceneKind, widthPt: number, heightPt: number, seed: number, ppi = SAMPLE_PPI): Promise<Uint8Array> {
  const w = Math.ceil((widthPt * ppi) / 72);
  const h = Math.ceil((heightPt * ppi) / 72);
  const buf = await sharp(Buffer.from(sceneSvg(kind, w, h, seed)), { density: 72 })
    .resize(w, h, { fit: 'fill' })
    .removeAlpha()
    .toColourspace('srgb')
    .jpeg({ quality: 82, chromaSubsampling: '4:2:0', mozjpeg: false })
    .toBuffer();
  return new Uint8Array(buf);
}
