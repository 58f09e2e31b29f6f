// Shared pieces of the editor benchmark (editor.ts) and the README screenshots (screenshots.ts):
// opening the bundled sample issue through the e2e harness (test/helpers/browser.ts), at device
// pixel ratio 1 or 2, mapping page points to the screen, and printing figures as run.ts does.
//
// Scripts that run in the page are plain JavaScript text: a function serialised by playwright
// would carry the __name helper tsx adds, which does not exist in the page.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM, openApp, repoRoot, type AppHandle } from '../helpers/browser';
import { viewOf } from '../helpers/editor-page';
import { toolsRequired } from '../helpers/tools';

export const SAMPLE_ISSUE = join(repoRoot, 'assets', 'samples', 'tianshan.banmian');

/** Page 1 of the sample: the lead story's first text frame (pt), from the sample's issue.json. */
export const LEAD_BODY = { x: 70, y: 596, width: 423, height: 177 } as const;

export const WINDOW = { width: 1400, height: 1000 } as const;

/**
 * Chromium and the sample must exist. Otherwise prints {"name", "skipped": reason} and exits 0,
 * or 1 with BANMIAN_REQUIRE_TOOLS=1 (CI must not pass by skipping).
 */
export function requireBrowserOrSkip(name: string): void {
  const missing = !existsSync(CHROMIUM) ? `chromium is missing at ${CHROMIUM} (apt-get install chromium)` : !existsSync(SAMPLE_ISSUE) ? `the sample issue is missing at ${SAMPLE_ISSUE} (npm run sample)` : null;
  if (!missing) return;
  console.log(JSON.stringify({ name, skipped: missing }));
  process.exit(toolsRequired() ? 1 : 0);
}

/**
 * The editor on the sample issue (page 1, fit page), 1400 x 1000, at `dpr`. openApp makes its
 * browser context with deviceScaleFactor 1; for another ratio the page's device metrics are
 * overridden through the DevTools protocol (what playwright does for a context's
 * deviceScaleFactor) and the page reloaded, since Konva reads devicePixelRatio when it loads.
 * The reload keeps the harness's window.api (init script and exposed function stay).
 */
export async function openSample(dpr = 1): Promise<AppHandle> {
  const app = await openApp({ path: SAMPLE_ISSUE, viewport: { ...WINDOW } });
  if (dpr !== 1) {
    const cdp = await app.page.context().newCDPSession(app.page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: WINDOW.width, height: WINDOW.height, deviceScaleFactor: dpr, mobile: false });
    await app.page.reload();
    await app.page.waitForSelector('[data-testid="app"]', { timeout: 30_000 });
    const got = (await app.page.evaluate('window.devicePixelRatio')) as number;
    if (got !== dpr) throw new Error(`asked for device pixel ratio ${dpr}, the page has ${got}`);
  }
  await waitForCanvas(app.page);
  return app;
}

/** Waits until the page canvas has drawn glyphs inside the lead story's body frame. */
export async function waitForCanvas(page: Page): Promise<void> {
  await pollFor(page, `(${GLYPHS_DRAWN})()`, 30_000);
}

/**
 * Polls a page expression (source text) until it is truthy. Not page.waitForFunction: that
 * evaluates a string predicate with eval in the page, which the app's CSP forbids.
 */
export async function pollFor(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression.slice(0, 80)}`);
    await page.waitForTimeout(50);
  }
}

/**
 * Page-side test, as source text: are there drawn pixels in the content layer (layer 2 of the
 * stage: frames only, no page white) inside the lead body frame? Returns false until the stage
 * and a view exist.
 */
export const GLYPHS_DRAWN = `() => {
  const K = window.Konva;
  const stage = K && K.stages && K.stages[0];
  const layer = stage && stage.getLayers()[1];
  const box = document.querySelector('[data-testid="canvas-box"]');
  if (!layer || !box || !box.dataset.view) return false;
  const v = JSON.parse(box.dataset.view);
  if (!v || !v.zoom) return false;
  const canvas = layer.getCanvas()._canvas;
  const ratio = canvas.width / Math.max(1, stage.width());
  const s = v.zoom * 96 / 72 * ratio;
  const r = ${JSON.stringify(LEAD_BODY)};
  const x = Math.max(0, Math.floor(v.panX * ratio + r.x * s)), y = Math.max(0, Math.floor(v.panY * ratio + r.y * s));
  const w = Math.min(canvas.width - x, Math.ceil(r.width * s)), h = Math.min(canvas.height - y, Math.ceil(r.height * s));
  if (w <= 0 || h <= 0) return false;
  const data = canvas.getContext('2d').getImageData(x, y, w, h).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 128) ink++;
  return ink > w * h * 0.02;
}`;

export { viewOf, type ViewInfo } from '../helpers/editor-page';

/** Screen position (CSS px) of a page point (pt). */
export async function screenOf(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const v = await viewOf(page);
  const r = (await page.getByTestId('canvas-box').boundingBox())!;
  const s = (v.zoom * 96) / 72;
  return { x: r.x + v.panX + x * s, y: r.y + v.panY + y * s };
}

// ---- figures ------------------------------------------------------------------------------------

export const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export function quantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** One JSON line in the format of run.ts: median and p95 (ms), target, ratio (p95 / target here). */
export function report(name: string, times: number[], targetMs: number, on: 'p95' | 'median', extra: Record<string, unknown> = {}): void {
  const s = [...times].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const p95 = quantile(s, 0.95);
  console.log(
    JSON.stringify({
      name,
      median_ms: r3(median),
      p95_ms: r3(p95),
      min_ms: r3(s[0] ?? NaN),
      max_ms: r3(s[s.length - 1] ?? NaN),
      target_ms: targetMs,
      ratio: r3((on === 'p95' ? p95 : median) / targetMs),
      ratio_of: on,
      runs: s.length,
      cores: availableParallelism(),
      load1: r3(loadavg()[0]!),
      ...extra,
    }),
  );
}
