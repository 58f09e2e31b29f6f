// What crosses the export worker's port: errors as data, rebuilt on the main side with their
// class, code and both languages (main/app/export-job.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFromExportWorker, reviveExportError, serializeExportError } from '../../../main/app/export-job';
import { IssueFileError } from '../../../main/files/errors';
import { ExportInputError } from '../../../main/files/pdf-export';
import { IpcFailure, ipcError } from '../../../main/ipc/handlers';

/** Through the structured clone, as postMessage carries it. */
const roundTrip = (e: unknown) => reviveExportError(structuredClone(serializeExportError(e)));

test('export-job: an IpcFailure arrives with its code, both languages and problems', () => {
  const e = roundTrip(new IpcFailure(ipcError('preflight-errors', 'Preflight found 1 error(s)', '印前检查发现 1 个错误', ['pages[0]: x'])));
  assert.ok(e instanceof IpcFailure);
  assert.deepEqual(e.error, { code: 'preflight-errors', message: 'Preflight found 1 error(s)', messageZh: '印前检查发现 1 个错误', problems: ['pages[0]: x'] });
});

test('export-job: an IssueFileError (a failed write) arrives as the IpcFailure the renderer would get', () => {
  const original = new IssueFileError('disk-full', { path: '/out/a.pdf', detail: 'no space left writing "/out/a.pdf"', detailZh: '写入“/out/a.pdf”时磁盘已满' });
  const e = roundTrip(original);
  assert.ok(e instanceof IpcFailure);
  assert.equal(e.error.code, 'disk-full');
  assert.equal(e.error.message, original.message);
  assert.equal(e.error.messageZh, original.messageZh);
});

test('export-job: an ExportInputError arrives as one, in both languages', () => {
  const e = roundTrip(new ExportInputError('there is no frame "x" to export as an ad', '没有编号为“x”的图框可作为广告导出'));
  assert.ok(e instanceof ExportInputError);
  assert.equal(e.message, 'there is no frame "x" to export as an ad');
  assert.equal(e.messageZh, '没有编号为“x”的图框可作为广告导出');
});

test('export-job: anything else arrives as an Error with its name, message and the worker stack', () => {
  const original = new RangeError('offset out of range');
  const e = roundTrip(original);
  assert.ok(!(e instanceof IpcFailure));
  assert.equal(e.name, 'RangeError');
  assert.equal(e.message, 'offset out of range');
  assert.match(e.stack ?? '', /RangeError: offset out of range[\s\S]*\(thrown in the PDF export worker\)/);
  const thrown = roundTrip('a string');
  assert.equal(thrown.message, 'a string');
});

test('export-job: only well-formed worker messages are taken', () => {
  assert.equal(isFromExportWorker({ type: 'progress', id: 1, done: 1, total: 2, message: 'page 1' }), true);
  assert.equal(isFromExportWorker({ type: 'done', id: 1, result: { pages: 1, warnings: [] } }), true);
  assert.equal(isFromExportWorker({ type: 'progress', id: '1' }), false);
  assert.equal(isFromExportWorker({ type: 'other', id: 1 }), false);
  assert.equal(isFromExportWorker(null), false);
});
