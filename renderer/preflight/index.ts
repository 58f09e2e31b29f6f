// Preflight: one pure check of an issue and its layout before it goes to press, used live by the
// app and by `banmian preflight` / `banmian export`. No I/O: what the file system knows (asset
// pixels and colour spaces, which fonts could be loaded) comes in as data.
//
// Errors stop an export unless forced; warnings do not. Every finding names its page (1-based)
// and frame where it has one, and says what is wrong in English and Chinese.
import type { FrameLayout, LayoutResult, Shape, Fill } from '../engine/types';
import type { Issue, Swatch, SwatchId } from '../model/schema';
import { typeArea } from '../model/grid';

export type Severity = 'error' | 'warning';

export type FindingCode =
  | 'overset'
  | 'missing-font'
  | 'missing-image'
  | 'rgb-image'
  | 'swatch-over-tac'
  | 'image-over-tac'
  | 'text-too-small'
  | 'image-low-res'
  | 'small-solid-type'
  | 'small-screened-type'
  | 'thin-line'
  | 'in-margin'
  | 'empty-frame'
  | 'lost-glyph'
  | 'generic-profile'
  | 'cmyk-other-profile';

export interface Fix {
  description: string;
  descriptionZh: string;
  /** The mechanical change; returns a new issue (the input is not modified). */
  apply(issue: Issue): Issue;
}

export interface Finding {
  severity: Severity;
  code: FindingCode;
  /** Printed page number (1-based), or null for the whole issue. */
  page: number | null;
  frameId: string | null;
  message: string;
  messageZh: string;
  /** An automatic repair, where one is mechanical. Functions do not survive JSON. */
  fix?: Fix;
}

/** What main/ knows about an asset. */
export interface AssetFacts {
  /** False when the file is not in the issue or is damaged. */
  present: boolean;
  width: number;
  height: number;
  /** Colour space of the original. */
  space: 'rgb' | 'cmyk' | 'gray' | 'other';
  /** Colour space after press conversion, when it has been converted (export); else undefined. */
  converted?: 'cmyk' | 'gray' | 'rgb' | 'other';
  /**
   * Highest total area coverage (C+M+Y+K, percent) of the CMYK numbers the PDF embeds (a CMYK
   * original's own numbers when they are kept), when known.
   */
  maxTac?: number;
  /**
   * A CMYK original tagged with an ICC profile other than the output profile: that profile's
   * name, and whether it was converted to the output profile (asked for) or keeps its numbers.
   */
  foreignProfile?: { name: string; converted: boolean };
}

export interface PreflightInput {
  issue: Issue;
  layout: LayoutResult;
  /** By asset id. An image frame whose asset is not here is "missing". */
  assets: ReadonlyMap<string, AssetFacts>;
  /** Fonts the issue asks for that could not be loaded (a substitute was used in layout). */
  missingFonts: readonly { requested: string; substitute: string }[];
  /**
   * The export about to run, if any: PDF/X level and whether the plant's profile was given
   * (without it, RGB images are separated with, and the output intent names, the shipped generic
   * profile, for either level).
   */
  target?: { pdfx: '1a' | '4'; plantProfile: boolean };
}

// Limits, with their reasons.
/** Type below 5 pt does not survive newsprint's dot gain at all: an error. */
const MIN_TEXT = 5;
/** One solid ink below 6 pt fills in on coldset newsprint. */
const MIN_SOLID = 6;
/** Type made of several inks or knocked out of a background: misregistration of ~0.1 mm closes
 *  serifs and counters below 10 pt. */
const MIN_SCREENED = 10;
/** Rules thinner than 0.25 pt break up on newsprint plates. */
const MIN_LINE = 0.25;
/** Effective resolution: 200 ppi is what an 85–100 lpi newspaper screen needs (2 x lpi); under
 *  150 pixels show. */
const PPI_WARN = 200;
const PPI_ERROR = 150;
/** Tolerance when comparing frame edges with the type area and trim, points. */
const EDGE_TOL = 0.5;
/** The mark the import leaves where a character was lost in copy (cleanup.ts "lost-glyph"). */
export const LOST_GLYPH = '□';

const tac = (f: { c: number; m: number; y: number; k: number }) => f.c + f.m + f.y + f.k;
const inks = (f: Fill) => [f.c, f.m, f.y, f.k].filter((v) => v > 0).length;

function find(severity: Severity, code: FindingCode, page: number | null, frameId: string | null, message: string, messageZh: string, fix?: Fix): Finding {
  return fix ? { severity, code, page, frameId, message, messageZh, fix } : { severity, code, page, frameId, message, messageZh };
}

/** Run every check. Findings come errors first, then by page and frame. */
export function preflight(input: PreflightInput): Finding[] {
  const { issue, layout } = input;
  const out: Finding[] = [];
  const frameById = new Map<string, { page: number; frame: FrameLayout }>();
  for (const p of layout.pages) for (const f of p.frames) if (!frameById.has(f.id)) frameById.set(f.id, { page: p.number, frame: f });

  // overset
  for (const s of layout.stories) {
    if (s.status !== 'overset') continue;
    const last = s.frames[s.frames.length - 1] ?? null;
    const at = last ? frameById.get(last) : undefined;
    out.push(find('error', 'overset', at?.page ?? null, last, `Story "${s.name}" is overset: ${s.overChars} characters (${s.overLines} lines) do not fit.`, `稿件“${s.name}”超版：${s.overChars} 字（${s.overLines} 行）排不下。`));
  }

  // fonts
  for (const m of input.missingFonts) {
    out.push(find('error', 'missing-font', null, null, `Font ${m.requested} is not installed; ${m.substitute} was used in its place.`, `缺少字体 ${m.requested}，已用 ${m.substitute} 代替。`));
  }

  // swatches over TAC, per swatch used, at its first use
  const limit = issue.output.tacLimit;
  const swatchUse = new Map<string, { page: number; frame: string }>();
  const textFills: { fill: Fill; size: number; page: number; frame: string }[] = [];

  for (const p of layout.pages) {
    for (const f of p.frames) {
      const noteFill = (fill: Fill | null) => {
        if (fill && !swatchUse.has(fill.swatch)) swatchUse.set(fill.swatch, { page: p.number, frame: f.id });
      };
      for (const s of f.shapes) {
        checkShape(s, p.number, f, input, out);
        if (s.type === 'line' || s.type === 'qr') noteFill(s.color);
        if (s.type === 'rect') {
          noteFill(s.fill);
          noteFill(s.stroke);
        }
      }
      for (const l of f.lines) for (const r of l.runs) {
        noteFill(r.fill);
        textFills.push({ fill: r.fill, size: r.size, page: p.number, frame: f.id });
      }
      checkFrame(issue, p.number, f, out);
    }
  }
  for (const [id, at] of swatchUse) {
    const sw = issue.swatches.find((s) => s.id === id);
    if (!sw || tac(sw) <= limit) continue;
    const legal = nearestLegal(sw, limit);
    out.push(
      find('error', 'swatch-over-tac', at.page, at.frame, `Swatch "${sw.name}" has ${tac(sw)}% total ink, over the ${limit}% limit.`, `色板“${sw.name}”总墨量 ${tac(sw)}%，超过 ${limit}% 上限。`, {
        description: `Change "${sw.name}" to C${legal.c} M${legal.m} Y${legal.y} K${legal.k} (${tac(legal)}%).`,
        descriptionZh: `将“${sw.name}”改为 C${legal.c} M${legal.m} Y${legal.y} K${legal.k}（${tac(legal)}%）。`,
        apply: (iss) => ({ ...iss, swatches: iss.swatches.map((s) => (s.id === sw.id ? { ...s, ...legal } : s)) }),
      }),
    );
  }

  // type size and colour, once per (frame, size, colour)
  const seen = new Set<string>();
  for (const t of textFills) {
    const key = `${t.frame}|${t.size}|${t.fill.swatch}|${t.fill.c},${t.fill.m},${t.fill.y},${t.fill.k}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const n = inks(t.fill);
    const solid = n === 1 && Math.max(t.fill.c, t.fill.m, t.fill.y, t.fill.k) >= 100;
    if (t.size < MIN_TEXT) {
      out.push(find('error', 'text-too-small', t.page, t.frame, `Text at ${t.size} pt is under ${MIN_TEXT} pt.`, `文字 ${t.size} 点小于 ${MIN_TEXT} 点。`));
    } else if (solid && t.size < MIN_SOLID) {
      out.push(find('warning', 'small-solid-type', t.page, t.frame, `Text at ${t.size} pt in one solid ink is under ${MIN_SOLID} pt.`, `单色实地文字 ${t.size} 点，小于 ${MIN_SOLID} 点。`));
    } else if (!solid && t.size < MIN_SCREENED) {
      const white = n === 0;
      const richBlack = !white && t.fill.k >= 80 && t.fill.c + t.fill.m + t.fill.y > 0;
      out.push(
        find(
          'warning',
          'small-screened-type',
          t.page,
          t.frame,
          `${white ? 'White' : n > 1 ? 'Four-colour' : 'Tinted'} text at ${t.size} pt is under ${MIN_SCREENED} pt.`,
          `${white ? '反白' : n > 1 ? '四色' : '网点'}文字 ${t.size} 点，小于 ${MIN_SCREENED} 点。`,
          richBlack ? blackTextFix(t.fill.swatch) : undefined,
        ),
      );
    }
  }

  // lost glyphs in story text
  for (const s of issue.stories) {
    const n = s.paragraphs.reduce((a, p) => a + p.runs.reduce((b, r) => b + [...r.text].filter((c) => c === LOST_GLYPH).length, 0), 0);
    if (!n) continue;
    const fit = layout.stories.find((x) => x.storyId === s.id);
    const first = fit?.frames[0] ?? null;
    out.push(find('warning', 'lost-glyph', first ? frameById.get(first)?.page ?? null : null, first, `Story "${s.name}" has ${n} lost-character mark(s) ${LOST_GLYPH}: check the copy.`, `稿件“${s.name}”中有 ${n} 处缺字标记 ${LOST_GLYPH}，请核对原稿。`));
  }

  if (input.target && !input.target.plantProfile) {
    out.push(
      find(
        'warning',
        'generic-profile',
        null,
        null,
        `No ICC profile from the printing plant: RGB images are separated with Banmian's generic CMYK profile ("Chemical proof", a proofing condition, not newsprint) and the PDF/X-${input.target.pdfx} output intent names that profile. Ask the plant for its CMYK profile and give it: in the editor's export dialog (Plant colour profile: Choose…), or on the command line (banmian export --icc plant.icc).`,
        `未提供印厂的 ICC 特性文件：RGB 图片按版面自带的通用 CMYK 特性文件（“Chemical proof”，打样条件，并非新闻纸）分色，PDF/X-${input.target.pdfx} 的输出意图也注明该特性文件。请向印厂索取其 CMYK 特性文件并提供：在编辑器的导出对话框中设置（“印厂色彩配置”→“选择…”），或在命令行中给出（banmian export --icc 印厂.icc）。`,
      ),
    );
  }

  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || (a.page ?? 0) - (b.page ?? 0));
}

/**
 * How a finding names a frame for layout staff: by what it holds (the image's file name, the
 * story's name, the headline's words) with its id, since ids such as f3 mean nothing on their own.
 */
export function frameLabel(issue: Issue, f: FrameLayout, assetId?: string | null): string {
  const cut = (t: string) => (t.length > 16 ? `${t.slice(0, 15)}…` : t);
  let what = '';
  if (assetId) what = issue.assets.find((a) => a.id === assetId)?.name ?? '';
  else if (f.storyId) what = issue.stories.find((st) => st.id === f.storyId)?.name ?? '';
  if (!what && f.kind === 'headline') what = f.lines.map((l) => l.text).join('');
  what = cut(what.replace(/\s+/g, ' ').trim());
  return what ? `${f.id} “${what}”` : f.id;
}

function checkShape(s: Shape, page: number, f: FrameLayout, input: PreflightInput, out: Finding[]): void {
  if (s.type === 'line' && s.weight > 0 && s.weight < MIN_LINE) {
    out.push(find('warning', 'thin-line', page, f.id, `Line of ${s.weight} pt is under ${MIN_LINE} pt.`, `线宽 ${s.weight} 点，小于 ${MIN_LINE} 点。`));
  }
  if (s.type === 'rect' && s.stroke && s.strokeWeight > 0 && s.strokeWeight < MIN_LINE) {
    out.push(find('warning', 'thin-line', page, f.id, `Frame stroke of ${s.strokeWeight} pt is under ${MIN_LINE} pt.`, `边框线宽 ${s.strokeWeight} 点，小于 ${MIN_LINE} 点。`));
  }
  if (s.type !== 'image' || !s.assetId) return;
  const name = frameLabel(input.issue, f, s.assetId);
  const a = input.assets.get(s.assetId);
  const known = input.issue.assets.some((x) => x.id === s.assetId);
  if (!a || !a.present || !known) {
    out.push(find('error', 'missing-image', page, f.id, `The image in frame ${name} is missing from the issue file.`, `图框 ${name} 的图片缺失。`));
    return;
  }
  if (a.converted === 'rgb' || a.converted === 'other') {
    out.push(find('error', 'rgb-image', page, f.id, `The image in frame ${name} is still ${a.converted.toUpperCase()} after conversion.`, `图框 ${name} 的图片转换后仍为 ${a.converted.toUpperCase()}。`));
  }
  const limit = input.issue.output.tacLimit;
  if (a.maxTac !== undefined && a.maxTac > limit + 0.5) {
    out.push(find('error', 'image-over-tac', page, f.id, `The image in frame ${name} reaches ${Math.round(a.maxTac)}% total ink, over the ${limit}% limit.`, `图框 ${name} 的图片总墨量达 ${Math.round(a.maxTac)}%，超过 ${limit}% 上限。`));
  }
  if (a.foreignProfile && !a.foreignProfile.converted) {
    const profile = a.foreignProfile.name;
    out.push(
      find(
        'warning',
        'cmyk-other-profile',
        page,
        f.id,
        `The CMYK image in frame ${name} was separated for another printing condition (its profile: "${profile}"); its numbers go to press unchanged. Ask the supplier for a newsprint version, or export with --convert-tagged-cmyk to convert it to the output profile.`,
        `图框 ${name} 的 CMYK 图片是按其他印刷条件分色的（其特性文件：“${profile}”），将按原数值付印。请向供稿方索取新闻纸版本，或导出时加 --convert-tagged-cmyk 转换到输出特性文件。`,
      ),
    );
  }
  if (s.ppi !== null && s.ppi < PPI_WARN) {
    const err = s.ppi < PPI_ERROR;
    const ppi = Math.round(s.ppi);
    out.push(find(err ? 'error' : 'warning', 'image-low-res', page, f.id, `The image in frame ${name} has ${ppi} ppi effective (needs ${PPI_WARN}).`, `图框 ${name} 的图片有效分辨率 ${ppi} ppi（需 ${PPI_WARN}）。`));
  }
}

/** Frames in the margin that stop short of the trim (meant neither to stay in the type area nor to bleed). */
function checkFrame(issue: Issue, page: number, f: FrameLayout, out: Finding[]): void {
  const name = frameLabel(issue, f);
  if (f.kind === 'text' && f.lines.length === 0) {
    out.push(find('warning', 'empty-frame', page, f.id, `Text frame ${name} is empty.`, `文字框 ${name} 是空的。`));
  }
  if (f.kind === 'headline' && f.lines.length === 0) {
    out.push(find('warning', 'empty-frame', page, f.id, `Headline frame ${name} is empty.`, `标题框 ${name} 是空的。`));
  }
  // Master furniture (folio, its rule) and mastheads live in the margin by design.
  if (f.fromMaster || f.kind === 'folio' || f.kind === 'masthead') return;
  const ta = typeArea(issue.grid);
  const W = issue.pageSize.width;
  const H = issue.pageSize.height;
  const sides: [boolean, boolean][] = [
    [f.x < ta.x - EDGE_TOL, f.x <= EDGE_TOL],
    [f.y < ta.y - EDGE_TOL, f.y <= EDGE_TOL],
    [f.x + f.width > ta.x + ta.width + EDGE_TOL, f.x + f.width >= W - EDGE_TOL],
    [f.y + f.height > ta.y + ta.height + EDGE_TOL, f.y + f.height >= H - EDGE_TOL],
  ];
  if (sides.some(([outside, bleeds]) => outside && !bleeds)) {
    out.push(find('warning', 'in-margin', page, f.id, `Frame ${name} reaches into the margin but not to the trim: keep it in the type area or extend it into the bleed.`, `图文框 ${name} 伸入页边但未到裁切线：请收回版心或延伸至出血。`));
  }
}

/**
 * The nearest swatch within the limit that keeps black: C, M and Y come down together (a grey
 * component moves to nothing), K only if CMY alone cannot make the difference.
 */
export function nearestLegal(sw: Pick<Swatch, 'c' | 'm' | 'y' | 'k'>, limit: number): { c: number; m: number; y: number; k: number } {
  const v = { c: sw.c, m: sw.m, y: sw.y, k: sw.k };
  let over = tac(v) - limit;
  // Lower the non-zero CMY inks equally; an ink that reaches 0 drops out and the rest continue.
  for (let guard = 0; over > 1e-9 && guard < 4; guard++) {
    const keys = (['c', 'm', 'y'] as const).filter((k) => v[k] > 0);
    if (!keys.length) break;
    const step = Math.min(over / keys.length, ...keys.map((k) => v[k]));
    for (const k of keys) v[k] -= step;
    over -= step * keys.length;
  }
  if (over > 1e-9) v.k = Math.max(0, v.k - over);
  // Whole percent, rounded down so the result stays legal.
  return { c: Math.floor(v.c), m: Math.floor(v.m), y: Math.floor(v.y), k: Math.floor(v.k) };
}

/** Four-colour black text -> 100% K: every style that sets text in `swatch` uses a pure-K swatch. */
function blackTextFix(swatch: string): Fix {
  return {
    description: 'Set this text in 100% K (overprinting black) instead of four-colour black.',
    descriptionZh: '将此四色黑文字改为单色黑（100% K，叠印）。',
    apply(issue) {
      let black = issue.swatches.find((s) => s.k === 100 && s.c === 0 && s.m === 0 && s.y === 0);
      let swatches = issue.swatches;
      if (!black) {
        black = { id: 'black-k100' as SwatchId, name: '黑 Black', c: 0, m: 0, y: 0, k: 100 };
        swatches = [...swatches, black];
      }
      const id = black.id;
      return {
        ...issue,
        swatches,
        paragraphStyles: issue.paragraphStyles.map((p) => (p.color === swatch ? { ...p, color: id } : p)),
        characterStyles: issue.characterStyles.map((c) => (c.color === swatch ? { ...c, color: id } : c)),
      };
    },
  };
}

/** True when any finding is an error (an export stops unless forced). */
export const hasErrors = (fs: readonly Finding[]): boolean => fs.some((f) => f.severity === 'error');

/** Findings without their fix functions, for JSON output and IPC. */
export function findingsJson(fs: readonly Finding[]): Array<Omit<Finding, 'fix'> & { fix?: { description: string; descriptionZh: string } }> {
  return fs.map(({ fix, ...f }) => (fix ? { ...f, fix: { description: fix.description, descriptionZh: fix.descriptionZh } } : f));
}
