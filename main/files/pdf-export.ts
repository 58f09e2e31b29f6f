// Export an issue to press PDFs: the I/O around renderer/pdf (fonts from the registry, images
// through sharp, ICC profiles, atomic writes) and the preflight gate.
//
//   resolve fonts -> lay out -> convert images -> preflight -> write PDF(s) -> write files
//
// Everything is async and reports progress, so the app can run it in a worker without blocking
// the UI. Caches (font metrics, converted images, font subsets) live in an ExportContext that the
// caller keeps between exports.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { layoutIssue, type FontProvider, type LayoutResult } from '../../renderer/engine/index';
import { engineFonts, type EngineFonts } from '../engine-fonts';
import type { AssetId, Issue } from '../../renderer/model/schema';
import { adLayout, fileNameFor, SubsetCache, writePdf, type OutputProfile, type PdfFontFace, type PdfImage, type PdfxLevel } from '../../renderer/pdf/index';
import { hasErrors, preflight, type AssetFacts, type Finding } from '../../renderer/preflight/index';
import { writeFileAtomic } from './atomic';
import { createFontRegistry, findProjectRoot, type FontRegistry } from './fonts';
import { builtinCmykProfile, convertForPress, pressPlan, type CmykPolicy, type PressImage } from './images';

/** The shipped generic CMYK profile (see assets/icc/README.md). */
export const GENERIC_PROFILE_FILE = 'assets/icc/vips-chemical-proof.icc';
/** Its description tag: the output intent's OutputCondition without the plant's profile. */
export const GENERIC_PROFILE_NAME = 'Chemical proof';

export interface OpenedForExport {
  issue: Issue;
  assets: ReadonlyMap<AssetId, Uint8Array>;
  missingAssets?: readonly AssetId[];
}

export interface ExportOptions {
  /** Folder the PDFs go to (created if missing). */
  outDir: string;
  /** One PDF for the whole selection instead of one per page. */
  singleFile?: boolean;
  /** Defaults come from issue.output. */
  pdfx?: PdfxLevel;
  bleedMm?: number;
  marks?: boolean;
  /** Printed page numbers (1-based) to export; default all. */
  pages?: readonly number[];
  /**
   * Ad-only export: the frame with this id (and the frames inside it) as one page the size of
   * the ad, with no bleed, marks or slug. Only findings on those frames can stop it.
   */
  ad?: string;
  /** Write even when preflight finds errors. */
  force?: boolean;
  /**
   * The plant's CMYK output profile: RGB images are separated with it and it is embedded as the
   * output intent. `name` is its description (main/files/icc.ts iccInfo), the OutputCondition.
   * Without it, both are the shipped generic profile and preflight warns ('generic-profile').
   */
  plantProfile?: { bytes: Uint8Array; name: string } | null;
  /** CMYK originals: keep their numbers (default) or convert the foreign-tagged ones (images.ts CmykPolicy). */
  cmykImages?: CmykPolicy;
  /** Creation time; default SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
  created?: Date;
  onProgress?: (done: number, total: number, message: string) => void;
}

export interface ExportResult {
  /** Absolute paths written (empty when preflight stopped the export). */
  written: string[];
  findings: Finding[];
  /** True when preflight errors stopped the export. */
  blocked: boolean;
  layout: LayoutResult;
}

/** An export option that does not fit the issue (e.g. an ad frame that does not exist). */
export class ExportInputError extends Error {
  override readonly name = 'ExportInputError';
  constructor(
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

/** Caches that make the second export in a process fast. Keep one per app / worker. */
export class ExportContext {
  readonly subsets = new SubsetCache();
  private readonly images = new Map<string, PressImage>();
  private generic: OutputProfile | null = null;

  constructor(readonly fonts: FontRegistry = createFontRegistry({ systemFontDirs: [] })) {}

  private engine: EngineFonts | null = null;

  /**
   * The engine's font provider over the registry: the same bridge the CLI and the app use
   * (substitution and per-character fallback), so an export measures exactly as the screen.
   */
  provider(): FontProvider {
    this.engine ??= engineFonts(this.fonts);
    return this.engine;
  }

  pdfFace(ps: string): PdfFontFace {
    const face = this.fonts.resolveFont(ps).face;
    return { postscriptName: face.postscriptName, font: face.font, fontId: face.fontId };
  }

  /**
   * Converts an image for press with the plant's profile, or (null) with the shipped generic
   * profile: libvips' built-in copy of it, byte for byte the file the PDF embeds as its output
   * intent (test/main/files/images.test.ts checks both the bytes and that converting with either
   * gives the same separations). CMYK originals keep their numbers unless `cmykImages` says.
   */
  async convert(id: string, bytes: Uint8Array, profile: Uint8Array | null, cmykImages: CmykPolicy = 'preserve'): Promise<PressImage> {
    const key = `${id}:${profile ? createHash('sha256').update(profile).digest('hex') : 'generic'}:${cmykImages}`;
    let c = this.images.get(key);
    if (!c) {
      c = await convertForPress(bytes, { cmykProfile: profile, cmykImages });
      this.images.set(key, c);
    }
    return c;
  }

  /**
   * The shipped generic profile, the output intent of every export without the plant's (PDF/X-1a
   * and X-4 alike): assets/icc/ under the project root the fonts come from (the packaged app
   * ships the folder there, electron-builder.yml), else libvips' built-in copy of it, the same
   * bytes (test/main/files/images.test.ts), so an export never fails for want of the file.
   */
  async genericProfile(): Promise<OutputProfile> {
    if (!this.generic) {
      const roots = [this.fonts.projectRoot, findProjectRoot()].filter((r): r is string => !!r);
      const file = roots.map((r) => join(r, GENERIC_PROFILE_FILE)).find((f) => existsSync(f));
      const bytes = file ? new Uint8Array(await readFile(file)) : await builtinCmykProfile();
      this.generic = { bytes, description: GENERIC_PROFILE_NAME, fromPlant: false };
    }
    return this.generic;
  }
}

/** Node's zlib at the default level 6: the same format as fflate's, 3-5x faster here. */
const nativeDeflate = (b: Uint8Array): Uint8Array => {
  const out = deflateSync(b);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};

function createdFrom(opt: Date | undefined): Date {
  if (opt) return opt;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

export interface CheckResult {
  layout: LayoutResult;
  findings: Finding[];
  assetFacts: Map<string, AssetFacts>;
}

/**
 * Lay out and preflight. `convert` true converts images (export); false reads only their facts
 * (the `preflight` command, live checks), so RGB originals are not errors before conversion.
 */
export async function checkIssue(opened: OpenedForExport, ctx: ExportContext, opts: { pdfx?: PdfxLevel; plantProfile?: Uint8Array | null; cmykImages?: CmykPolicy; convert?: boolean; onProgress?: ExportOptions['onProgress'] } = {}): Promise<CheckResult & { images: Map<string, PdfImage> }> {
  const { issue } = opened;
  const layout = layoutIssue(issue, ctx.provider());
  const assetFacts = new Map<string, AssetFacts>();
  const images = new Map<string, PdfImage>();
  const used = new Set<string>();
  for (const p of layout.pages) for (const f of p.frames) for (const s of f.shapes) if (s.type === 'image' && s.assetId) used.add(s.assetId);
  let done = 0;
  for (const id of [...used].sort()) {
    const bytes = opened.assets.get(id as AssetId);
    const meta = issue.assets.find((a) => a.id === id);
    if (!bytes || !meta) {
      assetFacts.set(id, { present: false, width: 0, height: 0, space: 'other' });
      continue;
    }
    const cmykImages = opts.cmykImages ?? 'preserve';
    if (opts.convert) {
      const c = await ctx.convert(id, bytes, opts.plantProfile ?? null, cmykImages);
      images.set(id, c);
      assetFacts.set(id, { present: true, width: c.source.width, height: c.source.height, space: c.source.space, converted: c.colorSpace, maxTac: c.maxTac, ...foreign(c) });
    } else {
      const p = await pressPlan(bytes, { cmykProfile: opts.plantProfile ?? null, cmykImages });
      assetFacts.set(id, { present: true, width: p.source.width, height: p.source.height, space: p.source.space, ...foreign(p) });
    }
    opts.onProgress?.(++done, used.size, `image ${meta.name}`);
  }
  const missingFonts = ctx.fonts.fontWarningsFor(issue).map((w) => ({ requested: w.requested, substitute: w.substitute }));
  const findings = preflight({
    issue,
    layout,
    assets: assetFacts,
    missingFonts,
    ...(opts.pdfx ? { target: { pdfx: opts.pdfx, plantProfile: !!opts.plantProfile } } : {}),
  });
  return { layout, findings, assetFacts, images };
}

const foreign = (p: { route: string; foreignProfile: string | null }): Partial<Pick<AssetFacts, 'foreignProfile'>> =>
  p.foreignProfile === null ? {} : { foreignProfile: { name: p.foreignProfile, converted: p.route === 'cmyk-converted' } };

/** Preflight, then write the PDFs unless errors stop it (or `force`). */
export async function exportIssue(opened: OpenedForExport, opts: ExportOptions, ctx: ExportContext = new ExportContext()): Promise<ExportResult> {
  const { issue } = opened;
  const pdfx = opts.pdfx ?? issue.output.pdfx;
  const plant = opts.plantProfile ?? null;
  const check = await checkIssue(opened, ctx, { pdfx, plantProfile: plant?.bytes ?? null, cmykImages: opts.cmykImages ?? 'preserve', convert: true, ...(opts.onProgress ? { onProgress: (d: number, t: number, m: string) => opts.onProgress!(d, t, m) } : {}) });
  let layout = check.layout;
  let findings = check.findings;
  let adName: string | null = null;
  if (opts.ad) {
    const ad = adLayout(check.layout, opts.ad);
    if (!ad) throw new ExportInputError(`there is no frame "${opts.ad}" to export as an ad: give the id of a frame (banmian layout --json lists them)`, `没有编号为“${opts.ad}”的图框可作为广告导出：请给出图框编号（banmian layout --json 可列出）`);
    layout = ad.layout;
    const members = new Set(ad.frameIds);
    // the ad's own frames, and the output profile, which is the ad file's as much as any other's
    findings = check.findings.filter((f) => (f.frameId !== undefined && f.frameId !== null && members.has(f.frameId)) || f.code === 'generic-profile');
    adName = `${issue.meta.paper}-${issue.meta.date}-ad-${opts.ad}.pdf`.replace(/[\\/:*?"<>|]/g, '_');
  }
  const blocked = hasErrors(findings) && !opts.force;
  if (blocked) return { written: [], findings, blocked, layout };

  const pageIndices = opts.pages ? opts.pages.map((n) => n - 1).filter((i) => i >= 0 && i < check.layout.pages.length) : undefined;
  // The profile the RGB images were separated with, for PDF/X-1a and X-4 alike (pdfx.ts outputIntentText).
  const outputProfile: OutputProfile = plant ? { bytes: plant.bytes, description: plant.name, fromPlant: true } : await ctx.genericProfile();
  const created = createdFrom(opts.created);
  const files = await writePdf(
    layout,
    {
      pdfx,
      // an ad's edge is its trim: no bleed, no marks, no slug
      bleedMm: adName ? 0 : (opts.bleedMm ?? issue.output.bleedMm),
      marks: adName ? false : (opts.marks ?? issue.output.marks),
      ...(pageIndices && !adName ? { pages: pageIndices } : {}),
      split: opts.singleFile ? 'single' : 'pages',
      title: `${issue.meta.paper} ${issue.meta.date}`,
      paper: issue.meta.paper,
      issueDate: issue.meta.date,
      created,
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    },
    { font: (ps) => ctx.pdfFace(ps), image: (id) => check.images.get(id) ?? null, outputProfile, deflate: nativeDeflate },
    ctx.subsets,
  );
  const dir = resolve(opts.outDir);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    // One file for the whole issue is "-all"; one for some pages (--pages) is named by them.
    const whole = f.pages.length === layout.pages.length;
    const name = adName ?? fileNameFor(issue.output.fileNamePattern, issue.meta, opts.singleFile ? (f.pages.length === 1 ? f.pages[0]! : whole ? null : f.pages) : f.pages[0]!);
    const path = join(dir, name);
    await writeFileAtomic(path, f.bytes);
    written.push(path);
  }
  return { written, findings, blocked: false, layout };
}
