// What `banmian info` and `banmian layout` print: built from the same modules the app uses.
import { createLayoutSession, type LayoutResult } from '../renderer/engine';
import { storyChars } from '../renderer/model/from-text';
import { ptToMm } from '../renderer/model/units';
import type { Issue } from '../renderer/model/schema';
import type { OpenedIssue } from './files/issue-file';
import type { FontRegistry } from './files/fonts';
import { engineFonts } from './engine-fonts';

export interface InfoProblem {
  severity: 'error' | 'warning';
  code: 'missing-asset' | 'missing-font' | 'overset' | 'lost-glyph' | 'file';
  message: string;
  messageZh: string;
  /** Where: a story, frame or asset id, when there is one. */
  ref?: string;
}

export interface IssueInfo {
  format: { id: string; version: number };
  meta: Issue['meta'];
  pageSize: { preset: string; widthMm: number; heightMm: number };
  grid: Issue['grid'];
  pages: Array<{ number: number; id: string; section: string; frames: number; framesByKind: Record<string, number> }>;
  frames: { total: number; byKind: Record<string, number> };
  stories: Array<{ id: string; name: string; paragraphs: number; chars: number; frames: number; fit: string | null; status: string | null; lostGlyphs: number }>;
  fonts: Array<{ postscriptName: string; usedBy: string[]; status: 'ok' | 'substituted'; substitute?: string }>;
  assets: Array<{ id: string; name: string; mime: string; width: number; height: number; missing: boolean; bytes: number }>;
  problems: InfoProblem[];
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

/** Lays the issue out with the registry's fonts (substituting missing ones). */
export function layoutWithRegistry(issue: Issue, registry: FontRegistry): { result: LayoutResult; fonts: ReturnType<typeof engineFonts> } {
  const fonts = engineFonts(registry);
  const result = createLayoutSession(fonts).layout(issue);
  return { result, fonts };
}

export function layoutForCli(issue: Issue, registry: FontRegistry): LayoutResult {
  return layoutWithRegistry(issue, registry).result;
}

export function describeInfo(opened: OpenedIssue, registry: FontRegistry): IssueInfo {
  const { issue } = opened;
  const problems: InfoProblem[] = [];
  const byKind: Record<string, number> = {};
  const pages = issue.pages.map((p, i) => {
    const k: Record<string, number> = {};
    for (const f of p.frames) {
      k[f.kind] = (k[f.kind] ?? 0) + 1;
      byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    }
    return { number: i + 1, id: p.id, section: p.section, frames: p.frames.length, framesByKind: k };
  });

  // Fonts: every face named by a style, and whether this computer has it.
  const used = new Map<string, string[]>();
  for (const s of issue.paragraphStyles) used.set(s.font, [...(used.get(s.font) ?? []), s.name]);
  for (const s of issue.characterStyles) if (s.font) used.set(s.font, [...(used.get(s.font) ?? []), s.name]);
  const warnings = new Map(registry.fontWarningsFor(issue).map((w) => [w.requested, w]));
  const fonts = [...used.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, usedBy]) => {
    const w = warnings.get(name);
    if (w) problems.push({ severity: 'error', code: 'missing-font', message: w.messageEn, messageZh: w.messageZh, ref: name });
    return w ? { postscriptName: name, usedBy, status: 'substituted' as const, substitute: w.substitute } : { postscriptName: name, usedBy, status: 'ok' as const };
  });

  const missing = new Set<string>(opened.missingAssets);
  const assets = issue.assets.map((a) => {
    const isMissing = missing.has(a.id);
    if (isMissing) {
      problems.push({
        severity: 'error',
        code: 'missing-asset',
        message: `image ${a.name} (${a.id.slice(0, 12)}…) is missing from the file: place the image again`,
        messageZh: `图片 ${a.name} 在文件中缺失：请重新置入图片`,
        ref: a.id,
      });
    }
    return { id: a.id, name: a.name, mime: a.mime, width: a.width, height: a.height, missing: isMissing, bytes: opened.assets.get(a.id)?.byteLength ?? 0 };
  });

  const { result } = layoutWithRegistry(issue, registry);
  const fits = new Map(result.stories.map((s) => [s.storyId, s]));
  const stories = issue.stories.map((s) => {
    const fit = fits.get(s.id) ?? null;
    let lost = 0;
    for (const p of s.paragraphs) for (const r of p.runs) for (const ch of r.text) if (ch === '□') lost++;
    if (fit?.status === 'overset') {
      problems.push({ severity: 'error', code: 'overset', message: `story "${s.name}" is overset: ${fit.overChars} characters / ${fit.overLines} lines do not fit`, messageZh: `稿件“${s.name}”${fit.label}`, ref: s.id });
    }
    if (lost) {
      problems.push({ severity: 'warning', code: 'lost-glyph', message: `story "${s.name}" has ${lost} lost-glyph mark(s) □: check the copy`, messageZh: `稿件“${s.name}”有 ${lost} 处缺字符号 □，请核对原稿`, ref: s.id });
    }
    return {
      id: s.id,
      name: s.name,
      paragraphs: s.paragraphs.length,
      chars: storyChars(s),
      frames: fit?.frames.length ?? 0,
      fit: fit?.label ?? null,
      status: fit?.status ?? null,
      lostGlyphs: lost,
    };
  });
  for (const w of opened.warnings) {
    if (w.code === 'missing-asset') continue; // reported per asset above
    problems.push({ severity: 'warning', code: 'file', message: w.message, messageZh: w.messageZh });
  }

  return {
    format: { id: issue.format, version: issue.version },
    meta: issue.meta,
    pageSize: { preset: issue.pageSize.preset, widthMm: round(ptToMm(issue.pageSize.width)), heightMm: round(ptToMm(issue.pageSize.height)) },
    grid: issue.grid,
    pages,
    frames: { total: pages.reduce((a, p) => a + p.frames, 0), byKind },
    stories,
    fonts,
    assets,
    problems,
  };
}
