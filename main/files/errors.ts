// Errors and warnings of the issue file (.banmian) layer.
//
// Every failure to open or save an issue becomes one IssueFileError: a stable `code` that the
// CLI and UI branch on, the file path, and a message in English and in Chinese that says what
// went wrong and what the user can do about it. The CLI prints `message` and exits 2; the UI
// shows `messageZh` and `message`. Schema violations also carry the list of problems with their
// paths into issue.json (pages[2].frames[5].columns: ...).
import type { AssetId, ModelProblem } from '../../renderer/model';

export type IssueFileErrorCode =
  /** The bytes are not a zip archive at all (or the file is empty). */
  | 'not-a-zip'
  /** A zip archive whose end is missing: cut off while copying or downloading. */
  | 'truncated'
  /** A zip archive whose structure or checksums are inconsistent. */
  | 'corrupt'
  /** A zip feature Banmian never writes: encryption, multi-disk, Zip64, other compression. */
  | 'unsupported'
  /** An entry name with `..`, an absolute path, a backslash or a drive letter. */
  | 'unsafe-path'
  /** The same entry name twice, so it is ambiguous which one is meant. */
  | 'duplicate-entry'
  | 'no-issue-json'
  | 'bad-json'
  /** issue.json breaks the schema; `problems` lists them with paths. */
  | 'invalid'
  | 'newer-version'
  | 'not-an-issue'
  /** Over the size limits (zip bombs included). */
  | 'too-large'
  /** An image Banmian cannot place (addAsset). */
  | 'bad-image'
  | 'not-found'
  | 'io'
  | 'disk-full'
  | 'permission';

interface Wording {
  /** Short title, e.g. "Not a Banmian issue". */
  title: string;
  titleZh: string;
  /** What to do, one sentence. */
  todo: string;
  todoZh: string;
}

const RESTORE = {
  todo: 'Open the backup copy (the same name ending in .bak) if there is one, or ask the sender for the file again.',
  todoZh: '如有备份（同名、以 .bak 结尾的文件），请打开备份；否则请向发送者重新索取文件。',
};
const FOREIGN = {
  todo: 'Banmian did not open it and wrote nothing; open a .banmian file saved by Banmian, or ask the sender for the original.',
  todoZh: '版面没有打开它，也没有写入任何文件；请打开由版面保存的 .banmian 文件，或向发送者索取原文件。',
};

const WORDING: Record<IssueFileErrorCode, Wording> = {
  'not-a-zip': {
    title: 'Not a Banmian issue',
    titleZh: '不是版面文件',
    todo: 'Open a .banmian file saved by Banmian, or import text with File > Import.',
    todoZh: '请打开由版面保存的 .banmian 文件，或用“文件 > 导入”导入文字。',
  },
  truncated: {
    title: 'The file is incomplete',
    titleZh: '文件不完整',
    todo: 'It was probably cut off while copying or downloading: copy it again from where it came from, or open the backup copy (.bak).',
    todoZh: '文件可能在复制或下载时被截断：请从原处重新复制，或打开备份文件（.bak）。',
  },
  corrupt: { title: 'The file is damaged', titleZh: '文件已损坏', ...RESTORE },
  unsupported: {
    title: 'Unsupported zip archive',
    titleZh: '不支持的压缩格式',
    todo: 'Save the issue again from Banmian; do not encrypt or repack .banmian files with other zip tools.',
    todoZh: '请用版面重新保存；不要用其他压缩工具加密或重新打包 .banmian 文件。',
  },
  'unsafe-path': { title: 'Unsafe file refused', titleZh: '已拒绝不安全的文件', ...FOREIGN },
  'duplicate-entry': { title: 'The file is damaged', titleZh: '文件已损坏', ...FOREIGN },
  'no-issue-json': {
    title: 'Not a Banmian issue',
    titleZh: '不是版面文件',
    todo: 'Open a .banmian file saved by Banmian; other zip archives cannot be opened (import text with File > Import).',
    todoZh: '请打开由版面保存的 .banmian 文件；其他 zip 压缩包无法打开（文字请用“文件 > 导入”）。',
  },
  'bad-json': {
    title: 'The issue data is damaged',
    titleZh: '版面数据已损坏',
    todo: 'Open the backup copy (.bak); if issue.json was edited by hand, fix it at the position given.',
    todoZh: '请打开备份文件（.bak）；如果手工编辑过 issue.json，请在所示位置修正。',
  },
  invalid: {
    title: 'The issue data is invalid',
    titleZh: '版面数据无效',
    todo: 'Open the backup copy (.bak); if issue.json was edited by hand, correct the fields named.',
    todoZh: '请打开备份文件（.bak）；如果手工编辑过 issue.json，请修正所列字段。',
  },
  'newer-version': {
    title: 'Made by a newer Banmian',
    titleZh: '由更新版本的版面保存',
    todo: 'Update Banmian to open it; the file has not been changed.',
    todoZh: '请升级版面后再打开；文件没有被改动。',
  },
  'not-an-issue': {
    title: 'Not a Banmian issue',
    titleZh: '不是版面文件',
    todo: 'Open a .banmian file saved by Banmian.',
    todoZh: '请打开由版面保存的 .banmian 文件。',
  },
  'too-large': {
    title: 'The file is too large',
    titleZh: '文件过大',
    todo: 'It is probably damaged or malicious and was not opened; if it is a real issue, reduce the image sizes or split it into several issues.',
    todoZh: '文件可能已损坏或带有恶意，未被打开；如果确是版面文件，请缩小图片或拆分为多期。',
  },
  'bad-image': {
    title: 'Cannot place the image',
    titleZh: '无法置入图片',
    todo: 'Convert it to JPEG, PNG or TIFF and place it again.',
    todoZh: '请转换为 JPEG、PNG 或 TIFF 格式后重新置入。',
  },
  'not-found': {
    title: 'File not found',
    titleZh: '找不到文件',
    todo: 'Check the name and folder; the file may have been moved or renamed.',
    todoZh: '请检查文件名和文件夹；文件可能已被移动或改名。',
  },
  io: {
    title: 'Read or write failed',
    titleZh: '读写失败',
    todo: 'Check that the drive is still connected and try again, or choose another folder (File > Save As).',
    todoZh: '请检查磁盘是否仍然连接并重试，或另选文件夹（“文件 > 另存为”）。',
  },
  'disk-full': {
    title: 'The disk is full',
    titleZh: '磁盘已满',
    todo: 'Free some space on the drive, or save to another folder (File > Save As).',
    todoZh: '请清理磁盘空间，或保存到其他文件夹（“文件 > 另存为”）。',
  },
  permission: {
    title: 'No permission',
    titleZh: '没有权限',
    todo: 'Choose another folder (File > Save As), or ask for write access to this one.',
    todoZh: '请另选文件夹（“文件 > 另存为”），或申请此文件夹的写入权限。',
  },
};

/** How many schema problems the one-line message quotes; all of them are in `problems`. */
const PROBLEMS_IN_MESSAGE = 3;

export interface IssueFileErrorInit {
  /** The file concerned, as the user named it; undefined when reading bytes with no name. */
  path?: string | undefined;
  /** What is wrong, in English, without the title or the advice (e.g. `"a.zip" is not a zip archive`). */
  detail: string;
  /** The same in Chinese. */
  detailZh: string;
  problems?: readonly ModelProblem[];
  /** Replaces the code's standard advice when the situation calls for a better one. */
  todo?: string;
  todoZh?: string;
  cause?: unknown;
}

export class IssueFileError extends Error {
  override readonly name = 'IssueFileError';
  readonly code: IssueFileErrorCode;
  readonly path: string | undefined;
  /** The message in Chinese; `message` is the English one-liner the CLI prints. */
  readonly messageZh: string;
  /** Schema problems with paths into issue.json (code 'invalid'); empty otherwise. */
  readonly problems: readonly ModelProblem[];
  /** The advice the messages end with (English, Chinese), so that the CLI can give its own. */
  readonly todo: string;
  readonly todoZh: string;

  constructor(code: IssueFileErrorCode, init: IssueFileErrorInit) {
    const w = WORDING[code];
    const problems = init.problems ?? [];
    const quoted = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `${p.path}: ${p.message}`);
    const more = problems.length > PROBLEMS_IN_MESSAGE ? problems.length - PROBLEMS_IN_MESSAGE : 0;
    const list = quoted.length ? ` (${quoted.join('; ')}${more ? `; and ${more} more` : ''})` : '';
    const listZh = quoted.length ? `（${quoted.join('；')}${more ? `；另有 ${more} 处` : ''}）` : '';
    super(`${w.title}: ${init.detail}${list}. ${init.todo ?? w.todo}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.path = init.path;
    this.problems = problems;
    this.messageZh = `${w.titleZh}：${init.detailZh}${listZh}。${init.todoZh ?? w.todoZh}`;
    this.todo = init.todo ?? w.todo;
    this.todoZh = init.todoZh ?? w.todoZh;
  }
}

export function isIssueFileError(e: unknown): e is IssueFileError {
  return e instanceof IssueFileError;
}

/** The file as messages name it: quoted path, or a neutral phrase when there is none. */
export function fileLabel(path: string | undefined): { en: string; zh: string } {
  return path ? { en: `"${path}"`, zh: `“${path}”` } : { en: 'the file', zh: '该文件' };
}

// ---------------------------------------------------------------------------------------------
// warnings: the issue opened, but something needs the user's attention

export type IssueFileWarningCode =
  /** An asset listed in issue.json has no bytes in the archive; the issue opens with a placeholder. */
  | 'missing-asset'
  /** An asset's bytes fail their checksum or do not hash to their id; treated as missing. */
  | 'damaged-asset'
  /** Image bytes in the archive that issue.json does not list; ignored and not saved again. */
  | 'unlisted-asset'
  /** An archive entry Banmian does not know; ignored and not saved again. */
  | 'unknown-entry'
  /** The file was in an older format version and was upgraded in memory. */
  | 'migrated'
  /**
   * An image with an EXIF orientation that turns it a quarter (5-8) was recorded with its stored,
   * unturned size by a Banmian that did not read orientation; the size was corrected on opening.
   */
  | 'asset-size-corrected';

export interface IssueFileWarning {
  code: IssueFileWarningCode;
  message: string;
  messageZh: string;
  assetId?: AssetId;
  /** The archive entry concerned, if any. */
  entry?: string;
}

// ---------------------------------------------------------------------------------------------
// file-system errors

/** The errno-style code of a Node file-system error, if any. */
export function errnoCode(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/**
 * Turns a file-system error into an IssueFileError. `op` says what we were doing, for the
 * message: 'open' an issue, or 'save' one (a failed save always leaves the previous file as it
 * was, and the message says so; `existed` false when there was no previous file, and the message
 * then says nothing was written).
 */
export function fromFsError(e: unknown, path: string, op: 'open' | 'save', folder?: string, existed = true): IssueFileError {
  if (e instanceof IssueFileError) return e;
  const code = errnoCode(e) ?? 'EIO';
  const f = fileLabel(path);
  const verb = op === 'open' ? { en: `Could not open ${f.en}`, zh: `无法打开${f.zh}` } : { en: `Could not save ${f.en}`, zh: `无法保存${f.zh}` };
  // `existed` false: there was no previous version to keep, so say that nothing was written.
  const kept =
    op !== 'save'
      ? { en: '', zh: '' }
      : existed
        ? { en: '; the previous version of the file is unchanged', zh: '；原有文件保持不变' }
        : { en: '; no file was written', zh: '；没有写入任何文件' };
  const where = folder ? { en: `the folder "${folder}"`, zh: `文件夹“${folder}”` } : { en: 'its folder', zh: '其所在文件夹' };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new IssueFileError('disk-full', {
        path,
        detail: `${verb.en}: there is no space left on the disk (${code})${kept.en}`,
        detailZh: `${verb.zh}：磁盘空间不足（${code}）${kept.zh}`,
        cause: e,
      });
    case 'EACCES':
    case 'EPERM':
      return new IssueFileError('permission', {
        path,
        detail: `${verb.en}: no permission to ${op === 'open' ? 'read it' : `write in ${where.en}`} (${code})${kept.en}`,
        detailZh: `${verb.zh}：没有${op === 'open' ? '读取' : `写入${where.zh}的`}权限（${code}）${kept.zh}`,
        cause: e,
      });
    case 'EROFS':
      return new IssueFileError('permission', {
        path,
        detail: `${verb.en}: ${where.en} is on a read-only disk (${code})${kept.en}`,
        detailZh: `${verb.zh}：${where.zh}位于只读磁盘上（${code}）${kept.zh}`,
        cause: e,
      });
    case 'ENOENT':
      if (op === 'open') {
        return new IssueFileError('not-found', { path, detail: `${f.en} does not exist`, detailZh: `${f.zh}不存在`, cause: e });
      }
      return new IssueFileError('io', {
        path,
        detail: `${verb.en}: ${where.en} does not exist or was removed during the save (${code})${kept.en}`,
        detailZh: `${verb.zh}：${where.zh}不存在或在保存时被删除（${code}）${kept.zh}`,
        cause: e,
      });
    case 'EISDIR':
      return new IssueFileError('io', {
        path,
        detail: `${verb.en}: it is a folder, not a file (${code})${kept.en}`,
        detailZh: `${verb.zh}：这是一个文件夹而不是文件（${code}）${kept.zh}`,
        todo: 'Choose a file name ending in .banmian.',
        todoZh: '请选择以 .banmian 结尾的文件名。',
        cause: e,
      });
    default: {
      const why = e instanceof Error ? e.message : String(e);
      return new IssueFileError('io', {
        path,
        detail: `${verb.en}: ${why} (${code})${kept.en}`,
        detailZh: `${verb.zh}：${why}（${code}）${kept.zh}`,
        cause: e,
      });
    }
  }
}
