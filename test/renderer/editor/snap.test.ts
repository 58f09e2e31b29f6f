// Snapping to columns, grid lines and other frames; resizing; sponsor grids from CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rectFromDrag, resizeRect, snapMove, snapTargets } from '../../../renderer/editor/snap';
import { parseCsv, sponsorGrid, sponsorRowsFromCsv } from '../../../renderer/editor/factories';
import { columnWidth, columnX, lineTop } from '../../../renderer/model/grid';
import { newIssue } from '../../../renderer/model/defaults';
import type { Frame, FrameId } from '../../../renderer/model/schema';

const issue = newIssue({ preset: 'tabloid' });
const g = issue.grid;

test('a moved frame snaps its left edge to a column edge within tolerance', () => {
  const t = snapTargets(issue, [], new Set());
  const r = snapMove({ x: columnX(g, 2) + 1.5, y: lineTop(g, 10) - 1, width: 100, height: 42.5 }, t, 2);
  assert.equal(r.rect.x, columnX(g, 2));
  assert.equal(r.rect.y, lineTop(g, 10));
  assert.equal(r.guides.x, columnX(g, 2));
});

test('nothing snaps beyond the tolerance', () => {
  const t = { xs: [100], ys: [100] };
  const r = snapMove({ x: 110, y: 200, width: 20, height: 20 }, t, 4);
  assert.deepEqual(r.rect, { x: 110, y: 200, width: 20, height: 20 });
});

test('a frame snaps to another frame’s edge', () => {
  const other = { id: 'f9' as FrameId, x: 333, y: 444, width: 10, height: 10 } as Frame;
  const t = snapTargets(issue, [other], new Set());
  assert.equal(snapMove({ x: 330, y: 5, width: 3, height: 3 }, t, 4).rect.x, 333 - 3, 'right edge meets its left edge');
});

test('resizing by the east handle snaps the right edge to the column’s right edge', () => {
  const t = snapTargets(issue, [], new Set());
  const start = { x: columnX(g, 0), y: lineTop(g, 0), width: 50, height: 50 };
  const r = resizeRect(start, 'e', columnX(g, 1) + columnWidth(g) - (start.x + 50) - 1, 0, t, 4);
  assert.equal(r.x + r.width, columnX(g, 1) + columnWidth(g));
});

test('resizing past the opposite edge keeps a minimum size', () => {
  const r = resizeRect({ x: 0, y: 0, width: 50, height: 50 }, 'w', 100, 0, null, 0);
  assert.equal(r.width, 4);
});

test('drawing a frame snaps both corners', () => {
  const t = snapTargets(issue, [], new Set());
  const r = rectFromDrag(columnX(g, 0) + 1, lineTop(g, 0) + 1, columnX(g, 3) + columnWidth(g) - 2, lineTop(g, 20) + g.bodySize + 1, t, 4);
  assert.equal(r.x, columnX(g, 0));
  assert.equal(r.width, columnX(g, 3) + columnWidth(g) - columnX(g, 0));
});

test('CSV: quotes, doubled quotes, CRLF and a BOM', () => {
  assert.deepEqual(parseCsv('\uFEFFa,"b,c","d ""e"""\r\nf,g\n'), [['a', 'b,c', 'd "e"'], ['f', 'g']]);
});

test('sponsor grid: one box per row, a header row skipped, whole grid lines high', () => {
  const csv = '标题,公司,证书,产品\n守信激励单位,甲公司,证书编号：1,主导产品：茶\n守信激励单位,乙公司,证书编号：2\n守信激励单位,丙公司,证书编号：3\n';
  const rows = sponsorRowsFromCsv(csv);
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], { title: '守信激励单位', company: '甲公司', lines: ['证书编号：1', '主导产品：茶'] });
  const boxes = sponsorGrid(issue, { x: 0, y: 0, width: 300, height: 240 }, rows, 2);
  assert.equal(boxes.length, 3);
  assert.equal(new Set(boxes.map((b) => b.id)).size, 3);
  const pitch = g.bodySize + g.lineGap;
  assert.equal(boxes[0]!.height % pitch, 0);
  assert.equal(boxes[2]!.y, boxes[0]!.height + pitch);
});

test('csv: an unclosed quoted field is an error, not a silently merged row', () => {
  assert.throws(() => parseCsv('title,company\n"信用中国守信激励单位,上海乐惠米业有限公司\n'), /not closed/);
});
