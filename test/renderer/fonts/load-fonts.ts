// Test helper: FontMetrics for the bundled fonts, read from where npm (or fonts/) puts them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontMetrics, FontProvider } from '../../../renderer/engine/metrics';
import { metricsFromBytes } from '../../../renderer/fonts/fontkit-metrics';
import manifest from '../../../fonts/manifest.json';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Bundled faces by PostScript name -> path from the repo root, read from fonts/manifest.json (the
 * one role -> file mapping): the npm path when npm installs the file, else fonts/<file>.
 */
export const FONT_FILES: Readonly<Record<string, string>> = Object.fromEntries(
  manifest.files.map((f) => [f.postscriptName, f.npm ? `node_modules/${f.npm}` : `fonts/${f.file}`]),
);

const loaded = new Map<string, FontMetrics>();

/** Metrics of one bundled face by PostScript name (loaded once per process). */
export function realFont(name: string): FontMetrics {
  let m = loaded.get(name);
  if (m) return m;
  const file = FONT_FILES[name];
  if (!file) throw new Error(`no bundled font named ${name}; known: ${Object.keys(FONT_FILES).join(', ')}`);
  m = metricsFromBytes(readFileSync(join(root, file)));
  loaded.set(name, m);
  return m;
}

/** A provider over the bundled fonts; unknown names get NotoSerifSC-Regular (as substitution
 *  would); characters a face lacks come from NotoSerifSC-Regular, then NotoSansSC-Regular. */
export function realFonts(): FontProvider {
  return {
    get: (name) => (FONT_FILES[name] ? realFont(name) : realFont('NotoSerifSC-Regular')),
    fallbacks: () => [realFont('NotoSerifSC-Regular'), realFont('NotoSansSC-Regular')],
  };
}

export const repoRoot = root;
