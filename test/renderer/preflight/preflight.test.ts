// Preflight: for every finding, a document that triggers it and one that does not.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { layoutIssue } from '../../../renderer/engine/index';
import { typeArea } from '../../../renderer/model/grid';
import { frameId, swatchId } from '../../../renderer/model/defaults';
import type { AssetId, Frame, Issue } from '../../../renderer/model/schema';
import { findingsJson, hasErrors, nearestLegal, preflight, type AssetFacts, type FindingCode, type PreflightInput } from '../../../renderer/preflight/index';
import { gridFrame, issueWithStory } from '../engine/fixtures';
import { realFonts } from '../fonts/load-fonts';

const ASSET = 'a'.repeat(64) as AssetId;
const BODY = ['天山路街道获评首批上海市儿童友好社区示范点。据街道妇联介绍，近年来，天山路街道秉持资源共建共享理念。'];

/** One page, one short story in a 2-column frame: clean by default. */
function base(): Issue {
  return issueWithStory('tabloid', BODY, (iss) => [gridFrame(iss, 'f1', 's1', { cols: 2, lines: 20 })]);
}

function check(issue: Issue, over: Partial<PreflightInput> = {}) {
  const layout = layoutIssue(issue, realFonts());
  return preflight({ issue, layout, assets: new Map(), missingFonts: [], ...over });
}

const codes = (fs: { code: FindingCode }[]) => fs.map((f) => f.code);
const has = (fs: { code: FindingCode }[], c: FindingCode) => codes(fs).includes(c);

function withStyle(issue: Issue, patch: Partial<Issue['paragraphStyles'][number]>, id = 'body'): Issue {
  return { ...issue, paragraphStyles: issue.paragraphStyles.map((p) => (p.id === id ? { ...p, ...patch } : p)) };
}
function withFrames(issue: Issue, ...frames: Frame[]): Issue {
  return { ...issue, pages: issue.pages.map((p, i) => (i === 0 ? { ...p, frames: [...p.frames, ...frames] } : p)) };
}
function withSwatch(issue: Issue, sw: Issue['swatches'][number]): Issue {
  return { ...issue, swatches: [...issue.swatches.filter((s) => s.id !== sw.id), sw] };
}
function imageIssue(px: number, ptSide: number): Issue {
  const iss = base();
  const ta = typeArea(iss.grid);
  const f: Frame = { id: frameId('img1'), kind: 'image', x: ta.x + 300, y: ta.y, width: ptSide, height: ptSide, assetId: ASSET, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 };
  return { ...withFrames(iss, f), assets: [{ id: ASSET, name: 'photo.jpg', mime: 'image/jpeg', width: px, height: px }] };
}
const facts = (o: Partial<AssetFacts> = {}): Map<string, AssetFacts> => new Map([[ASSET, { present: true, width: 600, height: 600, space: 'rgb', converted: 'cmyk', maxTac: 200, ...o }]]);

describe('preflight', () => {
  it('a-plain-story-is-clean', () => {
    const fs = check(base());
    assert.deepEqual(codes(fs), []);
    assert.equal(hasErrors(fs), false);
  });

  it('overset-is-an-error', () => {
    const long = issueWithStory('tabloid', Array(30).fill(BODY[0]!), (iss) => [gridFrame(iss, 'f1', 's1', { cols: 1, lines: 5 })]);
    const fs = check(long);
    const f = fs.find((x) => x.code === 'overset')!;
    assert.equal(f.severity, 'error');
    assert.equal(f.page, 1);
    assert.equal(f.frameId, 'f1');
    assert.match(f.messageZh, /超版/);
    assert.ok(!has(check(base()), 'overset'));
  });

  it('missing-font-is-an-error', () => {
    const fs = check(base(), { missingFonts: [{ requested: 'FZShuSong-Z01', substitute: 'NotoSerifSC-Regular' }] });
    assert.equal(fs.find((f) => f.code === 'missing-font')?.severity, 'error');
    assert.ok(!has(check(base()), 'missing-font'));
  });

  it('missing-image-is-an-error', () => {
    const iss = imageIssue(1000, 200);
    const fs = check(iss, { assets: new Map() });
    const f = fs.find((x) => x.code === 'missing-image')!;
    assert.equal(f.severity, 'error');
    assert.equal(f.frameId, 'img1');
    assert.ok(!has(check(iss, { assets: facts() }), 'missing-image'));
  });

  it('rgb-left-after-conversion-is-an-error', () => {
    const iss = imageIssue(1000, 200);
    assert.equal(check(iss, { assets: facts({ converted: 'rgb' }) }).find((f) => f.code === 'rgb-image')?.severity, 'error');
    assert.ok(!has(check(iss, { assets: facts({ converted: 'cmyk' }) }), 'rgb-image'));
    // before conversion (live preflight) an RGB original is not an error: export converts it
    assert.ok(!has(check(iss, { assets: facts({ converted: undefined }) }), 'rgb-image'));
  });

  it('swatch-over-tac-is-an-error-with-a-fix', () => {
    const heavy = withStyle(withSwatch(base(), { id: swatchId('heavy'), name: '深色', c: 80, m: 80, y: 80, k: 80 }), { color: swatchId('heavy') });
    const fs = check(heavy);
    const f = fs.find((x) => x.code === 'swatch-over-tac')!;
    assert.equal(f.severity, 'error');
    assert.ok(f.fix);
    const fixed = f.fix.apply(heavy);
    const sw = fixed.swatches.find((s) => s.id === 'heavy')!;
    assert.ok(sw.c + sw.m + sw.y + sw.k <= 240);
    assert.equal(sw.k, 80, 'black is kept');
    assert.ok(!has(check(fixed), 'swatch-over-tac'));
    // the registration swatch (400%) is in every issue but not used on the page: no finding
    assert.ok(!has(check(base()), 'swatch-over-tac'));
  });

  it('nearest-legal-lowers-cmy-first', () => {
    assert.deepEqual(nearestLegal({ c: 80, m: 80, y: 80, k: 80 }, 240), { c: 53, m: 53, y: 53, k: 80 });
    assert.deepEqual(nearestLegal({ c: 10, m: 100, y: 100, k: 100 }, 240), { c: 0, m: 70, y: 70, k: 100 });
    assert.deepEqual(nearestLegal({ c: 0, m: 0, y: 0, k: 100 }, 240), { c: 0, m: 0, y: 0, k: 100 });
  });

  it('image-over-tac-is-an-error', () => {
    const iss = imageIssue(1000, 200);
    assert.equal(check(iss, { assets: facts({ maxTac: 310 }) }).find((f) => f.code === 'image-over-tac')?.severity, 'error');
    assert.ok(!has(check(iss, { assets: facts({ maxTac: 230 }) }), 'image-over-tac'));
  });

  it('text-under-5pt-is-an-error', () => {
    assert.equal(check(withStyle(base(), { size: 4.5 })).find((f) => f.code === 'text-too-small')?.severity, 'error');
    assert.ok(!has(check(withStyle(base(), { size: 5 })), 'text-too-small'));
  });

  it('image-under-200ppi-warns-under-150-errs', () => {
    // 1000 px on 200 pt = 360 ppi; 500 px = 180 ppi; 300 px = 108 ppi
    assert.ok(!has(check(imageIssue(1000, 200), { assets: facts() }), 'image-low-res'));
    assert.equal(check(imageIssue(500, 200), { assets: facts() }).find((f) => f.code === 'image-low-res')?.severity, 'warning');
    assert.equal(check(imageIssue(300, 200), { assets: facts() }).find((f) => f.code === 'image-low-res')?.severity, 'error');
  });

  it('solid-type-under-6pt-warns', () => {
    assert.equal(check(withStyle(base(), { size: 5.5 })).find((f) => f.code === 'small-solid-type')?.severity, 'warning');
    assert.ok(!has(check(withStyle(base(), { size: 6 })), 'small-solid-type'));
  });

  it('four-colour-or-white-type-under-10pt-warns', () => {
    // red is M100 Y100: two inks
    assert.equal(check(withStyle(base(), { color: swatchId('red') })).find((f) => f.code === 'small-screened-type')?.severity, 'warning');
    assert.ok(has(check(withStyle(base(), { color: swatchId('paper') })), 'small-screened-type'));
    assert.ok(!has(check(withStyle(base(), { color: swatchId('red'), size: 10 })), 'small-screened-type'));
    assert.ok(!has(check(base()), 'small-screened-type'));
  });

  it('four-colour-black-text-has-a-fix-to-100k', () => {
    const rich = withStyle(withSwatch(base(), { id: swatchId('rich'), name: '四色黑', c: 40, m: 30, y: 30, k: 100 }), { color: swatchId('rich') });
    const f = check(rich).find((x) => x.code === 'small-screened-type')!;
    assert.ok(f.fix, 'rich black text offers a fix');
    const fixed = f.fix.apply(rich);
    assert.equal(fixed.paragraphStyles.find((p) => p.id === 'body')!.color, 'black');
    assert.ok(!has(check(fixed), 'small-screened-type'));
  });

  it('lines-under-0.25pt-warn', () => {
    const ta = typeArea(base().grid);
    const rule = (w: number): Frame => ({ id: frameId('r1'), kind: 'rule', x: ta.x, y: ta.y + 400, width: 200, height: 2, orientation: 'horizontal', weight: w, color: swatchId('black'), style: 'solid' });
    assert.equal(check(withFrames(base(), rule(0.2))).find((f) => f.code === 'thin-line')?.severity, 'warning');
    assert.ok(!has(check(withFrames(base(), rule(0.25))), 'thin-line'));
  });

  it('frames-between-trim-and-type-area-warn-unless-they-bleed', () => {
    const iss = base();
    const ta = typeArea(iss.grid);
    const box = (x: number, width: number): Frame => ({ id: frameId('b1'), kind: 'box', x, y: ta.y + 300, width, height: 50, fill: swatchId('gray20'), tint: 100, stroke: null, strokeWeight: 0 });
    const inMargin = check(withFrames(iss, box(ta.x - 30, 100)));
    assert.equal(inMargin.find((f) => f.code === 'in-margin')?.severity, 'warning');
    assert.equal(inMargin.find((f) => f.code === 'in-margin')?.frameId, 'b1');
    assert.ok(!has(check(withFrames(iss, box(-9, ta.x + 100))), 'in-margin'), 'a box into the bleed is meant to bleed');
    assert.ok(!has(check(withFrames(iss, box(ta.x, 100))), 'in-margin'));
  });

  it('empty-text-frames-warn', () => {
    const iss = base();
    const empty: Issue = { ...withFrames(iss, gridFrame(iss, 'f2', 's2', { col: 3, cols: 2, lines: 10 })), stories: [...iss.stories, { id: 's2' as never, name: '空稿', paragraphs: [] }] };
    assert.equal(check(empty).find((f) => f.code === 'empty-frame')?.frameId, 'f2');
    assert.ok(!has(check(iss), 'empty-frame'));
  });

  it('lost-glyph-marks-warn', () => {
    const lost = issueWithStory('tabloid', ['天山路街道□获评示范点。'], (iss) => [gridFrame(iss, 'f1', 's1', { cols: 2, lines: 20 })]);
    const f = check(lost).find((x) => x.code === 'lost-glyph')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.messageZh, /缺字/);
    assert.ok(!has(check(base()), 'lost-glyph'));
  });

  it('export-without-plant-profile-warns-for-x1a-and-x4', () => {
    // the RGB separations and the output intent are the generic profile's at either level
    for (const pdfx of ['1a', '4'] as const) {
      const f = check(base(), { target: { pdfx, plantProfile: false } }).find((x) => x.code === 'generic-profile');
      assert.equal(f?.severity, 'warning', pdfx);
      assert.equal(f.page, null);
      assert.match(f.message, /Chemical proof.*--icc/);
      assert.match(f.messageZh, /印厂的 ICC 特性文件.*--icc/);
      assert.ok(!has(check(base(), { target: { pdfx, plantProfile: true } }), 'generic-profile'), pdfx);
    }
    // live preflight (no export target) does not know the export's profile: no finding
    assert.ok(!has(check(base()), 'generic-profile'));
  });

  it('cmyk-image-separated-for-another-profile-warns-unless-converted', () => {
    const iss = imageIssue(1000, 200);
    const cmyk = (o: Partial<AssetFacts>) => facts({ space: 'cmyk', converted: 'cmyk', maxTac: 100, ...o });
    const f = check(iss, { assets: cmyk({ foreignProfile: { name: 'Coated FOGRA39', converted: false } }) }).find((x) => x.code === 'cmyk-other-profile')!;
    assert.equal(f.severity, 'warning');
    assert.equal(f.frameId, 'img1');
    assert.match(f.message, /"Coated FOGRA39".*unchanged.*--convert-tagged-cmyk/);
    assert.match(f.messageZh, /Coated FOGRA39/);
    assert.ok(!has(check(iss, { assets: cmyk({ foreignProfile: { name: 'Coated FOGRA39', converted: true } }) }), 'cmyk-other-profile'));
    assert.ok(!has(check(iss, { assets: cmyk({}) }), 'cmyk-other-profile'));
  });

  it('findings-are-json-safe-and-errors-come-first', () => {
    const heavy = withStyle(withSwatch(base(), { id: swatchId('heavy'), name: '深色', c: 80, m: 80, y: 80, k: 80 }), { color: swatchId('heavy'), size: 5.5 });
    const fs = check(heavy);
    assert.equal(fs[0]!.severity, 'error');
    const json = JSON.parse(JSON.stringify(findingsJson(fs))) as { fix?: { description: string } }[];
    assert.ok(json.some((f) => f.fix?.description.includes('C53')));
  });
});

describe('findings name frames by what they hold', () => {
  it('frame-label-image-story-headline-or-id', async () => {
    const { frameLabel } = await import('../../../renderer/preflight/index');
    const issue = { assets: [{ id: 'a1', name: '天山路街道 外景.jpg' }], stories: [{ id: 's1', name: '首批上海市儿童友好社区示范点揭晓今日' }, { id: 's2', name: '' }] } as unknown as Issue;
    const f = (kind: string, storyId: string | null, lines: string[] = []) => ({ id: 'f3', kind, storyId, lines: lines.map((text) => ({ text })) }) as never;
    const rows: Array<[string, ReturnType<typeof f>, string | null, string]> = [
      ['an image: its file name', f('image', null), 'a1', 'f3 “天山路街道 外景.jpg”'],
      ['a text frame: its story, cut after 15 characters', f('text', 's1'), null, 'f3 “首批上海市儿童友好社区示范点揭…”'],
      ['a story without a name: the id', f('text', 's2'), null, 'f3'],
      ['a headline without a story: its words', f('headline', null, ['天山', '晨报']), null, 'f3 “天山晨报”'],
      ['an unknown asset: the id', f('image', null), 'zz', 'f3'],
    ];
    for (const [name, frame, asset, want] of rows) assert.equal(frameLabel(issue, frame, asset), want, name);
  });
});
