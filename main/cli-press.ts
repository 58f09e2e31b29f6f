// The press commands of the CLI, as functions main/cli.ts dispatches to:
//
//   banmian export issue.banmian -o outdir [--single-file] [--pdfx 1a|4] [--bleed 3] [--marks]
//                  [--pages 1,3-4] [--ad FRAME] [--force] [--icc plant.icc] [--convert-tagged-cmyk]
//   (--ad FRAME: that frame and the frames inside it as one page the size of the ad, no bleed,
//   marks or slug: the ad-only export for sending an ad on; --icc: the plant's CMYK profile, which
//   separates RGB images and is the output intent; --convert-tagged-cmyk: CMYK images tagged with
//   another profile are converted to the output profile instead of keeping their numbers)
//   banmian preflight issue.banmian [--json] [--icc plant.icc] [--convert-tagged-cmyk]
//
// Exit codes: export 0 written, 1 preflight errors (nothing written), 2 bad input (one line on
// stderr); preflight 0 clean or warnings only, 1 errors, 2 bad input.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { iccInfo } from './files/icc';
import { findingsJson, hasErrors, type Finding } from '../renderer/preflight/index';
import { openIssueFile } from './files/issue-file';
import { checkIssue, ExportContext, exportIssue } from './files/pdf-export';
import { ensureOutputDir, inputErrorLine, outputFsError, removeMadeDirs } from './cli-errors';

export interface PressIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
}

class BadInput extends Error {
  constructor(
    message: string,
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

export const EXPORT_USAGE = 'usage: banmian export issue.banmian -o outdir [--single-file] [--pdfx 1a|4] [--bleed 0..5] [--marks] [--pages 1,3-4] [--ad FRAME] [--force] [--icc plant.icc] [--convert-tagged-cmyk]';
export const PREFLIGHT_USAGE = 'usage: banmian preflight issue.banmian [--json] [--icc plant.icc] [--convert-tagged-cmyk]';

function parse(argv: readonly string[], values: string[], bools: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-') && a !== '-') {
      const name = a.replace(/^--?/, '');
      if (values.includes(name)) {
        const v = argv[++i];
        if (v === undefined) throw new BadInput(`option ${a} needs a value`);
        flags.set(name, v);
      } else if (bools.includes(name)) flags.set(name, true);
      else throw new BadInput(`unknown option ${a}`);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** "1,3-4" -> [1, 3, 4] (printed page numbers, in the order given, without repeats). */
export function parsePages(spec: string, pageCount: number): number[] {
  const out: number[] = [];
  for (const part of spec.split(',').map((s) => s.trim())) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new BadInput(`--pages: "${part}" is not a page number or range like 3-4`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a || b > pageCount) throw new BadInput(`--pages: ${part} is outside 1-${pageCount}`);
    for (let n = a; n <= b; n++) if (!out.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Checks an ICC file is a CMYK output (printer) profile; returns its name: its description tag,
 * else the file name. The name is the output intent's OutputCondition.
 */
export function checkIccProfile(bytes: Uint8Array, path: string): string {
  const info = iccInfo(bytes);
  if (!info) throw new BadInput(`--icc ${path}: not an ICC profile`);
  if (info.colorSpace !== 'CMYK') throw new BadInput(`--icc ${path}: a ${info.colorSpace.trim()} profile, the plant's profile must be CMYK`);
  if (info.deviceClass !== 'prtr') throw new BadInput(`--icc ${path}: a "${info.deviceClass}" profile, expected an output (printer) profile`);
  return info.description ?? basename(path).replace(/\.ic[cm]$/i, '');
}

/** Reads and checks `--icc` (null without it). */
async function readPlantProfile(io: PressIo, icc: string | undefined): Promise<{ bytes: Uint8Array; name: string } | null> {
  if (!icc) return null;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(resolve(io.cwd, icc)));
  } catch (e) {
    throw new BadInput(`cannot read --icc ${icc}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return { bytes, name: checkIccProfile(bytes, icc) };
}

/** PDF/X-1a:2001 is PDF 1.3, which knows ICC profiles up to version 2 only. */
function checkProfileFitsLevel(plant: { bytes: Uint8Array } | null, icc: string | undefined, pdfx: string): void {
  if (plant && pdfx === '1a' && plant.bytes[8]! > 2) {
    throw new BadInput(`--icc ${icc}: a version ${plant.bytes[8]} ICC profile cannot go into PDF/X-1a (PDF 1.3 takes version 2); use --pdfx 4 or the plant's v2 profile`);
  }
}

function formatFinding(f: Finding): string {
  const where = [f.page !== null ? `p${f.page}` : null, f.frameId].filter(Boolean).join(' ');
  return `${f.severity.padEnd(7)} ${f.code}${where ? ` [${where}]` : ''}: ${f.message} / ${f.messageZh}${f.fix ? ` (fix: ${f.fix.description})` : ''}\n`;
}

async function open(io: PressIo, file: string) {
  return openIssueFile(resolve(io.cwd, file));
}

function fail(io: PressIo, e: unknown, usage: string): number {
  if (e instanceof BadInput) {
    io.stderr(`banmian: ${e.message}${e.messageZh ? ` / ${e.messageZh}` : ''} (${usage})\n`);
    return 2;
  }
  const line = inputErrorLine(e);
  if (line !== null) {
    io.stderr(`banmian: ${line}\n`);
    return 2;
  }
  throw e;
}

/** `banmian export`. */
export async function cmdExport(args: string[], io: PressIo, ctx?: ExportContext): Promise<number> {
  try {
    const p = parse(args, ['o', 'output', 'pdfx', 'bleed', 'pages', 'icc', 'ad'], ['single-file', 'marks', 'force', 'convert-tagged-cmyk']);
    const file = p.positional[0];
    if (!file || p.positional.length > 1) throw new BadInput('export needs exactly one issue file');
    const out = (p.flags.get('o') ?? p.flags.get('output')) as string | undefined;
    if (!out) throw new BadInput('export needs -o outdir');
    const pdfx = p.flags.get('pdfx') as string | undefined;
    if (pdfx !== undefined && pdfx !== '1a' && pdfx !== '4') throw new BadInput(`--pdfx must be 1a or 4, not "${pdfx}"`);
    const bleedArg = p.flags.get('bleed') as string | undefined;
    const bleed = bleedArg === undefined ? undefined : Number(bleedArg);
    if (bleed !== undefined && !(Number.isFinite(bleed) && bleed >= 0 && bleed <= 5)) throw new BadInput(`--bleed must be 0..5 mm, not "${bleedArg}"`);
    const icc = p.flags.get('icc') as string | undefined;
    const plantProfile = await readPlantProfile(io, icc);
    const opened = await open(io, file);
    checkProfileFitsLevel(plantProfile, icc, pdfx ?? opened.issue.output.pdfx);
    if (p.flags.has('ad') && (p.flags.has('marks') || p.flags.has('pages'))) {
      const other = ['marks', 'pages'].filter((f) => p.flags.has(f)).map((f) => `--${f}`).join(', ');
      throw new BadInput(
        `--ad exports one ad as one page with no marks: it cannot be combined with ${other}`,
        `--ad 只导出一则广告（单页、无裁切标记），不能与 ${other} 同时使用`,
      );
    }
    const pages = p.flags.has('pages') ? parsePages(p.flags.get('pages') as string, opened.issue.pages.length) : undefined;
    const outDir = resolve(io.cwd, out);
    const made = await ensureOutputDir(outDir);
    const r = await exportIssue(
      opened,
      {
        outDir,
        singleFile: p.flags.has('single-file'),
        ...(pdfx ? { pdfx: pdfx as '1a' | '4' } : {}),
        ...(bleed !== undefined ? { bleedMm: bleed } : {}),
        ...(p.flags.has('marks') ? { marks: true } : {}),
        ...(pages ? { pages } : {}),
        ...(p.flags.has('ad') ? { ad: p.flags.get('ad') as string } : {}),
        force: p.flags.has('force'),
        plantProfile,
        cmykImages: p.flags.has('convert-tagged-cmyk') ? 'convert-tagged' : 'preserve',
      },
      ctx,
    ).catch(async (e: unknown) => {
      await removeMadeDirs(made);
      throw outputFsError(e, out) ?? e;
    });
    for (const f of r.findings) io.stderr(formatFinding(f));
    if (r.blocked) {
      await removeMadeDirs(made); // nothing written: leave no new empty folder either
      io.stderr(`banmian: preflight found ${r.findings.filter((f) => f.severity === 'error').length} error(s); nothing written (use --force to write anyway)\n`);
      return 1;
    }
    for (const w of r.written) io.stdout(`${w}\n`);
    return 0;
  } catch (e) {
    return fail(io, e, EXPORT_USAGE);
  }
}

/** `banmian preflight`. */
export async function cmdPreflight(args: string[], io: PressIo, ctx?: ExportContext): Promise<number> {
  try {
    const p = parse(args, ['icc'], ['json', 'convert-tagged-cmyk']);
    const file = p.positional[0];
    if (!file || p.positional.length > 1) throw new BadInput('preflight needs exactly one issue file');
    const icc = p.flags.get('icc') as string | undefined;
    const plant = await readPlantProfile(io, icc);
    const opened = await open(io, file);
    checkProfileFitsLevel(plant, icc, opened.issue.output.pdfx);
    const r = await checkIssue(opened, ctx ?? new ExportContext(), { pdfx: opened.issue.output.pdfx, plantProfile: plant?.bytes ?? null, cmykImages: p.flags.has('convert-tagged-cmyk') ? 'convert-tagged' : 'preserve' });
    if (p.flags.has('json')) io.stdout(`${JSON.stringify({ ok: !hasErrors(r.findings), findings: findingsJson(r.findings) }, null, 2)}\n`);
    else if (!r.findings.length) io.stdout('preflight: no problems found / 印前检查未发现问题\n');
    else for (const f of r.findings) io.stdout(formatFinding(f));
    return hasErrors(r.findings) ? 1 : 0;
  } catch (e) {
    return fail(io, e, PREFLIGHT_USAGE);
  }
}
