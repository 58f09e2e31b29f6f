// End-to-end: importing Word documents and plain text through the UI, in the built renderer in
// Chromium against the real main-process modules (test/helpers/browser.ts). The files are fed to
// the browser's own file chooser (what the story editor's import button and the toolbar's
// "Place articles…" open, renderer/ui/fields.tsx pickFile); what arrived is read as a user sees it
// (the story text area, the paragraph-style select, the error dialog, the canvas pixels) and from
// the issue saved through the UI (main/files/issue-file.ts). The .docx files are the LibreOffice
// fixtures of test/fixtures/docx (README there); the refused and GB18030 files are made here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { closeBrowser, openApp, repoRoot, screenshotAndCompare, type AppHandle } from '../helpers/browser';
import { chromiumOk, clickOnPage, dragOnPage, regionDiff, screenOf, screenPixels, waitForValue, type Box } from '../helpers/editor-page';
import { openIssueFile } from '../../main/files/issue-file';
import { CS, PS } from '../../renderer/model/defaults';
import type { Issue, Story } from '../../renderer/model/schema';

const DOCX_DIR = join(repoRoot, 'test', 'fixtures', 'docx');

// ---- helpers ------------------------------------------------------------------------------------

/** Clicks `testId` and gives the file chooser it opens `file` (a path, or a name and bytes). */
async function chooseFile(page: Page, testId: string, file: string | { name: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(testId).click();
  const c = await chooser;
  await c.setFiles(typeof file === 'string' ? file : { name: file.name, mimeType: 'application/octet-stream', buffer: file.buffer });
}

/**
 * Saves (asking main's scripted dialog for `path` the first time) and reads the file back. Waits
 * for the file itself to be rewritten: an issue with nothing unsaved shows 已保存 before the
 * save has gone through.
 */
async function saveAndRead(app: AppHandle, path: string): Promise<Issue> {
  if (!app.main.documents.get(app.documentId)?.path) app.main.dialogs.saveIssue.push(path);
  const mtime = async () => (await stat(path).catch(() => null))?.mtimeMs ?? 0;
  const before = await mtime();
  await app.page.getByTestId('save').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
  for (let i = 0; i < 100 && (await mtime()) === before; i++) await new Promise((r) => setTimeout(r, 50));
  assert.notEqual(await mtime(), before, `the save wrote ${path}`);
  return (await openIssueFile(path)).issue;
}

/** The story of the first text frame on page 1. */
function storyOfFirstTextFrame(issue: Issue): Story {
  const frame = issue.pages[0]!.frames.find((f) => f.kind === 'text');
  assert.ok(frame && frame.kind === 'text', 'a text frame on page 1');
  const story = issue.stories.find((s) => s.id === frame.storyId);
  assert.ok(story, 'its story was saved');
  return story;
}

/** Texts of the runs in character style `style`, over the whole story. */
const runsIn = (story: Story, style: string): string[] => story.paragraphs.flatMap((p) => p.runs.filter((r) => r.style === style).map((r) => r.text));

/**
 * Puts the story editor's caret at `offset`: focus, the caret placed there, then a key (Shift,
 * which moves nothing) as a user's keyboard navigation would end, so the editor sees the caret.
 */
async function caretAt(page: Page, offset: number): Promise<void> {
  const el = page.getByTestId('story-text');
  await el.focus();
  await el.evaluate((node, o) => (node as HTMLTextAreaElement).setSelectionRange(o, o), offset);
  await page.keyboard.press('Shift');
  await page.waitForTimeout(100);
}

/** The screen box (CSS px) of a rectangle given in page points. */
async function screenBox(page: Page, x0: number, y0: number, x1: number, y1: number): Promise<Box> {
  const a = await screenOf(page, x0, y0);
  const b = await screenOf(page, x1, y1);
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/**
 * Text in GB18030, encoded with a table made from the platform's own GB18030 decoder (every
 * two-byte code decoded once; no encoder library needed). ASCII stays one byte.
 */
function gb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      assert.ok(pair, `no two-byte GB18030 code for ${ch}`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}

// ---- scenarios --------------------------------------------------------------------------------

let work = '';
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'banmian-e2e-docx-'));
});
after(async () => {
  await app?.close();
  await closeBrowser();
});

// One window for the story-editor scenarios: a text frame with a line of copy in it.
let app: AppHandle | null = null;
const FRAME = { x0: 60, y0: 120, x1: 400, y1: 520 };
const BEFORE = '原有的稿件文字。\n';

test('story editor: import story.docx: cleaned text, 粗体 and 楷体 runs, styles, repaint; one undo restores the story', async (t) => {
  if (!chromiumOk(t)) return;
  app = await openApp({ preset: 'tabloid' });
  const page = app.page;
  await page.getByTestId('tool-text').click();
  await dragOnPage(page, [FRAME.x0, FRAME.y0], [FRAME.x1, FRAME.y1]);
  const frameId = await page.getByTestId('canvas-box').getAttribute('data-selection');
  assert.ok(frameId && !frameId.includes(' '), 'the new frame is selected');
  const area = page.getByTestId('story-text');
  // Some copy already there, and the caret on the empty line after it: the import goes there.
  await area.fill(BEFORE);
  await caretAt(page, BEFORE.length);
  await page.mouse.click(5, 5);
  await page.waitForTimeout(1100); // past the typing-coalescing second
  const savedPath = join(work, 'story.banmian');
  const storyBefore = storyOfFirstTextFrame(await saveAndRead(app, savedPath));
  const region = await screenBox(page, FRAME.x0 + 4, FRAME.y0 + 4, FRAME.x1 - 4, FRAME.y1 - 4);
  const pixelsBefore = await screenPixels(page);

  await chooseFile(page, 'import-txt', join(DOCX_DIR, 'story.docx'));
  await page.waitForFunction(() => ((document.querySelector('[data-testid="story-text"]') as HTMLTextAreaElement | null)?.value ?? '').includes('学习节'), undefined, { timeout: 10_000 });
  const text = await area.inputValue();
  t.diagnostic(`imported: ${JSON.stringify(text.slice(0, 120))}…`);
  assert.equal(await page.getByTestId('error-dialog').count(), 0, 'no error');
  // The copy went in after what was there, one paragraph a line, cleaned.
  assert.ok(text.startsWith(BEFORE + '江浦路社区第八届学习节开幕\n■记者 陈玲 实习生 章臻瑶\n本报讯 7月25日，“活力江浦、智汇文化”'), text.slice(0, 80));
  assert.match(text, /开幕式上，学习节的四大服务项目被辖区8家企业认领。/);
  assert.match(text, /活动地址：江浦路1500号/, 'the tab after a full-width colon is gone');
  assert.match(text, /总结汇报，审阅了/, 'the line break inside a sentence is rejoined');
  assert.doesNotMatch(text, /[\u4e00-\u9fff][,:][\u4e00-\u9fff\d“]/u, 'no half-width comma or colon left next to Chinese');
  assert.doesNotMatch(text, /\t/);
  assert.doesNotMatch(text, /脚注/, 'the footnote text is not copy');
  assert.doesNotMatch(text, /下转/, 'the stale jump line is dropped');
  // What a user sees of the styles: the caret in a paragraph shows its style in the select.
  const lines = text.split('\n');
  const startOf = (i: number) => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  const styleAt = async (line: number) => {
    await caretAt(page, startOf(line) + 1);
    return page.getByTestId('paragraph-style').inputValue();
  };
  assert.equal(await styleAt(0), PS.body, 'the copy that was there keeps its style');
  assert.equal(await styleAt(1), PS.subtitle, 'the Title paragraph is a headline (小标题 in a story)');
  assert.equal(await styleAt(2), PS.byline, 'the byline');
  assert.equal(await styleAt(3), PS.body, 'the body');
  assert.equal(await styleAt(6), PS.body, 'a credit ■季菊 at the end of a body paragraph leaves it body text');
  await page.mouse.click(5, 5);

  // The canvas repainted with the new text inside the frame.
  await page.waitForTimeout(500);
  const pixelsAfter = await screenPixels(page);
  const changed = regionDiff(pixelsBefore, pixelsAfter, region);
  t.diagnostic(`frame area changed in ${(changed * 100).toFixed(2)}% of its pixels`);
  assert.ok(changed > 0.02, `the frame shows the imported text (${(changed * 100).toFixed(2)}% of its pixels changed)`);
  const shot = await screenshotAndCompare(page, 'import-docx-story');
  t.diagnostic(`screenshot ${shot.path}${shot.created ? ' (new reference)' : ` diff ${(shot.diffRatio * 100).toFixed(3)}%`}`);

  // The saved story: 粗体 and 楷体 runs where the document had bold and 楷.
  const story = storyOfFirstTextFrame(await saveAndRead(app, savedPath));
  assert.deepEqual(runsIn(story, CS.bold), ['学习节的四大服务项目']);
  assert.deepEqual(runsIn(story, CS.kai), ['“星尚文化”、“韵动生活”']);
  assert.equal(story.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n'), text, 'the saved story is what the editor shows');

  // One undo, with the canvas focused (a click on the selected frame keeps it selected).
  await clickOnPage(page, FRAME.x0 + 30, FRAME.y0 + 30);
  assert.equal(await page.getByTestId('canvas-box').getAttribute('data-selection'), frameId, 'the frame is still the selection');
  await page.keyboard.press('Control+z');
  await waitForValue(page, 'story-text', BEFORE);
  await page.mouse.click(5, 5);
  await page.waitForTimeout(500);
  const pixelsUndone = await screenPixels(page);
  const back = regionDiff(pixelsBefore, pixelsUndone, region);
  assert.ok(back < 0.002, `the frame looks as before the import (${(back * 100).toFixed(3)}% differ)`);
  assert.deepEqual(storyOfFirstTextFrame(await saveAndRead(app, savedPath)), storyBefore, 'the story is exactly as before');
  assert.deepEqual(app.errors, []);
});

test('story editor: after the undo, import again without touching the text: at the text area’s caret, runs and styles right', async (t) => {
  if (!chromiumOk(t) || !app) return;
  const page = app.page;
  // The caret the editor last saw was in the credit paragraph, far beyond the text the undo left;
  // the text area's own caret is at the end of that text. The import goes where the user sees it.
  await chooseFile(page, 'import-txt', join(DOCX_DIR, 'story.docx'));
  await page.waitForFunction(() => ((document.querySelector('[data-testid="story-text"]') as HTMLTextAreaElement | null)?.value ?? '').includes('学习节'), undefined, { timeout: 10_000 });
  const text = await page.getByTestId('story-text').inputValue();
  assert.ok(text.startsWith(BEFORE + '江浦路社区第八届学习节开幕\n■记者'), text.slice(0, 60));
  const story = storyOfFirstTextFrame(await saveAndRead(app, join(work, 'story.banmian')));
  assert.deepEqual(story.paragraphs.map((p) => p.style).slice(0, 4), [PS.body, PS.subtitle, PS.byline, PS.body]);
  assert.deepEqual(runsIn(story, CS.bold), ['学习节的四大服务项目']);
  assert.deepEqual(runsIn(story, CS.kai), ['“星尚文化”、“韵动生活”']);
  await page.getByTestId('undo').click();
  await waitForValue(page, 'story-text', BEFORE);

  // extras.docx: a page-number field, a tracked deletion and insertion, a hyperlink, a text box.
  await chooseFile(page, 'import-txt', join(DOCX_DIR, 'extras.docx'));
  await page.waitForFunction(() => ((document.querySelector('[data-testid="story-text"]') as HTMLTextAreaElement | null)?.value ?? '').includes('文末段落'), undefined, { timeout: 10_000 });
  const extras = await page.getByTestId('story-text').inputValue();
  t.diagnostic(JSON.stringify(extras));
  assert.equal(extras, BEFORE + ['本版第1页，编辑修改：新增的说法。', '详见社区网站。', '正文段落带文本框。', '文本框里的提示', '文末段落。'].join('\n'));
  assert.doesNotMatch(extras, /PAGE|MERGEFORMAT|已删去/, 'no field code, no deleted text');
  await page.getByTestId('undo').click();
  await waitForValue(page, 'story-text', BEFORE);
  assert.deepEqual(app.errors, []);
});

test('story editor: an old .doc, an .xlsx and a broken .docx are refused in Chinese and English; the story stays', async (t) => {
  if (!chromiumOk(t) || !app) return;
  const page = app.page;
  const story = await readFile(join(DOCX_DIR, 'story.docx'));
  const xlsx = zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
    '_rels/.rels': strToU8('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    'xl/workbook.xml': strToU8('<workbook/>'),
  });
  const cases: Array<[string, string | { name: string; buffer: Buffer }, RegExp, RegExp]> = [
    ['story.doc', join(DOCX_DIR, 'story.doc'), /Word 97–2003 document \(\.doc\)/, /“story\.doc”/],
    ['报表.xlsx', { name: '报表.xlsx', buffer: Buffer.from(xlsx) }, /Excel workbook \(\.xlsx\)/, /“报表\.xlsx”.*Excel/],
    ['broken.docx', { name: 'broken.docx', buffer: story.subarray(0, Math.floor(story.length / 2)) }, /incomplete/, /“broken\.docx”/],
  ];
  const revision = await page.getByTestId('app').getAttribute('data-revision');
  for (const [name, file, en, zh] of cases) {
    await chooseFile(page, 'import-txt', file);
    const dialog = page.getByTestId('error-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    const primary = (await dialog.locator('p.primary').textContent()) ?? '';
    const secondary = (await dialog.locator('p.secondary').textContent()) ?? '';
    t.diagnostic(`${name}: ${primary} / ${secondary}`);
    assert.ok(await dialog.locator('p.primary').isVisible());
    assert.ok(await dialog.locator('p.secondary').isVisible());
    assert.match(primary, zh, `${name}: the Chinese message first (a Chinese UI)`);
    assert.match(primary, /[\u4e00-\u9fff]{4}/);
    assert.match(secondary, en, `${name}: and the English one`);
    assert.match(secondary, new RegExp(`"${name.replace(/\./g, '\\.')}"`), 'the English names the file');
    assert.match(`${primary} ${secondary}`, /\.docx/, 'says what to do: save as .docx');
    await page.getByTestId('error-close').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('story-text').inputValue(), BEFORE, `${name}: the story is unchanged`);
  }
  assert.equal(await page.getByTestId('app').getAttribute('data-revision'), revision, 'no edit was recorded');
  assert.deepEqual(app.errors, []);
});

test('story editor: a .txt in GB18030 (and one in UTF-16) is decoded and cleaned', async (t) => {
  if (!chromiumOk(t) || !app) return;
  const page = app.page;
  const raw = '本报讯 天山路街道举办"圆桌会",居民代表、社区民警和物业经理商量加装电梯。\r\n记者 王敏\r\n';
  const bytes = gb18030(raw);
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the bytes are not UTF-8');
  await caretAt(page, BEFORE.length);
  await page.mouse.click(5, 5);
  await chooseFile(page, 'import-txt', { name: '稿件-gb18030.txt', buffer: bytes });
  await page.waitForFunction(() => ((document.querySelector('[data-testid="story-text"]') as HTMLTextAreaElement | null)?.value ?? '').includes('圆桌会'), undefined, { timeout: 10_000 });
  const text = await page.getByTestId('story-text').inputValue();
  t.diagnostic(JSON.stringify(text));
  assert.equal(await page.getByTestId('error-dialog').count(), 0);
  assert.ok(text.startsWith(BEFORE + '本报讯 天山路街道举办“圆桌会”，居民代表、社区民警和物业经理商量加装电梯。'), text);
  assert.match(text, /记者 王敏/);
  assert.doesNotMatch(text, /\ufffd|\r/, 'no undecodable bytes, no carriage returns');
  await page.getByTestId('undo').click();
  await waitForValue(page, 'story-text', BEFORE);

  // The same copy saved by Notepad as "Unicode" (UTF-16 little-endian with its byte-order mark).
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw, 'utf16le')]);
  await chooseFile(page, 'import-txt', { name: '稿件-unicode.txt', buffer: utf16 });
  await page.waitForFunction(() => ((document.querySelector('[data-testid="story-text"]') as HTMLTextAreaElement | null)?.value ?? '').length > 20, undefined, { timeout: 10_000 });
  assert.equal(await page.getByTestId('story-text').inputValue(), text, 'UTF-16 imports as the GB18030 file did');
  await page.getByTestId('undo').click();
  await waitForValue(page, 'story-text', BEFORE);
  assert.deepEqual(app.errors, []);
  await app.close();
  app = null;
});

test('Place articles… with story.docx: a headline and a threaded story with its runs; one undo removes them', async (t) => {
  if (!chromiumOk(t)) return;
  const w = await openApp({ preset: 'tabloid' });
  try {
    const page = w.page;
    const path = join(work, 'placed.banmian');
    const empty = await saveAndRead(w, path);
    assert.equal(empty.pages.length, 1);
    assert.equal(empty.pages[0]!.frames.length, 0);
    // A refused file places nothing: the OpenDocument text of the same story.
    await chooseFile(page, 'import-articles', join(DOCX_DIR, 'story.odt'));
    await page.getByTestId('error-dialog').waitFor({ timeout: 10_000 });
    assert.match((await page.getByTestId('error-dialog').textContent()) ?? '', /OpenDocument.*OpenDocument/s, 'in Chinese and in English');
    await page.getByTestId('error-close').click();
    assert.equal(await page.getByTestId('dirty').textContent(), '已保存', 'nothing changed');
    await chooseFile(page, 'import-articles', join(DOCX_DIR, 'story.docx'));
    await page.waitForFunction(() => /已排入 1 篇/.test(document.querySelector('[data-testid="note"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    assert.equal(await page.getByTestId('error-dialog').count(), 0);
    assert.ok((await page.locator('.checks .fits li').count()) >= 1, 'the story is listed with its copy-fit');
    await page.getByTestId('page-thumb-1').click();
    const shot = await screenshotAndCompare(page, 'import-docx-placed');

    const issue = await saveAndRead(w, path);
    const frames = issue.pages.flatMap((p) => p.frames);
    const headline = frames.find((f) => f.kind === 'headline');
    assert.ok(headline && headline.kind === 'headline', 'a headline frame');
    assert.deepEqual(headline.decks.map((d) => d.text), ['江浦路社区第八届学习节开幕']);
    const textFrames = frames.filter((f) => f.kind === 'text');
    assert.ok(textFrames.length >= 1, 'a text frame');
    const story = issue.stories.find((s) => textFrames[0]!.kind === 'text' && s.id === textFrames[0]!.storyId);
    assert.ok(story);
    const storyText = story.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n');
    t.diagnostic(`${frames.length} frames on ${issue.pages.length} page(s); story: ${JSON.stringify(storyText.slice(0, 80))}…`);
    assert.match(storyText, /本报讯 7月25日，“活力江浦、智汇文化”/);
    assert.ok(story.paragraphs[0]!.runs.map((r) => r.text).join('').startsWith('■记者'), 'the headline is in the headline frame, not the story');
    assert.deepEqual(runsIn(story, CS.bold), ['学习节的四大服务项目']);
    assert.deepEqual(runsIn(story, CS.kai), ['“星尚文化”、“韵动生活”']);
    assert.ok(story.paragraphs.some((p) => p.style === PS.byline), 'the byline paragraph');

    // One undo takes the whole placement back.
    await page.mouse.click(5, 5);
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '未保存');
    const undone = await saveAndRead(w, path);
    assert.equal(undone.pages.length, 1, 'no pages left over');
    assert.deepEqual(undone.pages[0]!.frames, [], 'no frames left over');
    assert.deepEqual(undone.stories, empty.stories, 'no stories left over');
    t.diagnostic(`screenshot ${shot.path}${shot.created ? ' (new reference)' : ` diff ${(shot.diffRatio * 100).toFixed(3)}%`}`);
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
