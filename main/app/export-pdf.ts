// The `export.pdf` channel's work: the press PDF module (main/files/pdf-export.ts) behind the
// shell's ExportPdf signature. One ExportContext per process keeps fonts, subsets and converted
// images between exports, so the second export of the evening is fast.
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ExportContext, exportIssue } from '../files/pdf-export';
import { IpcFailure, ipcError } from '../ipc/handlers';
import type { ExportPdf } from '../ipc/implementation';

export function createPdfExporter(ctx: ExportContext = new ExportContext()): ExportPdf {
  return async (job) => {
    const o = job.options;
    const proof = o.purpose === 'proof';
    const perPage = o.split === 'pages';
    // One file: written to a private temp folder (atomically), then copied to the chosen name.
    // Per page: written beside the chosen name, named from the issue's file-name pattern.
    const outDir = perPage ? dirname(job.outPath) : await mkdtemp(join(tmpdir(), 'banmian-pdf-'));
    try {
      const r = await exportIssue(
        { issue: job.issue, assets: job.assets },
        {
          outDir,
          singleFile: !perPage,
          ...(proof ? { bleedMm: 0, marks: false } : { ...(o.bleedMm !== undefined ? { bleedMm: o.bleedMm } : {}), ...(o.marks !== undefined ? { marks: o.marks } : {}) }),
          ...(o.pdfx ? { pdfx: o.pdfx } : {}),
          ...(o.pages?.length ? { pages: o.pages } : {}),
          onProgress: (done, total, message) => job.onProgress(done, total, message, message),
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
      if (!perPage) await rm(outDir, { recursive: true, force: true });
    }
  };
}
