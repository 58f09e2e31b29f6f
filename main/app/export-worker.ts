// The PDF export worker: a worker_threads thread of the main process, started by
// createPdfExporter (main/app/export-pdf.ts) on the first export and kept for the app's life.
// Its one ExportContext keeps loaded fonts, font subsets and converted images between exports,
// so the second export is fast; layout, image conversion, subsetting and PDF writing all run
// here, off the main process's event loop (IPC, menus and window events stay responsive).
//
// Bundled by scripts/build.mjs to dist/main/export-worker.cjs beside dist/main/main.cjs; run
// from this .ts file through tsx under the tests.
import { parentPort, workerData } from 'node:worker_threads';
import { createFontRegistry } from '../files/fonts';
import { ExportContext } from '../files/pdf-export';
import { runPdfJob, serializeExportError, type ExportWorkerData, type FromExportWorker, type ToExportWorker } from './export-job';

const port = parentPort;
if (!port) throw new Error('main/app/export-worker.ts runs only as a worker thread (createPdfExporter starts it)');

const data = workerData as ExportWorkerData;
const ctx = new ExportContext(createFontRegistry(data.fonts));
const post = (m: FromExportWorker) => port.postMessage(m);

// The main process sends one job at a time; the chain keeps jobs in order all the same, so the
// shared caches are never used by two exports at once.
let chain: Promise<void> = Promise.resolve();
let jobs = 0;
let quitting = false;
const stopFlag = data.stop;
const stopAsked = () => quitting || (stopFlag !== undefined && Atomics.load(stopFlag, 0) === 1);
// In a worker thread process.exit() ends this thread only. Called only between steps of the
// work (never in the middle of a native call), so nothing is left half made.
const quit = () => process.exit(0);

port.on('message', (m: ToExportWorker) => {
  if (m.type === 'quit') {
    quitting = true;
    if (jobs === 0) quit();
    return;
  }
  if (m.type !== 'export') return;
  const { id, job } = m;
  jobs++;
  chain = chain.then(async () => {
    try {
      if (stopAsked()) quit();
      const result = await runPdfJob(job, ctx, (done, total, message) => {
        if (stopAsked()) quit();
        post({ type: 'progress', id, done, total, message });
      });
      post({ type: 'done', id, result });
    } catch (e) {
      post({ type: 'failed', id, error: serializeExportError(e) });
    } finally {
      jobs--;
      if (quitting && jobs === 0) quit();
    }
  });
});
