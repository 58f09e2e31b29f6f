// Layout facts of the sample the build prints and the test checks: story fits, empty text
// frames, frames outside the type area.
import { engineFonts } from '../../main/engine-fonts';
import { createFontRegistry } from '../../main/files/fonts';
import { createLayoutSession, type LayoutResult } from '../../renderer/engine/index';
import { typeArea } from '../../renderer/model/grid';
import type { Issue } from '../../renderer/model/schema';

/** Frames that may leave the type area by design: page furniture above it. */
export const OUTSIDE_OK = new Set(['folio', 'masthead']);
const EDGE = 0.5;

export function layoutSample(issue: Issue): LayoutResult {
  return createLayoutSession(engineFonts(createFontRegistry({ systemFontDirs: [] }))).layout(issue);
}

export interface SampleReport {
  fits: { storyId: string; name: string; status: string; label: string; emptyLines: number; frames: string[] }[];
  emptyTextFrames: string[];
  outsideTypeArea: string[];
  /** Crossheads the column breaks: split over two columns, or last in a column (keep with next). */
  strandedCrossheads: string[];
}

const CROSSHEAD = 'crosshead';

export function sampleReport(issue: Issue, layout: LayoutResult): SampleReport {
  const ta = typeArea(issue.grid);
  const emptyTextFrames: string[] = [];
  const outsideTypeArea: string[] = [];
  for (const p of layout.pages) {
    for (const f of p.frames) {
      if (f.fromMaster) continue;
      if ((f.kind === 'text' || f.kind === 'caption' || f.kind === 'headline') && f.lines.length === 0) emptyTextFrames.push(`p${p.number} ${f.id}`);
      if (OUTSIDE_OK.has(f.kind)) continue;
      if (f.x < ta.x - EDGE || f.y < ta.y - EDGE || f.x + f.width > ta.x + ta.width + EDGE || f.y + f.height > ta.y + ta.height + EDGE) outsideTypeArea.push(`p${p.number} ${f.id}`);
    }
  }
  const strandedCrossheads: string[] = [];
  const styleOf = new Map(issue.stories.map((s) => [s.id as string, s.paragraphs.map((p) => p.style as string)]));
  for (const p of layout.pages) {
    for (const f of p.frames) {
      if (f.kind !== 'text') continue;
      for (const col of f.columns) {
        const lines = f.lines.filter((l) => l.x >= col.x - EDGE && l.x < col.x + col.width && l.role === 'text' && l.source);
        const style = (l: (typeof lines)[number]) => styleOf.get(l.source!.storyId)?.[l.source!.paragraph];
        const first = lines[0];
        const last = lines[lines.length - 1];
        if (first && style(first) === CROSSHEAD && first.source!.start > 0) strandedCrossheads.push(`p${p.number} ${f.id}: "${first.text}" continues a crosshead at a column top`);
        if (last && style(last) === CROSSHEAD) strandedCrossheads.push(`p${p.number} ${f.id}: "${last.text}" is a crosshead at a column foot`);
      }
    }
  }
  return {
    strandedCrossheads,
    fits: layout.stories.map((s) => ({ storyId: s.storyId, name: s.name, status: s.status, label: s.label, emptyLines: s.emptyLines, frames: s.frames })),
    emptyTextFrames,
    outsideTypeArea,
  };
}
