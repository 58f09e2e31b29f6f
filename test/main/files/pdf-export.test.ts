// exportIssue: the preflight gate, files on disk, images converted, profiles embedded.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { ExportContext, exportIssue, GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { sha256Hex } from '../../../main/files/assets';
import { typeArea } from '../../../renderer/model/grid';
import { frameId } from '../../../renderer/model/defaults';
import type { AssetId, Issue } from '../../../renderer/model/schema';
import { repoRoot } from '../../renderer/fonts/load-fonts';
import { requireTools } from '../../helpers/tools';
import { outputIntents, run, runOut, sampleIssue, tmp } from '../../renderer/pdf/helpers';

const FIXED = new Date('2026-11-22T08:30:00Z');
const ctx = new ExportContext();
let issue: Issue;
let assets: Map<AssetId, Uint8Array>;

before(async () => {
  const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 200, g: 60, b: 40 } } }).png().toBuffer();
  const id = sha256Hex(photo);
  const base = sampleIssue(['tianshan-front', 'jiangpu-community']);
  assert.ok(base.pages.length >= 2, 'two samples fill at least two pages');
  const ta = typeArea(base.grid);
  // a photo in the lower right of page 1 (no wrap: pushing text away would overset the story)
  issue = {
    ...base,
    assets: [{ id, name: 'photo.png', mime: 'image/png', width: 900, height: 600 }],
    pages: base.pages.map((p, i) => (i === 0 ? { ...p, frames: [...p.frames, { id: frameId('img1'), kind: 'image', x: ta.x + ta.width - 200, y: ta.y + ta.height - 140, width: 200, height: 133, assetId: id, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0 }] } : p)),
  };
  assets = new Map([[id, photo]]);
});

describe('exportIssue', () => {
  it('writes-one-pdf-per-page-named-by-the-pattern', async () => {
    const out = tmp();
    const progress: string[] = [];
    const r = await exportIssue({ issue, assets }, { outDir: out, created: FIXED, onProgress: (d, t, m) => progress.push(`${d}/${t} ${m}`) }, ctx);
    assert.equal(r.blocked, false);
    assert.deepEqual(readdirSync(out).sort(), issue.pages.map((_, i) => `天山社区晨报-2026-11-22-${String(i + 1).padStart(2, '0')}.pdf`));
    assert.ok(progress.some((p) => p.includes('image photo.png')) && progress.some((p) => p.includes('page 1')), progress.join('; '));
    assert.ok(r.findings.every((f) => f.severity === 'warning'));
  });

  it('the-placed-rgb-photo-arrives-as-cmyk', async (t) => {
    if (!requireTools(t, 'pdfimages')) return;
    const out = tmp();
    const r = await exportIssue({ issue, assets }, { outDir: out, created: FIXED, pages: [1] }, ctx);
    const rows = runOut('pdfimages', ['-list', r.written[0]!]).out.split('\n').slice(2).filter((x) => x.trim());
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.trim().split(/\s+/)[5], 'cmyk');
  });

  it('single-file-and-page-range', async () => {
    const out = tmp();
    const r = await exportIssue({ issue, assets }, { outDir: out, created: FIXED, singleFile: true, pages: [1, 2] }, ctx);
    assert.equal(r.written.length, 1);
    assert.match(r.written[0]!, /天山社区晨报-2026-11-22-all\.pdf$/);
  });

  it('preflight-errors-stop-the-export-unless-forced', async () => {
    const bad: Issue = { ...issue, paragraphStyles: issue.paragraphStyles.map((p) => (p.id === 'body' ? { ...p, size: 4 } : p)) };
    const out = tmp();
    const r = await exportIssue({ issue: bad, assets }, { outDir: out, created: FIXED }, ctx);
    assert.equal(r.blocked, true);
    assert.deepEqual(r.written, []);
    assert.ok(!existsSync(out) || readdirSync(out).length === 0);
    assert.ok(r.findings.some((f) => f.code === 'text-too-small'));
    const forced = await exportIssue({ issue: bad, assets }, { outDir: out, created: FIXED, force: true }, ctx);
    assert.equal(forced.written.length, issue.pages.length);
  });

  it('missing-image-is-an-error', async () => {
    const r = await exportIssue({ issue, assets: new Map() }, { outDir: tmp(), created: FIXED }, ctx);
    assert.equal(r.blocked, true);
    assert.ok(r.findings.some((f) => f.code === 'missing-image'));
  });

  it('x4-embeds-the-shipped-profile-with-a-warning-or-the-plants-without', async () => {
    const shipped = readFileSync(join(repoRoot, GENERIC_PROFILE_FILE));
    const r = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pdfx: '4', pages: [1] }, ctx);
    assert.ok(r.findings.some((f) => f.code === 'generic-profile'));
    const bytes = readFileSync(r.written[0]!);
    assert.equal(bytes.subarray(0, 8).toString('latin1'), '%PDF-1.6');
    // the profile stream is compressed: the PDF must be at least its compressed size larger
    assert.ok(bytes.length > 300_000, `${bytes.length} bytes`);
    const plant = { bytes: new Uint8Array(shipped), name: 'Plant newsprint' };
    const p = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pdfx: '4', pages: [1], plantProfile: plant }, ctx);
    assert.ok(!p.findings.some((f) => f.code === 'generic-profile'));
    assert.match(readFileSync(p.written[0]!).toString('latin1'), /Plant newsprint/);
  });

  it('without-the-plants-profile-both-levels-warn-in-both-languages', async () => {
    for (const pdfx of ['1a', '4'] as const) {
      const r = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pdfx, pages: [1] }, ctx);
      const w = r.findings.filter((f) => f.code === 'generic-profile');
      assert.equal(w.length, 1, pdfx);
      assert.equal(w[0]!.severity, 'warning');
      assert.match(w[0]!.message, new RegExp(`generic CMYK profile \\("Chemical proof".*PDF/X-${pdfx} output intent.*--icc`));
      assert.match(w[0]!.messageZh, /印厂.*通用 CMYK 特性文件.*--icc/);
    }
  });

  // The output intent describes the profile the RGB images were separated with, read back by qpdf.
  for (const pdfx of ['1a', '4'] as const) {
    it(`the-pdfx-${pdfx}-output-intent-is-the-separation-profile-read-back-by-qpdf`, async (t) => {
      if (!requireTools(t, 'qpdf')) return;
      const shipped = readFileSync(join(repoRoot, GENERIC_PROFILE_FILE));
      const generic = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pdfx, pages: [1] }, ctx);
      const [g] = outputIntents(generic.written[0]!);
      assert.deepEqual(
        { id: g!.dict['/OutputConditionIdentifier'], condition: g!.dict['/OutputCondition'], registry: g!.dict['/RegistryName'], s: g!.dict['/S'] },
        { id: 'u:Custom', condition: 'u:Chemical proof', registry: undefined, s: '/GTS_PDFX' },
      );
      assert.match(String(g!.dict['/Info']), /generic CMYK profile shipped with Banmian.*not the printing plant's/);
      assert.equal(g!.profile!.dict['/N'], 4);
      assert.ok(g!.profile!.bytes.equals(shipped), 'DestOutputProfile is the shipped profile, byte for byte');

      // a plant profile (here Ghostscript's CMYK profile, where installed; AGPL, never shipped)
      const swop = '/usr/share/color/icc/ghostscript/default_cmyk.icc';
      if (!existsSync(swop)) return;
      const plantBytes = new Uint8Array(readFileSync(swop));
      const plant = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pdfx, pages: [1], plantProfile: { bytes: plantBytes, name: 'Artifex CMYK SWOP Profile' } }, ctx);
      assert.ok(!plant.findings.some((f) => f.code === 'generic-profile'));
      const [pi] = outputIntents(plant.written[0]!);
      assert.equal(pi!.dict['/OutputConditionIdentifier'], 'u:Custom');
      assert.equal(pi!.dict['/OutputCondition'], 'u:Artifex CMYK SWOP Profile');
      assert.equal(pi!.dict['/Info'], "u:Artifex CMYK SWOP Profile: the printing plant's ICC profile; RGB images were separated with it");
      assert.ok(pi!.profile!.bytes.equals(Buffer.from(plantBytes)));
      // and the photo was separated with it: Ghostscript, taking the output intent's profile as
      // its output profile (-dUsePDFX3Profile), reads the file without complaint
      if (!requireTools(t, 'gs')) return;
      const out = run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-dUsePDFX3Profile', '-sDEVICE=inkcov', '-o', '-', plant.written[0]!]);
      assert.doesNotMatch(out, /error|warning/i, out);
      assert.match(out, /CMYK OK/);
    });
  }

  it('same-issue-and-date-give-the-same-bytes', async () => {
    const a = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pages: [1], marks: true }, ctx);
    const b = await exportIssue({ issue, assets }, { outDir: tmp(), created: FIXED, pages: [1], marks: true }, new ExportContext());
    assert.deepEqual(readFileSync(a.written[0]!), readFileSync(b.written[0]!));
  });
});
