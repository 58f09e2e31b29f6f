// End-to-end: the printing plant's colour profile, chosen in the export dialog (an app setting in
// main, main/app/press-profile.ts): "not set" and the live preflight's generic-profile warning,
// choose it (the scripted open dialog), see its name, export, and the PDF's output intent names
// and embeds it; clear it and see "not set" again.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERIC_PROFILE_FILE } from '../../main/files/pdf-export';
import { chromiumOk } from '../helpers/editor-page';
import { OUTPUT_DIR, closeBrowser, createMainSide, openApp, pdfExportVia, repoRoot } from '../helpers/browser';
import { requireTools } from '../helpers/tools';
import { outputIntents } from '../renderer/pdf/helpers';

after(async () => {
  await closeBrowser();
});

const NOT_SET = '未设置（使用通用配置，导出会有警告）';

test('plant profile: choose it in the export dialog, export, the output intent names it; clear it', { timeout: 180_000 }, async (t) => {
  if (!chromiumOk(t) || !requireTools(t, 'qpdf')) return;
  const work = await mkdtemp(join(tmpdir(), 'banmian-e2e-plant-'));
  const side = await createMainSide({ exportPdf: pdfExportVia() });
  const w = await openApp({ preset: 'tabloid', main: side });
  try {
    const page = w.page;
    // a real CMYK output profile, at a path of its own, as the plant's
    const plantPath = join(work, 'plant.icc');
    await copyFile(join(repoRoot, GENERIC_PROFILE_FILE), plantPath);

    // not set: the live preflight already lists the warning the export would give
    await page.getByTestId('preflight-list').getByText(/未提供印厂的 ICC 特性文件.*导出对话框/).waitFor();
    await page.getByTestId('export').click();
    const name = page.getByTestId('plant-profile-name');
    await page.waitForFunction((text) => document.querySelector('[data-testid="plant-profile-name"]')?.textContent === text, NOT_SET);
    assert.equal(await page.getByTestId('plant-profile-clear').count(), 0);

    // choose: main's open dialog answers with the file; the dialog shows the profile's name
    side.dialogs.openIccProfile.push(plantPath);
    await page.getByTestId('plant-profile-choose').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="plant-profile-name"]')?.textContent === 'Chemical proof');
    assert.equal(await name.getAttribute('title'), plantPath);
    // to look at (the dialog is UI text in the machine's fonts: no reference comparison)
    await page.screenshot({ path: join(OUTPUT_DIR, 'plant-profile-dialog.png') });
    // and the live preflight no longer warns
    await page.waitForFunction(() => !/未提供印厂/.test(document.querySelector('[data-testid="checks"]')?.textContent ?? ''));

    // export with it
    const pdfPath = join(work, 'plant.pdf');
    side.dialogs.savePdf.push(pdfPath);
    await page.getByTestId('export-go').click();
    await page.waitForFunction(() => /已导出/.test(document.querySelector('[data-testid="note"]')?.textContent ?? '') || !!document.querySelector('[data-testid="error-dialog"]'), undefined, { timeout: 90_000 });
    if (await page.getByTestId('error-dialog').count()) assert.fail(`export failed: ${await page.getByTestId('error-dialog').textContent()}`);
    const [oi] = outputIntents(pdfPath);
    assert.equal(oi!.dict['/OutputCondition'], 'u:Chemical proof');
    assert.equal(oi!.dict['/Info'], "u:Chemical proof: the printing plant's ICC profile; RGB images were separated with it");
    assert.ok(oi!.profile!.bytes.equals(await readFile(plantPath)), 'DestOutputProfile is the plant file');

    // the setting outlives the dialog: open it again, then clear it
    await page.getByTestId('export').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="plant-profile-name"]')?.textContent === 'Chemical proof');
    await page.getByTestId('plant-profile-clear').click();
    await page.waitForFunction((text) => document.querySelector('[data-testid="plant-profile-name"]')?.textContent === text, NOT_SET);
    assert.equal(await page.getByTestId('plant-profile-clear').count(), 0);
    await page.getByTestId('preflight-list').getByText(/未提供印厂的 ICC 特性文件/).waitFor();
    assert.deepEqual(JSON.parse(await readFile(join(side.userData, 'press-settings.json'), 'utf8')), { version: 1, plantProfile: null });
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
    await rm(work, { recursive: true, force: true });
  }
});
