// What the CLI prints when something goes wrong: one line, in English and in Chinese, with advice
// a terminal user can follow (not the editor's menus), and never a stack trace unless
// BANMIAN_DEBUG is set.
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DocxImportError } from '../renderer/import/docx';
import { TextImportError } from '../renderer/import/files';
import { IssueFileError, type IssueFileErrorCode } from './files/errors';
import { ExportInputError } from './files/pdf-export';

/** A bad-input error of the CLI with its message in both languages (exit 2). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
  get line(): string {
    return `${this.message} / ${this.messageZh}`;
  }
}

/** Advice for the terminal where the editor's advice names its menus. */
const CLI_TODO: Partial<Record<IssueFileErrorCode, { en: string; zh: string }>> = {
  'not-a-zip': { en: 'Give a .banmian file saved by Banmian, or make one from text with `banmian new --from-text copy.txt -o issue.banmian`.', zh: '请给出由版面保存的 .banmian 文件，或用 `banmian new --from-text 稿件.txt -o 版面.banmian` 由文字生成。' },
  'no-issue-json': { en: 'Give a .banmian file saved by Banmian; other zip archives cannot be opened (make an issue from text with `banmian new --from-text`).', zh: '请给出由版面保存的 .banmian 文件；其他 zip 压缩包无法打开（文字请用 `banmian new --from-text` 生成版面）。' },
  io: { en: 'Check that the drive is still connected and try again, or give another path with -o.', zh: '请检查磁盘是否仍然连接并重试，或用 -o 另选路径。' },
  'disk-full': { en: 'Free some space on the drive, or give a path on another drive with -o.', zh: '请清理磁盘空间，或用 -o 指定其他磁盘上的路径。' },
  permission: { en: 'Give another path with -o, or ask for write access to this folder.', zh: '请用 -o 另选路径，或申请此文件夹的写入权限。' },
};

/** An IssueFileError as the CLI prints it: both languages, terminal advice. */
export function issueFileErrorLine(e: IssueFileError): string {
  let en = e.message;
  let zh = e.messageZh;
  const cli = CLI_TODO[e.code];
  if (cli && (/File >/.test(e.todo) || /“文件 >/.test(e.todoZh))) {
    en = en.replace(e.todo, cli.en);
    zh = zh.replace(e.todoZh, cli.zh);
  }
  return `${en} / ${zh}`;
}

/** A Word-import error: its message carries both languages already when it has a Chinese one. */
export function docxErrorLine(e: DocxImportError): string {
  return e.message.includes(e.messageZh) ? e.message : `${e.message} / ${e.messageZh}`;
}

/** The errno code of a Node error, if any. */
function code(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** File-system errors a user can cause and fix with another output path. */
const OUTPUT_CODES = new Set(['EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EROFS', 'ENOENT', 'ENAMETOOLONG', 'ELOOP']);

/** A file-system error while writing to `path` as one bilingual line, or null if it is not one. */
export function outputFsError(e: unknown, path: string, what: { en: string; zh: string } = { en: 'the output', zh: '输出' }): CliError | null {
  const c = code(e);
  if (!c || !OUTPUT_CODES.has(c)) return null;
  const head = { en: `cannot write ${what.en} "${path}"`, zh: `无法写入${what.zh}“${path}”` };
  const why: Record<string, [string, string]> = {
    EEXIST: ['a file of that name is in the way, where a folder is needed', '该位置已有同名文件，而这里需要文件夹'],
    ENOTDIR: ['part of the path is a file, not a folder', '路径中有一部分是文件而不是文件夹'],
    EISDIR: ['it is a folder, not a file', '这是文件夹而不是文件'],
    EACCES: ['no permission to write there', '没有在该处写入的权限'],
    EPERM: ['no permission to write there', '没有在该处写入的权限'],
    ENOSPC: ['the disk is full', '磁盘已满'],
    EDQUOT: ['the disk quota is used up', '磁盘配额已用完'],
    EROFS: ['the disk is read-only', '磁盘是只读的'],
    ENOENT: ['a folder on the path does not exist and cannot be made', '路径中的文件夹不存在且无法创建'],
    ENAMETOOLONG: ['the path is too long', '路径过长'],
    ELOOP: ['the path has a loop of symbolic links', '路径中的符号链接形成循环'],
  };
  const [en, zh] = why[c]!;
  return new CliError(`${head.en}: ${en} (${c}); nothing was written. Give another path with -o`, `${head.zh}：${zh}（${c}）；没有写入任何文件。请用 -o 另选路径`);
}

/**
 * Makes the output folder `dir` and its missing parents, one at a time (not Node's recursive
 * mkdir, which spins forever under /proc). Refuses, as a CliError, a path where a file is in the
 * way or a folder cannot be made. Returns the folders it made, outermost first.
 */
export async function ensureOutputDir(dir: string): Promise<string[]> {
  const abs = resolve(dir);
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    try {
      const st = await stat(p);
      if (!st.isDirectory()) throw Object.assign(new Error('not a directory'), { code: p === abs ? 'EEXIST' : 'ENOTDIR' });
      break;
    } catch (e) {
      const c = code(e);
      if (c === 'ENOENT' && dirname(p) !== p) {
        missing.unshift(p);
        p = dirname(p);
        continue;
      }
      throw outputFsError(e, dir, { en: 'to the folder', zh: '文件夹' }) ?? e;
    }
  }
  const made: string[] = [];
  for (const m of missing) {
    try {
      await mkdir(m);
      made.push(m);
    } catch (e) {
      if (code(e) === 'EEXIST' && (await stat(m).catch(() => null))?.isDirectory()) continue;
      await removeMadeDirs(made);
      throw outputFsError(e, dir, { en: 'to the folder', zh: '文件夹' }) ?? e;
    }
  }
  return made;
}

/** Removes folders ensureOutputDir made, innermost first, where they are still empty. */
export async function removeMadeDirs(made: readonly string[]): Promise<void> {
  for (const m of [...made].reverse()) await rmdir(m).catch(() => {});
}

/**
 * The one line (both languages) for an error the user can act on — bad input, an unusable file,
 * an output path that cannot be written — or null for anything else, which is a bug (exit 70).
 * Every command maps its errors through this, so they read the same everywhere.
 */
export function inputErrorLine(e: unknown): string | null {
  if (e instanceof CliError) return e.line;
  if (e instanceof IssueFileError) return issueFileErrorLine(e);
  if (e instanceof DocxImportError) return docxErrorLine(e);
  if (e instanceof TextImportError || e instanceof ExportInputError) return `${e.message} / ${e.messageZh}`;
  return null;
}
