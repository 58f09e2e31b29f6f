// Bundling of the child scripts, kept apart from helpers.ts so that the children (which import
// helpers.ts) do not pull esbuild into their own bundles.
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Bundles a child script (open-child.ts, save-child.ts) with esbuild into `outDir`, as the
 * shipped CLI is bundled (scripts/build.mjs), and returns the .mjs path. A bundled child starts
 * in ~0.25 s instead of ~0.5-0.9 s under tsx and uses a third of the CPU, which keeps the
 * 100-process fuzz sample and the kill trials fast on a 2-core machine.
 */
export function bundleChild(entry: string, outDir: string): string {
  const outfile = join(outDir, `${basename(entry, '.ts')}.mjs`);
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'error' });
  return outfile;
}
