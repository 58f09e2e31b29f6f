// End-to-end: marquee selection, and cut, copy and paste of frames, in the built renderer in
// Chromium against the real main-process modules (test/helpers/browser.ts). The keys are pressed
// on the canvas as a user would (no native menu in the harness: Ctrl+C/X/V reach App.tsx's key
// handler), and the Edit menu's commands are sent as main sends them (`menu:command`).
//
// Two windows: the harness plays every window with one web contents, given to the document
// opened last. So the cross-window scenario copies in window A first, then opens window B (another
// issue, on the same main side, so the same clipboard) and pastes there; A is not used after B
// opens. The same case without that restriction is test/main/ipc/clipboard.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, createMainSide, openApp, repoRoot, screenshotAndCompare, type AppHandle, type MainSide } from '../helpers/browser';
import { chromiumOk, clickOnPage, screenOf } from '../helpers/editor-page';
import { openIssueFile } from '../../main/files/issue-file';
import { linePitch } from '../../renderer/model/grid';
import type { Frame, Issue } from '../../renderer/model/schema';

// ---- helpers (screenOf, clickOnPage, chromiumOk: test/helpers/editor-page.ts) ------------------

async function dragOnPage(page: Page, from: [number, number], to: [number, number], opts: { steps?: number; beforeUp?: () => Promise<void> } = {}): Promise<void> {
  const a = await screenOf(page, ...from);
  const b = await screenOf(page, ...to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: opts.steps ?? 8 });
  await opts.beforeUp?.();
  await page.mouse.up();
}

/** The selected frame ids, as the canvas box reports them. */
async function selection(page: Page): Promise<string[]> {
  const s = (await page.getByTestId('canvas-box').getAttribute('data-selection')) ?? '';
  return s ? s.split(' ') : [];
}

async function waitForSelection(page: Page, n: number): Promise<string[]> {
  await page.waitForFunction((k) => ((document.querySelector('[data-testid="canvas-box"]')?.getAttribute('data-selection') ?? '').split(' ').filter(Boolean).length === k), n, { timeout: 5000 });
  return selection(page);
}

/** Saves (asking main's scripted dialog for `path` the first time) and reads the file back. */
async function saveAndRead(app: AppHandle, path: string): Promise<Issue> {
  if (!app.main.documents.get(app.documentId)?.path) app.main.dialogs.saveIssue.push(path);
  await app.page.getByTestId('save').click();
  await app.page.waitForFunction(() => document.querySelector('[data-testid="dirty"]')?.textContent === '已保存');
  return (await openIssueFile(path)).issue;
}

const rect = (f: Frame) => ({ x: f.x, y: f.y, width: f.width, height: f.height });
const sendMenu = (main: MainSide, command: 'edit.cut' | 'edit.copy' | 'edit.paste') => main.deliver?.('menu:command', { command });

// ---- scenarios --------------------------------------------------------------------------------

let work = '';
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'banmian-e2e-clip-'));
});
after(async () => {
  await app?.close();
  await closeBrowser();
});

let app: AppHandle | null = null;
let boxes: Frame[] = [];

test('marquee-select two frames, copy, paste: two new frames one step down-right; undo removes them', async (t) => {
  if (!chromiumOk(t)) return;
  app = await openApp({ preset: 'tabloid' });
  const page = app.page;
  for (const [from, to] of [
    [[80, 150], [250, 300]],
    [[300, 150], [450, 300]],
  ] as Array<[[number, number], [number, number]]>) {
    await page.getByTestId('tool-box').click();
    await dragOnPage(page, from, to);
  }
  // a click on empty page area deselects
  await clickOnPage(page, 600, 900);
  assert.deepEqual(await selection(page), []);
  // the marquee, from empty area around both boxes; the dashed rectangle shows while dragging
  let during = '';
  await dragOnPage(page, [30, 100], [520, 360], {
    beforeUp: async () => {
      during = (await screenshotAndCompare(page, 'clipboard-marquee')).path;
    },
  });
  const originals = await waitForSelection(page, 2);
  assert.match((await page.getByTestId('properties-panel').textContent()) ?? '', /已选择 2 个框/);
  // a marquee that only touches a box selects nothing; with Alt it takes the box it touches
  await dragOnPage(page, [30, 100], [160, 360]);
  assert.deepEqual(await selection(page), []);
  await page.keyboard.down('Alt');
  await dragOnPage(page, [30, 100], [160, 360]);
  await page.keyboard.up('Alt');
  assert.deepEqual(await selection(page), [originals[0]]);
  // Shift adds a marquee's frames to the selection
  await page.keyboard.down('Shift');
  await dragOnPage(page, [280, 100], [520, 360]);
  await page.keyboard.up('Shift');
  assert.deepEqual(await selection(page), originals);

  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await page.waitForFunction((o) => {
    const s = (document.querySelector('[data-testid="canvas-box"]')?.getAttribute('data-selection') ?? '').split(' ').filter(Boolean);
    return s.length === 2 && !s.some((id) => o.includes(id));
  }, originals);
  const pasted = await selection(page);
  const shot = await screenshotAndCompare(page, 'clipboard-pasted');

  const issue = await saveAndRead(app, join(work, 'clip.banmian'));
  const frames = issue.pages[0]!.frames;
  assert.equal(frames.length, 4);
  const byId = new Map(frames.map((f) => [f.id as string, f]));
  const step = { dx: issue.grid.bodySize, dy: linePitch(issue.grid) };
  originals.forEach((id, i) => {
    const o = byId.get(id)!;
    const p = byId.get(pasted[i]!)!;
    assert.equal(p.kind, 'box');
    assert.deepEqual(rect(p), { ...rect(o), x: o.x + step.dx, y: o.y + step.dy }, 'one character right, one grid line down');
  });
  boxes = originals.map((id) => byId.get(id)!);

  // one undo step takes both copies away
  await page.keyboard.press('Control+z');
  await waitForSelection(page, 2);
  assert.deepEqual(await selection(page), originals, 'undo shows the selection before the paste');
  const undone = await saveAndRead(app, join(work, 'clip.banmian'));
  assert.deepEqual(undone.pages[0]!.frames.map((f) => f.id), originals);
  t.diagnostic(`screenshots ${during}, ${shot.path}`);
  assert.deepEqual(app.errors, []);
});

test('cut (Edit menu) and paste onto page 2: in place there; undo brings the frame back', async (t) => {
  if (!chromiumOk(t) || !app) return;
  const page = app.page;
  const [first, second] = boxes;
  assert.ok(first && second);
  // (a click on a frame of the selection keeps the selection, to drag it: deselect first)
  await clickOnPage(page, 600, 900);
  await clickOnPage(page, first.x + 10, first.y + 10);
  assert.deepEqual(await selection(page), [first.id]);
  sendMenu(app.main, 'edit.cut');
  await waitForSelection(page, 0);
  await page.getByTestId('page-add').click();
  assert.equal(await page.getByTestId('canvas-box').getAttribute('data-page'), '1');
  sendMenu(app.main, 'edit.paste');
  const [onPage2] = await waitForSelection(page, 1);
  const shot = await screenshotAndCompare(page, 'clipboard-cut-page2');
  const issue = await saveAndRead(app, join(work, 'clip.banmian'));
  assert.deepEqual(issue.pages[0]!.frames.map((f) => f.id), [second.id], 'the cut frame left page 1');
  assert.equal(issue.pages[1]!.frames.length, 1);
  assert.equal(issue.pages[1]!.frames[0]!.id, onPage2);
  assert.deepEqual(rect(issue.pages[1]!.frames[0]!), rect(first), 'pasted in place on the other page');
  // undo the paste, the new page, the cut
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[data-testid="canvas-box"]')?.getAttribute('data-page') === '0');
  const back = await saveAndRead(app, join(work, 'clip.banmian'));
  assert.equal(back.pages.length, 1);
  assert.deepEqual(back.pages[0]!.frames.map((f) => f.id), [first.id, second.id]);
  t.diagnostic(`screenshot ${shot.path}`);
  assert.deepEqual(app.errors, []);
  await app.close();
  app = null;
});

test('copy an image with its caption in one window and paste it into another issue’s window', async (t) => {
  if (!chromiumOk(t)) return;
  const main = await createMainSide();
  const photo = join(work, 'photo.png');
  await copyFile(join(repoRoot, 'assets', 'samples', 'preview', 'page-1.png'), photo);
  const a = await openApp({ preset: 'tabloid', main });
  let b: AppHandle | null = null;
  try {
    main.dialogs.openImages.push([photo]);
    await a.page.getByTestId('tool-image').click();
    await dragOnPage(a.page, [80, 150], [330, 500]);
    await a.page.waitForSelector('[data-testid="app"][data-images="1"]', { timeout: 10_000 });
    await a.page.getByTestId('add-caption').click();
    await a.page.getByTestId('story-text').fill('天山路街道的社区服务站。');
    await a.page.mouse.click(5, 5);
    await clickOnPage(a.page, 200, 300);
    assert.equal((await selection(a.page)).length, 1);
    await a.page.keyboard.press('Control+c');
    await a.page.waitForTimeout(300);

    // Another issue in another window, on the same main side (so the same clipboard).
    b = await openApp({ preset: 'broadsheet', main });
    const page = b.page;
    await page.getByTestId('canvas-box').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+v');
    await waitForSelection(page, 2);
    await page.waitForSelector('[data-testid="app"][data-images="1"]', { timeout: 10_000 });
    const shot = await screenshotAndCompare(page, 'clipboard-other-window');
    const path = join(work, 'other.banmian');
    const issue = await saveAndRead(b, path);
    const kinds = issue.pages[0]!.frames.map((f) => f.kind);
    assert.deepEqual(kinds, ['image', 'caption']);
    const { assets } = await openIssueFile(path);
    assert.equal(assets.size, 1, 'the image bytes were saved into the other issue');
    assert.equal(issue.assets[0]!.name, 'photo.png');
    const story = issue.stories.find((s) => issue.pages[0]!.frames.some((f) => f.kind === 'caption' && f.storyId === s.id));
    assert.equal(story?.paragraphs[0]?.runs.map((r) => r.text).join(''), '天山路街道的社区服务站。');
    t.diagnostic(`screenshot ${shot.path}`);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await b?.close();
    await a.close();
  }
});

test('Ctrl+C/V in a text field stay the field’s own: no frames are copied or pasted', async (t) => {
  if (!chromiumOk(t)) return;
  const w = await openApp({ preset: 'tabloid' });
  try {
    const page = w.page;
    await page.getByTestId('tool-text').click();
    await dragOnPage(page, [80, 150], [300, 400]);
    const el = page.getByTestId('story-text');
    await el.fill('社区新闻');
    await el.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.waitForTimeout(300);
    assert.ok(!w.main.calls.includes('clipboard.writeFrames'), 'no frames copied from a text field');
    assert.ok(!w.main.calls.includes('clipboard.readFrames'), 'no frames pasted into a text field');
    assert.equal((await selection(page)).length, 1);
    // on the canvas, a paste with nothing copied says so
    await page.mouse.click(5, 5);
    await clickOnPage(page, 600, 900);
    await page.keyboard.press('Control+v');
    await page.waitForFunction(() => /剪贴板中没有/.test(document.querySelector('[data-testid="note"]')?.textContent ?? ''));
    assert.deepEqual(w.errors, []);
  } finally {
    await w.close();
  }
});
