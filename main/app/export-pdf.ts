// The `export.pdf` channel's work, behind the shell's ExportPdf signature, run OFF the main
// process's event loop: a long export would otherwise stall IPC, menus and window events.
//
// One worker_threads Worker per exporter (main/app/export-worker.ts), started on the first export
// and kept: its ExportContext keeps fonts, subsets and converted images, so the second export of
// the evening is fast. Jobs go to it one at a time (queued here); progress comes back as
// messages, in order, to job.onProgress; errors come back as data and are rebuilt (IpcFailure with
// its code and both languages, ExportInputError). A worker that crashes or exits mid-job rejects
// that job with 'export-interrupted' and is replaced for the next one.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findProjectRoot, type FontRegistryOptions } from '../files/fonts';
import { IpcFailure, ipcError, type Logger } from '../ipc/handlers';
import type { ExportPdf } from '../ipc/implementation';
import { isFromExportWorker, reviveExportError, type ExportWorkerData, type PdfJob, type PdfJobData, type PdfJobResult, type ToExportWorker } from './export-job';

export interface PdfExporterOptions {
  /**
   * The options the app's own font registry was made with: the worker builds its registry from
   * them, so it finds the same faces and the PDF sets exactly what the window shows. Default {}.
   */
  fonts?: FontRegistryOptions;
  log?: Logger;
}

export type PdfExporter = ExportPdf & {
  /** The current worker's threadId; null before the first export and after the worker ended. */
  threadId(): number | null;
  /**
   * Stops the worker (app shutdown, tests) at its next safe point, by force after 10 s. A job it
   * was running rejects with 'export-interrupted'; the next export starts a new worker.
   */
  terminate(): Promise<void>;
};

interface Pending {
  readonly id: number;
  readonly job: PdfJob;
  resolve(result: PdfJobResult): void;
  reject(error: unknown): void;
}

/** The job on its way to or in the worker; `worker` is null while the worker is starting. */
interface Running {
  readonly pending: Pending;
  worker: Worker | null;
  /** The one-file export's private folder, removed when the job settles. */
  tempDir: string | null;
}

export function createPdfExporter(options: PdfExporterOptions = {}): PdfExporter {
  const data: ExportWorkerData = { fonts: options.fonts ?? {} };
  const log = options.log;
  const queue: Pending[] = [];
  let worker: Worker | null = null;
  /** Each worker's stop flag (ExportWorkerData.stop). */
  const stops = new WeakMap<Worker, Int32Array>();
  let running: Running | null = null;
  let nextId = 1;

  async function startWorker(): Promise<Worker> {
    // sharp (libvips) must be loaded by the main thread before a worker loads it: on glibc Linux
    // a worker's exit would otherwise unload libvips under its own running threads (sharp's
    // install notes, "Worker threads"; lovell/sharp#2263). The import is cached after the first.
    await import('sharp');
    const entry = exportWorkerEntry();
    // execArgv [] : not the parent's flags (the test runner's --test, tsx's --import, Electron's).
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const w = new Worker(entry.script, { eval: entry.eval, workerData: { ...data, stop } satisfies ExportWorkerData, execArgv: [], ...(entry.env ? { env: entry.env } : {}) });
    stops.set(w, stop);
    let failure: unknown = null;
    w.on('message', (m: unknown) => onMessage(w, m));
    w.on('error', (e) => {
      failure = e;
      log?.error('banmian: the PDF export worker failed', e);
    });
    w.on('messageerror', (e) => {
      const run = running;
      if (run && run.worker === w) settle(run, () => run.pending.reject(e));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      const run = running;
      if (run && run.worker === w) {
        if (failure === null) log?.error(`banmian: the PDF export worker exited with code ${code} during an export`);
        settle(run, () => run.pending.reject(interrupted(code)));
      }
    });
    // Idle, the worker does not keep a Node process (CLI, tests) alive; a running job refs it.
    w.unref();
    return w;
  }

  function onMessage(w: Worker, m: unknown): void {
    const run = running;
    if (!isFromExportWorker(m) || !run || run.worker !== w || run.pending.id !== m.id) return;
    if (m.type === 'progress') {
      try {
        run.pending.job.onProgress(m.done, m.total, m.message, m.message);
      } catch (e) {
        log?.error('banmian: export progress could not be reported', e);
      }
    } else if (m.type === 'done') {
      const result = m.result;
      settle(run, () => run.pending.resolve(result));
    } else {
      const error = reviveExportError(m.error);
      settle(run, () => run.pending.reject(error));
    }
  }

  /** Ends `run` (once): removes its temp folder, then answers and starts the next queued job. */
  function settle(run: Running, finish: () => void): void {
    if (running !== run) return;
    running = null;
    run.worker?.unref();
    const temp = run.tempDir;
    void (temp ? rm(temp, { recursive: true, force: true }).catch((e: unknown) => log?.error('banmian: export temp folder not removed', e)) : Promise.resolve()).then(() => {
      finish();
      pump();
    });
  }

  function pump(): void {
    if (running || queue.length === 0) return;
    const pending = queue.shift()!;
    const run: Running = { pending, worker: null, tempDir: null };
    running = run;
    (worker ? Promise.resolve(worker) : startWorker().then((w) => (worker = w)))
      .then(async (w) => {
        run.worker = w;
        w.ref();
        // a one-file export writes in a temp folder owned here, so a worker that dies leaves none
        if (pending.job.options.split !== 'pages') run.tempDir = await mkdtemp(join(tmpdir(), 'banmian-pdf-'));
        if (running !== run) return; // the worker ended meanwhile: already rejected
        const { onProgress: _callback, ...job } = pending.job;
        const message: ToExportWorker = { type: 'export', id: pending.id, job: { ...job, ...(run.tempDir ? { tempDir: run.tempDir } : {}) } satisfies PdfJobData };
        w.postMessage(message);
      })
      .catch((e: unknown) => settle(run, () => pending.reject(e)));
  }

  const exportPdf: ExportPdf = (job) =>
    new Promise<PdfJobResult>((resolve, reject) => {
      queue.push({ id: nextId++, job, resolve, reject });
      pump();
    });

  return Object.assign(exportPdf, {
    threadId: () => worker?.threadId ?? null,
    terminate: async () => {
      // Forget it at once: an export asked for from now on starts a new worker.
      const w = worker;
      worker = null;
      if (!w) return;
      // Asked to stop, the worker ends at its next safe point (a job it is running rejects with
      // 'export-interrupted'); only one that does not stop within 10 s is ended by force.
      const exited = new Promise<void>((r) => w.once('exit', () => r()));
      const stop = stops.get(w);
      if (stop) Atomics.store(stop, 0, 1);
      w.postMessage({ type: 'quit' } satisfies ToExportWorker);
      const force = setTimeout(() => void w.terminate(), 10_000);
      await exited;
      clearTimeout(force);
    },
  });
}

const interrupted = (code: number): IpcFailure =>
  new IpcFailure(
    ipcError(
      'export-interrupted',
      `The PDF export stopped before it finished: its worker thread ended (exit code ${code}). Export again; a new worker takes the next export. If it keeps happening, save the issue and restart Banmian.`,
      `PDF 导出未完成即中止：导出工作线程已退出（退出码 ${code}）。请重新导出，下一次导出会由新的工作线程完成；如果反复出现，请保存文件后重新启动版面。`,
    ),
  );

const unavailable = (what: string): IpcFailure =>
  new IpcFailure(
    ipcError(
      'not-available',
      `PDF export is not available: ${what}. Reinstall Banmian (from sources: npm install).`,
      `无法导出 PDF：找不到导出工作线程（${what}）。请重新安装版面（源代码：运行 npm install）。`,
    ),
  );

/** How to start the worker: a script file, or (from sources) a bootstrap evaluated as code. */
interface WorkerEntry {
  script: string;
  eval: boolean;
  env: NodeJS.ProcessEnv | null;
}

function exportWorkerEntry(): WorkerEntry {
  // The bundles are CommonJS (scripts/build.mjs), so __dirname is dist/main/, where
  // export-worker.cjs is built beside main.cjs: under `npm start` and in the packaged app, where
  // it stays inside app.asar. Electron's worker threads read asar archives since Electron 17/18
  // (electron/electron#33216, "initialize asar support in worker threads"); unpacking the worker
  // (asarUnpack) would break it, as it could then not require pdf-lib, fontkit, zod or sharp from
  // the asar's node_modules.
  if (typeof __dirname === 'string') {
    const bundled = join(__dirname, 'export-worker.cjs');
    if (existsSync(bundled)) return { script: bundled, eval: false, env: null };
  }
  // From the TypeScript sources (the tests, the e2e harness: ESM under tsx, no __dirname). A worker
  // does not inherit the parent's module hooks, and on Node 20 `--import tsx` in the worker's
  // execArgv registers them too late for its entry module (ERR_UNKNOWN_FILE_EXTENSION). So the
  // worker runs a two-line bootstrap that loads the .ts entry with tsx's own tsImport().
  const root = findProjectRoot();
  const source = root ? join(root, 'main', 'app', 'export-worker.ts') : null;
  if (!root || !source || !existsSync(source)) throw unavailable('neither dist/main/export-worker.cjs nor main/app/export-worker.ts was found');
  let tsxApi: string;
  try {
    // tsx's ESM API (the package's "./esm/api" export, import condition); createRequire would
    // resolve the require condition, whose file cannot be import()ed.
    tsxApi = join(dirname(createRequire(join(root, 'package.json')).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs');
  } catch {
    throw unavailable('tsx, needed to run main/app/export-worker.ts from sources, is not installed');
  }
  if (!existsSync(tsxApi)) throw unavailable(`tsx's ESM API is not at ${tsxApi}`);
  const url = (p: string) => JSON.stringify(pathToFileURL(p).href);
  return {
    script: `import(${url(tsxApi)}).then((tsx) => tsx.tsImport(${url(source)}, ${url(join(root, 'package.json'))}));`,
    eval: true,
    // the worker finds fonts and the generic ICC profile from the same root as this process
    env: { ...process.env, BANMIAN_ROOT: root },
  };
}
