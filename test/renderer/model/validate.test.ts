import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FORMAT_VERSION, FormatError, migrate, newIssue, validateIssue, type Migration } from '../../../renderer/model';

const base = () => JSON.parse(JSON.stringify(newIssue({ preset: 'tabloid', pages: 3 }))) as Record<string, any>;

const textFrame = (over: Record<string, unknown> = {}) => ({
  id: 'f1', kind: 'text', x: 0, y: 0, width: 100, height: 100, storyId: 's1', columns: 2, gutter: 9, next: null, ...over,
});
const story = { id: 's1', name: 'S', paragraphs: [{ style: 'body', runs: [{ text: '正文' }] }] };

test('a new issue is valid for every preset', () => {
  for (const preset of ['tabloid', 'broadsheet'] as const) assert.equal(validateIssue(newIssue({ preset })).ok, true);
});

// Each row: what we break, the path and the message we expect the user to read.
const SCHEMA_CASES: Array<[string, (d: any) => void, string, RegExp]> = [
  ['columns zero', (d) => { d.stories.push(story); d.pages[2].frames = [textFrame({ columns: 0 })]; }, 'pages[2].frames[0].columns', /^expected integer >= 1, got 0$/],
  ['columns fractional', (d) => { d.stories.push(story); d.pages[0].frames = [textFrame({ columns: 1.5 })]; }, 'pages[0].frames[0].columns', /expected integer, got 1.5/],
  ['unknown frame kind', (d) => { d.pages[0].frames = [{ ...textFrame(), kind: 'video' }]; }, 'pages[0].frames[0].kind', /expected "text" or "headline".*got "video"/],
  ['missing meta date', (d) => { delete d.meta.date; }, 'meta.date', /missing: expected string/],
  ['bad date format', (d) => { d.meta.date = '22/11/2026'; }, 'meta.date', /yyyy-mm-dd/],
  ['ink over 100', (d) => { d.swatches[0].k = 120; }, 'swatches[0].k', /expected number <= 100, got 120/],
  ['no pages', (d) => { d.pages = []; }, 'pages', /expected at least 1 item/],
  ['string for number', (d) => { d.grid.bodySize = '小五'; }, 'grid.bodySize', /expected number, got "小五"/],
  ['bad id characters', (d) => { d.pages[0].id = 'p 1/../x'; }, 'pages[0].id', /letters, digits/],
  ['tac limit out of range', (d) => { d.output.tacLimit = 400; }, 'output.tacLimit', /<= 260/],
];

for (const [name, breakIt, path, msg] of SCHEMA_CASES) {
  test(`schema violation names path and expectation: ${name}`, () => {
    const d = base();
    breakIt(d);
    const r = validateIssue(d);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.path === path);
    assert.ok(p, `expected a problem at ${path}, got ${JSON.stringify(r.problems)}`);
    assert.match(p.message, msg);
  });
}

const REF_CASES: Array<[string, (d: any) => void, string, RegExp]> = [
  ['dangling story', (d) => { d.pages[0].frames = [textFrame()]; }, 'pages[0].frames[0].storyId', /story "s1", which does not exist/],
  ['dangling paragraph style', (d) => { d.stories.push({ ...story, paragraphs: [{ style: 'nope', runs: [] }] }); }, 'stories[0].paragraphs[0].style', /paragraph style "nope"/],
  ['duplicate frame id across pages', (d) => { d.stories.push(story); d.pages[0].frames = [textFrame()]; d.pages[1].frames = [textFrame()]; }, 'pages[1].frames[0].id', /duplicate frame id "f1"/],
  ['thread to other story', (d) => { d.stories.push(story, { ...story, id: 's2' }); d.pages[0].frames = [textFrame({ next: 'f2' }), textFrame({ id: 'f2', storyId: 's2' })]; }, 'pages[0].frames[0].next', /another story/],
  ['thread loop', (d) => { d.stories.push(story); d.pages[0].frames = [textFrame({ next: 'f2' }), textFrame({ id: 'f2', next: 'f1' })]; }, 'pages[0].frames[0].next', /loop/],
  ['thread to missing frame', (d) => { d.stories.push(story); d.pages[0].frames = [textFrame({ next: 'zz' })]; }, 'pages[0].frames[0].next', /"zz", which does not exist/],
  ['two frames thread into one', (d) => { d.stories.push(story); d.pages[0].frames = [textFrame({ next: 'f3' }), textFrame({ id: 'f2', next: 'f3' }), textFrame({ id: 'f3' })]; }, 'pages[0].frames[1].next', /already threaded/],
  ['caption on a non-image', (d) => { d.stories.push(story); d.pages[0].frames = [textFrame(), { id: 'c1', kind: 'caption', x: 0, y: 0, width: 10, height: 10, imageId: 'f1', storyId: 's1' }]; }, 'pages[0].frames[1].imageId', /caption belongs to an image frame/],
  ['image with unknown asset', (d) => { d.pages[0].frames = [{ id: 'i1', kind: 'image', x: 0, y: 0, width: 10, height: 10, assetId: 'a'.repeat(64), fit: 'fill' }]; }, 'pages[0].frames[0].assetId', /asset/],
];

for (const [name, breakIt, path, msg] of REF_CASES) {
  test(`reference check: ${name}`, () => {
    const d = base();
    breakIt(d);
    const r = validateIssue(d);
    assert.equal(r.ok, false, 'should be invalid');
    if (r.ok) return;
    const p = r.problems.find((x) => x.path === path);
    assert.ok(p, `expected a problem at ${path}, got ${JSON.stringify(r.problems)}`);
    assert.match(p.message, msg);
  });
}

test('a valid thread across pages passes', () => {
  const d = base();
  d.stories.push(story);
  d.pages[0].frames = [textFrame({ next: 'f2' })];
  d.pages[2].frames = [textFrame({ id: 'f2' })];
  assert.equal(validateIssue(d).ok, true);
});

test('migrate: newer version refused naming both versions; foreign format refused', () => {
  const d = base();
  d.version = FORMAT_VERSION + 1;
  assert.throws(() => migrate(d), (e: unknown) => e instanceof FormatError && e.kind === 'newer-version' && e.message.includes(`version ${FORMAT_VERSION + 1}`) && e.message.includes(`up to version ${FORMAT_VERSION}`));
  assert.throws(() => migrate({ format: 'indesign', version: 1 }), /not a Banmian issue/);
  assert.throws(() => migrate([]), /not a Banmian issue/);
  assert.throws(() => migrate({ format: 'banmian-issue', version: 0 }), /whole number/);
});

test('migrate: runs each step in order up to the current version', () => {
  const steps: Migration[] = [
    { from: 1, description: 'rename a', up: (d) => ({ ...d, b: d.a, a: undefined }) },
    { from: 2, description: 'double b', up: (d) => ({ ...d, b: (d.b as number) * 2 }) },
  ];
  const out = migrate({ format: 'banmian-issue', version: 1, a: 21 }, steps, 3);
  assert.equal(out.version, 3);
  assert.equal(out.b, 42);
  assert.throws(() => migrate({ format: 'banmian-issue', version: 1 }, [steps[1]!], 3), /no migration from format version 1/);
});
