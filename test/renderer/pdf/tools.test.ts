// The exported PDF read back by real tools: qpdf, poppler (pdffonts, pdfinfo, pdfimages,
// pdftotext, pdftoppm), Ghostscript, and the shared line-breaking analyser.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { convertForPress } from '../../../main/files/images';
import type { LayoutResult } from '../../../renderer/engine/types';
import type { Issue } from '../../../renderer/model/schema';
import { writePdf, type PdfImage } from '../../../renderer/pdf/index';
import { repoRoot } from '../fonts/load-fonts';
import { requireTools } from '../../helpers/tools';
import { BLACK, emptyFontconfig, handPage, layout, pdffonts, resources, run, runOut, sampleIssue, SAMPLES, squash, textLine, tmp, writeOptions, writeTmp } from './helpers';
import { qrRects } from '../../../renderer/engine/qr';

const REFERENCE = join(repoRoot, 'test/fixtures/pdf/reference-small.png');
const BLEED_3MM = (3 * 72) / 25.4;

let issue: Issue;
let result: LayoutResult;
let dir: string;
let pagePaths: string[] = [];
let singlePath = '';

before(async () => {
  issue = sampleIssue();
  result = layout(issue);
  dir = tmp();
  const files = await writePdf(result, writeOptions(), resources());
  pagePaths = files.map((f, i) => writeTmp(f.bytes, `page-${i + 1}.pdf`, dir));
  singlePath = writeTmp((await writePdf(result, writeOptions({ split: 'single', marks: true }), resources()))[0]!.bytes, 'all.pdf', dir);
});

describe('pdf tools: structure', () => {
  it('qpdf-check-is-clean', (t) => {
    if (!requireTools(t, 'qpdf')) return;
    for (const p of [...pagePaths, singlePath]) {
      const out = run('qpdf', ['--check', p]);
      assert.match(out, /No syntax or stream encoding errors found/);
      assert.doesNotMatch(out, /WARNING|error:/i);
    }
  });

  it('pdffonts-every-font-embedded-subset-with-unicode', (t) => {
    if (!requireTools(t, 'pdffonts')) return;
    for (const p of [...pagePaths, singlePath]) {
      const rows = pdffonts(p);
      assert.ok(rows.length >= 3, `${p}: ${rows.length} fonts`);
      for (const r of rows) assert.deepEqual([r.emb, r.sub, r.uni], ['yes', 'yes', 'yes'], r.name);
    }
  });

  it('pdfinfo-box-shows-trim-and-bleed-as-configured', async (t) => {
    if (!requireTools(t, 'pdfinfo')) return;
    const boxes = (p: string) => {
      const out = runOut('pdfinfo', ['-box', p]).out;
      const get = (name: string) => /:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/.exec(out.split('\n').find((l) => l.startsWith(name))!)!.slice(1).map(Number);
      return { trim: get('TrimBox'), bleed: get('BleedBox'), media: get('MediaBox'), version: /PDF version:\s+([\d.]+)/.exec(out)![1] };
    };
    const b = boxes(pagePaths[0]!);
    assert.equal(b.version, '1.3');
    // pdfinfo prints 2 decimals: compare within 0.01
    assert.ok(Math.abs(b.trim[2]! - b.trim[0]! - issue.pageSize.width) < 0.011);
    assert.ok(Math.abs(b.trim[3]! - b.trim[1]! - issue.pageSize.height) < 0.011);
    for (const i of [0, 1]) {
      assert.ok(Math.abs(b.trim[i]! - b.bleed[i]! - BLEED_3MM) < 0.011, `bleed ${i}: ${b.trim[i]! - b.bleed[i]!}`);
      assert.ok(Math.abs(b.bleed[i + 2]! - b.trim[i + 2]! - BLEED_3MM) < 0.011);
    }
    const five = writeTmp((await writePdf(result, writeOptions({ bleedMm: 5, pages: [0] }), resources()))[0]!.bytes, 'b5.pdf', dir);
    const b5 = boxes(five);
    assert.ok(Math.abs(b5.trim[0]! - b5.bleed[0]! - (5 * 72) / 25.4) < 0.011);
  });

  it('pdfimages-lists-only-cmyk-or-gray-images', async (t) => {
    if (!requireTools(t, 'pdfimages')) return;
    const rgb = await sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 220, g: 40, b: 30 } } }).png().toBuffer();
    const grey = await sharp({ create: { width: 30, height: 30, channels: 3, background: { r: 90, g: 90, b: 90 } } }).toColourspace('b-w').png().toBuffer();
    const images = new Map<string, PdfImage>([
      ['rgb', await convertForPress(rgb)],
      ['grey', await convertForPress(grey)],
    ]);
    const l = handPage(300, 200, [], [
      { type: 'image', clip: { x: 10, y: 10, width: 120, height: 80 }, rect: { x: 10, y: 10, width: 120, height: 80 }, assetId: 'rgb', ppi: 36 },
      { type: 'image', clip: { x: 150, y: 10, width: 60, height: 60 }, rect: { x: 150, y: 10, width: 60, height: 60 }, assetId: 'grey', ppi: 36 },
    ]);
    const p = writeTmp((await writePdf(l, writeOptions(), resources({ image: (id) => images.get(id) ?? null })))[0]!.bytes, 'img.pdf', dir);
    const rows = runOut('pdfimages', ['-list', p]).out.split('\n').slice(2).filter((x) => x.trim());
    assert.equal(rows.length, 2);
    for (const r of rows) assert.match(r.trim().split(/\s+/)[5]!, /^(cmyk|gray)$/, r);
    // and the red really is red: Ghostscript's ink_cov measures M and Y, hardly any C
    if (!requireTools(t, 'gs')) return;
    const cov = run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=ink_cov', '-o', '-', p]).trim().split(/\s+/).slice(0, 4).map(Number);
    assert.ok(cov[1]! > cov[0]! * 3 && cov[2]! > cov[0]! * 3, `ink_cov ${cov.join(' ')}`);
  });

  it('pdftotext-has-every-story-character-in-reading-order', (t) => {
    if (!requireTools(t, 'pdftotext')) return;
    // content-stream order (-raw) is the order we wrote: frames in order, lines in order
    const text = squash(runOut('pdftotext', ['-raw', '-enc', 'UTF-8', singlePath, '-']).out);
    const frameText = new Map<string, string>();
    for (const p of result.pages) for (const f of p.frames) frameText.set(f.id, f.lines.map((l) => l.text).join(''));
    let checked = 0;
    for (const fit of result.stories) {
      const story = issue.stories.find((s) => s.id === fit.storyId)!;
      // the lines hold the story's text (plus jump lines) — nothing lost between model and layout
      const linesText = fit.frames.map((id) => {
        const f = result.pages.flatMap((p) => p.frames).find((x) => x.id === id)!;
        return f.lines.filter((l) => l.role !== 'jump').map((l) => l.text).join('');
      });
      if (fit.status !== 'overset') assert.equal(squash(linesText.join('')), squash(story.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('')), `story ${story.name}`);
      // and the PDF holds each frame's text, frames in thread order
      let at = 0;
      for (const id of fit.frames) {
        const want = squash(frameText.get(id) ?? '');
        if (!want) continue;
        const i = text.indexOf(want, at);
        assert.ok(i >= 0, `frame ${id} of "${story.name}" not found in order in pdftotext output: ${want.slice(0, 40)}…`);
        at = i + want.length;
        checked += want.length;
      }
    }
    assert.ok(checked > 5000, `checked ${checked} characters`);
  });
});

describe('pdf tools: colour and rendering', () => {
  it('ghostscript-inkcov-black-text-page-has-no-cmy', (t) => {
    if (!requireTools(t, 'gs')) return;
    const out = run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=inkcov', '-o', '-', pagePaths[0]!]);
    const [c, m, y, k] = out.trim().split(/\s+/).slice(0, 4).map(Number);
    assert.deepEqual([c, m, y], [0, 0, 0], out);
    assert.ok(k! > 0.05, `K coverage ${k}`);
  });

  /** A small page: the five bundled faces, colours, a rule, a box, a QR code. */
  async function smallPage(): Promise<string> {
    const RED = { swatch: 'red', c: 0, m: 100, y: 100, k: 0 };
    const l = handPage(240, 120, [
      textLine('NotoSerifSC-Regular', '天山社区晨报', 8, 22, 14),
      textLine('NotoSerifSC-Bold', '报眼：第一版', 8, 42, 12, RED),
      textLine('NotoSansSC-Regular', '社区服务中心', 8, 60, 11),
      textLine('NotoSansSC-Bold', '加装电梯', 8, 80, 14),
      textLine('GBZenKai-Medium', '记者 陈玲 摄', 8, 100, 11),
    ], [
      { type: 'line', x1: 8, y1: 108, x2: 150, y2: 108, weight: 1, color: BLACK, dash: null, cap: 'butt' },
      { type: 'rect', x: 160, y: 8, width: 70, height: 30, fill: { swatch: 'gray', c: 0, m: 0, y: 0, k: 20 }, stroke: BLACK, strokeWeight: 0.5 },
      { type: 'qr', x: 170, y: 45, size: 60, data: 'BANMIAN', level: 'M', color: BLACK, ...qrRects('BANMIAN', 'M', 170, 45, 60) },
    ]);
    return writeTmp((await writePdf(l, writeOptions({ bleedMm: 0 }), resources()))[0]!.bytes, 'small.pdf', dir);
  }

  const raw = async (png: string, size?: { w: number; h: number }) => {
    let img = sharp(png).removeAlpha().toColourspace('srgb');
    if (size) img = img.resize(size.w, size.h, { fit: 'fill', kernel: 'cubic' });
    return img.raw().toBuffer({ resolveWithObject: true });
  };

  /**
   * Share of pixels whose largest channel difference exceeds `tol` (0..255), and the mean
   * difference. `blur` > 1 first reduces both images by that factor with area averaging: two
   * rasterisers' anti-aliasing of glyph edges then agrees, while a missing or substituted glyph
   * still shows.
   */
  async function diff(a: string, b: string, tol: number, blur = 1): Promise<{ share: number; mean: number }> {
    const ma = await sharp(a).metadata();
    const mb = await sharp(b).metadata();
    // Ghostscript and poppler round the page size to pixels differently (±1 px).
    assert.ok(Math.abs(ma.width! - mb.width!) <= 1 && Math.abs(ma.height! - mb.height!) <= 1, 'render sizes differ');
    const size = { w: Math.floor(Math.min(ma.width!, mb.width!) / blur), h: Math.floor(Math.min(ma.height!, mb.height!) / blur) };
    const x = await raw(a, size);
    const y = await raw(b, size);
    let bad = 0;
    let sum = 0;
    const n = size.w * size.h;
    for (let i = 0; i < n * 3; i += 3) {
      let d = 0;
      for (let c = 0; c < 3; c++) d = Math.max(d, Math.abs(x.data[i + c]! - y.data[i + c]!));
      if (d > tol) bad++;
      sum += d;
    }
    return { share: bad / n, mean: sum / n };
  }

  function renderPoppler(pdf: string, out: string, dpi: number): string {
    const fc = emptyFontconfig(tmp());
    const r = runOut('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', pdf, out.replace(/\.png$/, '')], { FONTCONFIG_FILE: fc });
    assert.doesNotMatch(r.err, /error|font/i, r.err);
    return out;
  }
  function renderGs(pdf: string, out: string, dpi: number): string {
    const r = runOut('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-dNOPLATFONTS', '-sFONTPATH=/nonexistent', '-sDEVICE=png16m', '-dTextAlphaBits=4', '-dGraphicsAlphaBits=4', `-r${dpi}`, '-o', out, pdf]);
    assert.doesNotMatch(`${r.out}${r.err}`, /error|substitut|not found|can't find/i, r.err);
    return out;
  }

  it('renders-with-system-fonts-hidden-match-the-reference', async (t) => {
    if (!requireTools(t, 'pdftoppm', 'gs')) return;
    const pdf = await smallPage();
    const d = tmp();
    const pop = renderPoppler(pdf, join(d, 'pop.png'), 100);
    const gs = renderGs(pdf, join(d, 'gs.png'), 100);
    if (process.env.BANMIAN_UPDATE_REFERENCE === '1' || !existsSync(REFERENCE)) {
      if (process.env.CI) assert.fail(`reference image ${REFERENCE} is missing`);
      writeFileSync(REFERENCE, readFileSync(pop));
      t.diagnostic(`wrote reference ${REFERENCE}: look at it before committing`);
    }
    const a = await diff(pop, REFERENCE, 48);
    assert.ok(a.share < 0.002, `poppler vs reference: ${(a.share * 100).toFixed(3)}% pixels differ`);
    // Ghostscript and poppler anti-alias glyph edges differently: compare at a quarter size.
    const b = await diff(gs, REFERENCE, 40, 4);
    assert.ok(b.share < 0.01 && b.mean < 6, `ghostscript vs reference: ${(b.share * 100).toFixed(2)}% pixels, mean ${b.mean.toFixed(2)}`);
    // the comparison has teeth: the same page without its text differs a lot
    const blank = join(d, 'blank.png');
    await sharp({ create: { width: 334, height: 167, channels: 3, background: '#ffffff' } }).png().toFile(blank);
    const c = await diff(blank, REFERENCE, 40, 4);
    assert.ok(c.share > 0.05, `a blank page differs from the reference in only ${(c.share * 100).toFixed(2)}% of pixels`);
  });

  it('ghostscript-and-poppler-agree-on-a-sample-page', async (t) => {
    if (!requireTools(t, 'pdftoppm', 'gs')) return;
    const d = tmp();
    const pop = renderPoppler(pagePaths[0]!, join(d, 'pop.png'), 72);
    const gs = renderGs(pagePaths[0]!, join(d, 'gs.png'), 72);
    const r = await diff(pop, gs, 40, 4);
    assert.ok(r.share < 0.01 && r.mean < 6, `${(r.share * 100).toFixed(2)}% pixels differ, mean ${r.mean.toFixed(2)}`);
    // and the page is not blank: a good share of inked pixels (body text is mostly grey at 72 dpi)
    const px = await raw(gs);
    let inked = 0;
    for (let i = 0; i < px.data.length; i += 3) if (px.data[i]! < 200) inked++;
    assert.ok(inked / (px.info.width * px.info.height) > 0.05, `only ${inked} inked pixels`);
  });
});

describe('pdf tools: line breaking (shared analyser)', () => {
  const analyser = resolve(repoRoot, '../shared/bench/analyze-pdf.mjs');
  for (const name of SAMPLES) {
    it(`sample-${name}-has-no-start-or-end-violations`, async (t) => {
      if (!requireTools(t, 'pdftotext', 'pdffonts')) return;
      if (!existsSync(analyser)) {
        if (process.env.CI) assert.fail(`${analyser} is missing: the shared/ checkout must sit beside main/`);
        t.skip(`${analyser} not found`);
        return;
      }
      const r = layout(sampleIssue([name]));
      const p = writeTmp((await writePdf(r, writeOptions({ split: 'single' }), resources()))[0]!.bytes, `${name}.pdf`, dir);
      const out = JSON.parse(runOut('node', [analyser, p]).out) as { violations: { start: number; end: number }; fonts_all_embedded: boolean; fonts_all_subset: boolean; han_chars: number };
      assert.deepEqual(out.violations.start, 0);
      assert.deepEqual(out.violations.end, 0);
      assert.equal(out.fonts_all_embedded, true);
      assert.equal(out.fonts_all_subset, true);
      assert.ok(out.han_chars > 500, `${out.han_chars} han characters`);
    });
  }
});
