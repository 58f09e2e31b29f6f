// One `export.pdf` job as the export worker (main/app/export-worker.ts) runs it, and the messages
// between that worker and the main process (main/app/export-pdf.ts). Everything here crosses a
// worker_threads port, so it is plain data: the structured clone keeps Maps and Uint8Arrays but
// not classes, which is why errors travel as SerializedExportError and are rebuilt on arrival.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { IpcError } from '../ipc/contract';
import { IpcFailure, ipcError, toIpcError } from '../ipc/handlers';
import type { ExportPdf } from '../ipc/implementation';
import { IssueFileError } from '../files/errors';
import type { FontRegistryOptions } from '../files/fonts';
import { ExportInputError, exportIssue, type ExportContext } from '../files/pdf-export';

/** What the shell hands to exportPdf. */
export type PdfJob = Parameters<ExportPdf>[0];
/** The same job without its callback: what is posted to the worker. */
export type PdfJobData = Omit<PdfJob, 'onProgress'> & {
  /**
   * One-file exports: an empty private folder to write in before the copy to outPath, made and
   * removed by the caller (the main side), so it is removed even when the worker dies mid-job.
   * Without it runPdfJob makes and removes its own.
   */
  tempDir?: string;
};
export type PdfJobResult = Awaited<ReturnType<ExportPdf>>;

/** The worker's workerData: how to build its font registry (the app's own options). */
export interface ExportWorkerData {
  fonts: FontRegistryOptions;
  /**
   * Set to 1 by the main side to stop the worker: read between pages even while a job keeps the
   * worker's event loop busy, where a 'quit' message would wait until the job ended.
   */
  stop?: Int32Array;
}

/** main -> worker */
/**
 * 'quit': end the thread at the next safe point (idle, or the running job's next progress
 * report). Worker.terminate() may interrupt the thread anywhere, e.g. between creating a zlib
 * stream and initialising it, and Node 20 then aborts the whole process ("close before init").
 */
export type ToExportWorker = { type: 'export'; id: number; job: PdfJobData } | { type: 'quit' };

/** worker -> main; `id` is the job's. */
export type FromExportWorker =
  | { type: 'progress'; id: number; done: number; total: number; message: string }
  | { type: 'done'; id: number; result: PdfJobResult }
  | { type: 'failed'; id: number; error: SerializedExportError };

/**
 * An error thrown by a job, as data. `ipc`: an IpcFailure or IssueFileError, already in the
 * renderer's shape (code, English, Chinese, problems); `export-input`: an ExportInputError;
 * `error`: anything else, which the main process logs and reports as 'internal'.
 */
export type SerializedExportError =
  | { kind: 'ipc'; error: IpcError }
  | { kind: 'export-input'; message: string; messageZh: string }
  | { kind: 'error'; name: string; message: string; stack: string | null };

export function serializeExportError(e: unknown): SerializedExportError {
  // toIpcError gives IssueFileError its renderer shape (code, both languages, problems) too.
  if (e instanceof IpcFailure || e instanceof IssueFileError) return { kind: 'ipc', error: toIpcError(e) };
  if (e instanceof ExportInputError) return { kind: 'export-input', message: e.message, messageZh: e.messageZh };
  if (e instanceof Error) return { kind: 'error', name: e.name, message: e.message, stack: e.stack ?? null };
  return { kind: 'error', name: 'Error', message: String(e), stack: null };
}

/** The error as the in-process export would have thrown it (an IssueFileError arrives as its IpcFailure). */
export function reviveExportError(s: SerializedExportError): Error {
  if (s.kind === 'ipc') return new IpcFailure(s.error);
  if (s.kind === 'export-input') return new ExportInputError(s.message, s.messageZh);
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = `${s.stack}\n    (thrown in the PDF export worker)`;
  return e;
}

/** A cheap shape check of what arrives from the worker (our own code, but a port carries `unknown`). */
export function isFromExportWorker(m: unknown): m is FromExportWorker {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as { type?: unknown; id?: unknown };
  return typeof r.id === 'number' && (r.type === 'progress' || r.type === 'done' || r.type === 'failed');
}

/**
 * The export itself, over main/files/pdf-export.ts: one file at `outPath`, or one file per page
 * beside it; preflight errors refuse it in both languages with nothing written.
 */
export async function runPdfJob(job: PdfJobData, ctx: ExportContext, onProgress: (done: number, total: number, message: string) => void): Promise<PdfJobResult> {
  const o = job.options;
  const proof = o.purpose === 'proof';
  const perPage = o.split === 'pages';
  // One file: written to a private temp folder (atomically), then copied to the chosen name.
  // Per page: written beside the chosen name, named from the issue's file-name pattern.
  const plant = job.plantProfile ?? null;
  const pdfx = o.pdfx ?? job.issue.output.pdfx;
  // PDF/X-1a:2001 is PDF 1.3, which knows ICC profiles up to version 2 only (byte 8: major version).
  if (plant && pdfx === '1a' && (plant.bytes[8] ?? 0) > 2) {
    throw new IpcFailure(
      ipcError(
        'plant-profile-level',
        `The plant colour profile "${plant.name}" is an ICC version ${plant.bytes[8]} profile, which PDF/X-1a (PDF 1.3) cannot carry; nothing was exported. Choose PDF/X-4, or ask the plant for its version 2 profile and choose that.`,
        `印厂色彩配置“${plant.name}”是 ICC 第 ${plant.bytes[8]} 版特性文件，PDF/X-1a（PDF 1.3）无法嵌入；未导出任何文件。请改选 PDF/X-4，或向印厂索取第 2 版特性文件后重新选择。`,
      ),
    );
  }
  const ownTemp = !perPage && !job.tempDir;
  const outDir = perPage ? dirname(job.outPath) : (job.tempDir ?? (await mkdtemp(join(tmpdir(), 'banmian-pdf-'))));
  try {
    const r = await exportIssue(
      { issue: job.issue, assets: job.assets },
      {
        outDir,
        singleFile: !perPage,
        ...(proof ? { bleedMm: 0, marks: false } : { ...(o.bleedMm !== undefined ? { bleedMm: o.bleedMm } : {}), ...(o.marks !== undefined ? { marks: o.marks } : {}) }),
        ...(o.pdfx ? { pdfx: o.pdfx } : {}),
        ...(plant ? { plantProfile: plant } : {}),
        ...(o.pages?.length ? { pages: o.pages } : {}),
        onProgress,
      },
      ctx,
    );
    if (r.blocked) {
      const errors = r.findings.filter((f) => f.severity === 'error');
      throw new IpcFailure(
        ipcError(
          'preflight-errors',
          `Preflight found ${errors.length} error(s); nothing was written. Fix them (see the preflight list) and export again. ${errors.map((f) => f.message).join(' ')}`,
          `印前检查发现 ${errors.length} 个错误，未写出文件。请按印前检查列表修改后重新导出。${errors.map((f) => f.messageZh).join('')}`,
        ),
      );
    }
    if (!perPage) await copyFile(r.written[0]!, job.outPath);
    return {
      pages: o.pages?.length ? o.pages.length : job.issue.pages.length,
      warnings: r.findings.filter((f) => f.severity === 'warning').map((f) => ({ code: f.code, message: f.message, messageZh: f.messageZh })),
    };
  } finally {
    if (ownTemp) await rm(outDir, { recursive: true, force: true });
  }
}
