// Finding the external tools that read our output back (qpdf, poppler, Ghostscript, Chromium).
// Locally a missing tool skips the test with the reason printed; in CI (.ci/run sets
// BANMIAN_REQUIRE_TOOLS=1) a missing tool fails the test, so CI can never pass by skipping.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

const cache = new Map<string, string | null>();

/** Absolute path of `name` on PATH, or null. */
export function findTool(name: string): string | null {
  if (cache.has(name)) return cache.get(name) ?? null;
  const r = spawnSync('sh', ['-c', `command -v ${JSON.stringify(name)}`], { encoding: 'utf8' });
  const p = r.status === 0 ? r.stdout.trim() || null : null;
  cache.set(name, p);
  return p;
}

export const toolsRequired = (): boolean => process.env.BANMIAN_REQUIRE_TOOLS === '1';

/**
 * Returns true when every tool is present. Otherwise: with BANMIAN_REQUIRE_TOOLS=1 throws (the
 * test fails), else marks the test skipped with the reason and returns false.
 */
export function requireTools(t: TestContext, ...names: string[]): boolean {
  const missing = names.filter((n) => !findTool(n));
  if (missing.length === 0) return true;
  const msg = `missing external tool(s): ${missing.join(', ')} (install: apt-get install poppler-utils qpdf ghostscript chromium)`;
  if (toolsRequired()) throw new Error(`${msg}; BANMIAN_REQUIRE_TOOLS=1 makes this a failure`);
  t.skip(msg);
  console.log(`# skipped: ${msg}`);
  return false;
}
