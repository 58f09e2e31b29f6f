// Fresh ids for pages, frames and stories: the prefix and the smallest number not yet used in
// the issue, so ids stay short, readable in the saved file, and deterministic in tests.
import type { FrameId, Issue, PageId, StoryId } from '../model/schema';

function usedIds(issue: Issue): Set<string> {
  const s = new Set<string>();
  for (const p of issue.pages) {
    s.add(p.id);
    for (const f of p.frames) s.add(f.id);
  }
  for (const m of issue.masters) for (const f of m.frames) s.add(f.id);
  for (const st of issue.stories) s.add(st.id);
  return s;
}

function fresh(issue: Issue, prefix: string, extra: ReadonlySet<string> = new Set()): string {
  const used = usedIds(issue);
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id) && !extra.has(id)) return id;
  }
}

export const newPageId = (issue: Issue, taken?: ReadonlySet<string>) => fresh(issue, 'p', taken) as PageId;
export const newFrameId = (issue: Issue, taken?: ReadonlySet<string>) => fresh(issue, 'f', taken) as FrameId;
export const newStoryId = (issue: Issue, taken?: ReadonlySet<string>) => fresh(issue, 's', taken) as StoryId;
