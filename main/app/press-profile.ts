// The printing plant's CMYK output profile as an app setting: userData/press-settings.json.
// A layout workstation prints with one plant, so the profile belongs to the app, not to the
// issue file (no schema change). The setting holds the profile's path, its description (the
// name the export dialog shows and the output intent's OutputCondition) and the SHA-256 of the
// bytes that were checked when it was chosen. The file itself is read again for every export and
// every status query: a profile that went missing or stopped being a CMYK output profile fails
// the export (never a silent fall-back to the generic profile); one the plant replaced in place
// (other bytes, still valid) is used, and the stored name and hash follow it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import type { PlantProfileInfo } from '../ipc/contract';
import { IpcFailure, ipcError, type Logger } from '../ipc/handlers';
import { iccInfo } from '../files/icc';
import { writeJsonAtomic } from './json-file';

const Stored = z.object({
  path: z.string().min(1).max(4096),
  /** The profile's description tag (or its file name when it has none). */
  name: z.string().min(1).max(500),
  /** SHA-256 of the profile's bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type Stored = z.infer<typeof Stored>;

const SettingsJson = z.object({ version: z.literal(1), plantProfile: Stored.nullable() });

/** What an export embeds: the bytes and the name (OutputCondition), as main/files/pdf-export.ts takes them. */
export interface PlantProfile {
  bytes: Uint8Array;
  name: string;
}

export interface PressProfileStore {
  /** The chosen profile and whether its file can still be used; null when none is set. */
  get(): Promise<PlantProfileInfo | null>;
  /** Checks the file is a CMYK output profile (else IpcFailure 'bad-profile') and stores it. */
  choose(path: string): Promise<PlantProfileInfo>;
  clear(): Promise<void>;
  /**
   * For an export: the profile's bytes and name, or null when none is set. Throws IpcFailure
   * 'plant-profile-unavailable' when the set profile cannot be read or is no longer valid.
   */
  forExport(): Promise<PlantProfile | null>;
}

export interface PressProfileOptions {
  /** userData/press-settings.json */
  file: string;
  log?: Logger;
  /** Injected for tests; default fs.readFile. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

type Problem = { message: string; messageZh: string };

/**
 * The profile's name when the bytes are an ICC output (printer, 'prtr') profile for CMYK, else
 * why not, in both languages. Version 2 and 4 are both accepted; PDF/X-1a takes version 2 only,
 * which the export checks (main/app/export-job.ts), since the level is chosen per export.
 */
export function checkPlantProfile(bytes: Uint8Array, path: string): { name: string } | { problem: Problem } {
  const file = basename(path);
  const info = iccInfo(bytes);
  if (!info) {
    return { problem: { message: `"${file}" is not an ICC profile. Choose the .icc or .icm file the printing plant sent.`, messageZh: `“${file}”不是 ICC 特性文件。请选择印厂提供的 .icc 或 .icm 文件。` } };
  }
  if (info.colorSpace !== 'CMYK') {
    const cs = info.colorSpace.trim();
    return { problem: { message: `"${file}" is a profile for ${cs}; the plant's profile must be for CMYK. Ask the plant for its CMYK output profile.`, messageZh: `“${file}”是 ${cs} 特性文件；印厂特性文件必须是 CMYK 的。请向印厂索取其 CMYK 输出特性文件。` } };
  }
  if (info.deviceClass !== 'prtr') {
    return { problem: { message: `"${file}" is a "${info.deviceClass.trim()}" profile, not an output (printer) profile. Ask the plant for its CMYK output profile.`, messageZh: `“${file}”是“${info.deviceClass.trim()}”类特性文件，不是输出（印刷）特性文件。请向印厂索取其 CMYK 输出特性文件。` } };
  }
  return { name: info.description ?? file };
}

export function createPressProfileStore(opts: PressProfileOptions): PressProfileStore {
  const read = opts.readFile ?? (async (p: string) => new Uint8Array(await readFile(p)));
  // Serialise read-modify-write cycles (two windows choosing at once).
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const next = queue.then(f, f);
    queue = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<Stored | null> {
    let text: string;
    try {
      text = await readFile(opts.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') opts.log?.error(`banmian: ${opts.file} could not be read; no plant colour profile is set`, e);
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      opts.log?.error(`banmian: ${opts.file} is not JSON; no plant colour profile is set until one is chosen again`, e);
      return null;
    }
    const parsed = SettingsJson.safeParse(json);
    if (!parsed.success) {
      opts.log?.error(`banmian: ${opts.file} is not a Banmian press settings file (${parsed.error.issues[0]?.message ?? 'bad shape'}); no plant colour profile is set`);
      return null;
    }
    return parsed.data.plantProfile;
  }
  const save = (p: Stored | null) => writeJsonAtomic(opts.file, { version: 1, plantProfile: p });

  /** Reads and checks the stored profile's file; refreshes the stored name and hash when it was replaced. */
  async function resolveStored(s: Stored): Promise<{ info: PlantProfileInfo; bytes: Uint8Array | null }> {
    let bytes: Uint8Array;
    try {
      bytes = await read(s.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      const problem = {
        message: `The plant colour profile "${s.name}" cannot be read from ${s.path} (${code}): it was moved or deleted. Choose it again in the export dialog, or clear it.`,
        messageZh: `无法从 ${s.path} 读取印厂色彩配置“${s.name}”（${code}）：文件已被移动或删除。请在导出对话框中重新选择，或清除该设置。`,
      };
      return { info: { name: s.name, path: s.path, available: false, problem }, bytes: null };
    }
    const checked = checkPlantProfile(bytes, s.path);
    if ('problem' in checked) {
      const problem = {
        message: `The plant colour profile at ${s.path} can no longer be used: ${checked.problem.message}`,
        messageZh: `位于 ${s.path} 的印厂色彩配置已不能使用：${checked.problem.messageZh}`,
      };
      return { info: { name: s.name, path: s.path, available: false, problem }, bytes: null };
    }
    const hash = sha256(bytes);
    if (hash !== s.sha256 || checked.name !== s.name) {
      await save({ path: s.path, name: checked.name, sha256: hash }).catch((e: unknown) => opts.log?.error('banmian: the press settings could not be updated', e));
    }
    return { info: { name: checked.name, path: s.path, available: true, problem: null }, bytes };
  }

  return {
    get: () =>
      serial(async () => {
        const s = await load();
        return s ? (await resolveStored(s)).info : null;
      }),
    choose: (path) =>
      serial(async () => {
        const full = resolve(path);
        let bytes: Uint8Array;
        try {
          bytes = await read(full);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? String(e);
          throw new IpcFailure(ipcError('bad-profile', `${full} cannot be read (${code}). Choose another file.`, `无法读取 ${full}（${code}）。请选择其他文件。`));
        }
        const checked = checkPlantProfile(bytes, full);
        if ('problem' in checked) throw new IpcFailure(ipcError('bad-profile', checked.problem.message, checked.problem.messageZh));
        await save({ path: full, name: checked.name, sha256: sha256(bytes) });
        return { name: checked.name, path: full, available: true, problem: null };
      }),
    clear: () => serial(() => save(null)),
    forExport: () =>
      serial(async () => {
        const s = await load();
        if (!s) return null;
        const r = await resolveStored(s);
        if (!r.bytes) {
          const p = r.info.problem!;
          throw new IpcFailure(
            ipcError(
              'plant-profile-unavailable',
              `${p.message} Nothing was exported (Banmian does not fall back to the generic profile on its own).`,
              `${p.messageZh}未导出任何文件（版面不会自行改用通用特性文件）。`,
            ),
          );
        }
        return { bytes: r.bytes, name: r.info.name };
      }),
  };
}
