// Copy, cut and paste of frames (renderer/editor/clipboard.ts and the commands over it): what a
// copy takes along, how a paste maps ids, styles, swatches and images onto the target issue,
// where it puts the frames, and that paste and cut are one undo step each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFrames, pasteFragment } from '../../../renderer/editor/clipboard';
import { Editor } from '../../../renderer/editor/editor';
import { threadOf } from '../../../renderer/editor/ops';
import { findFrame } from '../../../renderer/editor/state';
import { CS, PS, SW, newIssue, pstyleId, swatchId } from '../../../renderer/model/defaults';
import { IssueFragment, fragmentText } from '../../../renderer/model/fragment';
import { linePitch } from '../../../renderer/model/grid';
import type { Asset, AssetId, Frame, FrameId, Issue, Story, StoryId } from '../../../renderer/model/schema';
import { validateIssue } from '../../../renderer/model/validate';

const fid = (s: string) => s as FrameId;
const sid = (s: string) => s as StoryId;
const ASSET: Asset = { id: 'c'.repeat(64) as AssetId, name: 'photo.jpg', mime: 'image/jpeg', width: 800, height: 600 };

/**
 * Page 1 of a tabloid issue: a story threaded a → b → c (a bold run, a crosshead in red), its
 * headline h, an image img with its caption cap, a grey box and a red rule. Page 2 is empty.
 */
function fixture(): Issue {
  const base = newIssue({ preset: 'tabloid', pages: 2 });
  const red = swatchId('red');
  const paragraphStyles = base.paragraphStyles.map((s) => (s.id === PS.subtitle ? { ...s, color: red } : s));
  const story: Story = {
    id: sid('s1'),
    name: '社区新闻',
    paragraphs: [
      { style: PS.subtitle, runs: [{ text: '小标题' }] },
      { style: PS.body, runs: [{ text: '本报讯 ' }, { text: '天山路街道', style: CS.bold }, { text: '举办圆桌会。' }] },
    ],
  };
  const caption: Story = { id: sid('s2'), name: '图说', paragraphs: [{ style: PS.caption, runs: [{ text: '社区服务站。' }] }] };
  const text = (id: string, x: number, next: string | null): Frame => ({ id: fid(id), kind: 'text', x, y: 100, width: 150, height: 300, storyId: story.id, columns: 1, gutter: 9, next: next ? fid(next) : null });
  const frames: Frame[] = [
    text('a', 50, 'b'),
    text('b', 210, 'c'),
    text('c', 370, null),
    { id: fid('h'), kind: 'headline', x: 50, y: 40, width: 470, height: 50, orientation: 'horizontal', storyId: story.id, decks: [{ role: 'kicker', text: '引题', style: PS.kicker }, { role: 'main', text: '主题', style: PS.main }] },
    { id: fid('img'), kind: 'image', x: 50, y: 450, width: 200, height: 150, assetId: ASSET.id, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 },
    { id: fid('cap'), kind: 'caption', x: 50, y: 605, width: 200, height: 20, imageId: fid('img'), storyId: caption.id },
    { id: fid('box'), kind: 'box', x: 300, y: 450, width: 100, height: 100, fill: SW.gray, tint: 100, stroke: null, strokeWeight: 0.5 },
    { id: fid('rule'), kind: 'rule', x: 50, y: 640, width: 400, height: 4, orientation: 'horizontal', weight: 0.5, color: red, style: 'solid' },
  ];
  const issue: Issue = {
    ...base,
    paragraphStyles,
    pages: base.pages.map((p, i) => (i === 0 ? { ...p, frames } : p)),
    stories: [story, caption],
    assets: [ASSET],
    fonts: [{ postscriptName: base.paragraphStyles[0]!.font, family: 'Noto Serif SC', file: 'NotoSerifSC-Regular.otf', faceIndex: 0 }],
  };
  assertValid(issue);
  return issue;
}

function assertValid(issue: Issue, what = 'issue') {
  const r = validateIssue(JSON.parse(JSON.stringify(issue)));
  assert.ok(r.ok, `${what} stays valid: ${JSON.stringify(!r.ok && r.problems)}`);
}

const copy = (issue: Issue, ids: string[]) => {
  const f = copyFrames(issue, ids.map(fid));
  assert.ok(f, `copy of ${ids.join(',')}`);
  // every fragment crosses IPC through this schema
  IssueFragment.parse(JSON.parse(JSON.stringify(f)));
  return f;
};
const chain = (frag: ReturnType<typeof copy>) => {
  const texts = frag.frames.filter((f) => f.kind === 'text');
  return texts.map((f) => `${f.id}→${f.next ?? '∅'}`).join(' ');
};

// ---- what a copy takes ------------------------------------------------------------------------

const THREAD_CASES: Array<{ name: string; ids: string[]; chain: string }> = [
  { name: 'thread-kept-when-all-frames-copied', ids: ['a', 'b', 'c'], chain: 'a→b b→c c→∅' },
  { name: 'thread-subset-skips-the-frames-left-behind', ids: ['a', 'c'], chain: 'a→c c→∅' },
  { name: 'thread-subset-in-thread-order-not-selection-order', ids: ['c', 'a'], chain: 'a→c c→∅' },
  { name: 'thread-cut-at-the-start', ids: ['b', 'c'], chain: 'b→c c→∅' },
  { name: 'thread-cut-at-the-end', ids: ['a', 'b'], chain: 'a→b b→∅' },
  { name: 'thread-single-middle-frame-stands-alone', ids: ['b'], chain: 'b→∅' },
];
for (const c of THREAD_CASES) {
  test(`copy: ${c.name}`, () => {
    const issue = fixture();
    const frag = copy(issue, c.ids);
    assert.equal(chain(frag), c.chain);
    // the whole story travels, once
    assert.deepEqual(frag.stories.map((s) => s.id), ['s1']);
    assert.equal(frag.stories[0], issue.stories[0]);
  });
}

test('copy: a copied image brings its caption; a caption alone becomes a one-column text frame', () => {
  const issue = fixture();
  const withImage = copy(issue, ['img']);
  assert.deepEqual(withImage.frames.map((f) => `${f.id}:${f.kind}`), ['img:image', 'cap:caption']);
  assert.deepEqual(withImage.assets, [ASSET]);
  assert.deepEqual(withImage.stories.map((s) => s.id), ['s2']);
  const alone = copy(issue, ['cap']);
  assert.equal(alone.frames.length, 1);
  const t = alone.frames[0]!;
  assert.ok(t.kind === 'text' && t.columns === 1 && t.next === null && t.storyId === 's2');
  assert.deepEqual(alone.assets, []);
});

test('copy: a headline keeps its story only with frames of that story', () => {
  const issue = fixture();
  const alone = copy(issue, ['h']);
  assert.equal(alone.frames[0]!.kind === 'headline' && alone.frames[0]!.storyId, null);
  assert.deepEqual(alone.stories, [], 'no story without a frame to show it');
  const withText = copy(issue, ['h', 'a']);
  const h = withText.frames.find((f) => f.id === 'h');
  assert.equal(h?.kind === 'headline' && h.storyId, 's1');
});

test('copy: exactly the styles, swatches and font records the frames need', () => {
  const issue = fixture();
  const frag = copy(issue, ['a', 'h', 'box', 'rule']);
  assert.deepEqual(frag.paragraphStyles.map((s) => s.id).sort(), [PS.body, PS.main, PS.kicker, PS.subtitle].sort());
  assert.deepEqual(frag.characterStyles.map((s) => s.id), [CS.bold]);
  // black (styles), red (crosshead colour, rule), grey (box fill)
  assert.deepEqual(frag.swatches.map((s) => s.id).sort(), [SW.black, SW.gray, SW.red].sort());
  assert.deepEqual(frag.fonts.map((f) => f.postscriptName), [issue.fonts[0]!.postscriptName]);
  assert.equal(copyFrames(issue, [fid('nope')]), null, 'nothing to copy');
});

test('copy: the fragment as plain text for the system clipboard, in reading order (top to bottom, then left to right)', () => {
  const issue = fixture();
  assert.equal(fragmentText(copy(issue, ['h', 'a', 'b', 'img'])), '引题\n主题\n\n小标题\n本报讯 天山路街道举办圆桌会。\n\n社区服务站。');
  assert.equal(fragmentText(copy(issue, ['box'])), '');
});

// ---- what a paste does ----------------------------------------------------------------------

test('paste: fresh ids for frames and stories; threads, captions and headline links follow', () => {
  const issue = fixture();
  const frag = copy(issue, ['a', 'b', 'c', 'h', 'img']);
  const r = pasteFragment(issue, 0, frag);
  assertValid(r.issue, 'after paste');
  assert.equal(r.ids.length, 6);
  const before = new Set<string>(issue.pages.flatMap((p) => p.frames.map((f) => f.id)));
  for (const id of r.ids) assert.ok(!before.has(id), `${id} is fresh`);
  assert.equal(new Set(r.ids).size, r.ids.length);
  const pasted = r.ids.map((id) => findFrame(r.issue, id)!.frame);
  const texts = pasted.filter((f) => f.kind === 'text');
  const thread = threadOf(r.issue, texts[0]!.id).map((f) => f.id);
  assert.deepEqual(thread, texts.map((f) => f.id), 'the copies are threaded among themselves');
  const newStory = texts[0]!.kind === 'text' ? texts[0]!.storyId : '';
  assert.notEqual(newStory, 's1', 'a story of its own: a story lives in one thread');
  assert.deepEqual(r.issue.stories.find((s) => s.id === newStory)?.paragraphs, issue.stories[0]!.paragraphs);
  const h = pasted.find((f) => f.kind === 'headline');
  assert.equal(h?.kind === 'headline' && h.storyId, newStory);
  const cap = pasted.find((f) => f.kind === 'caption');
  const img = pasted.find((f) => f.kind === 'image');
  assert.equal(cap?.kind === 'caption' && cap.imageId, img?.id);
  assert.notEqual(cap?.kind === 'caption' && cap.storyId, 's2');
  // the originals are untouched
  assert.deepEqual(issue.pages[0]!.frames, r.issue.pages[0]!.frames.slice(0, issue.pages[0]!.frames.length));
});

const OFFSET_CASES: Array<{ name: string; setup: (i: Issue) => Issue; page: number; steps: number }> = [
  { name: 'offset-on-the-page-where-the-originals-sit', setup: (i) => i, page: 0, steps: 1 },
  { name: 'in-place-on-another-page', setup: (i) => i, page: 1, steps: 0 },
  { name: 'in-place-once-the-originals-moved-away', setup: (i) => movedAway(i), page: 0, steps: 0 },
  { name: 'second-paste-a-step-below-the-first', setup: (i) => pasteFragment(i, 0, copy(i, ['a', 'box'])).issue, page: 0, steps: 2 },
];
function movedAway(issue: Issue): Issue {
  return { ...issue, pages: issue.pages.map((p, i) => (i === 0 ? { ...p, frames: p.frames.map((f) => (f.id === 'a' || f.id === 'box' ? { ...f, x: f.x + 500 } : f)) } : p)) };
}
for (const c of OFFSET_CASES) {
  test(`paste: ${c.name}`, () => {
    const issue = fixture();
    const frag = copy(issue, ['a', 'box']);
    const target = c.setup(issue);
    const r = pasteFragment(target, c.page, frag);
    // one body character right, one grid line down per step
    assert.equal(r.dx, c.steps * issue.grid.bodySize);
    assert.equal(r.dy, c.steps * linePitch(issue.grid));
    const a = findFrame(r.issue, r.ids[0]!)!;
    assert.equal(a.pageIndex, c.page);
    assert.equal(a.frame.x, 50 + r.dx);
    assert.equal(a.frame.y, 100 + r.dy);
    assertValid(r.issue);
  });
}

test('paste into another issue: same-named styles and swatches are reused as the target defines them, missing ones added, id clashes renamed', () => {
  const src = fixture();
  const frag = copy(src, ['a', 'rule', 'img']);
  const base = newIssue({ preset: 'broadsheet' });
  const target: Issue = {
    ...base,
    // 正文 Body exists under another id and size: reused, at the target's size
    paragraphStyles: base.paragraphStyles
      .filter((s) => s.id !== PS.subtitle)
      .map((s) => (s.id === PS.body ? { ...s, id: pstyleId('text'), size: 10.5 } : s.id === PS.caption ? { ...s, id: pstyleId('crosshead'), name: '别的样式 Other' } : s)),
    // the red swatch is called something else here: the source's red is added under red-2
    swatches: base.swatches.map((s) => (s.id === SW.red ? { ...s, name: '品红 Magenta', c: 0, m: 100, y: 0, k: 0 } : s)),
    characterStyles: [],
  };
  assertValid(target, 'target');
  const r = pasteFragment(target, 0, frag);
  assertValid(r.issue, 'after paste');
  const out = r.issue;
  const story = out.stories.find((s) => s.id === (findFrame(out, r.ids[0]!)!.frame as { storyId: string }).storyId)!;
  // body -> the target's same-named 'text' style, unchanged
  assert.equal(story.paragraphs[1]!.style, 'text');
  assert.equal(out.paragraphStyles.find((s) => s.id === 'text')!.size, 10.5);
  // crosshead is missing by name, and its id is taken by another style: added as crosshead-2
  assert.equal(story.paragraphs[0]!.style, 'crosshead-2');
  const added = out.paragraphStyles.find((s) => s.id === 'crosshead-2')!;
  assert.equal(added.name, src.paragraphStyles.find((s) => s.id === PS.subtitle)!.name);
  // its colour: the source's red (报红 Red), missing by name, added under a fresh id
  assert.equal(added.color, 'red-2');
  assert.deepEqual(out.swatches.find((s) => s.id === 'red-2'), { ...src.swatches.find((s) => s.id === SW.red)!, id: 'red-2' });
  const rule = r.ids.map((id) => findFrame(out, id)!.frame).find((f) => f.kind === 'rule');
  assert.equal(rule?.kind === 'rule' && rule.color, 'red-2');
  // the bold character style was missing: added with its id
  assert.deepEqual(out.characterStyles.map((s) => s.id), [CS.bold]);
  // the image record travels
  assert.deepEqual(out.assets, [ASSET]);
  // 图说 Caption (the caption's story) is missing by name, its id is free: added as it was
  assert.deepEqual(out.paragraphStyles.find((s) => s.id === PS.caption), src.paragraphStyles.find((s) => s.id === PS.caption));
  // nothing already there was changed or duplicated
  assert.deepEqual(out.paragraphStyles.slice(0, target.paragraphStyles.length), target.paragraphStyles);
  assert.equal(out.paragraphStyles.length, target.paragraphStyles.length + 2);
  assert.equal(out.swatches.length, target.swatches.length + 1);
  assert.deepEqual(out.fonts, src.fonts);
});

test('paste into the issue it came from adds no style, swatch, asset or font record', () => {
  const issue = fixture();
  const r = pasteFragment(issue, 1, copy(issue, ['a', 'b', 'c', 'h', 'img', 'box', 'rule']));
  for (const k of ['paragraphStyles', 'characterStyles', 'swatches', 'assets', 'fonts'] as const) assert.equal(r.issue[k], issue[k], k);
  assert.equal(r.issue.stories.length, issue.stories.length + 2);
});

test('paste of a malformed fragment keeps the issue valid: dangling threads, captions without image, unknown styles', () => {
  const issue = fixture();
  const frag = copy(issue, ['a', 'b']);
  const broken = {
    ...frag,
    frames: [
      ...frag.frames.map((f) => (f.kind === 'text' && f.id === 'b' ? { ...f, next: fid('gone') } : f)),
      { id: fid('cap2'), kind: 'caption' as const, x: 0, y: 0, width: 10, height: 10, imageId: fid('a'), storyId: sid('s9') },
    ],
    stories: frag.stories.map((s) => ({ ...s, paragraphs: [{ style: pstyleId('unknown'), runs: [{ text: 'x', style: CS.kai }] }] })),
    paragraphStyles: [],
    characterStyles: [],
  };
  const r = pasteFragment(issue, 0, broken);
  assertValid(r.issue);
  assert.equal(r.ids.length, 2, 'the caption without an image is dropped');
});

// ---- as commands: one undo step each ----------------------------------------------------------

test('paste is one undo step; the pasted frames become the selection', () => {
  const ed = new Editor(fixture());
  const before = ed.state.issue;
  const frag = copy(before, ['a', 'b', 'img']);
  const past = ed.history.size.past;
  assert.ok(ed.run('pasteFrames', { fragment: frag }));
  assert.equal(ed.history.size.past, past + 1);
  assert.equal(ed.state.selection.length, 4);
  assert.ok(ed.state.selection.every((id) => findFrame(ed.state.issue, id)?.pageIndex === 0));
  assert.ok(ed.undo());
  assert.equal(ed.state.issue, before);
  assert.ok(ed.redo());
  assert.equal(ed.state.selection.length, 4);
});

test('cut = copy + delete as one undo step; undo restores the frames and the thread', () => {
  const ed = new Editor(fixture());
  const before = ed.state.issue;
  ed.run('select', { ids: [fid('b'), fid('img')] });
  const frag = copy(before, [...ed.state.selection]);
  assert.ok(ed.run('cutFrames', { ids: [...ed.state.selection] }));
  assert.equal(ed.history.size.past, 1);
  assert.equal(ed.history.undoLabel, '剪切 Cut');
  const after = ed.state.issue;
  assert.equal(findFrame(after, 'b'), null);
  assert.equal(findFrame(after, 'cap'), null, 'the caption goes with its image, as it was copied with it');
  assert.deepEqual(threadOf(after, fid('a')).map((f) => f.id), ['a', 'c'], 'the thread is bridged');
  assert.deepEqual(ed.state.selection, []);
  // paste where the originals were: nothing sits there any more, so in place
  ed.run('pasteFrames', { fragment: frag });
  const img = ed.state.selection.map((id) => findFrame(ed.state.issue, id)!.frame).find((f) => f.kind === 'image');
  assert.equal(img?.x, 50);
  ed.undo();
  ed.undo();
  assert.equal(ed.state.issue, before);
  assert.deepEqual(threadOf(ed.state.issue, fid('a')).map((f) => f.id), ['a', 'b', 'c']);
});

test('selection changes (as a marquee makes) are not undo steps', () => {
  const ed = new Editor(fixture());
  ed.run('select', { ids: [fid('a'), fid('b')] });
  assert.equal(ed.history.size.past, 0);
});
