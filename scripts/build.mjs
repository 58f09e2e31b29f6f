#!/usr/bin/env node
// Build steps. `node scripts/build.mjs cli` (run by npm's `prepare`, so `npm install` leaves a
// working `npx banmian`) bundles the CLI; `all` also builds the Electron main/preload, the PDF
// export worker and the renderer (once they exist); `main` only the main-process bundles.
// `--outdir DIR` writes the esbuild bundles to DIR instead of dist/ (a test builds the main
// process there); the renderer always goes to dist/renderer. esbuild keeps this to well under a
// second.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const what = process.argv[2] ?? 'all';
const outFlag = process.argv.indexOf('--outdir');
const dist = outFlag > 0 && process.argv[outFlag + 1] ? resolve(process.argv[outFlag + 1]) : `${root}/dist`;

// Runtime dependencies stay external: node resolves them from node_modules (and electron-builder
// ships them), which keeps the bundle small and avoids re-bundling fontkit's tables.
const external = ['fontkit', 'pdf-lib', 'fflate', 'zod', 'electron', 'sharp', 'qrcode', 'playwright-core'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
};

async function cli() {
  await build({ ...common, entryPoints: ['main/cli-main.ts'], outfile: `${dist}/cli.cjs` });
}

async function electronMain() {
  if (!existsSync(`${root}/main/main.ts`)) return;
  await build({ ...common, entryPoints: ['main/main.ts'], outfile: `${dist}/main/main.cjs` });
  await build({ ...common, entryPoints: ['main/preload.ts'], outfile: `${dist}/main/preload.cjs`, external: ['electron'] });
  // The PDF export's worker thread: main/app/export-pdf.ts looks for it beside main.cjs.
  await build({ ...common, entryPoints: ['main/app/export-worker.ts'], outfile: `${dist}/main/export-worker.cjs` });
}

// The renderer: Vite (vite.config.ts) builds renderer/index.html into dist/renderer, with
// relative URLs for banmian://app/.
async function renderer() {
  if (!existsSync(`${root}/renderer/index.html`)) return;
  const vite = await import('vite');
  await vite.build({ configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
}

const t0 = Date.now();
if (what === 'cli' || what === 'all') await cli();
if (what === 'all' || what === 'main') await electronMain();
if (what === 'all' || what === 'renderer') await renderer();
console.log(`banmian build (${what}) done in ${Date.now() - t0} ms`);
