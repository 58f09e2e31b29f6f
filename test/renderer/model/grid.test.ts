import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  columnX, defaultGrid, linePitch, makeGrid, mmToPt, pageSizeFor, parseTypeSize, ptToMm, typeArea, typeAreaHeight, typeAreaWidth, ZIHAO, zihaoName,
} from '../../../renderer/model';

test('zihao table: the 号数制 sizes in points', () => {
  const cases: Array<[keyof typeof ZIHAO, number]> = [
    ['初号', 42], ['小初', 36], ['一号', 26], ['小一', 24], ['二号', 22], ['小二', 18], ['三号', 16], ['小三', 15],
    ['四号', 14], ['小四', 12], ['五号', 10.5], ['小五', 9], ['六号', 7.5], ['小六', 6.5], ['七号', 5.5], ['八号', 5],
  ];
  for (const [name, pt] of cases) {
    assert.equal(ZIHAO[name], pt, name);
    assert.equal(zihaoName(pt), name);
    assert.equal(parseTypeSize(name), pt);
  }
  assert.equal(parseTypeSize('9.5pt'), 9.5);
  assert.equal(zihaoName(9.25), null);
  assert.throws(() => parseTypeSize('大号'), /字号/);
});

test('mm and pt convert exactly both ways', () => {
  assert.equal(mmToPt(25.4), 72);
  for (const mm of [0, 3, 275, 390, 550]) assert.ok(Math.abs(ptToMm(mmToPt(mm)) - mm) < 1e-9);
});

test('page presets: 四开 tabloid 275x390 mm, 对开 broadsheet 390x550 mm', () => {
  const t = pageSizeFor('tabloid');
  assert.ok(Math.abs(ptToMm(t.width) - 275) < 1e-9 && Math.abs(ptToMm(t.height) - 390) < 1e-9);
  const b = pageSizeFor('broadsheet');
  assert.ok(Math.abs(ptToMm(b.width) - 390) < 1e-9 && Math.abs(ptToMm(b.height) - 550) < 1e-9);
  const c = pageSizeFor('custom', { widthMm: 210, heightMm: 297 });
  assert.ok(Math.abs(c.width - 595.2756) < 1e-3);
  assert.throws(() => pageSizeFor('custom'));
});

test('grid converts exactly to points: tabloid default 6 columns x 11 chars of 小五', () => {
  const g = defaultGrid(pageSizeFor('tabloid'));
  assert.equal(g.bodySize, 9);
  assert.equal(g.columns, 6);
  assert.equal(g.charsPerColumn, 11);
  assert.equal(g.gutterChars, 1);
  // 6 x 11 x 9 + 5 x 1 x 9 = 594 + 45
  assert.equal(typeAreaWidth(g), 639);
  assert.equal(linePitch(g), 12);
  assert.equal(typeAreaHeight(g), g.linesPerPage * 9 + (g.linesPerPage - 1) * 3);
  // centred: equal left and right margins
  const ta = typeArea(g);
  const page = pageSizeFor('tabloid');
  assert.ok(Math.abs(ta.x - (page.width - ta.x - ta.width)) < 0.002);
  assert.ok(ta.y > mmToPt(15) && ta.y + ta.height < page.height - mmToPt(15));
  assert.ok(Math.abs(columnX(g, 1) - columnX(g, 0) - (11 * 9 + 9)) < 1e-9);
});

test('grid converts exactly to points: broadsheet default 8 x 13, 120 lines', () => {
  const g = defaultGrid(pageSizeFor('broadsheet'));
  assert.equal(g.columns, 8);
  assert.equal(g.charsPerColumn, 13);
  assert.equal(g.linesPerPage, 120);
  assert.equal(typeAreaWidth(g), 8 * 13 * 9 + 7 * 9);
  assert.equal(typeAreaHeight(g), 120 * 9 + 119 * 3);
});

test('makeGrid honours an explicit line count and gutter', () => {
  const g = makeGrid(pageSizeFor('tabloid'), { bodySize: ZIHAO.五号, charsPerColumn: 10, columns: 5, gutterChars: 1.5, lineGap: 4, linesPerPage: 70 });
  assert.equal(typeAreaWidth(g), 5 * 10 * 10.5 + 4 * 1.5 * 10.5);
  assert.equal(typeAreaHeight(g), 70 * 10.5 + 69 * 4);
});
