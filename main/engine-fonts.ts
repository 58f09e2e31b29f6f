// The bridge from the font registry (main/files/fonts.ts: files, collections, substitution) to
// the engine's FontProvider (renderer/engine/metrics.ts: metrics only). One per registry; the
// CLI, the PDF export and the app's main process all use it, so they measure alike.
import type { FontMetrics, FontProvider } from '../renderer/engine/metrics';
import { FontkitMetrics } from '../renderer/fonts/fontkit-metrics';
import { roleFont } from '../renderer/model/defaults';
import { isBoldFontName, type FontRegistry, type FontWarning } from './files/fonts';

export interface EngineFonts extends FontProvider {
  /** Substitutions made so far (a missing font answered by a bundled one), by requested name. */
  readonly warnings: ReadonlyMap<string, FontWarning>;
}

export function engineFonts(registry: FontRegistry): EngineFonts {
  const byFontId = new Map<string, FontMetrics>();
  const byName = new Map<string, FontMetrics>();
  const warnings = new Map<string, FontWarning>();
  const fallbackCache = new Map<string, readonly FontMetrics[]>();
  const provider: EngineFonts = {
    warnings,
    /**
     * Faces tried, in order, for a character the requested face lacks: the bundled 宋 then 黑
     * of the same weight (they cover all 20,992 URO ideographs; the 楷 face covers GB 2312 only).
     */
    fallbacks(postscriptName: string): readonly FontMetrics[] {
      let list = fallbackCache.get(postscriptName);
      if (!list) {
        const weight = isBoldFontName(postscriptName) ? 'bold' : 'regular';
        const self = provider.get(postscriptName);
        list = [roleFont('song', weight), roleFont('hei', weight)].map((n) => provider.get(n)).filter((m) => m !== self);
        fallbackCache.set(postscriptName, list);
      }
      return list;
    },
    get(postscriptName: string): FontMetrics {
      const hit = byName.get(postscriptName);
      if (hit) return hit;
      const { face, warning } = registry.resolveFont(postscriptName);
      if (warning) warnings.set(postscriptName, warning);
      let m = byFontId.get(face.fontId);
      if (!m) {
        m = new FontkitMetrics(face.font, face.faceIndex === 0 ? face.fileBytes : face.faceBytes());
        byFontId.set(face.fontId, m);
      }
      byName.set(postscriptName, m);
      return m;
    },
  };
  return provider;
}
