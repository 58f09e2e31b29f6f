// Helpers for the end-to-end scenarios (test/e2e/*.test.ts): driving the editor's page canvas in
// page points, the properties panel's fields, and reading the screen back as pixels.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { requireTools } from './tools';

export function chromiumOk(t: TestContext): boolean {
  return requireTools(t, 'chromium');
}

// ---- the view and page points ------------------------------------------------------------------

/** The canvas view as the app publishes it on the canvas box (data-view): renderer/canvas/viewport.ts View. */
export interface ViewInfo {
  zoom: number;
  /** CSS px in the stage of the page's top-left trim corner. */
  panX: number;
  panY: number;
}

export async function viewOf(page: Page): Promise<ViewInfo> {
  return JSON.parse((await page.getByTestId('canvas-box').getAttribute('data-view'))!) as ViewInfo;
}

/** CSS px per page point at a zoom (zoom 1 = 96/72). */
export const pxPerPt = (zoom: number): number => (zoom * 96) / 72;

/** Screen position of a page point (pt) on the canvas. */
export async function screenOf(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const v = await viewOf(page);
  const r = (await page.getByTestId('canvas-box').boundingBox())!;
  const s = pxPerPt(v.zoom);
  return { x: r.x + v.panX + x * s, y: r.y + v.panY + y * s };
}

/** Page point (pt) under a screen position. */
export async function pageOf(page: Page, sx: number, sy: number): Promise<{ x: number; y: number }> {
  const v = await viewOf(page);
  const r = (await page.getByTestId('canvas-box').boundingBox())!;
  const s = pxPerPt(v.zoom);
  return { x: (sx - r.x - v.panX) / s, y: (sy - r.y - v.panY) / s };
}

export async function dragOnPage(page: Page, from: [number, number], to: [number, number], steps = 8): Promise<void> {
  const a = await screenOf(page, ...from);
  const b = await screenOf(page, ...to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.up();
}

export async function clickOnPage(page: Page, x: number, y: number): Promise<void> {
  const p = await screenOf(page, x, y);
  await page.mouse.click(p.x, p.y);
}

// ---- fields ------------------------------------------------------------------------------------

export async function setNumber(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(value);
  await input.press('Enter');
}

/** Pastes text into the focused story textarea through a real paste event (what Ctrl+V sends). */
export async function pasteInto(page: Page, testId: string, text: string): Promise<void> {
  const el = page.getByTestId(testId);
  await el.focus();
  await el.evaluate((node, t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

/** Waits until the input's value is `value` (React renders after the event that changed it). */
export async function waitForValue(page: Page, testId: string, value: string): Promise<void> {
  const sel = `[data-testid="${testId}"]`;
  try {
    await page.waitForFunction(([s, v]) => (document.querySelector(s) as HTMLInputElement | null)?.value === v, [sel, value] as const, { timeout: 5000 });
  } catch {
    assert.equal(await page.getByTestId(testId).inputValue(), value, `${testId} should become ${JSON.stringify(value.slice(0, 40))}`);
  }
}

/** The frame geometry fields of the properties panel (mm, as shown). */
export async function geometry(page: Page): Promise<{ x: string; y: string; w: string; h: string }> {
  const v = (id: string) => page.getByTestId(id).inputValue();
  return { x: await v('prop-x'), y: await v('prop-y'), w: await v('prop-w'), h: await v('prop-h') };
}

// ---- images ------------------------------------------------------------------------------------

/** A small RGB PNG (a grey gradient with a red diagonal), written without any image library. */
export function makePng(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) {
    raw[y * (1 + 3 * w)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (1 + 3 * w) + 1 + 3 * x;
      const g = Math.round(80 + (140 * x) / w);
      const onDiag = Math.abs(x / w - y / h) < 0.02;
      raw[o] = onDiag ? 220 : g;
      raw[o + 1] = onDiag ? 30 : g;
      raw[o + 2] = onDiag ? 30 : Math.round(g * 0.8 + 40);
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Decoded pixels of a PNG or PPM (screenshots, pdftoppm pages): RGB, row after row. */
export interface Pixels {
  width: number;
  height: number;
  /** 3 bytes a pixel. */
  data: Buffer;
}

export async function decode(image: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(image).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** The window as pixels (device scale 1: one pixel per CSS px). */
export async function screenPixels(page: Page): Promise<Pixels> {
  return decode(await page.screenshot({ animations: 'disabled', caret: 'hide' }));
}

export type Rgb = [number, number, number];

export function pixelAt(p: Pixels, x: number, y: number): Rgb {
  const o = (Math.round(y) * p.width + Math.round(x)) * 3;
  return [p.data[o]!, p.data[o + 1]!, p.data[o + 2]!];
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Bounding box (pixels, right and bottom edges exclusive) of the pixels inside `within` that
 * `match`; null when none does.
 */
export function bboxOf(p: Pixels, match: (c: Rgb) => boolean, within: Box = { x: 0, y: 0, width: p.width, height: p.height }): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const xa = Math.max(0, Math.floor(within.x));
  const ya = Math.max(0, Math.floor(within.y));
  const xb = Math.min(p.width, Math.ceil(within.x + within.width));
  const yb = Math.min(p.height, Math.ceil(within.y + within.height));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      if (!match(pixelAt(p, x, y))) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < x0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * Share of the pixels of region `r` of `a` that differ (any channel by more than `tol`) from the
 * same-size region of `b` whose top-left is moved by (dx, dy).
 */
export function regionDiff(a: Pixels, b: Pixels, r: Box, dx = 0, dy = 0, tol = 24): number {
  let diff = 0;
  let n = 0;
  for (let y = Math.round(r.y); y < Math.round(r.y + r.height); y++) {
    for (let x = Math.round(r.x); x < Math.round(r.x + r.width); x++) {
      const pa = pixelAt(a, x, y);
      const pb = pixelAt(b, x + dx, y + dy);
      n++;
      if (Math.abs(pa[0] - pb[0]) > tol || Math.abs(pa[1] - pb[1]) > tol || Math.abs(pa[2] - pb[2]) > tol) diff++;
    }
  }
  return n ? diff / n : 0;
}
