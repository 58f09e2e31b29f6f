// Test fixtures for the engine: issues with body text flowed through the page grid, and the
// sample copy (through renderer/import/cleanup.ts when it exists, else a minimal local clean-up).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gutterWidth, typeArea } from '../../../renderer/model/grid';
import { newIssue, PS, frameId } from '../../../renderer/model/defaults';
import type { Frame, Issue, PagePreset, Paragraph, Story, StoryId, TextFrame } from '../../../renderer/model/schema';
import { repoRoot } from '../fonts/load-fonts';

export const storyId = (s: string) => s as StoryId;

export function bodyParagraphs(texts: readonly string[]): Paragraph[] {
  return texts.map((t) => ({ style: PS.body, runs: [{ text: t }] }));
}

/** A text frame covering `cols` grid columns from column `col`, `lines` grid lines from line `line`. */
export function gridFrame(issue: Issue, id: string, story: string, o: { col?: number; cols?: number; line?: number; lines?: number; next?: string | null } = {}): TextFrame {
  const g = issue.grid;
  const ta = typeArea(g);
  const colW = g.charsPerColumn * g.bodySize;
  const gut = gutterWidth(g);
  const pitch = g.bodySize + g.lineGap;
  const col = o.col ?? 0;
  const cols = o.cols ?? g.columns - col;
  const line = o.line ?? 0;
  const lines = o.lines ?? g.linesPerPage - line;
  return {
    id: frameId(id),
    kind: 'text',
    x: ta.x + col * (colW + gut),
    y: ta.y + line * pitch,
    width: cols * colW + (cols - 1) * gut,
    height: lines * pitch - g.lineGap,
    storyId: storyId(story),
    columns: cols,
    gutter: gut,
    next: o.next ? frameId(o.next) : null,
  };
}

/** One page, one story filling the type area (or the given frames). */
export function issueWithStory(preset: PagePreset, paragraphs: readonly string[], frames?: (issue: Issue) => Frame[], pages = 1): Issue {
  const issue = newIssue({ preset, pages, meta: { paper: '天山社区晨报', date: '2020-11-20' } });
  const story: Story = { id: storyId('s1'), name: '测试稿', paragraphs: bodyParagraphs(paragraphs) };
  issue.stories.push(story);
  const fs = frames ? frames(issue) : [gridFrame(issue, 'f1', 's1')];
  issue.pages[0]!.frames.push(...fs);
  return issue;
}

/** Minimal clean-up of the extracted sample copy, used only while renderer/import/cleanup.ts is absent. */
function localCleanup(raw: string): string[] {
  const cjk = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’]';
  const map: Record<string, string> = { ',': '，', '(': '（', ')': '）', ':': '：', ';': '；', '?': '？', '!': '！' };
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) =>
      l
        .replace(new RegExp(`(${cjk}) +(?=${cjk})`, 'g'), '$1')
        .replace(new RegExp(`(?<=${cjk})[,():;?!]|[,():;?!](?=${cjk})`, 'g'), (m) => map[m] ?? m),
    );
}

export const SAMPLES = ['tianshan-front', 'jiangpu-community', 'xinmin-community'] as const;

/** Paragraph texts of a sample file. */
export async function sampleParagraphs(name: (typeof SAMPLES)[number]): Promise<string[]> {
  const raw = readFileSync(join('/work/shared/samples', `${name}.txt`), 'utf8');
  const cleanupPath = join(repoRoot, 'renderer/import/cleanup.ts');
  if (existsSync(cleanupPath)) {
    try {
      const mod = (await import(cleanupPath)) as { cleanupText?: (raw: string) => unknown };
      const r = mod.cleanupText?.(raw);
      const paras = Array.isArray(r) ? r : (r as { paragraphs?: unknown[] } | undefined)?.paragraphs;
      if (Array.isArray(paras)) {
        const texts = paras.map((p) => (typeof p === 'string' ? p : String((p as { text?: string }).text ?? ''))).filter((t) => t.length > 0);
        if (texts.length > 0) return texts;
      }
    } catch {
      // fall through to the local clean-up while the import module is unfinished
    }
  }
  return localCleanup(raw);
}
