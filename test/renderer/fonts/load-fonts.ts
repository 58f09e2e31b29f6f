// Test helper: FontMetrics for the bundled fonts, read from where npm (or fonts/) puts them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontMetrics, FontProvider } from '../../../renderer/engine/metrics';
import { metricsFromBytes } from '../../../renderer/fonts/fontkit-metrics';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const FILES: Record<string, string> = {
  'NotoSerifSC-Regular': 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  'NotoSerifSC-Bold': 'node_modules/@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  'NotoSansSC-Regular': 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  'NotoSansSC-Bold': 'node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  'GBZenKai-Medium': 'fonts/gkai00mp.ttf',
};

const loaded = new Map<string, FontMetrics>();

/** Metrics of one bundled face by PostScript name (loaded once per process). */
export function realFont(name: string): FontMetrics {
  let m = loaded.get(name);
  if (m) return m;
  const file = FILES[name];
  if (!file) throw new Error(`no bundled font named ${name}; known: ${Object.keys(FILES).join(', ')}`);
  m = metricsFromBytes(readFileSync(join(root, file)));
  loaded.set(name, m);
  return m;
}

/** A provider over the bundled fonts; unknown names get NotoSerifSC-Regular (as substitution
 *  would); characters a face lacks come from NotoSerifSC-Regular, then NotoSansSC-Regular. */
export function realFonts(): FontProvider {
  return {
    get: (name) => (FILES[name] ? realFont(name) : realFont('NotoSerifSC-Regular')),
    fallbacks: () => [realFont('NotoSerifSC-Regular'), realFont('NotoSansSC-Regular')],
  };
}

export const repoRoot = root;
