// Per-frame bitmaps of the content layer (renderer/canvas/frameCache.ts): drawn once per layout,
// zoom, sub-pixel phase and asset version; copied at whole device pixels; unchanged frames keep
// their layout objects across relayouts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameBitmapCache, MAX_FRAME_BITMAP_PX, contentBounds, sameLayout, stabilizeFrames, type BitmapCanvas } from '../../../renderer/canvas/frameCache';
import type { FrameLayout } from '../../../renderer/engine/types';

type M = [number, number, number, number, number, number];

/** A context that tracks its transform and records draws. */
function context(log: string[], name: string, m0: M = [1, 0, 0, 1, 0, 0]) {
  let m: M = [...m0];
  const stack: M[] = [];
  return {
    getTransform: () => ({ a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5] }),
    setTransform: (...t: number[]) => void (m = t.slice(0, 6) as M),
    save: () => void stack.push([...m]),
    restore: () => void (m = stack.pop() ?? m),
    clearRect: () => log.push(`${name} clear`),
    drawImage: (_c: unknown, x: number, y: number) => log.push(`${name} drawImage ${x} ${y} at [${m.join(' ')}]`),
    globalAlpha: 1,
    get m() {
      return m;
    },
  };
}

function setup() {
  const log: string[] = [];
  const canvases: Array<{ w: number; h: number; ctx: ReturnType<typeof context> }> = [];
  const cache = new FrameBitmapCache((w, h) => {
    const ctx = context(log, `bitmap${canvases.length}`);
    canvases.push({ w, h, ctx });
    return { width: w, height: h, getContext: () => ctx as unknown as CanvasRenderingContext2D } as BitmapCanvas;
  });
  return { log, canvases, cache };
}

const frame = (id: string, x = 100, extra: Partial<FrameLayout> = {}): FrameLayout => ({
  id, kind: 'rule', x, y: 50, width: 20, height: 10, fromMaster: false, storyId: null, columns: [], shapes: [], lines: [], ...extra,
});

test('an unchanged frame is drawn into its bitmap once and copied on later redraws', () => {
  const { log, cache } = setup();
  const screen = context(log, 'screen', [2, 0, 0, 2, 10, 20]);
  const f = frame('a');
  let draws = 0;
  const draw = (c: CanvasRenderingContext2D) => {
    draws++;
    const t = c.getTransform();
    log.push(`draw at [${t.a} ${t.b} ${t.c} ${t.d} ${t.e} ${t.f}]`);
  };
  for (let i = 0; i < 3; i++) cache.draw(screen as unknown as CanvasRenderingContext2D, f, 0, draw);
  assert.equal(draws, 1);
  assert.equal(cache.renders, 1);
  assert.equal(cache.hits, 2);
  // content bounds: the frame +- CONTENT_PAD_PT (4): x 96..124, y 46..64 -> device x 202..258, y 112..148
  assert.deepEqual(contentBounds(f), { x0: 96, y0: 46, x1: 124, y1: 64 });
  assert.ok(log.includes('draw at [2 0 0 2 -192 -92]'), 'the bitmap is drawn with the device transform shifted by whole pixels');
  assert.deepEqual(log.filter((l) => l.startsWith('screen drawImage')), Array(3).fill('screen drawImage 202 112 at [1 0 0 1 0 0]'));
  assert.deepEqual(screen.m, [2, 0, 0, 2, 10, 20], 'the screen transform is restored');
});

test('a new layout, another zoom, a sub-pixel pan or new assets redraw the bitmap; a whole-pixel pan does not', () => {
  const { cache } = setup();
  const f = frame('a');
  let draws = 0;
  const draw = () => void draws++;
  const at = (m: M, fl = f, assets = 0) => cache.draw(context([], 's', m) as unknown as CanvasRenderingContext2D, fl, assets, draw);
  at([2, 0, 0, 2, 10, 20]);
  at([2, 0, 0, 2, 13, 25]); // pan by whole pixels
  assert.equal(draws, 1);
  at([2, 0, 0, 2, 13.5, 25]); // half a pixel
  assert.equal(draws, 2);
  at([3, 0, 0, 3, 13.5, 25]); // zoom
  assert.equal(draws, 3);
  at([3, 0, 0, 3, 13.5, 25], frame('a')); // equal content, new object: the caller stabilises first
  assert.equal(draws, 4);
  at([3, 0, 0, 3, 13.5, 25], undefined, 1); // a font or image finished loading
  assert.equal(draws, 5);
});

test('rotated transforms and frames whose bitmap would be too large are drawn directly', () => {
  const { cache, canvases } = setup();
  let direct = 0;
  const draw = () => void direct++;
  cache.draw(context([], 's', [0, 1, -1, 0, 0, 0]) as unknown as CanvasRenderingContext2D, frame('a'), 0, draw);
  const side = Math.ceil(Math.sqrt(MAX_FRAME_BITMAP_PX));
  cache.draw(context([], 's', [side / 20, 0, 0, side / 10, 0, 0]) as unknown as CanvasRenderingContext2D, frame('b'), 0, draw);
  assert.equal(direct, 2);
  assert.equal(canvases.length, 0);
  assert.equal(cache.size, 0);
});

test('retain forgets frames that left the page and frees their pixels', () => {
  const { cache } = setup();
  const s = context([], 's', [1, 0, 0, 1, 0, 0]) as unknown as CanvasRenderingContext2D;
  cache.draw(s, frame('a'), 0, () => {});
  cache.draw(s, frame('b', 300), 0, () => {});
  assert.equal(cache.size, 2);
  const px = cache.pixels;
  cache.retain(['b']);
  assert.equal(cache.size, 1);
  assert.ok(cache.pixels < px && cache.pixels > 0);
});

test('content bounds reach jump lines and shapes that overhang the frame', () => {
  const f = frame('t', 100, {
    shapes: [{ type: 'line', x1: 90, y1: 55, x2: 140, y2: 55, weight: 1, color: { swatch: 'k', c: 0, m: 0, y: 0, k: 100 }, dash: null, cap: 'butt' }],
    lines: [{ text: '下转第2版', x: 100, y: 70, width: 45, measure: 20, size: 9, role: 'jump', runs: [] }],
  });
  const b = contentBounds(f);
  assert.ok(b.x0 <= 89 - 4 && b.x1 >= 145 + 9 && b.y1 >= 70 + 9, JSON.stringify(b));
});

test('stabilizeFrames keeps the old object for a frame whose layout is structurally the same', () => {
  const a1 = frame('a', 100, { lines: [{ text: '天山', x: 1, y: 2, width: 3, measure: 4, size: 5, role: 'text', runs: [] }] });
  const b1 = frame('b', 200);
  const a2 = structuredClone(a1);
  const b2 = frame('b', 201);
  const c2 = frame('c');
  const out = stabilizeFrames([a1, b1], [a2, b2, c2]);
  assert.equal(out[0], a1, 'unchanged: the earlier object');
  assert.equal(out[1], b2, 'moved: the new object');
  assert.equal(out[2], c2, 'new frame');
  assert.deepEqual(stabilizeFrames(undefined, [a2]), [a2]);
});

test('sameLayout compares plain data deeply', () => {
  const rows: Array<[unknown, unknown, boolean]> = [
    [1, 1, true],
    [1, 2, false],
    [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }, true],
    [{ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] }, false],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [1, 2, 3], false],
    [[], {}, false],
    [null, {}, false],
    [{ rotated: true }, { rotated: true }, true],
  ];
  for (const [a, b, want] of rows) assert.equal(sameLayout(a, b), want, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
});

test('with an OffscreenCanvas the layer copies ImageBitmaps, and a replaced or dropped bitmap is closed', () => {
  const log: string[] = [];
  let made = 0;
  let bitmaps = 0;
  const closed: number[] = [];
  const cache = new FrameBitmapCache((w, h) => {
    made++;
    const ctx = context(log, 'scratch');
    return {
      width: w,
      height: h,
      getContext: () => ctx as unknown as CanvasRenderingContext2D,
      transferToImageBitmap: () => {
        const n = ++bitmaps;
        return { n, close: () => closed.push(n) } as unknown as ImageBitmap;
      },
    } as BitmapCanvas;
  });
  const seen: unknown[] = [];
  const screen = { ...context(log, 'screen', [1, 0, 0, 1, 0, 0]), drawImage: (img: unknown) => void seen.push(img) };
  const s = screen as unknown as CanvasRenderingContext2D;
  const a = frame('a');
  cache.draw(s, a, 0, () => {});
  cache.draw(s, a, 0, () => {});
  cache.draw(s, frame('b', 300), 0, () => {});
  assert.equal(made, 1, 'one scratch canvas serves every bitmap');
  assert.deepEqual(seen.map((b) => (b as { n: number }).n), [1, 1, 2]);
  cache.draw(s, a, 1, () => {}); // assets changed: a new bitmap for a, the old one closed
  assert.deepEqual(closed, [1]);
  cache.retain(['a']);
  assert.deepEqual(closed, [1, 2]);
});
