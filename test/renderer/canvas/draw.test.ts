// Drawing a LayoutResult: glyphs by id from the font outlines, one cached path per glyph, y
// flipped and scaled by size / unitsPerEm; and, with the real fonts, every glyph the engine sets
// has an outline in the face the canvas draws from (screen = press).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { drawFrame } from '../../../renderer/canvas/draw';
import { GlyphCache } from '../../../renderer/canvas/glyphs';
import type { FrameLayout } from '../../../renderer/engine/types';
import { layoutIssue } from '../../../renderer/engine/index';
import { Editor } from '../../../renderer/editor/editor';
import { makeTextFrame } from '../../../renderer/editor/ops';
import { newIssue } from '../../../renderer/model/defaults';
import { realFonts, repoRoot } from '../fonts/load-fonts';

/** A 2D context that records calls; transforms are tracked as plain numbers. */
function recorder() {
  const calls: string[] = [];
  let m = [1, 0, 0, 1, 0, 0];
  const ctx = {
    calls,
    getTransform: () => ({ a: m[0]!, b: m[1]!, c: m[2]!, d: m[3]!, e: m[4]!, f: m[5]! }),
    setTransform: (...t: [{ a: number; b: number; c: number; d: number; e: number; f: number }] | number[]) => {
      const o = t[0];
      m = typeof o === 'object' ? [o.a, o.b, o.c, o.d, o.e, o.f] : (t as number[]).slice(0, 6);
    },
    translate: (x: number, y: number) => {
      m = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]! + m[0]! * x + m[2]! * y, m[5]! + m[1]! * x + m[3]! * y];
      calls.push(`translate ${x} ${y}`);
    },
    scale: (x: number, y: number) => {
      m = [m[0]! * x, m[1]! * x, m[2]! * y, m[3]! * y, m[4]!, m[5]!];
      calls.push(`scale ${x} ${y}`);
    },
    rotate: (a: number) => calls.push(`rotate ${a.toFixed(4)}`),
    fill: (p: unknown) => calls.push(`fill ${String(p)} at [${m.map((v) => +v.toFixed(4)).join(' ')}]`),
    set fillStyle(v: string) {
      calls.push(`fillStyle ${v}`);
    },
    set strokeStyle(v: string) {
      calls.push(`strokeStyle ${v}`);
    },
    fillRect: (...a: number[]) => calls.push(`fillRect ${a.join(' ')}`),
    strokeRect: () => calls.push('strokeRect'),
    beginPath: () => {},
    moveTo: () => {},
    lineTo: () => {},
    stroke: () => calls.push('stroke'),
    setLineDash: () => {},
    save: () => {},
    restore: () => {},
    rect: () => {},
    clip: () => {},
    drawImage: () => calls.push('drawImage'),
    lineWidth: 0,
    lineCap: 'butt',
    globalAlpha: 1,
    imageSmoothingEnabled: true,
  };
  return ctx;
}

const fill = { swatch: 'black', c: 0, m: 0, y: 0, k: 100 };

function frameWith(glyphs: Array<{ id: number; x: number; rotated?: true }>): FrameLayout {
  return {
    id: 'f1', kind: 'text', x: 0, y: 0, width: 100, height: 100, fromMaster: false, storyId: 's1', columns: [], shapes: [],
    lines: [{ text: 'ab', x: 10, y: 20, width: 20, measure: 100, size: 10, role: 'text', runs: [{ font: 'F', size: 10, fill, glyphs: glyphs.map((g) => ({ ...g, advance: 10, text: 'a' })) }] }],
  };
}

test('each glyph is filled at line + glyph origin, scaled by size/upem with y flipped', () => {
  const made: string[] = [];
  const cache = new GlyphCache((d) => (made.push(d), `P(${d})` as unknown as Path2D));
  cache.add('F', { unitsPerEm: 1000, svgPath: (id) => (id === 3 ? '' : `M0 0L${id} 0Z`) });
  const ctx = recorder();
  drawFrame(ctx as unknown as CanvasRenderingContext2D, frameWith([{ id: 5, x: 0 }, { id: 5, x: 10 }, { id: 3, x: 20 }]), { glyphs: cache, images: () => null });
  // line (10, 20) + glyph x; scale 10/1000 with y flipped
  assert.deepEqual(ctx.calls.filter((c) => c.startsWith('fill P')), ['fill P(M0 0L5 0Z) at [0.01 0 0 -0.01 10 20]', 'fill P(M0 0L5 0Z) at [0.01 0 0 -0.01 20 20]'], 'the empty glyph (a space) is not filled');
  assert.deepEqual(made, ['M0 0L5 0Z'], 'one Path2D per font and glyph id');
  assert.ok(ctx.calls.includes('fillStyle rgb(0, 0, 0)'));
});

test('Latin in vertical lines is rotated a quarter turn clockwise', () => {
  const cache = new GlyphCache(() => 'P' as unknown as Path2D);
  cache.add('F', { unitsPerEm: 1000, svgPath: () => 'M0 0Z' });
  const ctx = recorder();
  drawFrame(ctx as unknown as CanvasRenderingContext2D, frameWith([{ id: 1, x: 0, rotated: true }]), { glyphs: cache, images: () => null });
  // font-unit up (0, 1) maps to page right: the glyph's top faces right, as a quarter turn clockwise
  assert.deepEqual(ctx.calls.filter((c) => c.startsWith('fill P')), ['fill P at [0 0.01 0.01 0 10 20]']);
});

test('glyph matrices compose with the canvas transform (zoom and pan)', () => {
  const cache = new GlyphCache(() => 'P' as unknown as Path2D);
  cache.add('F', { unitsPerEm: 1000, svgPath: () => 'M0 0Z' });
  const ctx = recorder();
  ctx.setTransform(2, 0, 0, 2, 100, 50);
  drawFrame(ctx as unknown as CanvasRenderingContext2D, frameWith([{ id: 1, x: 5 }, { id: 1, x: 0, rotated: true }]), { glyphs: cache, images: () => null });
  assert.deepEqual(ctx.calls.filter((c) => c.startsWith('fill P')), ['fill P at [0.02 0 0 -0.02 130 90]', 'fill P at [0 0.02 0.02 0 120 90]']);
  assert.deepEqual(ctx.getTransform(), { a: 2, b: 0, c: 0, d: 2, e: 100, f: 50 }, 'the transform of the caller is restored');
});

test('an empty image frame draws a placeholder; a placed one draws the image clipped', () => {
  const cache = new GlyphCache(() => 'P' as unknown as Path2D);
  const ctx = recorder();
  const frame: FrameLayout = { ...frameWith([]), kind: 'image', lines: [], shapes: [{ type: 'image', clip: { x: 0, y: 0, width: 10, height: 10 }, rect: null, assetId: null, ppi: null }] };
  drawFrame(ctx as unknown as CanvasRenderingContext2D, frame, { glyphs: cache, images: () => null });
  assert.ok(ctx.calls.some((c) => c.startsWith('fillRect')));
  const placed: FrameLayout = { ...frame, shapes: [{ type: 'image', clip: { x: 0, y: 0, width: 10, height: 10 }, rect: { x: -5, y: 0, width: 20, height: 10 }, assetId: 'a', ppi: 300 }] };
  const ctx2 = recorder();
  drawFrame(ctx2 as unknown as CanvasRenderingContext2D, placed, { glyphs: cache, images: () => ({}) as CanvasImageSource });
  assert.ok(ctx2.calls.includes('drawImage'));
});

test('screen = press: every glyph the engine sets has an outline in the same font file', () => {
  const issue0 = newIssue();
  const ed = new Editor(issue0);
  const { frame, story } = makeTextFrame(ed.state.issue, { x: 60, y: 120, width: 300, height: 200 }, 2);
  ed.run('addFrames', { frames: [frame], stories: [story] });
  ed.run('setStoryText', { storyId: story.id, text: '社区“圆桌会”，参会的不但有镇领导、相关部门。Banmian 2026年' });
  const layout = layoutIssue(ed.state.issue, realFonts());
  const bytes = readFileSync(join(repoRoot, 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'));
  const font = fontkit.create(bytes) as Font;
  const cache = new GlyphCache((d) => d as unknown as Path2D);
  cache.add(font.postscriptName, { unitsPerEm: font.unitsPerEm, svgPath: (id) => font.getGlyph(id).path.toSVG() });
  const lines = layout.pages[0]!.frames.find((f) => f.id === frame.id)!.lines;
  let n = 0;
  for (const l of lines)
    for (const r of l.runs) {
      assert.equal(r.font, font.postscriptName, 'body text is set in the song face');
      for (const g of r.glyphs) {
        if (g.text.trim() === '') continue;
        n++;
        assert.ok(cache.path(r.font, g.id), `glyph ${g.id} (${g.text}) has an outline`);
      }
    }
  assert.ok(n > 30, `glyphs checked: ${n}`);
});

test('a QR code fills the dark modules the engine computed', () => {
  const cache = new GlyphCache(() => 'P' as unknown as Path2D);
  const ctx = recorder();
  const rects = [{ x: 1, y: 2, width: 3, height: 1 }, { x: 5, y: 2, width: 1, height: 1 }];
  const frame: FrameLayout = { ...frameWith([]), kind: 'qr', lines: [], shapes: [{ type: 'qr', x: 0, y: 0, size: 40, data: 'x', level: 'M', color: fill, modules: 21, rects }] };
  drawFrame(ctx as unknown as CanvasRenderingContext2D, frame, { glyphs: cache, images: () => null });
  assert.deepEqual(ctx.calls.filter((c) => c.startsWith('fillRect')), ['fillRect 1 2 3 1', 'fillRect 5 2 1 1']);
});
