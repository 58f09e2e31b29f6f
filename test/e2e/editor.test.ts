// End-to-end: the built renderer in Chromium against the real main-process modules
// (test/helpers/browser.ts). Each scenario keeps a screenshot in test-output/e2e/ and compares it
// with test/fixtures/e2e/. The scenarios after the first share one window and build on each
// other, the way a layout person works through a page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool } from '../helpers/tools';
import { chromiumOk, clickOnPage, dragOnPage, makePng, pasteInto, screenOf, setNumber, viewOf, waitForValue } from '../helpers/editor-page';
import { spawnSync } from 'node:child_process';
import { closeBrowser, createMainSide, electronBinary, openApp, repoRoot, screenshotAndCompare, type AppHandle, type MainSide } from '../helpers/browser';
import { openIssueFile } from '../../main/files/issue-file';
import { layoutIssue } from '../../renderer/engine/index';
import { realFonts } from '../renderer/fonts/load-fonts';

const SAMPLE = '/work/shared/samples/xinmin-community.txt';

// ---- scenarios --------------------------------------------------------------------------------

let work = '';
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'banmian-e2e-'));
});
after(async () => {
  await closeBrowser();
});

test('new tabloid issue: the page with bleed, type area, six column guides and the master folio', async (t) => {
  if (!chromiumOk(t)) return;
  const app = await openApp({ preset: 'tabloid' });
  try {
    await app.page.getByTestId('fit-page').click();
    await app.page.waitForTimeout(300);
    assert.equal(await app.page.getByTestId('page-thumb-1').count(), 1);
    assert.equal(await app.page.getByTestId('grid-columns').inputValue(), '6');
    assert.equal(await app.page.getByTestId('dirty').textContent(), '已保存');
    const shot = await screenshotAndCompare(app.page, 'new-tabloid');
    t.diagnostic(`screenshot ${shot.path}${shot.created ? ' (new reference)' : ` diff ${(shot.diffRatio * 100).toFixed(3)}%`}`);
    // The character grid, at 200% about the type area's top-left corner.
    await app.page.getByRole('button', { name: '字符网格' }).click();
    const corner = await screenOf(app.page, 50, 50);
    await app.page.mouse.move(corner.x, corner.y);
    await app.page.keyboard.down('Control');
    for (let i = 0; i < 7; i++) await app.page.mouse.wheel(0, -100);
    await app.page.keyboard.up('Control');
    const grid = await screenshotAndCompare(app.page, 'char-grid');
    t.diagnostic(`screenshot ${grid.path}`);
    assert.deepEqual(app.errors, []);
  } finally {
    await app.close();
  }
});

// One window for the working session that follows.
let app: AppHandle | null = null;
let main: MainSide | null = null;
let frameA = { x: 0, y: 0, w: 0, h: 0 };

test('draw a text frame and give it 4 columns', async (t) => {
  if (!chromiumOk(t)) return;
  main = await createMainSide();
  app = await openApp({ preset: 'tabloid', main });
  const page = app.page;
  await page.getByTestId('tool-text').click();
  // From the type area's top-left across the page, about 30 lines down (page points).
  await dragOnPage(page, [60, 120], [720, 330]);
  await setNumber(page, 'prop-columns', '4');
  assert.equal(await page.getByTestId('prop-columns').inputValue(), '4');
  assert.equal(await page.getByTestId('dirty').textContent(), '未保存');
  frameA = {
    x: Number(await page.getByTestId('prop-x').inputValue()),
    y: Number(await page.getByTestId('prop-y').inputValue()),
    w: Number(await page.getByTestId('prop-w').inputValue()),
    h: Number(await page.getByTestId('prop-h').inputValue()),
  };
  assert.ok(frameA.w > 200, `the frame spans most of the width (${frameA.w} mm)`);
  const shot = await screenshotAndCompare(page, 'text-frame-4-columns');
  t.diagnostic(`screenshot ${shot.path}${shot.created ? ' (new reference)' : ''}`);
  assert.deepEqual(app.errors, []);
});

test('paste a sample with half-width punctuation: the story editor shows it cleaned and the frame fills', async (t) => {
  if (!chromiumOk(t) || !app) return;
  const page = app.page;
  const raw = await readFile(SAMPLE, 'utf8');
  // The feature story of the sample: from the line after the masthead lines.
  const body = raw.split('\n').slice(8, 40).join('\n');
  assert.match(body, /[\u4e00-\u9fff],[\u4e00-\u9fff]/, 'the sample has half-width commas between Chinese characters');
  await pasteInto(page, 'story-text', body);
  await page.waitForTimeout(300);
  const text = await page.getByTestId('story-text').inputValue();
  assert.ok(text.length > 200, 'the story received the text');
  assert.doesNotMatch(text, /[\u4e00-\u9fff],[\u4e00-\u9fff]/, 'no half-width comma left between Chinese characters');
  assert.match(text, /，/, 'full-width commas');
  // Spaces where the extraction broke a column line are gone (a space between two headline
  // parts, 共绘治理“同心圆” 做好…, is real and stays).
  assert.match(text, /党总支的/);
  assert.doesNotMatch(text, /党总支 的|孵化培育了社区社会组织佘山 /, 'no stray spaces inside sentences');
  const fit = await page.getByTestId('copyfit').textContent();
  assert.match(fit ?? '', /超出|空|正好/, `a copy-fit readout (${fit})`);
  // Undo takes the whole paste back in one step, redo brings it again.
  await page.getByTestId('undo').click();
  await waitForValue(page, 'story-text', '');
  await page.getByTestId('redo').click();
  await waitForValue(page, 'story-text', text);
  // Typing in the story editor, then Ctrl+Z inside it: the document's undo, one step per pause.
  await page.getByTestId('story-text').focus();
  await page.keyboard.press('End');
  await page.keyboard.type('补充。');
  await waitForValue(page, 'story-text', text + '补充。');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'story-text', text);
  await page.mouse.click(5, 5); // leave the textarea
  const shot = await screenshotAndCompare(page, 'paste-cleaned');
  // At 100% the glyphs are drawn from the fonts' outlines by glyph id.
  // Ctrl+wheel over the frame's top-left zooms about that point.
  const at = await screenOf(page, 70, 130);
  await page.mouse.move(at.x, at.y);
  await page.keyboard.down('Control');
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -100);
  await page.keyboard.up('Control');
  await page.waitForTimeout(200);
  const zoomText = await page.getByTestId('zoom').textContent();
  assert.ok(Number.parseInt(zoomText ?? '0') >= 100, `ctrl+wheel zoomed in (${zoomText})`);
  const actual = await screenshotAndCompare(page, 'paste-100');
  t.diagnostic(`100%: ${actual.path}`);
  await page.getByTestId('fit-page').click();
  t.diagnostic(`copy-fit: ${fit}; screenshot ${shot.path}`);
  assert.deepEqual(app.errors, []);
});

test('thread into a frame on page 2: 下转 / 上接 lines appear', async (t) => {
  if (!chromiumOk(t) || !app || !main) return;
  const page = app.page;
  await page.getByTestId('page-add').click();
  assert.equal(await page.getByTestId('canvas-box').getAttribute('data-page'), '1');
  await page.getByTestId('tool-text').click();
  await dragOnPage(page, [60, 120], [400, 500]);
  await page.getByTestId('page-thumb-1').click();
  // Select frame A, then click its out-port (the square under its bottom-right corner).
  await clickOnPage(page, 200, 200);
  const mm = async (id: string) => (Number(await page.getByTestId(id).inputValue()) * 72) / 25.4;
  const [fx, fy, fw, fh] = [await mm('prop-x'), await mm('prop-y'), await mm('prop-w'), await mm('prop-h')];
  const v = await viewOf(page);
  const ptPerPx = 72 / (v.zoom * 96);
  // hit.ts: the port is PORT_PX (12) screen px square, 2 px below the frame, flush with its right edge
  await clickOnPage(page, fx + fw - 6 * ptPerPx, fy + fh + 8 * ptPerPx);
  assert.match((await page.getByTestId('note').textContent()) ?? '', /接续/, 'the canvas asks for the frame to continue in');
  await page.getByTestId('page-thumb-2').click();
  await clickOnPage(page, 200, 300);
  await page.waitForTimeout(300);
  // Save and check the thread and the jump lines with the same engine and fonts, in Node.
  const path = join(work, 'threaded.banmian');
  main.dialogs.saveIssue.push(path);
  await page.getByTestId('save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
  const { issue } = await openIssueFile(path);
  const a = issue.pages[0]!.frames.find((f) => f.kind === 'text');
  const b = issue.pages[1]!.frames.find((f) => f.kind === 'text');
  assert.ok(a && b && a.kind === 'text' && b.kind === 'text');
  assert.equal(a.next, b.id, 'frame A continues in the frame on page 2');
  assert.equal(a.storyId, b.storyId);
  const layout = layoutIssue(issue, realFonts());
  const jumps = layout.pages.flatMap((p) => p.frames.flatMap((f) => f.lines.filter((l) => l.role === 'jump').map((l) => `${p.number}:${l.text}`)));
  t.diagnostic(`jump lines: ${jumps.join(' | ')}`);
  assert.ok(jumps.some((j) => j.startsWith('1:') && j.includes('下转第2版')), '下转第2版 on page 1');
  assert.ok(jumps.some((j) => j.startsWith('2:') && j.includes('上接第1版')), '上接第1版 on page 2');
  const shot2 = await screenshotAndCompare(page, 'thread-page2');
  await page.getByTestId('page-thumb-1').click();
  await page.waitForTimeout(200);
  const shot1 = await screenshotAndCompare(page, 'thread-page1');
  t.diagnostic(`screenshots ${shot1.path}, ${shot2.path}`);
  assert.deepEqual(app.errors, []);
});

test('place an image and its caption', async (t) => {
  if (!chromiumOk(t) || !app || !main) return;
  const page = app.page;
  const png = join(work, 'photo.png');
  await writeFile(png, makePng(400, 300));
  main.dialogs.openImages.push([png]);
  await page.getByTestId('tool-image').click();
  await dragOnPage(page, [60, 480], [330, 680]);
  // placing reports its progress, then says it is done (the last stage does not linger)
  await page.waitForFunction(() => document.querySelector('[data-testid="note"]')?.textContent?.includes('图片已置入') ?? false, undefined, { timeout: 10_000 });
  await page.waitForSelector('[data-testid="app"][data-images="1"]');
  await page.getByTestId('add-caption').click();
  await page.getByTestId('story-text').fill('天山路街道的社区服务站。');
  await page.mouse.click(5, 5);
  await page.waitForTimeout(400);
  const shot = await screenshotAndCompare(page, 'image-caption');
  t.diagnostic(`screenshot ${shot.path}`);
  assert.deepEqual(app.errors, []);
});

test('move a frame with the mouse, then undo it', async (t) => {
  if (!chromiumOk(t) || !app) return;
  const page = app.page;
  await page.getByTestId('tool-select').click();
  await clickOnPage(page, 300, 200);
  const x0 = await page.getByTestId('prop-x').inputValue();
  const y0 = await page.getByTestId('prop-y').inputValue();
  await dragOnPage(page, [300, 200], [300, 260], 12);
  const y1 = await page.getByTestId('prop-y').inputValue();
  assert.notEqual(y1, y0, 'the frame moved down');
  assert.equal(await page.getByTestId('prop-x').inputValue(), x0, 'and not sideways');
  const moved = await screenshotAndCompare(page, 'move-moved');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'prop-y', y0);
  const undone = await screenshotAndCompare(page, 'move-undone');
  t.diagnostic(`moved from y ${y0} to ${y1} mm and back; screenshots ${moved.path}, ${undone.path}`);
  assert.deepEqual(app.errors, []);
});

test('save, reopen, export', async (t) => {
  if (!chromiumOk(t) || !app || !main) return;
  const page = app.page;
  // The document already has its file (saved while threading): Save writes there, no dialog.
  const path = join(work, 'threaded.banmian');
  assert.equal(await page.getByTestId('dirty').textContent(), '未保存');
  await page.getByTestId('save').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
  await app.close();
  app = null;

  const again = await openApp({ path });
  try {
    const p = again.page;
    assert.equal(await p.getByTestId('page-thumb-2').count(), 1, 'both pages are back');
    const { issue, assets } = await openIssueFile(path);
    assert.equal(issue.assets.length, 1, 'the placed image was saved');
    assert.equal(assets.size, 1);
    assert.ok(issue.pages[0]!.frames.some((f) => f.kind === 'caption'));
    const reopened = await screenshotAndCompare(p, 'reopened');
    t.diagnostic(`screenshot ${reopened.path}`);

    // Export through main's PDF exporter. The document may still carry preflight errors (the
    // pasted story was overset before threading): then the export is refused in both languages
    // and nothing is written; otherwise the PDF is there and reads back clean.
    const out = join(work, 'final.pdf');
    again.main.dialogs.savePdf.push(out);
    await p.getByTestId('export').click();
    await p.getByTestId('export-go').click();
    const dialog = p.getByTestId('error-dialog').or(p.getByTestId('note'));
    await dialog.first().waitFor({ timeout: 30_000 });
    await p.waitForFunction(() => !document.querySelector('[data-testid="export-go"]') || document.querySelector('[data-testid="error-dialog"]'), null, { timeout: 30_000 });
    if (await p.getByTestId('error-dialog').count()) {
      const text = (await p.getByTestId('error-dialog').textContent()) ?? '';
      t.diagnostic(`export refused: ${text}`);
      assert.match(text, /Preflight found \d+ error/);
      assert.match(text, /印前检查发现/, 'the message is also in Chinese');
      assert.equal(existsSync(out), false, 'nothing written');
      const shot = await screenshotAndCompare(p, 'export-dialog');
      t.diagnostic(`screenshot ${shot.path}`);
      await p.getByTestId('error-close').click();
    } else {
      const pdf = await readFile(out);
      assert.equal(pdf.subarray(0, 8).toString('latin1'), '%PDF-1.3');
      if (findTool('qpdf')) assert.equal(spawnSync('qpdf', ['--check', out]).status, 0, 'qpdf --check');
      t.diagnostic(`exported ${pdf.length} bytes`);
    }
  } finally {
    await again.close();
  }
});

test('the other tools: headlines across and down, rule, shaded box, masthead, sponsor grid from CSV', async (t) => {
  if (!chromiumOk(t)) return;
  const tools = await openApp({ preset: 'tabloid' });
  try {
    const page = tools.page;
    await page.getByTestId('tool-masthead').click();
    await dragOnPage(page, [60, 60], [720, 110]);
    await page.getByTestId('tool-headline').click();
    await page.getByTestId('headline-horizontal').click();
    await dragOnPage(page, [60, 130], [500, 200]);
    await page.getByTestId('deck-main').fill('社区治理迈向治理共同体');
    await page.getByTestId('tool-headline').click();
    await page.getByTestId('headline-vertical').click();
    await dragOnPage(page, [600, 130], [720, 400]);
    await page.getByTestId('deck-main').fill('为社区发展装上驱动轮');
    await page.getByTestId('tool-rule').click();
    await dragOnPage(page, [60, 420], [720, 424]);
    await page.getByTestId('tool-box').click();
    await dragOnPage(page, [60, 440], [400, 560]);
    await page.getByTestId('tool-sponsor').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('sponsor-csv').click();
    const csv = ['标题,单位,证书,产品', '信用中国守信激励单位,上海甲茶叶有限公司,证书编号：A001,主导产品：绿茶', '信用中国守信激励单位,上海乙家电维修部,证书编号：A002,主导产品：家电维修', '信用中国守信激励单位,上海丙食品厂,证书编号：A003,主导产品：糕点'].join('\n');
    await (await chooser).setFiles({ name: 'sponsors.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.waitForFunction(() => document.querySelector('[data-testid="note"]')?.textContent?.includes('3') ?? false);
    await dragOnPage(page, [60, 600], [720, 760]);
    await page.mouse.click(5, 5);
    const shot = await screenshotAndCompare(page, 'tools');
    t.diagnostic(`screenshot ${shot.path}`);
    // every tool made its frame, and all of it undoes step by step back to the empty page
    for (let i = 0; i < 20 && (await page.getByTestId('undo').isEnabled()); i++) await page.getByTestId('undo').click();
    assert.equal(await page.getByTestId('dirty').textContent(), '已保存');
    assert.deepEqual(tools.errors, []);
  } finally {
    await tools.close();
  }
});

test('place the articles of a sample .txt: headlines, threaded text, jump lines', async (t) => {
  if (!chromiumOk(t)) return;
  const w = await openApp({ preset: 'tabloid' });
  try {
    const page = w.page;
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-articles').click();
    await (await chooser).setFiles('/work/shared/samples/tianshan-front.txt');
    await page.waitForFunction(() => /已排入/.test(document.querySelector('[data-testid="note"]')?.textContent ?? ''));
    const fits = await page.locator('.checks .fits li').count();
    assert.ok(fits >= 2, `stories listed with copy-fit (${fits})`);
    await page.getByTestId('page-thumb-1').click();
    const shot = await screenshotAndCompare(page, 'articles-placed');
    t.diagnostic(`${await page.locator('.thumbs li').count()} pages; screenshot ${shot.path}`);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('the bundled 4-page sample issue opens and draws every page', async (t) => {
  if (!chromiumOk(t)) return;
  const sample = join(repoRoot, 'assets', 'samples', 'tianshan.banmian');
  if (!existsSync(sample)) {
    t.skip(`no sample issue at ${sample}`);
    return;
  }
  const w = await openApp({ path: sample });
  try {
    const pages = await w.page.locator('.thumbs li').count();
    assert.ok(pages >= 1);
    for (let i = 1; i <= pages; i++) {
      await w.page.getByTestId(`page-thumb-${i}`).click();
      const shot = await screenshotAndCompare(w.page, `sample-page${i}`);
      t.diagnostic(`page ${i}: ${shot.path}`);
    }
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('export a clean page to PDF through main’s PDF export (as main will wire it) and read it back', async (t) => {
  if (!chromiumOk(t)) return;
  const { pdfExportVia } = await import('../helpers/browser');
  const side = await createMainSide({ exportPdf: pdfExportVia() });
  const w = await openApp({ preset: 'tabloid', main: side });
  try {
    const page = w.page;
    await page.getByTestId('tool-text').click();
    // inside the type area: two columns of the grid, 20 lines
    await dragOnPage(page, [70, 120], [300, 400]);
    await pasteInto(page, 'story-text', '本报讯 近日,天山路街道举办了一场"圆桌会"。居民代表、社区民警和物业经理围坐一桌,商量小区加装电梯的事。');
    await page.mouse.click(5, 5);
    const pdfPath = join(work, 'clean.pdf');
    side.dialogs.savePdf.push(pdfPath);
    await page.getByTestId('export').click();
    await page.getByTestId('export-go').click();
    await page.waitForFunction(() => /已导出/.test(document.querySelector('[data-testid="note"]')?.textContent ?? '') || !!document.querySelector('[data-testid="error-dialog"]'), undefined, { timeout: 60_000 });
    if (await page.getByTestId('error-dialog').count()) assert.fail(`export failed: ${await page.getByTestId('error-dialog').textContent()}`);
    const progress = side.sent.filter((e) => e.event === 'export:progress');
    assert.ok(progress.length > 0, 'main streamed progress to the window');
    const pdf = await readFile(pdfPath);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.load(pdf);
    assert.equal(doc.getPageCount(), 1);
    const qpdf = findTool('qpdf');
    if (qpdf) {
      const r = spawnSync(qpdf, ['--check', pdfPath], { encoding: 'utf8' });
      assert.equal(r.status, 0, `qpdf --check: ${r.stdout}${r.stderr}`);
    }
    const shot = await screenshotAndCompare(page, 'exported');
    t.diagnostic(`${pdf.length} bytes, ${progress.length} progress events; screenshot ${shot.path}`);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('English UI when main reports an English system', async (t) => {
  if (!chromiumOk(t)) return;
  const w = await openApp({ preset: 'broadsheet', main: await createMainSide({ locale: 'en' }) });
  try {
    assert.equal(await w.page.getByTestId('tool-text').textContent(), 'Text frame');
    assert.equal(await w.page.getByTestId('dirty').textContent(), 'Saved');
    assert.equal(await w.page.getByTestId('grid-columns').inputValue(), '8', 'broadsheet: 8 columns');
    assert.equal(await w.page.evaluate('document.documentElement.lang'), 'en');
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});

test('the same scenarios against the real Electron app', async (t) => {
  const bin = electronBinary();
  if (!bin.path) {
    t.skip(`no Electron binary: ${bin.reason}`);
    console.log(`# skipped: no Electron binary: ${bin.reason}`);
    return;
  }
  const { electronApp } = await import('../helpers/browser');
  const real = await electronApp();
  try {
    assert.equal(await real.page.getByTestId('page-thumb-1').count(), 1);
    await real.page.getByTestId('tool-text').click();
    const shot = await screenshotAndCompare(real.page, 'electron-start', { maxDiffRatio: 0.05 });
    t.diagnostic(`screenshot ${shot.path}`);
  } finally {
    await real.close();
  }
});
