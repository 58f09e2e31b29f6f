// Hit testing on the page: topmost frame, handles with screen-pixel tolerance, thread out-ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frameAt, handleAt, outPort, outPortAt } from '../../../renderer/canvas/hit';
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
