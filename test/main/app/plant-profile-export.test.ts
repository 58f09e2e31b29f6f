// The editor's export (createPdfExporter, in its worker) with the plant's profile from the app
// settings: the output intent names the plant's profile and embeds it, and no 'generic-profile'
// warning comes back; a version 4 profile cannot go into PDF/X-1a and says so in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPdfExporter } from '../../../main/app/export-pdf';
import { createPressProfileStore } from '../../../main/app/press-profile';
import { openIssueFile } from '../../../main/files/issue-file';
import { GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { IpcFailure } from '../../../main/ipc/handlers';
import { requireTools } from '../../helpers/tools';
import { outputIntents } from '../../renderer/pdf/helpers';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SAMPLE = join(root, 'assets/samples/tianshan.banmian');
const exporter = createPdfExporter({ fonts: { projectRoot: root, systemFontDirs: [] } });

test('plant-profile-export: the stored plant profile is the output intent, and no generic-profile warning', { timeout: 120_000 }, async (t) => {
  if (!requireTools(t, 'qpdf')) return;
  const dir = await mkdtemp(join(tmpdir(), 'banmian-plant-export-'));
  try {
    // a real CMYK output profile, copied to a path of its own as "the plant's"
    const plantPath = join(dir, 'plant.icc');
    await copyFile(join(root, GENERIC_PROFILE_FILE), plantPath);
    const store = createPressProfileStore({ file: join(dir, 'userData', 'press-settings.json') });
    await store.choose(plantPath);
    const { issue, assets } = await openIssueFile(SAMPLE);
    for (const pdfx of ['1a', '4'] as const) {
      const out = join(dir, `plant-${pdfx}.pdf`);
      const plantProfile = await store.forExport();
      const r = await exporter({ issue, assets, options: { purpose: 'press', pages: [1], pdfx }, plantProfile, outPath: out, onProgress: () => {} });
      assert.ok(!r.warnings.some((w) => w.code === 'generic-profile'), JSON.stringify(r.warnings));
      const [oi] = outputIntents(out);
      assert.equal(oi!.dict['/OutputConditionIdentifier'], 'u:Custom');
      assert.equal(oi!.dict['/OutputCondition'], 'u:Chemical proof');
      assert.equal(oi!.dict['/Info'], "u:Chemical proof: the printing plant's ICC profile; RGB images were separated with it");
      assert.ok(oi!.profile!.bytes.equals(await readFile(plantPath)), 'DestOutputProfile is the plant file, byte for byte');
    }
    // and without it: the generic profile and its warning, which names the export dialog and --icc
    const generic = await exporter({ issue, assets, options: { purpose: 'press', pages: [1] }, outPath: join(dir, 'generic.pdf'), onProgress: () => {} });
    const w = generic.warnings.find((x) => x.code === 'generic-profile');
    assert.ok(w, JSON.stringify(generic.warnings));
    assert.match(w.message, /export dialog \(Plant colour profile: Choose…\).*--icc plant\.icc/);
    assert.match(w.messageZh, /导出对话框.*印厂色彩配置.*--icc/);
    assert.match(String(outputIntents(join(dir, 'generic.pdf'))[0]!.dict['/Info']), /not the printing plant's/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('plant-profile-export: a version 4 plant profile refuses PDF/X-1a in both languages, with nothing written', { timeout: 120_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-plant-export-'));
  try {
    const bytes = new Uint8Array(await readFile(join(root, GENERIC_PROFILE_FILE)));
    bytes[8] = 4; // the header's major version
    const plantPath = join(dir, 'plant-v4.icc');
    await writeFile(plantPath, bytes);
    const store = createPressProfileStore({ file: join(dir, 'press-settings.json') });
    await store.choose(plantPath);
    const { issue, assets } = await openIssueFile(SAMPLE);
    const out = join(dir, 'x1a.pdf');
    await assert.rejects(exporter({ issue, assets, options: { purpose: 'press', pages: [1], pdfx: '1a' }, plantProfile: await store.forExport(), outPath: out, onProgress: () => {} }), (e: unknown) => {
      assert.ok(e instanceof IpcFailure);
      assert.equal(e.error.code, 'plant-profile-level');
      assert.match(e.error.message, /version 4 profile, which PDF\/X-1a \(PDF 1\.3\) cannot carry.*Choose PDF\/X-4/);
      assert.match(e.error.messageZh, /ICC 第 4 版特性文件，PDF\/X-1a（PDF 1\.3）无法嵌入/);
      return true;
    });
    await assert.rejects(readFile(out), /ENOENT/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
