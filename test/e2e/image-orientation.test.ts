// End-to-end: pictures with an EXIF orientation (phone photos) on the screen and in the PDF. The
// screen is the built renderer in Chromium (test/helpers/browser.ts); the PDF is made from the
// same .banmian by main's exporter and rendered with pdftoppm. For each of the eight
// orientations, in JPEG and PNG (decoded by Chromium) and TIFF (main's screen preview), the
// screen and the printed page must show the same upright picture: the marker in the same corner
// and the long side the same way (test/helpers/orientation.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp } from '../helpers/browser';
import { chromiumOk, decode, dragOnPage, screenOf, screenPixels, viewOf, pxPerPt } from '../helpers/editor-page';
import { FORMATS, ORIENTATIONS, frameBox, orientationIssue, orientedPicture, seen, type Seen } from '../helpers/orientation';
import { requireTools } from '../helpers/tools';
import { openIssueFile, saveIssueFile } from '../../main/files/issue-file';
import { ExportContext, exportIssue } from '../../main/files/pdf-export';
import type { AssetId } from '../../renderer/model/schema';
import { runOut } from '../renderer/pdf/helpers';

let work = '';
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'banmian-e2e-orientation-'));
});
after(async () => {
  await closeBrowser();
});

type Box = { x: number; y: number; width: number; height: number };

/** What the screen shows inside each frame box (page points) at the current view: one screenshot. */
async function onScreen(page: Page, boxes: readonly Box[]): Promise<Array<Seen | null>> {
  const pixels = await screenPixels(page);
  const s = pxPerPt((await viewOf(page)).zoom);
  const out: Array<Seen | null> = [];
  for (const box of boxes) {
    const a = await screenOf(page, box.x, box.y);
    // One pixel in from the frame's edges: the frame's own outline is not part of the picture.
    out.push(seen(pixels, { x: a.x + 1, y: a.y + 1, width: box.width * s - 2, height: box.height * s - 2 }));
  }
  return out;
}

test('every EXIF orientation shows upright on screen, and the same as in the PDF', async (t) => {
  if (!chromiumOk(t) || !requireTools(t, 'pdftoppm')) return;
  const assets = new Map<AssetId, Uint8Array>();
  const issue = await orientationIssue(assets);
  const path = join(work, 'orientations.banmian');
  await saveIssueFile(path, issue, assets);

  // The PDF of the same file, at 144 dpi (2 px a point).
  const opened = await openIssueFile(path);
  const r = await exportIssue({ issue: opened.issue, assets: opened.assets }, { outDir: work, singleFile: true, bleedMm: 0, force: true }, new ExportContext());
  runOut('pdftoppm', ['-r', '144', '-png', r.written[0]!, join(work, 'print')]);

  const app = await openApp({ path, viewport: { width: 1400, height: 1000 } });
  try {
    const page = app.page;
    const rows: string[] = [];
    const wrong: string[] = [];
    for (const [pi, format] of FORMATS.entries()) {
      await page.getByTestId(`page-thumb-${pi + 1}`).click();
      await page.getByTestId('fit-page').click();
      // every picture decoded (JPEG, PNG) or previewed by main (TIFF) and drawn: data-images
      // counts decodes only after the app subscribed, so look at the canvas itself
      const boxes = ORIENTATIONS.map((_, i) => frameBox(i));
      const deadline = Date.now() + 30_000;
      let shown: Array<Seen | null>;
      for (;;) {
        shown = await onScreen(page, boxes);
        if (shown.every((x) => x)) break;
        if (Date.now() > deadline) assert.fail(`${format}: pictures still missing on screen in frames ${shown.flatMap((x, i) => (x ? [] : [i])).join(', ')}; ${app.errors.join(' | ')}`);
        await page.waitForTimeout(250);
      }
      const printed = await decode(readFileSync(join(work, `print-${pi + 1}.png`)));
      for (const [i, o] of ORIENTATIONS.entries()) {
        const box = boxes[i]!;
        const screen = shown[i]!;
        const print = seen(printed, { x: box.x * 2 + 1, y: box.y * 2 + 1, width: box.width * 2 - 2, height: box.height * 2 - 2 });
        rows.push(`${format} ${o.orientation}: screen ${screen ? `${screen.width}×${screen.height} ${screen.marker}` : 'nothing'}, print ${print ? `${print.width}×${print.height} ${print.marker}` : 'nothing'}`);
        // Upright: 40 × 20 pictures twice as wide as tall, orientations 5-8 twice as tall.
        const upright = (s: Seen | null) => !!s && s.marker === o.marker && Math.abs(Math.log(s.width / s.height / (o.width / o.height))) < 0.12;
        if (!upright(screen)) wrong.push(`${format} ${o.orientation} on screen`);
        if (!upright(print)) wrong.push(`${format} ${o.orientation} in print`);
      }
    }
    t.diagnostic(rows.join('\n'));
    assert.deepEqual(wrong, [], `not upright (marker corner or long side wrong):\n${rows.join('\n')}`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

test('placing a phone photo (orientation 6) records and shows it upright', async (t) => {
  if (!chromiumOk(t)) return;
  const photo = join(work, 'phone.jpg');
  await writeFile(photo, await orientedPicture('jpeg', 6));
  const app = await openApp({ preset: 'tabloid' });
  try {
    const page = app.page;
    await page.getByTestId('fit-page').click();
    app.main.dialogs.openImages.push([photo]);
    await page.getByTestId('tool-image').click();
    // a 120 × 120 pt frame: the 20 × 40 upright picture fits as 60 × 120 pt
    await dragOnPage(page, [100, 200], [220, 320]);
    await page.waitForFunction(() => document.querySelector('[data-testid="note"]')?.textContent?.includes('图片已置入') ?? false, undefined, { timeout: 10_000 });
    await page.waitForSelector('[data-testid="app"][data-images="1"]');
    // fit: all of the picture shows, so its shape can be seen (fill would crop it to the frame)
    await page.getByTestId('prop-image-fit').selectOption('fit');
    await page.getByTestId('tool-select').click();
    await page.mouse.click(5, 5);
    await page.waitForTimeout(400);
    // What the renderer got from assets.importImages, read back from the saved file.
    const saved = join(work, 'placed.banmian');
    app.main.dialogs.saveIssue.push(saved);
    await page.getByTestId('save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
    const { issue } = await openIssueFile(saved);
    assert.deepEqual(issue.assets.map((a) => [a.width, a.height]), [[20, 40]], 'the asset records the upright size');
    const frame = issue.pages[0]!.frames.find((f) => f.kind === 'image')!;
    const [screen] = await onScreen(page, [frame]);
    t.diagnostic(`frame ${frame.width.toFixed(1)} × ${frame.height.toFixed(1)} pt; screen ${JSON.stringify(screen)}`);
    assert.ok(screen, 'the picture shows');
    assert.equal(screen.marker, 'top-right');
    assert.ok(Math.abs(Math.log(screen.width / screen.height / 0.5)) < 0.12, `tall: ${screen.width} × ${screen.height}`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});
