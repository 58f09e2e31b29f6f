// The font registry used by the CLI, the app's main process and tests: it finds the bundled
// fonts of fonts/manifest.json, the fonts the user adds from files and the fonts in the system
// font folders, and turns the PostScript names an issue records into loaded faces (fontkit Font
// + bytes), substituting a bundled face, with a warning, for a font this computer does not have.
//
// Everything here is synchronous except the *Async scan, so the CLI stays simple; the app's main
// process calls scanSystemFontsAsync() once at start so the first lookup never blocks on a scan.
// Loaded files and faces are cached for the registry's lifetime (opening a 15 MB CJK font with
// fontkit costs ~20 ms, reading it a few ms).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as fontkit from 'fontkit';
import manifest from '../../fonts/manifest.json';
import type { Issue } from '../../renderer/model/schema';
import {
  readFontFileFaces,
  scanFontDirs,
  scanFontDirsAsync,
  systemFontDirs,
  type FontFileFace,
  type FontScan,
} from './fontScan';
import { extractFace, FontFileError } from './fontSfnt';
import { bundledFontFor, FONT_ROLES, ROLE_NAME_ZH, substituteFor, type FontRole } from './fontSubstitute';

export { buildCollection, extractFace, FontFileError, type FontFileProblem, type SfntFaceInfo } from './fontSfnt';
export { readFontFileFaces, scanFontDirs, scanFontDirsAsync, systemFontDirs, type FontFileFace, type FontScan, type SkippedFontFile } from './fontScan';
export { bundledFontFor, isBoldFontName, roleForFontName, substituteFor, type FontRole, type Substitution } from './fontSubstitute';

/** One entry of fonts/manifest.json "files". */
export interface ManifestFontFile {
  readonly postscriptName: string;
  readonly family: string;
  /** File name inside fonts/ (and inside the packaged app's resources/fonts/). */
  readonly file: string;
  /** Path under node_modules where npm install puts the file, or null when fonts/ holds it. */
  readonly npm: string | null;
  readonly license: string;
}

export const MANIFEST_FILES: readonly ManifestFontFile[] = manifest.files;

export interface FontRegistryOptions {
  /**
   * Folder searched first for the bundled files. The packaged app passes
   * join(process.resourcesPath, 'fonts').
   */
  fontsDir?: string;
  /**
   * The project root: the folder with fonts/manifest.json and node_modules. When omitted: the
   * BANMIAN_ROOT environment variable, else the nearest folder holding fonts/manifest.json
   * above this module, the running script or the working directory.
   */
  projectRoot?: string;
  /**
   * Folders scanned for the user's installed fonts; default systemFontDirs() of this platform.
   * Pass [] to use bundled and added fonts only (tests, reproducible CLI runs).
   */
  systemFontDirs?: readonly string[];
}

export type FontSource = 'bundled' | 'user' | 'system';

/** A face the registry knows about, not yet loaded. */
export interface FontInfo extends FontFileFace {
  /**
   * Stable id of the face: PostScript name + '#' + 12 hex digits of its table fingerprint. The
   * same font file gives the same id on every machine and run; two different versions of a font
   * with the same PostScript name get different ids. Safe as a CSS FontFace family name.
   */
  readonly fontId: string;
  readonly source: FontSource;
}

/** Where a bundled file of the manifest was found, or why it was not. */
export interface BundledFontStatus extends ManifestFontFile {
  /** The face when found; null when missing. */
  readonly found: FontInfo | null;
  /** Each place looked at, in search order, with why it was not used (empty when the first one was). */
  readonly tried: readonly string[];
  /** When missing: what is wrong and what to do, in English and Chinese; null when found. */
  readonly messageEn: string | null;
  readonly messageZh: string | null;
}

/** A face ready for layout and PDF output. */
export interface LoadedFont {
  readonly fontId: string;
  readonly postscriptName: string;
  readonly info: FontInfo;
  /** The fontkit face (inside a collection, the collection's face: fontkit subsets from it directly). */
  readonly font: fontkit.Font;
  /** The raw bytes of the file: the whole collection for a face inside a .ttc/.otc. */
  readonly fileBytes: Uint8Array;
  /** Position of the face in its file (0 for a plain .ttf/.otf). */
  readonly faceIndex: number;
  readonly path: string;
  /**
   * A standalone font of just this face: `fileBytes` for a plain font, extractFace() of the
   * collection otherwise (computed on first use, then kept). For FontFace registration in the
   * renderer, which cannot pick a face out of a collection.
   */
  faceBytes(): Uint8Array;
}

/** A font an issue asks for that this computer cannot provide, and what stands in for it. */
export interface FontWarning {
  /** The PostScript name the issue asks for. */
  readonly requested: string;
  /** PostScript name of the bundled face used instead. */
  readonly substitute: string;
  readonly messageEn: string;
  readonly messageZh: string;
  /** Names of the paragraph and character styles that use the font (fontWarningsFor only). */
  readonly usedBy: readonly string[];
}

export interface ResolvedFont {
  readonly face: LoadedFont;
  /** null when the requested font itself was loaded. */
  readonly warning: FontWarning | null;
}

/** Not one bundled font could be found: the installation is broken. Says what to do. */
export class BundledFontsMissingError extends Error {
  override readonly name = 'BundledFontsMissingError';
  readonly messageZh: string;
  constructor(status: readonly BundledFontStatus[], root: string | null) {
    // The first few places are enough to see what is wrong; every place is in bundledFonts().
    const looked = status.flatMap((s) => s.tried).slice(0, 6).join('; ');
    super(`No bundled font was found (looked at: ${looked}). ${advice(null, root).en}`);
    this.messageZh = `找不到任何随附字体（查找位置：${looked}）。${advice(null, root).zh}`;
  }
}

// ---------------------------------------------------------------------------------------------
// the project root and the bundled files

const hasManifest = (dir: string) => existsSync(join(dir, 'fonts', 'manifest.json'));

function findUp(start: string | null | undefined): string | null {
  if (!start) return null;
  let dir = resolve(start);
  for (;;) {
    if (hasManifest(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** See FontRegistryOptions.projectRoot. */
export function findProjectRoot(): string | null {
  const env = process.env.BANMIAN_ROOT;
  if (env && hasManifest(env)) return resolve(env);
  // __dirname exists in the CommonJS bundles (dist/cli.cjs, dist/main/main.cjs); under tsx
  // (ESM) it is undefined and the running script or the working directory lead to the root.
  const here = typeof __dirname === 'string' ? __dirname : null;
  const script = process.argv[1] ? dirname(process.argv[1]) : null;
  return findUp(here) ?? findUp(script) ?? findUp(process.cwd());
}

/** Where npm put a manifest file: package.json of its package resolved from `root`. */
function npmPath(root: string, npm: string): string | null {
  const parts = npm.split('/');
  const nameParts = parts[0]?.startsWith('@') ? 2 : 1;
  const pkg = parts.slice(0, nameParts).join('/');
  try {
    const pkgJson = createRequire(join(root, 'package.json')).resolve(`${pkg}/package.json`);
    return join(dirname(pkgJson), ...parts.slice(nameParts));
  } catch {
    return null;
  }
}

function advice(file: ManifestFontFile | null, root: string | null): { en: string; zh: string } {
  const where = root ? ` in ${root}` : '';
  const whereZh = root ? `（在 ${root} 中）` : '';
  if (file && !file.npm) {
    return {
      en: `fonts/${file.file} belongs to the Banmian sources: restore it (git checkout -- fonts/${file.file}) if you run from source, or reinstall Banmian.`,
      zh: `fonts/${file.file} 是版面源码的一部分：从源码运行时请恢复该文件（git checkout -- fonts/${file.file}），否则请重新安装版面。`,
    };
  }
  return {
    en: `If you run Banmian from source, run "npm install"${where}; otherwise reinstall Banmian.`,
    zh: `从源码运行时请${whereZh}执行“npm install”；否则请重新安装版面。`,
  };
}

const fontIdOf = (f: { postscriptName: string; fingerprint: string }) => `${f.postscriptName}#${f.fingerprint.slice(0, 12)}`;
const withId = (f: FontFileFace, source: FontSource): FontInfo => ({ ...f, fontId: fontIdOf(f), source });

function substituteLabel(ps: string): { en: string; zh: string } {
  const file = MANIFEST_FILES.find((f) => f.postscriptName === ps);
  // The role as the manifest assigns it; a name outside the manifest is described by the guess.
  const role = FONT_ROLES.find((r) => bundledFontFor(r, false) === ps || bundledFontFor(r, true) === ps) ?? substituteFor(ps).role;
  const bold = bundledFontFor(role, true) === ps && bundledFontFor(role, false) !== ps;
  const roleEn = { song: 'Song serif', hei: 'Hei sans', kai: 'Kai' }[role];
  return {
    en: `"${ps}" (${file?.family ?? ps}, ${roleEn}${bold ? ' bold' : ''})`,
    zh: `“${ps}”（${ROLE_NAME_ZH[role]}${bold ? '，粗' : ''}）`,
  };
}

// ---------------------------------------------------------------------------------------------
// the registry

export class FontRegistry {
  /** null when no folder with fonts/manifest.json was found (a packaged app using fontsDir only). */
  readonly projectRoot: string | null;
  readonly #fontsDir: string | null;
  readonly #systemDirs: readonly string[];
  #bundled: BundledFontStatus[] | null = null;
  readonly #user = new Map<string, FontInfo>();
  #scan: FontScan | null = null;
  #scanRunning: Promise<FontScan> | null = null;
  #systemByName: Map<string, FontInfo> | null = null;
  readonly #files = new Map<string, Buffer>();
  readonly #loaded = new Map<string, LoadedFont>();

  constructor(options: FontRegistryOptions = {}) {
    this.projectRoot = options.projectRoot ? resolve(options.projectRoot) : findProjectRoot();
    this.#fontsDir = options.fontsDir ? resolve(options.fontsDir) : null;
    this.#systemDirs = options.systemFontDirs ?? systemFontDirs();
  }

  // ---- bundled

  /**
   * Each file of the manifest with where it was found. Search order per file: (1) the fontsDir
   * option, (2) <projectRoot>/fonts/<file>, (3) the npm package's path resolved from
   * <projectRoot>/node_modules. A file counts as found only when it holds the manifest's
   * PostScript name. Computed once.
   */
  bundledFonts(): readonly BundledFontStatus[] {
    if (this.#bundled) return this.#bundled;
    const root = this.projectRoot;
    this.#bundled = MANIFEST_FILES.map((entry) => {
      const candidates: string[] = [];
      if (this.#fontsDir) candidates.push(join(this.#fontsDir, entry.file));
      if (root) candidates.push(join(root, 'fonts', entry.file));
      if (root && entry.npm) candidates.push(npmPath(root, entry.npm) ?? join(root, 'node_modules', ...entry.npm.split('/')));
      const tried: string[] = [];
      for (const path of [...new Set(candidates)]) {
        if (!existsSync(path)) {
          tried.push(`${path}: not there`);
          continue;
        }
        try {
          const face = readFontFileFaces(path).find((f) => f.postscriptName === entry.postscriptName);
          if (face) return { ...entry, found: withId(face, 'bundled'), tried, messageEn: null, messageZh: null };
          tried.push(`${path}: does not hold ${entry.postscriptName}`);
        } catch (e) {
          tried.push(`${path}: ${(e as Error).message}`);
        }
      }
      const todo = advice(entry, root);
      const lookedAt = candidates.length ? candidates.join(', ') : '(no folder to look in)';
      return {
        ...entry,
        found: null,
        tried,
        messageEn: `The bundled font ${entry.postscriptName} (${entry.file}) is missing; looked at ${lookedAt}. ${todo.en}`,
        messageZh: `缺少随附字体 ${entry.postscriptName}（${entry.file}）；查找位置：${lookedAt}。${todo.zh}`,
      };
    });
    return this.#bundled;
  }

  /** The bundled files that could not be found (empty when the installation is complete). */
  missingBundledFonts(): readonly BundledFontStatus[] {
    return this.bundledFonts().filter((b) => !b.found);
  }

  // ---- user fonts

  /**
   * The faces of a font file, so the UI can offer a choice for a collection (marked source
   * 'user'; nothing is added yet). Throws FontFileError (with messageZh) when the file cannot
   * be used.
   */
  listFontFileFaces(path: string): FontInfo[] {
    return readFontFileFaces(resolve(path)).map((f) => withId(f, 'user'));
  }

  /**
   * Adds a font the user owns, from a .ttf/.otf or one face of a .ttc/.otc chosen by index or by
   * PostScript name (required when a collection has more than one face). The face is opened
   * with fontkit before it is accepted. Added fonts take precedence over system fonts, not over
   * bundled ones (an issue set in a bundled font must print the same everywhere).
   */
  addFontFile(path: string, face?: number | string): FontInfo {
    const abs = resolve(path);
    const faces = this.listFontFileFaces(abs);
    const names = faces.map((f) => `${f.faceIndex}: ${f.postscriptName}`).join(', ');
    let chosen: FontInfo | undefined;
    if (face === undefined) {
      if (faces.length > 1) {
        throw new FontFileError(
          'no-face',
          `"${abs}" is a collection of ${faces.length} faces (${names}); choose one by index or PostScript name`,
          `“${abs}”包含 ${faces.length} 款字体（${names}），请选择其中一款`,
        );
      }
      chosen = faces[0];
    } else {
      chosen = typeof face === 'number' ? faces[face] : faces.find((f) => f.postscriptName === face);
    }
    if (!chosen) {
      throw new FontFileError('no-face', `"${abs}" has no face ${JSON.stringify(face)}; it holds ${names}`, `“${abs}”中没有“${String(face)}”，其中有：${names}`);
    }
    try {
      this.load(chosen);
    } catch (e) {
      throw new FontFileError('corrupt', `"${abs}" face ${chosen.faceIndex} (${chosen.postscriptName}) cannot be opened: ${(e as Error).message}`);
    }
    this.#user.set(chosen.fontId, chosen);
    return chosen;
  }

  removeUserFont(fontId: string): boolean {
    this.#loaded.delete(fontId);
    return this.#user.delete(fontId);
  }

  userFonts(): readonly FontInfo[] {
    return [...this.#user.values()];
  }

  // ---- system fonts

  /** Scans the system font folders once (synchronously) and keeps the result; `refresh` rescans. */
  scanSystemFonts(options: { refresh?: boolean } = {}): FontScan {
    if (this.#scan && !options.refresh) return this.#scan;
    this.#scanRunning = null; // a slower asynchronous scan still running must not overwrite this one
    this.#setScan(scanFontDirs(this.#systemDirs));
    return this.#scan!;
  }

  /** scanSystemFonts without blocking: the app's main process calls this at start. */
  scanSystemFontsAsync(options: { refresh?: boolean } = {}): Promise<FontScan> {
    if (this.#scan && !options.refresh) return Promise.resolve(this.#scan);
    if (!this.#scanRunning || options.refresh) {
      const running = scanFontDirsAsync(this.#systemDirs).then((scan) => {
        if (this.#scanRunning === running) {
          this.#setScan(scan);
          this.#scanRunning = null;
        }
        return scan;
      });
      this.#scanRunning = running;
    }
    return this.#scanRunning;
  }

  #setScan(scan: FontScan) {
    this.#scan = scan;
    this.#systemByName = new Map();
    for (const f of scan.faces) if (!this.#systemByName.has(f.postscriptName)) this.#systemByName.set(f.postscriptName, withId(f, 'system'));
  }

  /** Every face known: bundled, then added, then system (scanning if needed), one per fontId. */
  allFonts(): readonly FontInfo[] {
    this.scanSystemFonts();
    const out = new Map<string, FontInfo>();
    for (const b of this.bundledFonts()) if (b.found) out.set(b.found.fontId, b.found);
    for (const u of this.#user.values()) if (!out.has(u.fontId)) out.set(u.fontId, u);
    for (const s of this.#systemByName!.values()) if (!out.has(s.fontId)) out.set(s.fontId, s);
    return [...out.values()];
  }

  // ---- lookup and loading

  /**
   * The face this computer has for a PostScript name, or null. Precedence: bundled, added by the
   * user, system (the first folder of systemFontDirs wins). An exact match anywhere beats a
   * match that ignores case.
   */
  findFont(postscriptName: string): FontInfo | null {
    const lower = postscriptName.toLowerCase();
    const bundled = this.bundledFonts().flatMap((b) => (b.found ? [b.found] : []));
    const tiers = (): Array<Iterable<FontInfo>> => [bundled, this.#user.values(), this.#systemFaces()];
    for (const tier of tiers()) for (const f of tier) if (f.postscriptName === postscriptName) return f;
    for (const tier of tiers()) for (const f of tier) if (f.postscriptName.toLowerCase() === lower) return f;
    return null;
  }

  #systemFaces(): Iterable<FontInfo> {
    if (this.#systemDirs.length === 0) return [];
    this.scanSystemFonts();
    return this.#systemByName!.values();
  }

  /** Opens a face with fontkit (cached by fontId). Throws when fontkit cannot read it. */
  load(info: FontInfo): LoadedFont {
    const cached = this.#loaded.get(info.fontId);
    if (cached) return cached;
    let bytes = this.#files.get(info.path);
    if (!bytes) {
      bytes = readFileSync(info.path);
      this.#files.set(info.path, bytes);
    }
    let font: fontkit.Font | undefined;
    try {
      const opened = fontkit.create(bytes);
      font = 'fonts' in opened ? opened.fonts[info.faceIndex] : info.faceIndex === 0 ? opened : undefined;
      if (font) {
        // fontkit decodes tables lazily; touch the ones every layout needs (head, hhea, maxp,
        // cmap, hmtx) so a damaged font fails here, where it can be substituted, and not in
        // the middle of typesetting.
        void [font.unitsPerEm, font.ascent, font.numGlyphs, font.glyphForCodePoint(0x4e00).advanceWidth];
      }
    } catch (e) {
      throw new FontFileError('corrupt', `fontkit cannot read face ${info.faceIndex} of ${info.path}: ${(e as Error).message}`);
    }
    if (!font) throw new FontFileError('no-face', `${info.path} has no face ${info.faceIndex}`);
    const fileBytes: Uint8Array = bytes;
    let standalone: Uint8Array | null = info.faceCount === 1 ? fileBytes : null;
    const loaded: LoadedFont = {
      fontId: info.fontId,
      postscriptName: info.postscriptName,
      info,
      font,
      fileBytes,
      faceIndex: info.faceIndex,
      path: info.path,
      faceBytes: () => (standalone ??= extractFace(fileBytes, info.faceIndex)),
    };
    this.#loaded.set(info.fontId, loaded);
    return loaded;
  }

  /**
   * The face for a PostScript name an issue records. When this computer lacks it (or cannot
   * read it), a bundled face of the same role and weight stands in and `warning` says what to
   * do. Never throws for a missing font; throws BundledFontsMissingError only when not one
   * bundled font exists, since then nothing can be typeset.
   */
  resolveFont(postscriptName: string): ResolvedFont {
    const found = this.findFont(postscriptName);
    let unreadable: string | null = null;
    if (found) {
      try {
        return { face: this.load(found), warning: null };
      } catch (e) {
        unreadable = `${found.path}: ${(e as Error).message}`;
      }
    }
    const face = this.#loadSubstitute(postscriptName, found?.fontId);
    return { face, warning: this.#warning(postscriptName, face.postscriptName, { unreadable }) };
  }

  /**
   * The bundled faces that can stand in for `requested`, best first: its role and weight, the
   * role's other weight, then the other roles (when files of the installation are missing).
   */
  #substitutes(requested: string): FontInfo[] {
    const { role, bold } = substituteFor(requested);
    const order: Array<[FontRole, boolean]> = [
      [role, bold],
      [role, !bold],
      ...FONT_ROLES.filter((r) => r !== role).flatMap((r): Array<[FontRole, boolean]> => [[r, bold], [r, !bold]]),
    ];
    const out: FontInfo[] = [];
    for (const [r, b] of order) {
      const found = this.bundledFonts().find((s) => s.postscriptName === bundledFontFor(r, b))?.found;
      if (found && !out.includes(found)) out.push(found);
    }
    return out;
  }

  #loadSubstitute(requested: string, exclude?: string): LoadedFont {
    for (const info of this.#substitutes(requested)) {
      if (info.fontId === exclude) continue;
      try {
        return this.load(info);
      } catch {
        // a bundled file that fontkit cannot open: try the next one
      }
    }
    throw new BundledFontsMissingError(this.bundledFonts(), this.projectRoot);
  }

  #warning(requested: string, substitute: string, why: { unreadable?: string | null; usedBy?: readonly string[]; fileHint?: string }): FontWarning {
    const sub = substituteLabel(substitute);
    const bundled = this.bundledFonts().find((b) => b.postscriptName === requested && !b.found);
    let en: string;
    let zh: string;
    if (bundled) {
      const todo = advice(bundled, this.projectRoot);
      en = `The bundled font "${requested}" is missing, so ${sub.en} is used in its place. To fix: ${todo.en}`;
      zh = `随附字体“${requested}”缺失，已暂用${sub.zh}代替。解决办法：${todo.zh}`;
    } else if (why.unreadable) {
      en = `The font "${requested}" was found but cannot be read (${why.unreadable}), so ${sub.en} is used in its place; line breaks may change. To fix: reinstall the font, or choose another font in the style.`;
      zh = `找到了字体“${requested}”，但无法读取（${why.unreadable}），已暂用${sub.zh}代替，换行可能随之变化。解决办法：重新安装该字体，或在样式中改选其他字体。`;
    } else {
      en = `The font "${requested}" is not installed on this computer, so ${sub.en} is used in its place; line breaks may change. To fix: install the font and reopen the issue, or choose another font in the style.`;
      zh = `本机没有安装字体“${requested}”，已暂用${sub.zh}代替，换行可能随之变化。解决办法：安装该字体后重新打开本期，或在样式中改选其他字体。`;
    }
    if (why.fileHint) {
      en += ` The issue was made with the file "${why.fileHint}".`;
      zh += `排版时使用的字体文件是“${why.fileHint}”。`;
    }
    const usedBy = why.usedBy ?? [];
    if (usedBy.length) {
      en += ` Used by: ${usedBy.join(', ')}.`;
      zh += `使用该字体的样式：${usedBy.join('、')}。`;
    }
    return { requested, substitute, messageEn: en, messageZh: zh, usedBy };
  }

  /**
   * The fonts of an issue's paragraph and character styles that this computer lacks, each with
   * its substitute and the styles that use it, in the order the styles list them. Cheap: looks
   * names up, loads nothing. Never throws.
   */
  fontWarningsFor(issue: Pick<Issue, 'paragraphStyles' | 'characterStyles'> & Partial<Pick<Issue, 'fonts'>>): FontWarning[] {
    const uses = new Map<string, string[]>();
    const use = (font: string | undefined, style: string) => {
      if (!font) return;
      const list = uses.get(font) ?? [];
      if (!list.includes(style)) list.push(style);
      uses.set(font, list);
    };
    for (const s of issue.paragraphStyles) use(s.font, s.name || s.id);
    for (const s of issue.characterStyles ?? []) use(s.font, s.name || s.id);
    const warnings: FontWarning[] = [];
    for (const [requested, usedBy] of uses) {
      if (this.findFont(requested)) continue;
      const sub = this.#substitutes(requested)[0]?.postscriptName ?? substituteFor(requested).postscriptName;
      const fileHint = issue.fonts?.find((f) => f.postscriptName === requested)?.file || undefined;
      warnings.push(this.#warning(requested, sub, { usedBy, ...(fileHint ? { fileHint } : {}) }));
    }
    return warnings;
  }

  /** Drops loaded faces and file bytes (the scan and the bundled lookup are kept). */
  clearLoaded(): void {
    this.#loaded.clear();
    this.#files.clear();
  }
}

export function createFontRegistry(options: FontRegistryOptions = {}): FontRegistry {
  return new FontRegistry(options);
}
