// Press run for the sample: preflight, export to per-page PDFs, the press checks (qpdf --check,
// pdffonts, pdfimages), the shared line-breaking analyser per page, and page previews at 50 dpi.
//
//   node --import tsx scripts/sample/press.ts <outdir> [--previews assets/samples/preview]
//
// It calls the CLI's own press commands (main/cli-press.ts: cmdPreflight, cmdExport), so the
// result is what `banmian preflight` / `banmian export` give.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cmdExport, cmdPreflight } from '../../main/cli-press';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'assets', 'samples', 'tianshan.banmian');
const outDir = resolve(process.argv[2] ?? join(root, 'test-output', 'sample-press'));
const pi = process.argv.indexOf('--previews');
const previews = pi > 0 ? resolve(process.argv[pi + 1]!) : null;
process.env.SOURCE_DATE_EPOCH ??= String(Date.UTC(2021, 0, 22) / 1000);

const io = { stdout: (s: string) => void process.stdout.write(s), stderr: (s: string) => void process.stderr.write(s), cwd: root };
console.log('== preflight');
const pf = await cmdPreflight([file], io);
rmSync(outDir, { recursive: true, force: true });
console.log('== export');
const ex = await cmdExport([file, '-o', outDir], io);
if (ex !== 0) process.exit(ex);
const pdfs = readdirSync(outDir).filter((f) => f.endsWith('.pdf')).sort();
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
for (const pdf of pdfs) {
  const p = join(outDir, pdf);
  console.log(`== ${pdf}`);
  const q = run('qpdf', ['--check', p]);
  console.log(`qpdf --check: exit ${q.status} ${q.stdout.trim().split('\n').pop()}`);
  const fonts = run('pdffonts', [p]).stdout.trim().split('\n').slice(2);
  const badFonts = fonts.filter((l) => !/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l));
  console.log(`pdffonts: ${fonts.length} fonts, ${badFonts.length} not embedded+subset${badFonts.length ? `\n${badFonts.join('\n')}` : ''}`);
  const imgs = run('pdfimages', ['-list', p]).stdout.trim().split('\n').slice(2);
  console.log(`pdfimages: ${imgs.map((l) => l.trim().split(/\s+/)[5]).join(', ') || 'none'}`);
  const a = run('node', [join(root, '..', 'shared', 'bench', 'analyze-pdf.mjs'), p]);
  try {
    const j = JSON.parse(a.stdout) as { lines: number; body_lines: number; han_chars: number; violations: Record<string, number>; columns_per_page: number[]; justification: { width_spread_pt_median: number } };
    console.log(`analyzer: violations ${JSON.stringify(j.violations)}; ${j.lines} lines (${j.body_lines} body), ${j.han_chars} han, columns ${j.columns_per_page.join('/')}, width spread median ${j.justification.width_spread_pt_median} pt`);
  } catch {
    console.log(`analyzer: ${(a.stdout + a.stderr).trim()}`);
  }
  const png = join(outDir, basename(pdf, '.pdf'));
  run('pdftoppm', ['-r', '50', '-png', '-singlefile', p, png]);
}
if (previews) {
  mkdirSync(previews, { recursive: true });
  pdfs.forEach((pdf, i) => copyFileSync(join(outDir, `${basename(pdf, '.pdf')}.png`), join(previews, `page-${i + 1}.png`)));
  console.log(`previews in ${previews}`);
}
process.exit(pf);
