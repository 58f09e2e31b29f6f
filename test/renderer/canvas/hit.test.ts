// Hit testing on the page: topmost frame, handles with screen-pixel tolerance, thread out-ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameAt, framesInRect, handleAt, outPort, outPortAt } from '../../../renderer/canvas/hit';
import { makeBox, makeTextFrame } from '../../../renderer/editor/ops';
import { newIssue } from '../../../renderer/model/defaults';
import type { Page } from '../../../renderer/model/schema';

const issue = newIssue();
const text = makeTextFrame(issue, { x: 100, y: 100, width: 200, height: 100 }).frame;
const box = { ...makeBox(issue, { x: 150, y: 150, width: 50, height: 50 }), id: 'f9' as typeof text.id };
const page: Page = { ...issue.pages[0]!, frames: [text, box] };

test('the topmost frame under the point wins', () => {
  assert.equal(frameAt(page, 160, 160, 0)?.id, box.id);
  assert.equal(frameAt(page, 110, 110, 0)?.id, text.id);
  assert.equal(frameAt(page, 10, 10, 0), null);
});

test('handles are found within a few screen pixels at any zoom', () => {
  assert.equal(handleAt(text, 300, 200, 1), 'se');
  assert.equal(handleAt(text, 200, 100, 1), 'n');
  // at 10% zoom one screen pixel is 7.5 pt: a handle 20 pt away is still within reach
  assert.equal(handleAt(text, 320, 200, 7.5), 'se');
  assert.equal(handleAt(text, 320, 200, 1), null);
});

test('the out-port sits under the bottom-right corner of a text frame', () => {
  const p = outPort(text, 1);
  assert.equal(outPortAt(page, p.x + 1, p.y + 1, 1)?.id, text.id);
  assert.equal(outPortAt(page, 100, 100, 1), null);
});

test('marquee: frames wholly inside; with Alt every frame it touches; locked frames as by a click', () => {
  const locked = { ...makeBox(issue, { x: 400, y: 100, width: 50, height: 50 }), id: 'f8' as typeof text.id, locked: true };
  const p: Page = { ...page, frames: [text, box, locked] };
  const cases: Array<[string, { x: number; y: number; width: number; height: number }, boolean, string[]]> = [
    ['encloses-the-box-only', { x: 140, y: 140, width: 80, height: 80 }, false, [box.id]],
    ['touching-takes-the-text-frame-too', { x: 140, y: 140, width: 80, height: 80 }, true, [text.id, box.id]],
    ['edges-on-the-frame-count-as-inside', { x: 100, y: 100, width: 200, height: 100 }, false, [text.id, box.id]],
    ['locked-frames-are-taken', { x: 390, y: 90, width: 70, height: 70 }, false, [locked.id]],
    ['empty-area-takes-nothing', { x: 500, y: 500, width: 20, height: 20 }, true, []],
  ];
  for (const [name, r, touching, want] of cases) assert.deepEqual(framesInRect(p, r, touching).map((f) => f.id), want, name);
});
