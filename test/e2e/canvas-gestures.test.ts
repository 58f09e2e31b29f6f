// End-to-end: the canvas gestures that are not edits (pan with the space bar or the middle button,
// Ctrl+wheel zoom about the pointer, wheel scrolling), Esc cancelling a drag, and an image
// frame's fit, scale and offset from the properties panel down to the exported PDF, and TIFF
// images on screen. Same harness as editor.test.ts (test/helpers/browser.ts); each scenario
// keeps a screenshot in test-output/e2e/ and compares the canvas with test/fixtures/e2e/.
//
// What is checked on screen is read back as pixels (screenshots decoded with sharp), not only
// from the view the app publishes (data-view on the canvas box): a pan must move what is drawn.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { closeBrowser, openApp, screenshotAndCompare, type AppHandle } from '../helpers/browser';
import {
  bboxOf,
  chromiumOk,
  decode,
  dragOnPage,
  geometry,
  pageOf,
  pixelAt,
  pxPerPt,
  regionDiff,
  screenOf,
  screenPixels,
  setNumber,
  viewOf,
  waitForValue,
  type Box,
  type Pixels,
  type Rgb,
} from '../helpers/editor-page';
import { findTool, requireTools } from '../helpers/tools';
import { openIssueFile } from '../../main/files/issue-file';

const PT_PER_MM = 72 / 25.4;

let work = '';
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'banmian-e2e-gestures-'));
});
after(async () => {
  await app?.close();
  await closeBrowser();
});

// ---- helpers --------------------------------------------------------------------------------

/** What must not change when the view changes: the document's revision, undo/redo, dirty. */
async function docState(page: Page): Promise<{ revision: string | null; undo: boolean; redo: boolean; dirty: string | null }> {
  return {
    revision: await page.getByTestId('app').getAttribute('data-revision'),
    undo: await page.getByTestId('undo').isEnabled(),
    redo: await page.getByTestId('redo').isEnabled(),
    dirty: await page.getByTestId('dirty').textContent(),
  };
}

/** The selected frame's rectangle in page points, from the properties panel (mm). */
async function frameRect(page: Page): Promise<Box> {
  const g = await geometry(page);
  return { x: Number(g.x) * PT_PER_MM, y: Number(g.y) * PT_PER_MM, width: Number(g.w) * PT_PER_MM, height: Number(g.h) * PT_PER_MM };
}

/** A page rectangle (pt) as window pixels. */
async function onScreen(page: Page, r: Box): Promise<Box> {
  const a = await screenOf(page, r.x, r.y);
  const s = pxPerPt((await viewOf(page)).zoom);
  return { x: a.x, y: a.y, width: r.width * s, height: r.height * s };
}

/** A window rectangle (px) as page points. */
async function toPagePts(page: Page, b: Box): Promise<Box> {
  const a = await pageOf(page, b.x, b.y);
  const s = pxPerPt((await viewOf(page)).zoom);
  return { x: a.x, y: a.y, width: b.width / s, height: b.height / s };
}

const grow = (b: Box, d: number): Box => ({ x: b.x - d, y: b.y - d, width: b.width + 2 * d, height: b.height + 2 * d });

/** Waits for React to render the state after an input event (two animation frames). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

function near(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual.toFixed(2)}, expected ${expected.toFixed(2)} ± ${tol}`);
}

// ---- the view: pan and zoom are not edits ------------------------------------------------------

// One window for the gesture scenarios, with one grey box (20% K) on the page.
let app: AppHandle | null = null;

async function boxWindow(): Promise<Page> {
  if (app) return app.page;
  app = await openApp({ preset: 'tabloid' });
  const page = app.page;
  await page.getByTestId('tool-box').click();
  await dragOnPage(page, [150, 200], [400, 380]);
  await page.getByTestId('prop-x').waitFor();
  return page;
}

/**
 * A pan gesture from the box's centre by (dx, dy) screen px, with `press`/`release` doing the
 * button; checks the view moved by exactly that, the pixels moved with it, and the document did
 * not change at all.
 */
async function checkPan(page: Page, dx: number, dy: number, drag: (from: { x: number; y: number }) => Promise<void>): Promise<void> {
  const v0 = await viewOf(page);
  const doc0 = await docState(page);
  const geo0 = await geometry(page);
  const box = await onScreen(page, await frameRect(page));
  const shot0 = await screenPixels(page);
  await drag({ x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) });
  await settle(page);
  const v1 = await viewOf(page);
  near(v1.panX - v0.panX, dx, 0.5, 'the page moved across by the drag');
  near(v1.panY - v0.panY, dy, 0.5, 'the page moved down by the drag');
  assert.equal(v1.zoom, v0.zoom, 'zoom unchanged');
  const shot1 = await screenPixels(page);
  // The box and what is around it are drawn (dx, dy) further on; in place, they are not.
  const region = grow(box, 12);
  const moved = regionDiff(shot0, shot1, region, dx, dy);
  const inPlace = regionDiff(shot0, shot1, region);
  assert.ok(moved < 0.01, `the box is drawn where the pan took it (${(moved * 100).toFixed(2)}% of its pixels differ)`);
  assert.ok(inPlace > 0.2, `and no longer where it was (${(inPlace * 100).toFixed(1)}% differ)`);
  assert.deepEqual(await geometry(page), geo0, 'the frame under the pointer did not move');
  assert.deepEqual(await docState(page), doc0, 'no edit: same revision, same undo and redo state, same saved state');
}

test('pan with the space bar held and a left drag: the page moves by the drag, nothing is edited', async (t) => {
  if (!chromiumOk(t)) return;
  const page = await boxWindow();
  await checkPan(page, -140, 90, async (from) => {
    await page.keyboard.down('Space');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 140, from.y + 90, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Space');
  });
  assert.equal(await page.getByTestId('tool-select').evaluate((b) => b.classList.contains('active')), true, 'the space bar did not change the tool');
  const shot = await screenshotAndCompare(page, 'gesture-pan-space');
  t.diagnostic(`screenshot ${shot.path}`);
  assert.deepEqual(app!.errors, []);
});

test('pan with the middle mouse button: the page moves by the drag, nothing is edited; undo then undoes the box', async (t) => {
  if (!chromiumOk(t)) return;
  const page = await boxWindow();
  await checkPan(page, 110, -70, async (from) => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(from.x + 110, from.y - 70, { steps: 10 });
    await page.mouse.up({ button: 'middle' });
  });
  const shot = await screenshotAndCompare(page, 'gesture-pan-middle');
  // The last (and only) step in the history is still drawing the box.
  const revision = await page.getByTestId('app').getAttribute('data-revision');
  await page.getByTestId('undo').click();
  assert.equal(await page.getByTestId('prop-x').count(), 0, 'undo removed the box (the previous action), not a pan');
  assert.equal(await page.getByTestId('undo').isEnabled(), false, 'and that was the only step');
  await page.getByTestId('redo').click();
  await page.getByTestId('prop-x').waitFor();
  assert.notEqual(await page.getByTestId('app').getAttribute('data-revision'), revision);
  t.diagnostic(`screenshot ${shot.path}`);
  assert.deepEqual(app!.errors, []);
});

test('Ctrl+wheel zooms about the pointer (the page point under it stays within a pixel); the wheel scrolls', async (t) => {
  if (!chromiumOk(t)) return;
  const page = await boxWindow();
  await page.getByTestId('fit-page').click();
  await settle(page);
  const doc0 = await docState(page);
  const box = await onScreen(page, await frameRect(page));
  // The pointer on the box's left edge, a third of the way down (whole pixels, as a mouse is).
  const px = Math.round(box.x);
  const py = Math.round(box.y + box.height / 3);
  await page.mouse.move(px, py);
  const under = await pageOf(page, px, py);
  const v0 = await viewOf(page);
  /** Where, along the pointer's row, the white page turns into the grey box. */
  const edgeX = (shot: Pixels) => {
    for (let x = px - 40; x < px + 40; x++) if (pixelAt(shot, x, py)[0] < 230 && pixelAt(shot, x + 1, py)[0] < 230) return x;
    return NaN;
  };
  near(edgeX(await screenPixels(page)), px, 1, 'before zooming, the box edge is under the pointer');
  let zoom = v0.zoom;
  await page.keyboard.down('Control');
  for (const delta of [-100, -100, -200, 100, -300]) {
    await page.mouse.wheel(0, delta);
    await page.waitForFunction((z) => JSON.parse(document.querySelector('[data-testid="canvas-box"]')!.getAttribute('data-view')!).zoom !== z, zoom);
    const v = await viewOf(page);
    near(v.zoom / zoom, Math.pow(1.25, -delta / 100), 1e-9, `wheel ${delta}: zoom factor`);
    zoom = v.zoom;
    const p = await screenOf(page, under.x, under.y);
    assert.ok(Math.hypot(p.x - px, p.y - py) <= 1, `wheel ${delta}: the page point under the pointer stays there (now at ${p.x.toFixed(2)}, ${p.y.toFixed(2)})`);
    await settle(page);
    near(edgeX(await screenPixels(page)), px, 1, `wheel ${delta}: the drawn box edge stays under the pointer`);
  }
  await page.keyboard.up('Control');
  assert.ok(zoom > v0.zoom * 3, `zoomed in (${(v0.zoom * 100).toFixed(0)}% -> ${(zoom * 100).toFixed(0)}%)`);
  assert.equal(await page.getByTestId('zoom').textContent(), `${Math.round(zoom * 100)}%`, 'the toolbar shows the zoom');
  const zoomed = await screenshotAndCompare(page, 'gesture-wheel-zoom');

  // The plain wheel scrolls: down moves the page up, sideways moves it left; Shift+wheel is
  // sideways too, whether it arrives as deltaY with Shift held (Windows, Linux) or already turned
  // into deltaX by the system (macOS).
  const scroll = async (how: () => Promise<void>, dx: number, dy: number, what: string) => {
    const a = await viewOf(page);
    const shotA = await screenPixels(page);
    await how();
    await page.waitForFunction((j) => document.querySelector('[data-testid="canvas-box"]')!.getAttribute('data-view') !== j, JSON.stringify(a), { timeout: 3000 }).catch(() => {});
    await settle(page);
    const b = await viewOf(page);
    near(b.panX - a.panX, dx, 0.01, `${what}: across`);
    near(b.panY - a.panY, dy, 0.01, `${what}: down`);
    assert.equal(b.zoom, a.zoom, `${what}: no zoom`);
    const shotB = await screenPixels(page);
    // Around the pointer, inside the canvas both before and after the move.
    const c = (await page.getByTestId('canvas-box').boundingBox())!;
    const x0 = Math.max(px - 150, c.x - Math.min(0, dx), c.x);
    const y0 = Math.max(py - 150, c.y - Math.min(0, dy), c.y);
    const x1 = Math.min(px + 150, c.x + c.width - Math.max(0, dx), c.x + c.width);
    const y1 = Math.min(py + 150, c.y + c.height - Math.max(0, dy), c.y + c.height);
    const moved = regionDiff(shotA, shotB, { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, dx, dy);
    assert.ok(moved < 0.01, `${what}: the drawing moved with the view (${(moved * 100).toFixed(2)}% differ)`);
  };
  await scroll(() => page.mouse.wheel(0, 120), 0, -120, 'wheel down');
  await scroll(() => page.mouse.wheel(0, -120), 0, 120, 'wheel up');
  await scroll(() => page.mouse.wheel(80, 0), -80, 0, 'wheel sideways');
  await page.keyboard.down('Shift');
  await scroll(() => page.mouse.wheel(0, 60), -60, 0, 'Shift+wheel as deltaY');
  await page.keyboard.up('Shift');
  await scroll(
    () =>
      page.locator('[data-testid="page-stage"] canvas, .konvajs-content canvas').last().dispatchEvent('wheel', { deltaX: 60, deltaY: 0, shiftKey: true, clientX: px, clientY: py, bubbles: true, cancelable: true }),
    -60,
    0,
    'Shift+wheel as deltaX',
  );
  assert.deepEqual(await docState(page), doc0, 'zooming and scrolling edit nothing');
  t.diagnostic(`zoom ${(v0.zoom * 100).toFixed(1)}% -> ${(zoom * 100).toFixed(1)}% about (${px}, ${py}); screenshot ${zoomed.path}`);
  await page.getByTestId('fit-page').click();
  assert.deepEqual(app!.errors, []);
});

// ---- Esc cancels a drag ------------------------------------------------------------------------

test('Esc during a move puts the frame back, and undo then undoes the previous action, not a move', async (t) => {
  if (!chromiumOk(t)) return;
  const page = await boxWindow();
  await page.getByTestId('fit-page').click();
  // The previous action: a new width typed in the panel.
  const w0 = await page.getByTestId('prop-w').inputValue();
  const w1 = String(Number(w0) + 10);
  await setNumber(page, 'prop-w', w1);
  await waitForValue(page, 'prop-w', w1);
  const geo = await geometry(page);
  const doc = await docState(page);
  const box = await onScreen(page, await frameRect(page));
  const shot0 = await screenPixels(page);
  const from = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 45, { steps: 8 });
  await settle(page);
  const during = await geometry(page);
  assert.notEqual(during.x, geo.x, 'the frame follows the pointer during the drag');
  assert.notEqual(during.y, geo.y);
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await page.getByTestId('prop-x').count(), 1, 'the frame is still selected after Esc');
  assert.deepEqual(await geometry(page), geo, 'Esc put the frame back while the button is still down');
  await page.mouse.move(from.x + 80, from.y + 60, { steps: 3 });
  await page.mouse.up();
  await settle(page);
  assert.deepEqual(await geometry(page), geo, 'moving on and releasing after Esc does nothing');
  assert.equal(await page.getByTestId('undo').isEnabled(), doc.undo);
  assert.ok(regionDiff(shot0, await screenPixels(page), grow(box, 40)) < 0.005, 'the canvas shows the frame where it was');
  const shot = await screenshotAndCompare(page, 'gesture-esc-move');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'prop-w', w0);
  const after = await geometry(page);
  assert.deepEqual([after.x, after.y], [geo.x, geo.y], 'undo undid the width (the previous action); there was no move to undo');
  await page.keyboard.press('Control+Shift+z');
  await waitForValue(page, 'prop-w', w1);
  t.diagnostic(`dragged to x ${during.x}, y ${during.y} mm, Esc: back at ${geo.x}, ${geo.y}; screenshot ${shot.path}`);
  assert.deepEqual(app!.errors, []);
});

test('Esc during a resize puts the frame back, and undo then undoes the previous action, not a resize', async (t) => {
  if (!chromiumOk(t)) return;
  const page = await boxWindow();
  const h0 = await page.getByTestId('prop-h').inputValue();
  const h1 = String(Number(h0) - 8);
  await setNumber(page, 'prop-h', h1);
  await waitForValue(page, 'prop-h', h1);
  const geo = await geometry(page);
  const box = await onScreen(page, await frameRect(page));
  const shot0 = await screenPixels(page);
  // The bottom-right handle.
  const from = { x: Math.round(box.x + box.width), y: Math.round(box.y + box.height) };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 70, from.y + 50, { steps: 8 });
  await settle(page);
  const during = await geometry(page);
  assert.ok(Number(during.w) > Number(geo.w) && Number(during.h) > Number(geo.h), `the frame grows during the drag (${during.w} × ${during.h} mm)`);
  assert.deepEqual([during.x, during.y], [geo.x, geo.y], 'from its bottom-right corner');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.deepEqual(await geometry(page), geo, 'Esc put the frame back while the button is still down');
  await page.mouse.move(from.x + 90, from.y + 70, { steps: 3 });
  await page.mouse.up();
  await settle(page);
  assert.deepEqual(await geometry(page), geo, 'moving on and releasing after Esc does nothing');
  assert.ok(regionDiff(shot0, await screenPixels(page), grow(box, 40)) < 0.005, 'the canvas shows the frame as it was');
  const shot = await screenshotAndCompare(page, 'gesture-esc-resize');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'prop-h', h0);
  assert.equal(await page.getByTestId('prop-w').inputValue(), geo.w, 'undo undid the height (the previous action), there was no resize to undo');
  t.diagnostic(`resized to ${during.w} × ${during.h} mm, Esc: back to ${geo.w} × ${geo.h}; screenshot ${shot.path}`);
  assert.deepEqual(app!.errors, []);
  await app!.close();
  app = null;
});

// ---- an image frame: fit, scale, offset, and the PDF ------------------------------------------

/** Pure red with a pure blue top-left quarter: where the picture is, and which way up, is plain to see. */
async function redBluePng(w: number, h: number): Promise<Buffer> {
  const data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) data.set(x < w / 2 && y < h / 2 ? [0, 0, 255] : [255, 0, 0], (y * w + x) * 3);
  }
  return sharp(data, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

/** The picture's pixels on screen: its red and its blue (the guides' colours are neither). */
// Edge pixels count when they are more picture than page (half-way from white or grey). The
// selection's outline and handles are blue too, but rgb(0, 120, 255): its green sets it apart.
const pictureBlue = ([r, g, b]: Rgb) => b > 200 && r < 128 && g < 128 && Math.abs(r - g) < 40;
const onScreenPicture = (c: Rgb) => (c[0] > 200 && c[1] < 128 && c[2] < 128) || pictureBlue(c);
/**
 * In the PDF rendering (converted to CMYK for press, rendered back by poppler) the red comes back
 * about (236, 27, 36) and the blue about (47, 75, 166): a pixel counts when it is more than half
 * as far from white-or-grey as they are (red over the other channels by 200, blue by 91).
 */
const pdfRed = ([r, g, b]: Rgb) => r - Math.max(g, b) > 100;
const pdfBlue = ([r, g, b]: Rgb) => b - Math.max(r, g) > 45;
const inPdfPicture = (c: Rgb) => pdfRed(c) || pdfBlue(c);

test('an image frame: fill, fit and manual scale and offset from the properties panel, each one undo step, and the PDF places the picture where the screen shows it', async (t) => {
  if (!chromiumOk(t)) return;
  const w = await openApp({ preset: 'tabloid' });
  try {
    const page = w.page;
    const png = join(work, 'red-blue.png');
    // 1200 × 800 px (3:2) in a 2:1 frame: fill crops top and bottom, fit leaves bands left and right.
    await writeFile(png, await redBluePng(1200, 800));
    w.main.dialogs.openImages.push([png]);
    await page.getByTestId('tool-image').click();
    await dragOnPage(page, [150, 200], [450, 350]);
    await page.waitForSelector('[data-testid="app"][data-images="1"]');
    await page.getByTestId('prop-image-fit').waitFor();
    const frame = await frameRect(page);
    const geo = await geometry(page);
    const asset = { width: 1200, height: 800 };
    // Measured at about 3 × the fit-page zoom, about the frame's centre: a screen pixel is then
    // about 0.4 pt, and the frame is still all on screen.
    const centre = await onScreen(page, frame);
    await page.mouse.move(Math.round(centre.x + centre.width / 2), Math.round(centre.y + centre.height / 2));
    await page.keyboard.down('Control');
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await page.mouse.move(5, 5);
    await settle(page);
    const canvas = (await page.getByTestId('canvas-box').boundingBox())!;
    const seen = await onScreen(page, frame);
    assert.ok(seen.x > canvas.x && seen.y > canvas.y && seen.x + seen.width < canvas.x + canvas.width && seen.y + seen.height < canvas.y + canvas.height, 'the frame is all on screen');

    /** Esc until nothing is selected (the first Esc may only switch back to the select tool). */
    const deselect = async () => {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let i = 0; i < 3 && (await page.getByTestId('prop-x').count()); i++) await page.keyboard.press('Escape');
      assert.equal(await page.getByTestId('prop-x').count(), 0, 'deselected');
      await settle(page);
    };
    /** Clicks the frame's middle to select it again (a click is no edit: no undo step). */
    const reselect = async () => {
      const seen = await onScreen(page, frame);
      await page.mouse.click(Math.round(seen.x + seen.width / 2), Math.round(seen.y + seen.height / 2));
      await page.getByTestId('prop-x').waitFor();
      assert.deepEqual(await geometry(page), geo, 'the frame itself did not move or change size');
    };
    /**
     * The window with the frame deselected, as the page will look (the selection's outline and
     * handles lie over the frame's edges); the frame is selected again afterwards.
     */
    const plainShot = async (): Promise<Pixels> => {
      await deselect();
      const shot = await screenPixels(page);
      await reselect();
      return shot;
    };
    /** The picture's bounding box on screen, in page points, checked against `expected` (pt). */
    const measure = async (expected: Box, what: string): Promise<{ shot: Pixels; pts: Box }> => {
      const shot = await plainShot();
      const px = bboxOf(shot, onScreenPicture, grow(await onScreen(page, frame), 6));
      assert.ok(px, `${what}: the picture is on screen`);
      const pts = await toPagePts(page, px);
      // One screen pixel, in points, for the rounding at each edge.
      const tol = 1 / pxPerPt((await viewOf(page)).zoom) + 0.05;
      for (const k of ['x', 'y', 'width', 'height'] as const) near(pts[k], expected[k], tol, `${what}: picture ${k} on screen (pt)`);
      return { shot, pts };
    };
    /** Visible part of the image rectangle: the frame clips it. */
    const clip = (r: Box): Box => {
      const x0 = Math.max(r.x, frame.x);
      const y0 = Math.max(r.y, frame.y);
      return { x: x0, y: y0, width: Math.min(r.x + r.width, frame.x + frame.width) - x0, height: Math.min(r.y + r.height, frame.y + frame.height) - y0 };
    };
    const frameBox = await onScreen(page, frame);
    /** Runs one panel change; checks it repainted the frame, is one undo step, and redoes. */
    const step = async (what: string, change: () => Promise<void>, check: () => Promise<void>, before: Pixels) => {
      const doc = await docState(page);
      await change();
      await settle(page);
      await check();
      const after = await plainShot();
      const changed = regionDiff(before, after, frameBox);
      assert.ok(changed > 0.05, `${what}: the canvas repainted the frame (${(changed * 100).toFixed(1)}% of its pixels changed)`);
      assert.equal(await page.getByTestId('app').getAttribute('data-revision'), String(Number(doc.revision) + 1), `${what}: one change to the document`);
      await page.getByTestId('undo').click();
      await settle(page);
      const undone = regionDiff(before, await plainShot(), frameBox);
      assert.ok(undone < 0.002, `${what}: one undo brings back the picture as it was (${(undone * 100).toFixed(2)}% differ)`);
      assert.equal(await page.getByTestId('undo').isEnabled(), doc.undo, `${what}: and the undo state as it was`);
      await page.getByTestId('redo').click();
      await settle(page);
      await check();
      return after;
    };

    // fill: the picture covers the frame (cropped top and bottom)
    assert.equal(await page.getByTestId('prop-image-fit').inputValue(), 'fill');
    const fillScale = Math.max(frame.width / asset.width, frame.height / asset.height);
    let shown = await measure(frame, 'fill');
    const fillShot = await screenshotAndCompare(page, 'image-fit-fill');

    // fit: all of the picture, centred, bands left and right
    const fitScale = Math.min(frame.width / asset.width, frame.height / asset.height);
    const fitRect = { x: frame.x + (frame.width - asset.width * fitScale) / 2, y: frame.y + (frame.height - asset.height * fitScale) / 2, width: asset.width * fitScale, height: asset.height * fitScale };
    let pixels = await step(
      'fit',
      () => page.getByTestId('prop-image-fit').selectOption('fit').then(() => {}),
      async () => {
        assert.equal(await page.getByTestId('prop-image-fit').inputValue(), 'fit');
        await measure(fitRect, 'fit');
      },
      shown.shot,
    );
    const fitShot = await screenshotAndCompare(page, 'image-fit-fit');

    // manual: starts where fit put the picture (no jump), then scale and offsets typed in
    const docBefore = await docState(page);
    await page.getByTestId('prop-image-fit').selectOption('manual');
    await page.getByTestId('prop-image-scale').waitFor();
    assert.equal(await page.getByTestId('prop-image-scale').inputValue(), String(Math.round(fitScale * 100 * 100) / 100), 'manual starts at the scale fit used');
    assert.equal(await page.getByTestId('prop-image-offset-x').inputValue(), String(Math.round(((fitRect.x - frame.x) / PT_PER_MM) * 100) / 100), 'and its offset');
    assert.equal(await page.getByTestId('prop-image-offset-y').inputValue(), '0');
    shown = await measure(fitRect, 'manual, as fit left it');
    assert.ok(regionDiff(pixels, shown.shot, frameBox) < 0.002, 'switching to manual does not move the picture');
    assert.equal(await page.getByTestId('app').getAttribute('data-revision'), String(Number(docBefore.revision) + 1), 'manual: one change');
    await page.getByTestId('undo').click();
    await waitForValue(page, 'prop-image-fit', 'fit');
    await page.getByTestId('redo').click();
    await page.getByTestId('prop-image-scale').waitFor();

    // scale 15 % = 0.15 pt per pixel (480 ppi): 180 × 120 pt at the same offset
    let rect = { ...fitRect, width: asset.width * 0.15, height: asset.height * 0.15 };
    pixels = await step(
      'scale',
      () => setNumber(page, 'prop-image-scale', '15'),
      async () => {
        await waitForValue(page, 'prop-image-scale', '15');
        await measure(clip(rect), 'scale 15%');
      },
      shown.shot,
    );
    // offsets 5 mm across, 8 mm down from the frame's top-left corner
    const ox = 5 * PT_PER_MM;
    const oy = 8 * PT_PER_MM;
    const beforeX = pixels;
    pixels = await step(
      'offset x',
      () => setNumber(page, 'prop-image-offset-x', '5'),
      async () => {
        await waitForValue(page, 'prop-image-offset-x', '5');
        await measure(clip({ ...rect, x: frame.x + ox }), 'offset x 5 mm');
      },
      beforeX,
    );
    rect = { ...rect, x: frame.x + ox, y: frame.y + oy };
    pixels = await step(
      'offset y',
      () => setNumber(page, 'prop-image-offset-y', '8'),
      async () => {
        await waitForValue(page, 'prop-image-offset-y', '8');
        await measure(clip(rect), 'offset y 8 mm');
      },
      pixels,
    );
    const final = await measure(clip(rect), 'final');
    const screenPts = final.pts;
    // The blue quarter is top-left on screen too: the picture is the right way up.
    const blue = bboxOf(final.shot, pictureBlue, grow(await onScreen(page, frame), 6));
    assert.ok(blue, 'the blue quarter is on screen');
    const bluePts = await toPagePts(page, blue);
    near(bluePts.x, screenPts.x, 2, 'blue quarter at the left');
    near(bluePts.width, screenPts.width / 2, 2, 'blue quarter: half the width');
    const manualShot = await screenshotAndCompare(page, 'image-manual');

    // The model: saved and read back, the frame carries exactly what the panel said.
    const saved = join(work, 'image-frame.banmian');
    w.main.dialogs.saveIssue.push(saved);
    await page.getByTestId('save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
    const { issue } = await openIssueFile(saved);
    const img = issue.pages[0]!.frames.find((f) => f.kind === 'image');
    assert.ok(img && img.kind === 'image');
    assert.equal(img.fit, 'manual');
    near(img.scale, 0.15, 1e-9, 'saved scale (pt per pixel)');
    near(img.offsetX, ox, 0.01, 'saved offset x (pt)');
    near(img.offsetY, oy, 0.01, 'saved offset y (pt)');
    near(img.width, frame.width, 0.02, 'saved frame width');
    assert.ok(fillScale > 0.2, `fill's ${Math.round(72 / fillScale)} ppi passes preflight`);

    // The PDF: rendered with poppler, the picture's box (converted to CMYK and back, so found by
    // colourfulness) is where the screen shows it.
    if (!requireTools(t, 'pdftoppm', 'pdfinfo')) return;
    const pdfPath = join(work, 'image-frame.pdf');
    w.main.dialogs.savePdf.push(pdfPath);
    await page.getByTestId('export').click();
    await page.getByTestId('export-go').click();
    await page.waitForFunction(() => /已导出/.test(document.querySelector('[data-testid="note"]')?.textContent ?? '') || !!document.querySelector('[data-testid="error-dialog"]'), undefined, { timeout: 60_000 });
    if (await page.getByTestId('error-dialog').count()) assert.fail(`export failed: ${await page.getByTestId('error-dialog').textContent()}`);
    const boxes = spawnSync(findTool('pdfinfo')!, ['-box', pdfPath], { encoding: 'utf8' }).stdout;
    const boxOf = (name: string) => {
      const m = new RegExp(`${name}:\\s+([\\d.-]+)\\s+([\\d.-]+)\\s+([\\d.-]+)\\s+([\\d.-]+)`).exec(boxes);
      assert.ok(m, `pdfinfo shows the ${name}:\n${boxes}`);
      return m.slice(1, 5).map(Number) as [number, number, number, number];
    };
    const media = boxOf('MediaBox');
    const trim = boxOf('TrimBox');
    const DPI = 144; // 2 pixels per point
    const k = DPI / 72;
    const r = spawnSync(findTool('pdftoppm')!, ['-r', String(DPI), '-png', '-singlefile', pdfPath, join(work, 'image-frame')]);
    assert.equal(r.status, 0, `pdftoppm: ${r.stderr}`);
    const rendered = await decode(await readFile(join(work, 'image-frame.png')));
    const found = bboxOf(rendered, inPdfPicture);
    assert.ok(found, 'the picture is in the PDF');
    const redSeen = pixelAt(rendered, found.x + found.width * 0.75, found.y + found.height * 0.75);
    const blueSeen = pixelAt(rendered, found.x + found.width * 0.25, found.y + found.height * 0.25);
    t.diagnostic(`PDF colours: red ${redSeen}, blue ${blueSeen}`);
    // PDF user space is y-up from the MediaBox's bottom-left; the page's points are y-down from the trim's top-left.
    const pdfPts = { x: found.x / k - (trim[0] - media[0]), y: found.y / k - (media[3] - trim[3]), width: found.width / k, height: found.height / k };
    // Within a point: half a pixel of the PDF rendering (0.5 pt) and of the screen (0.4 pt) at each edge.
    for (const key of ['x', 'y', 'width', 'height'] as const) near(pdfPts[key], screenPts[key], 1, `picture ${key}: PDF vs screen (pt)`);
    const blueInPdf = bboxOf(rendered, pdfBlue);
    assert.ok(blueInPdf, 'the blue quarter is in the PDF');
    near(blueInPdf.x / k - (trim[0] - media[0]), bluePts.x, 1, 'blue quarter x: PDF vs screen');
    near(blueInPdf.y / k - (media[3] - trim[3]), bluePts.y, 1, 'blue quarter y: PDF vs screen');
    near(blueInPdf.width / k, bluePts.width, 1, 'blue quarter width: PDF vs screen');
    t.diagnostic(`screen ${JSON.stringify(screenPts)} pt; PDF ${JSON.stringify(pdfPts)} pt; screenshots ${fillShot.path}, ${fitShot.path}, ${manualShot.path}`);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

// ---- TIFF on screen ------------------------------------------------------------------------------

test('a CMYK TIFF shows the real picture (main’s screen preview), also after reopening, not the grey placeholder', async (t) => {
  if (!chromiumOk(t)) return;
  // Three colour bands (sky, skin, foliage) converted to CMYK with the project's profile, untagged.
  const bands: Rgb[] = [
    [110, 160, 210],
    [230, 190, 160],
    [150, 180, 120],
  ];
  const [W, H] = [900, 600];
  const data = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data.set(bands[Math.floor((3 * x) / W)]!, (y * W + x) * 3);
  const tiffPath = join(work, 'bands-cmyk.tif');
  await writeFile(tiffPath, await sharp(data, { raw: { width: W, height: H, channels: 3 } }).toColourspace('cmyk').tiff({ compression: 'lzw' }).toBuffer());
  assert.equal((await sharp(tiffPath).metadata()).space, 'cmyk');

  /** Checks the frame shows the bands in their colours. */
  // Within 20 per channel: the naive CMYK conversion a browser would make is 38 off for the sky.
  const checkBands = async (page: Page, what: string) => {
    await settle(page);
    const shot = await screenPixels(page);
    const box = await onScreen(page, await frameRect(page));
    const cy = box.y + box.height / 2;
    for (const [i, want] of bands.entries()) {
      const c = pixelAt(shot, box.x + ((i + 0.5) * box.width) / 3, cy);
      assert.ok(Math.max(...c.map((v, k) => Math.abs(v - want[k]!))) <= 20, `${what}: band ${i} shows ${c}, expected about ${want} (the placeholder is 235,235,235)`);
    }
  };

  const w = await openApp({ preset: 'tabloid' });
  const saved = join(work, 'tiff.banmian');
  try {
    const page = w.page;
    w.main.dialogs.openImages.push([tiffPath]);
    await page.getByTestId('tool-image').click();
    await dragOnPage(page, [150, 200], [450, 400]);
    // The frame is 3:2 like the picture, so fill shows all three bands whole.
    await page.getByTestId('prop-image-fit').waitFor();
    await page.waitForSelector('[data-testid="app"][data-images="1"]', { timeout: 20_000 });
    assert.ok(w.main.calls.includes('assets.preview'), 'the renderer asked main for a screen preview');
    await setNumber(page, 'prop-h', String(Math.round((Number(await page.getByTestId('prop-w').inputValue()) * 2) / 3 * 100) / 100));
    await checkBands(page, 'placed');
    const shot = await screenshotAndCompare(page, 'image-tiff-cmyk');
    w.main.dialogs.saveIssue.push(saved);
    await page.getByTestId('save').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
    t.diagnostic(`screenshot ${shot.path}`);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
  // Reopened: the TIFF comes with the document, and the window asks for its preview at start.
  const again = await openApp({ path: saved });
  try {
    const page = again.page;
    await page.waitForSelector('[data-testid="app"][data-images="1"]', { timeout: 20_000 });
    await clickOnFrameCentre(page);
    await checkBands(page, 'reopened');
    assert.deepEqual(again.errors, []);
  } finally {
    await again.close();
  }
});

/** Selects the TIFF's frame by clicking inside it. */
async function clickOnFrameCentre(page: Page): Promise<void> {
  // The frame was drawn from (150, 200) to (450, 400) pt and given a 3:2 shape: (300, 290) is inside.
  const p = await screenOf(page, 300, 290);
  await page.mouse.click(p.x, p.y);
  await page.getByTestId('prop-x').waitFor();
}
