// Test helper: draw one page of a LayoutResult as SVG (glyphs as <text> in the installed fonts,
// shapes as SVG elements) and rasterise it with headless Chromium, to look at the result.
// It draws only what the LayoutResult says; any mistake in positions shows.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Fill, LayoutResult } from '../../../renderer/engine/types';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const rgb = (f: Fill | null, tint = 1): string => {
  if (!f) return 'none';
  const ch = (v: number) => Math.round(255 * (1 - (v / 100) * tint) * (1 - (f.k / 100) * tint));
  return `rgb(${ch(f.c)},${ch(f.m)},${ch(f.y)})`;
};
const n = (v: number) => Math.round(v * 100) / 100;

export function pageSvg(r: LayoutResult, pageIndex: number, opts: { guides?: boolean } = {}): string {
  const p = r.pages[pageIndex]!;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${n(p.width)}" height="${n(p.height)}" viewBox="0 0 ${n(p.width)} ${n(p.height)}">`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  for (const f of p.frames) {
    if (opts.guides) {
      out.push(`<rect x="${n(f.x)}" y="${n(f.y)}" width="${n(f.width)}" height="${n(f.height)}" fill="none" stroke="#9cf" stroke-width="0.3"/>`);
      for (const c of f.columns) out.push(`<rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.width)}" height="${n(c.height)}" fill="none" stroke="#f9c" stroke-width="0.2"/>`);
    }
    for (const s of f.shapes) {
      if (s.type === 'line') {
        out.push(`<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${rgb(s.color)}" stroke-width="${s.weight}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''} stroke-linecap="${s.cap}"/>`);
      } else if (s.type === 'rect') {
        out.push(`<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.width)}" height="${n(s.height)}" fill="${rgb(s.fill)}" stroke="${rgb(s.stroke)}" stroke-width="${s.strokeWeight}"/>`);
      } else if (s.type === 'image') {
        const c = s.clip;
        out.push(`<rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.width)}" height="${n(c.height)}" fill="#ddd" stroke="#999" stroke-width="0.5"/>`);
        out.push(`<line x1="${n(c.x)}" y1="${n(c.y)}" x2="${n(c.x + c.width)}" y2="${n(c.y + c.height)}" stroke="#999" stroke-width="0.5"/>`);
      } else {
        out.push(`<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.size)}" height="${n(s.size)}" fill="none" stroke="${rgb(s.color)}" stroke-width="1" stroke-dasharray="2 2"/>`);
      }
    }
    for (const l of f.lines) {
      for (const run of l.runs) {
        for (const g of run.glyphs) {
          if (!g.text) continue;
          const style = `font-family:'${run.font}';font-size:${run.size}px;fill:${rgb(run.fill)}${g.vertical ? ';writing-mode:vertical-rl' : ''}`;
          if (g.vertical) {
            // let Chromium pick the vertical form itself: anchor at the column centre, em-box top
            const top = l.y + (g.y ?? 0) - run.size * 0.88;
            out.push(`<text x="${n(l.x + run.size / 2)}" y="${n(top)}" style="${style}">${esc(g.text)}</text>`);
            continue;
          }
          const x = l.x + g.x;
          const y = l.y + (g.y ?? 0);
          const rot = g.rotated ? ` transform="rotate(90 ${n(x)} ${n(y)})"` : '';
          out.push(`<text x="${n(x)}" y="${n(y)}" style="${style}"${rot}>${esc(g.text)}</text>`);
        }
      }
    }
  }
  out.push('</svg>');
  return out.join('\n');
}

/**
 * Rasterise an SVG page with headless Chromium at `scale` pixels per point. `fonts` maps the
 * PostScript names used in the result to font files. Returns Chromium's exit status.
 */
export function svgToPng(svg: string, pngPath: string, size: { width: number; height: number }, fonts: Record<string, string>, scale = 2, clip?: { x: number; y: number; width: number; height: number }): number {
  mkdirSync(dirname(pngPath), { recursive: true });
  const faces = Object.entries(fonts)
    .map(([name, file]) => `@font-face{font-family:'${name}';src:url('file://${file}');}`)
    .join('\n');
  const view = clip ?? { x: 0, y: 0, ...size };
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${faces}
html,body{margin:0;padding:0;background:white;overflow:hidden}
svg{position:absolute;left:${-view.x * scale}px;top:${-view.y * scale}px;width:${size.width * scale}px;height:${size.height * scale}px}
</style></head><body>${svg}</body></html>`;
  const htmlPath = pngPath.replace(/\.png$/, '.html');
  writeFileSync(htmlPath, html);
  const r = spawnSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${pngPath}`, `--window-size=${Math.ceil(view.width * scale)},${Math.ceil(view.height * scale)}`, '--virtual-time-budget=3000', `file://${htmlPath}`],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return r.status ?? 1;
}

export const outDir = (root: string) => join(root, 'test-output');
