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
import type { ImportResult } from '../renderer/import/types';
import { importFile } from '../renderer/import/files';
import { newIssue } from '../renderer/model/defaults';
import { storyChars } from '../renderer/model/from-text';
import type { Issue, PagePreset } from '../renderer/model/schema';
import { placeArticles } from '../renderer/editor/autoplace';
import { openIssueFile, saveIssueFile } from './files/issue-file';
import { createFontRegistry } from './files/fonts';
import { describeInfo, layoutForCli } from './cli-support';
import { createLayoutSession } from '../renderer/engine';
import { engineFonts } from './engine-fonts';
import { cmdExport, cmdPreflight, EXPORT_USAGE, PREFLIGHT_USAGE } from './cli-press';
import { CliError, inputErrorLine } from './cli-errors';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

/** A usage error (exit 2); `messageZh` when the message is worth giving in Chinese too. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly messageZh?: string,
  ) {
    super(message);
  }
}

const USAGE = `usage:
  banmian new --from-text a.txt|a.docx [b.txt …] [--preset tabloid|broadsheet] [--paper NAME] [--date yyyy-mm-dd] [--json] -o issue.banmian
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
    const why: Record<string, [string, string]> = {
      ENOENT: ['no such file', '文件不存在'],
      EISDIR: ['it is a folder; give the text or Word files in it', '这是文件夹；请给出其中的文字或 Word 文件'],
      EACCES: ['no permission to read it', '没有读取权限'],
      EPERM: ['no permission to read it', '没有读取权限'],
      ENOTDIR: ['part of the path is a file, not a folder', '路径中有一部分是文件而不是文件夹'],
    };
    const [en, zh] = why[code ?? ''] ?? [code ?? String(e), code ?? String(e)];
    throw new CliError(`cannot read ${path}: ${en}`, `无法读取“${path}”：${zh}`);
  }
}

/** A real calendar date yyyy-mm-dd (2026-02-29 and 2026-13-45 are not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The cleanup's reports of one file, each with its article and an excerpt of the text concerned. */
export interface NewReport {
  file: string;
  kind: ImportProblem['kind'];
  article: string;
  excerpt: string;
  message: string;
}

function reportsOf(file: string, r: ImportResult): NewReport[] {
  const articleOf = new Map<number, string>();
  const label = (a: ImportResult['articles'][number]) => a.headlines.find((h) => h.trim()) ?? a.paragraphs[0]?.text.slice(0, 16) ?? '';
  for (const a of r.articles) {
    for (const p of a.paragraphs) {
      const i = r.paragraphs.indexOf(p);
      if (i >= 0) articleOf.set(i, label(a));
    }
  }
  r.paragraphs.forEach((p, i) => {
    if (!articleOf.has(i) && p.role === 'headline') {
      const a = r.articles.find((x) => x.headlines.includes(p.text));
      if (a) articleOf.set(i, label(a));
    }
  });
  return r.problems.map((x) => {
    const text = r.paragraphs[x.paragraph]?.text ?? '';
    const from = Math.max(0, x.index - 8);
    const excerpt = `${from > 0 ? '…' : ''}${text.slice(from, x.index + 12)}${x.index + 12 < text.length ? '…' : ''}`;
    return { file, kind: x.kind, article: articleOf.get(x.paragraph) ?? '', excerpt, message: x.message };
  });
}

async function cmdNew(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, { values: ['o', 'output', 'preset', 'paper', 'date'], bools: ['json'], lists: ['from-text'] });
  const texts = [...(p.lists.get('from-text') ?? []), ...p.positional];
  const out = (p.flags.get('o') ?? p.flags.get('output')) as string | undefined;
  if (!texts.length) throw new UsageError('new needs --from-text FILE [FILE …] (.txt or .docx)');
  if (!out) throw new UsageError('new needs -o issue.banmian');
  const preset = (p.flags.get('preset') as string | undefined) ?? 'tabloid';
  if (preset !== 'tabloid' && preset !== 'broadsheet') throw new UsageError(`--preset must be tabloid or broadsheet, not "${preset}"`);
  const date = p.flags.get('date') as string | undefined;
  if (date !== undefined && !isCalendarDate(date)) {
    throw new UsageError(`--date must be a real date yyyy-mm-dd, not "${date}"`, `--date 须为有效日期（yyyy-mm-dd），“${date}”不是`);
  }

  let issue: Issue = newIssue({
    preset: preset as PagePreset,
    meta: { ...(p.flags.has('paper') ? { paper: p.flags.get('paper') as string } : {}), ...(date ? { date } : {}) },
  });
  const problems: Array<ImportProblem & { file: string }> = [];
  const reports: NewReport[] = [];
  const empty: string[] = [];
  // Placement measures with the real engine: frames get exactly the grid lines their text needs.
  const session = createLayoutSession(engineFonts(createFontRegistry()));
  for (const t of texts) {
    const r = importFile(basename(t), await readCopyFile(resolve(io.cwd, t)));
    problems.push(...r.problems.map((x) => ({ ...x, file: basename(t) })));
    reports.push(...reportsOf(basename(t), r));
    const before = issue.stories.length;
    issue = placeArticles(issue, r.articles, { layout: (i) => session.layout(i) });
    if (issue.stories.length === before) empty.push(basename(t));
  }
  await saveIssueFile(resolve(io.cwd, out), issue, new Map());
  const lost = problems.filter((x) => x.kind === 'lost-glyph').length;
  if (p.flags.has('json')) {
    io.stdout(
      `${JSON.stringify(
        { output: out, pages: issue.pages.length, stories: issue.stories.length, lostGlyphs: lost, emptyFiles: empty, problems: reports },
        null,
        2,
      )}\n`,
    );
  }
  io.stderr(
    `wrote ${out}: ${issue.pages.length} page(s), ${issue.stories.length} stor${issue.stories.length === 1 ? 'y' : 'ies'}` +
      (lost ? `; ${lost} lost glyph(s) □ kept in the text — check them` : '') +
      '\n',
  );
  for (const f of empty) io.stderr(`warning: ${f}: no text found, no story made / 警告：${f} 中没有文字，未生成稿件\n`);
  for (const r of reports) {
    if (r.kind === 'lost-glyph') continue; // counted above
    io.stderr(`${r.kind === 'rejoined' ? 'check' : 'warning'}: ${r.file}${r.article ? ` 《${r.article}》` : ''} "${r.excerpt}": ${r.message}\n`);
  }
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
      io.stderr(`banmian: ${e.message}${e.messageZh ? ` / ${e.messageZh}` : ''}\n${USAGE}\n`);
      return 2;
    }
    const line = inputErrorLine(e);
    if (line !== null) {
      io.stderr(`banmian: ${line}\n`);
      return 2;
    }
    // A bug in Banmian: one line; the stack with BANMIAN_DEBUG=1.
    const debug = !!process.env.BANMIAN_DEBUG;
    io.stderr(`banmian: internal error: ${debug ? ((e as Error)?.stack ?? String(e)) : e instanceof Error ? e.message : String(e)}${debug ? '' : ' (set BANMIAN_DEBUG=1 for details / 设置 BANMIAN_DEBUG=1 查看详情)'}\n`);
    return 70; // EX_SOFTWARE: a bug in Banmian, not the user's input
  }
}
