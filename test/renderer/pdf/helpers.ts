// Shared pieces for the PDF tests: the bundled faces as PdfFontFaces, the sample issue laid out
// in tabloid columns, hand-built LayoutResults, and running the external tools.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { placeArticles } from '../../../renderer/editor/autoplace';
import { layoutIssue } from '../../../renderer/engine/index';
import type { Fill, LayoutResult, LineLayout, PageLayout } from '../../../renderer/engine/types';
import { cleanupText } from '../../../renderer/import/cleanup';
import { newIssue } from '../../../renderer/model/defaults';
import type { Issue } from '../../../renderer/model/schema';
import type { OutputProfile, PdfFontFace, PdfResources, PdfWriteOptions } from '../../../renderer/pdf/index';
import { FONT_FILES, realFonts, repoRoot } from '../fonts/load-fonts';

export { FONT_FILES };


const faces = new Map<string, PdfFontFace>();
/** A bundled face by PostScript name (loaded once per process). */
export function face(ps: string): PdfFontFace {
  let f = faces.get(ps);
  if (f) return f;
  const file = FONT_FILES[ps];
  if (!file) throw new Error(`no bundled font ${ps}`);
  const font = fontkit.create(readFileSync(join(repoRoot, file))) as fontkit.Font;
  f = { postscriptName: ps, font, fontId: `${ps}#test` };
  faces.set(ps, f);
  return f;
}

/** The shipped generic profile as the export passes it without the plant's (main/files/pdf-export.ts). */
export const GENERIC_OUTPUT: OutputProfile = { bytes: new Uint8Array(readFileSync(join(repoRoot, 'assets/icc/vips-chemical-proof.icc'))), description: 'Chemical proof', fromPlant: false };

export const resources = (over: Partial<PdfResources> = {}): PdfResources => ({ font: face, image: () => null, outputProfile: GENERIC_OUTPUT, ...over });

export const FIXED_DATE = new Date('2026-11-22T08:30:00Z');

export function writeOptions(over: Partial<PdfWriteOptions> = {}): PdfWriteOptions {
  return { pdfx: '1a', bleedMm: 3, marks: false, split: 'pages', title: '天山社区晨报 2026-11-22', paper: '天山社区晨报', issueDate: '2026-11-22', created: FIXED_DATE, ...over };
}

export const SAMPLES = ['tianshan-front', 'jiangpu-community', 'xinmin-community'] as const;
export const sampleText = (name: string) => readFileSync(join('/work/shared/samples', `${name}.txt`), 'utf8');

/**
 * The given sample texts placed in tabloid columns by autoplace, in one call: placeArticles
 * called once per file starts again at the top of the last page and overlaps the frames it
 * placed before (reported to the editor's owner).
 */
export function sampleIssue(names: readonly string[] = SAMPLES): Issue {
  const issue = newIssue({ preset: 'tabloid', meta: { paper: '天山社区晨报', date: '2026-11-22' } });
  return placeArticles(issue, names.flatMap((n) => cleanupText(sampleText(n)).articles));
}

export const layout = (issue: Issue): LayoutResult => layoutIssue(issue, realFonts());

export const BLACK: Fill = { swatch: 'black', c: 0, m: 0, y: 0, k: 100 };

/** A horizontal line of text set with a real face at its default advances (hand-built layout). */
export function textLine(ps: string, text: string, x: number, y: number, size: number, fill: Fill = BLACK, extra = 0): LineLayout {
  const f = face(ps).font;
  const glyphs = [];
  let pen = 0;
  for (const ch of text) {
    const g = f.glyphForCodePoint(ch.codePointAt(0)!);
    const adv = (g.advanceWidth / f.unitsPerEm) * size + extra;
    glyphs.push({ id: g.id, x: pen, y: 0, advance: adv, text: ch });
    pen += adv;
  }
  return { text, x, y, width: pen, measure: pen, size, role: 'text', runs: [{ font: ps, size, fill, glyphs }] };
}

/** One page with the given lines in one frame, and optional shapes. */
export function handPage(width: number, height: number, lines: LineLayout[], shapes: PageLayout['frames'][number]['shapes'] = []): LayoutResult {
  return {
    version: 1,
    stories: [],
    pages: [{ id: 'p1', index: 0, number: 1, width, height, frames: [{ id: 'f1', kind: 'text', x: 0, y: 0, width, height, fromMaster: false, storyId: null, columns: [], shapes, lines }] }],
  };
}

export function tmp(prefix = 'banmian-pdf-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTmp(bytes: Uint8Array, name = 'out.pdf', dir = tmp()): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Run a tool; returns stdout, throws with stderr on a non-zero exit. */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return `${r.stdout}${r.stderr ? `\n${r.stderr}` : ''}`;
}

/** stdout only */
export function runOut(cmd: string, args: string[], env: Record<string, string> = {}): { out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { out: r.stdout, err: r.stderr };
}

/** An empty fontconfig configuration: poppler then cannot fall back to installed fonts. */
export function emptyFontconfig(dir = tmp()): string {
  const p = join(dir, 'fonts.conf');
  writeFileSync(p, '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n');
  return p;
}

/** pdffonts rows: name, type, emb, sub, uni. */
export function pdffonts(path: string): { name: string; emb: string; sub: string; uni: string }[] {
  return runOut('pdffonts', [path])
    .out.split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const t = l.trim().split(/\s+/);
      // ... emb sub uni objnum gen: the last five columns
      return { name: t[0]!, emb: t[t.length - 5]!, sub: t[t.length - 4]!, uni: t[t.length - 3]! };
    });
}

export const squash = (s: string) => s.replace(/\s+/g, '');

export interface OutputIntentRead {
  /** The intent's entries as qpdf's JSON gives them ("u:" text strings, "/" names, "N 0 R" references). */
  dict: Record<string, unknown>;
  /** The DestOutputProfile stream's dictionary and decoded bytes, when there is one. */
  profile: { dict: Record<string, unknown>; bytes: Buffer } | null;
}

/** The catalog's OutputIntents read back by qpdf (--json, and --show-object for the profile). */
export function outputIntents(pdf: string): OutputIntentRead[] {
  const objects = (JSON.parse(runOut('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=none', pdf]).out) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>] }).qpdf[1];
  const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
  const deref = (v: unknown) => (typeof v === 'string' && / R$/.test(v) ? objects[`obj:${v}`] : undefined);
  const list = (deref(catalog['/OutputIntents'])?.value ?? catalog['/OutputIntents'] ?? []) as unknown[];
  return list.map((entry) => {
    const dict = (deref(entry)?.value ?? entry) as Record<string, unknown>;
    const ref = dict['/DestOutputProfile'];
    if (typeof ref !== 'string') return { dict, profile: null };
    const r = spawnSync('qpdf', [`--show-object=${ref.split(' ')[0]}`, '--filtered-stream-data', pdf], { maxBuffer: 1 << 26 });
    return { dict, profile: { dict: objects[`obj:${ref}`]!.stream!.dict, bytes: r.stdout } };
  });
}
