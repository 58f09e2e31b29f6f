// Vite build of the renderer: renderer/index.html -> dist/renderer, with relative URLs (base './')
// because the app serves it from banmian://app/. The CSP there allows scripts only from 'self'
// (no inline scripts, no eval): the module preload polyfill is inline-free, and no dependency
// needs eval (fontkit's browser build uses none).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // One chunk per big dependency keeps rebuilds of our code fast to load.
    chunkSizeWarningLimit: 4000,
    modulePreload: { polyfill: false },
  },
  // fontkit and its dependencies reference `process` and `global` in a few code paths.
  define: { 'process.env.NODE_ENV': JSON.stringify(process.env.NODE_ENV ?? 'production'), global: 'globalThis' },
  server: { host: '127.0.0.1' },
});
