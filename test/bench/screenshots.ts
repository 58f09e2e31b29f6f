// The README screenshots (issue 5): the editor window, 1400 x 1000 at device pixel ratio 1, with
// the bundled sample issue open on page 1,
//   assets/screenshots/editor-fit-page.png  at "fit page" (the view a window opens with);
//   assets/screenshots/editor-200.png       at 200 %, scrolled to the lead story's body text.
// The built renderer in headless Chromium through the e2e harness (test/helpers/browser.ts), the
// same pages the e2e scenarios drive.
//
//   node --import tsx test/bench/screenshots.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, repoRoot } from '../helpers/browser';
import { GLYPHS_DRAWN, openSample, pollFor, requireBrowserOrSkip, viewOf } from './editor-helpers';

requireBrowserOrSkip('screenshots');

const OUT = join(repoRoot, 'assets', 'screenshots');
/** Page point (pt) at the canvas's top-left corner in the 200 % shot: the lead photo's foot, its caption and the lead body text. */
const LEAD_CORNER = { x: 56, y: 540 };

async function settle(page: Page): Promise<void> {
  await pollFor(page, `(${GLYPHS_DRAWN})()`, 30_000);
  // thumbnails redraw 250 ms after the layout settles
  await page.waitForTimeout(600);
}

async function shot(page: Page, name: string): Promise<void> {
  if (await page.getByTestId('error-dialog').count()) throw new Error(`an error dialog is open: ${await page.getByTestId('error-dialog').textContent()}`);
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  await writeFile(join(OUT, name), png);
  console.log(`wrote ${join(OUT, name)}`);
}

const app = await openSample(1);
try {
  const page = app.page;
  await mkdir(OUT, { recursive: true });
  await page.getByTestId('fit-page').click();
  await settle(page);
  await shot(page, 'editor-fit-page.png');

  // 100 %, then the zoom ladder up to 200 % (Ctrl+= steps 125, 150, 200), keeping the centre
  await page.mouse.move(5, 500); // off the canvas, nothing hovered
  await page.keyboard.press('Control+1');
  for (let i = 0; i < 8; i++) {
    const v = await viewOf(page);
    if (Math.abs(v.zoom - 2) < 1e-6) break;
    await page.keyboard.press('Control+=');
    await page.waitForTimeout(100);
  }
  if (Math.abs((await viewOf(page)).zoom - 2) > 1e-6) throw new Error(`zoom did not reach 200 %: ${(await viewOf(page)).zoom}`);
  // scroll (wheel pans the canvas) until LEAD_CORNER is at the canvas's top-left corner
  const box = (await page.getByTestId('canvas-box').boundingBox())!;
  for (let i = 0; i < 4; i++) {
    const v = await viewOf(page);
    const s = (v.zoom * 96) / 72;
    const dx = v.panX + LEAD_CORNER.x * s;
    const dy = v.panY + LEAD_CORNER.y * s;
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) break;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(dx, dy);
    await page.waitForTimeout(150);
  }
  await page.mouse.move(5, 500);
  await settle(page);
  await shot(page, 'editor-200.png');
  if (app.errors.length) throw new Error(`errors in the page: ${app.errors.join(' | ')}`);
} finally {
  await app.close();
  await closeBrowser();
}
