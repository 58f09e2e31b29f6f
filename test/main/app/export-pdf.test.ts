// The app's export.pdf work: one file or one file per page, progress, and preflight errors
// refused in both languages with nothing written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPdfExporter } from '../../../main/app/export-pdf';
import { ExportContext } from '../../../main/files/pdf-export';
import { createFontRegistry } from '../../../main/files/fonts';
import { openIssueFile } from '../../../main/files/issue-file';
import { IpcFailure } from '../../../main/ipc/handlers';
import type { StoryId } from '../../../renderer/model';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const exporter = createPdfExporter(new ExportContext(createFontRegistry({ projectRoot: root, systemFontDirs: [] })));

test('export-pdf: one file at the chosen path, per page files beside it, progress reported', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-export-'));
  try {
    const { issue, assets } = await openIssueFile(join(root, 'assets/samples/tianshan.banmian'));
    const steps: number[] = [];
    const one = await exporter({ issue, assets, options: { purpose: 'press', pages: [1, 2] }, outPath: join(dir, 'issue.pdf'), onProgress: (d) => steps.push(d) });
    assert.equal(one.pages, 2);
    assert.ok(steps.length > 0);
    assert.match((await readFile(join(dir, 'issue.pdf'))).subarray(0, 8).toString('latin1'), /^%PDF-1\.3/);
    const per = await exporter({ issue, assets, options: { purpose: 'press', split: 'pages' }, outPath: join(dir, 'pages.pdf'), onProgress: () => {} });
    assert.equal(per.pages, 4);
    const files = (await readdir(dir)).filter((f) => f.startsWith('天山社区晨报-')).sort();
    assert.deepEqual(files, ['天山社区晨报-2021-01-22-01.pdf', '天山社区晨报-2021-01-22-02.pdf', '天山社区晨报-2021-01-22-03.pdf', '天山社区晨报-2021-01-22-04.pdf']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('export-pdf: preflight errors refuse the export in English and Chinese, writing nothing', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-export-'));
  try {
    const { issue, assets } = await openIssueFile(join(root, 'assets/samples/tianshan.banmian'));
    // overset: pour a lot more text into the lead story
    const lead = issue.stories[0]!;
    const long = { ...lead, id: lead.id as StoryId, paragraphs: [...lead.paragraphs, ...lead.paragraphs, ...lead.paragraphs] };
    const bad = { ...issue, stories: [long, ...issue.stories.slice(1)] };
    await assert.rejects(
      exporter({ issue: bad, assets, options: { purpose: 'press' }, outPath: join(dir, 'x.pdf'), onProgress: () => {} }),
      (e: unknown) => e instanceof IpcFailure && /Preflight found/.test(e.error.message) && /印前检查/.test(e.error.messageZh),
    );
    assert.deepEqual(await readdir(dir), []);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
