// Layout is derived data: computed from the issue by the engine, memoised per issue object (the
// issue is immutable, so the same object always lays out the same), never stored or undone.
// One incremental session per font provider reuses unchanged paragraphs between revisions.
import { createLayoutSession, type FontProvider, type LayoutResult, type LayoutSession } from '../engine/index';
import type { Issue } from '../model/schema';

export class LayoutCache {
  private session: LayoutSession;
  private last: { issue: Issue; result: LayoutResult } | null = null;
  /** Layouts computed, for tests and the status line. */
  computed = 0;

  constructor(fonts: FontProvider) {
    this.session = createLayoutSession(fonts);
  }

  get(issue: Issue): LayoutResult {
    if (this.last?.issue === issue) return this.last.result;
    const result = this.session.layout(issue);
    this.computed++;
    this.last = { issue, result };
    return result;
  }

  /** Fonts changed (a substitute replaced by the real face): lay out again from scratch. */
  invalidate(): void {
    this.session.invalidate();
    this.last = null;
  }
}
