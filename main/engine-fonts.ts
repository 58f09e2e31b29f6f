// The bridge from the font registry (main/files/fonts.ts: files, collections, substitution) to
// the engine's FontProvider (renderer/engine/metrics.ts: metrics only). One per registry; the
// CLI, the PDF export and the app's main process all use it, so they measure alike.
import type { FontMetrics, FontProvider } from '../renderer/engine/metrics';
import { FontkitMetrics } from '../renderer/fonts/fontkit-metrics';
import type { FontRegistry, FontWarning } from './files/fonts';

export interface EngineFonts extends FontProvider {
  /** Substitutions made so far (a missing font answered by a bundled one), by requested name. */
  readonly warnings: ReadonlyMap<string, FontWarning>;
}

export function engineFonts(registry: FontRegistry): EngineFonts {
  const byFontId = new Map<string, FontMetrics>();
  const byName = new Map<string, FontMetrics>();
  const warnings = new Map<string, FontWarning>();
  return {
    warnings,
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
}
