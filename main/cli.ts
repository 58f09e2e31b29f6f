// The headless CLI: the same model, import, engine and file modules as the app, no window.
//
//   banmian new --from-text a.txt [b.docx …] [--preset tabloid|broadsheet] [--paper 名] [--date yyyy-mm-dd] -o issue.banmian
//   banmian info issue.banmian [--json]
//   banmian layout issue.banmian --json
//   banmian export issue.banmian -o outdir [--single-file] [--pdfx 1a|4] [--bleed 3] [--marks] [--pages 1,3-4] [--ad FRAME] [--force] [--icc plant.icc] [--convert-tagged-cmyk]
//   banmian preflight issue.banmian [--json] [--icc plant.icc] [--convert-tagged-cmyk]
//
// Exit codes: 0 success; 1 the document has errors (missing fonts or assets, overset, later
// preflight errors); 2 bad input or usage, with a one-line message on stderr.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ImportProblem } from '../renderer/import/cleanup';
import { DocxImportError } from '../renderer/import/docx';
import { importFile } from '../renderer/import/files';
import { newIssue } from '../renderer/model/defaults';
import { storyChars } from '../renderer/model/from-text';
import type { Issue, PagePreset } from '../renderer/model/schema';
import { placeArticles } from '../renderer/editor/autoplace';
import { IssueFileError } from './files/errors';
import { openIssueFile, saveIssueFile } from './files/issue-file';
import { createFontRegistry } from './files/fonts';
import { describeInfo, layoutForCli } from './cli-support';
import { createLayoutSession } from '../renderer/engine';
import { engineFonts } from './engine-fonts';
import { cmdExport, cmdPreflight, EXPORT_USAGE, PREFLIGHT_USAGE } from './cli-press';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export class UsageError extends Error {}

const USAGE = `usage:
  banmian new --from-text a.txt|a.docx [b.txt …] [--preset tabloid|broadsheet] [--paper NAME] [--date yyyy-mm-dd] -o issue.banmian
  banmian info issue.banmian [--json]
  banmian layout issue.banmian --json
  ${EXPORT_USAGE.replace(/^usage: /, '')}
  ${PREFLIGHT_USAGE.replace(/^usage: /, '')}`;

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
  lists: Map<string, string[]>;
}

/** Minimal, strict argument parser: unknown flags are usage errors, never ignored. */
export function parseArgs(argv: readonly string[], spec: { values: string[]; bools: string[]; lists?: string[] }): Parsed {
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  let currentList: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-') && a !== '-') {
      const name = a.replace(/^--?/, '');
      currentList = null;
      if (spec.lists?.includes(name)) {
        currentList = name;
        lists.set(name, lists.get(name) ?? []);
      } else if (spec.values.includes(name)) {
        const v = argv[++i];
        if (v === undefined || v.startsWith('--')) throw new UsageError(`option ${a} needs a value`);
        flags.set(name, v);
      } else if (spec.bools.includes(name)) flags.set(name, true);
      else throw new UsageError(`unknown option ${a}`);
    } else if (currentList) lists.get(currentList)!.push(a);
    else positional.push(a);
  }
  return { positional, flags, lists };
}

/**
 * Reads a copy file's bytes. What they are (text in UTF-8 or GB18030, or a Word document) is
 * decided by renderer/import/files.ts, the same as in the editor.
 */
export async function readCopyFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `cannot read ${path}: no such file` : `cannot read ${path}: ${code ?? String(e)}`);
  }
}

async function cmdNew(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, { values: ['o', 'output', 'preset', 'paper', 'date'], bools: [], lists: ['from-text'] });
  const texts = [...(p.lists.get('from-text') ?? []), ...p.positional];
  const out = (p.flags.get('o') ?? p.flags.get('output')) as string | undefined;
  if (!texts.length) throw new UsageError('new needs --from-text FILE [FILE …] (.txt or .docx)');
  if (!out) throw new UsageError('new needs -o issue.banmian');
  const preset = (p.flags.get('preset') as string | undefined) ?? 'tabloid';
  if (preset !== 'tabloid' && preset !== 'broadsheet') throw new UsageError(`--preset must be tabloid or broadsheet, not "${preset}"`);
  const date = p.flags.get('date') as string | undefined;
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--date must be yyyy-mm-dd, not "${date}"`);

  let issue: Issue = newIssue({
    preset: preset as PagePreset,
    meta: { ...(p.flags.has('paper') ? { paper: p.flags.get('paper') as string } : {}), ...(date ? { date } : {}) },
  });
  const problems: Array<ImportProblem & { file: string }> = [];
  // Placement measures with the real engine: frames get exactly the grid lines their text needs.
  const session = createLayoutSession(engineFonts(createFontRegistry()));
  for (const t of texts) {
    const r = importFile(basename(t), await readCopyFile(resolve(io.cwd, t)));
    problems.push(...r.problems.map((x) => ({ ...x, file: basename(t) })));
    issue = placeArticles(issue, r.articles, { layout: (i) => session.layout(i) });
  }
  await saveIssueFile(resolve(io.cwd, out), issue, new Map());
  const lost = problems.filter((x) => x.kind === 'lost-glyph').length;
  io.stderr(
    `wrote ${out}: ${issue.pages.length} page(s), ${issue.stories.length} stor${issue.stories.length === 1 ? 'y' : 'ies'}` +
      (lost ? `; ${lost} lost glyph(s) □ kept in the text — check them` : '') +
      '\n',
  );
  return 0;
}

async function cmdInfo(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, { values: [], bools: ['json'] });
  const file = p.positional[0];
  if (!file || p.positional.length > 1) throw new UsageError('info needs exactly one issue file');
  const opened = await openIssueFile(resolve(io.cwd, file));
  const info = describeInfo(opened, createFontRegistry());
  if (p.flags.has('json')) io.stdout(`${JSON.stringify(info, null, 2)}\n`);
  else {
    io.stdout(`${info.meta.paper} ${info.meta.date} ${info.meta.issueNumber} — ${info.pages.length} page(s), ${info.stories.length} stories\n`);
    for (const pg of info.pages) io.stdout(`  page ${pg.number}: ${Object.entries(pg.framesByKind).map(([k, n]) => `${n} ${k}`).join(', ') || 'empty'}\n`);
    for (const s of info.stories) io.stdout(`  story ${s.id} ${s.name}: ${s.chars} chars${s.fit ? ` (${s.fit})` : ''}\n`);
    for (const pr of info.problems) io.stdout(`  ${pr.severity}: ${pr.message}\n`);
  }
  return info.problems.some((x) => x.severity === 'error') ? 1 : 0;
}

async function cmdLayout(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, { values: [], bools: ['json'] });
  const file = p.positional[0];
  if (!file || p.positional.length > 1) throw new UsageError('layout needs exactly one issue file');
  if (!p.flags.has('json')) throw new UsageError('layout prints JSON only: add --json');
  const opened = await openIssueFile(resolve(io.cwd, file));
  const result = layoutForCli(opened.issue, createFontRegistry());
  io.stdout(`${JSON.stringify(result)}\n`);
  return 0;
}

export { storyChars };

/** Runs one CLI command; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'new':
        return await cmdNew(rest, io);
      case 'info':
        return await cmdInfo(rest, io);
      case 'layout':
        return await cmdLayout(rest, io);
      case 'export':
        return await cmdExport(rest, io);
      case 'preflight':
        return await cmdPreflight(rest, io);
      case undefined:
        io.stderr(`banmian: no command given\n${USAGE}\n`);
        return 2;
      case 'help':
      case '--help':
      case '-h':
        io.stdout(`${USAGE}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`banmian: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof IssueFileError || e instanceof DocxImportError) {
      io.stderr(`banmian: ${e.message}\n`);
      return 2;
    }
    io.stderr(`banmian: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return 70; // EX_SOFTWARE: a bug in Banmian, not the user's input
  }
}
