// Undo history of issue snapshots. The issue is immutable and edits share structure with the
// previous issue, so a snapshot is one reference: 200 steps of a 12-page issue cost only the
// objects the edits replaced.
import type { FrameId, Issue } from '../model/schema';

export interface Snapshot {
  readonly issue: Issue;
  /** Restored with the issue so undo shows what it changed. */
  readonly selection: readonly FrameId[];
  readonly pageIndex: number;
  /** Label of the change that came AFTER this snapshot (shown as "Undo <label>"). */
  readonly label: string;
}

/** Steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export class History {
  private past: Snapshot[] = [];
  private future: Snapshot[] = [];
  /** Coalescing key and time of the last recorded entry (typing in one story = one entry per pause). */
  private lastKey: string | null = null;
  private lastAt = 0;

  /**
   * Records `before` as the state to return to. With a `coalesce` key equal to the last entry's
   * and within `windowMs`, nothing is pushed: the earlier snapshot already covers this change.
   */
  record(before: Snapshot, coalesce?: string, now = Date.now(), windowMs = 1000): void {
    this.future = [];
    if (coalesce && coalesce === this.lastKey && now - this.lastAt < windowMs && this.past.length) {
      this.lastAt = now;
      return;
    }
    this.past.push(before);
    if (this.past.length > HISTORY_LIMIT) this.past.shift();
    this.lastKey = coalesce ?? null;
    this.lastAt = now;
  }

  /** Ends coalescing, so the next change starts a new entry. */
  seal(): void {
    this.lastKey = null;
  }

  undo(current: Snapshot): Snapshot | null {
    const prev = this.past.pop();
    if (!prev) return null;
    this.future.push({ ...current, label: prev.label });
    this.lastKey = null;
    return prev;
  }

  redo(current: Snapshot): Snapshot | null {
    const next = this.future.pop();
    if (!next) return null;
    this.past.push({ ...current, label: next.label });
    this.lastKey = null;
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  get undoLabel(): string | null {
    return this.past[this.past.length - 1]?.label ?? null;
  }
  get redoLabel(): string | null {
    return this.future[this.future.length - 1]?.label ?? null;
  }
  get size(): { past: number; future: number } {
    return { past: this.past.length, future: this.future.length };
  }
}
