// The Editor: holds the state, applies command changes, keeps history and tells subscribers.
// No React here: the UI subscribes with useSyncExternalStore.
//
// Gestures (drags): begin() takes a mark; preview() updates the state without recording while the
// pointer moves; commit() records ONE history entry (the mark) if the issue changed; cancel()
// (Esc) rolls the issue back to the mark.
import type { Issue } from '../model/schema';
import { commands, type ArgsOf, type Change, type CommandName } from './commands';
import { History, type Snapshot } from './history';
import { initialState, type EditorState } from './state';

type Listener = () => void;

export class Editor {
  private s: EditorState;
  private hist = new History();
  private listeners = new Set<Listener>();
  private mark: EditorState | null = null;
  /** The issue as last saved (or opened); dirty = the current issue is another object. */
  private saved: Issue | null;
  private now: () => number;

  constructor(issue: Issue, opts: { now?: () => number } = {}) {
    this.s = initialState(issue);
    this.saved = issue;
    this.now = opts.now ?? Date.now;
  }

  get history(): History {
    return this.hist;
  }

  get state(): EditorState {
    return this.s;
  }

  /** For useSyncExternalStore. */
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getState = (): EditorState => this.s;

  get dirty(): boolean {
    return this.s.issue !== this.saved;
  }
  markSaved(issue: Issue = this.s.issue): void {
    this.saved = issue;
    this.emit();
  }
  /** A recovered autosave: dirty until saved, even with no edit. */
  markUnsaved(): void {
    this.saved = null;
    this.emit();
  }

  canRun<N extends CommandName>(name: N, args?: ArgsOf<N>): boolean {
    return (commands[name].canRun as (s: EditorState, a?: unknown) => boolean)(this.s, args);
  }

  /** Runs a command by name; false when it cannot run or changed nothing. */
  run<N extends CommandName>(name: N, ...args: ArgsOf<N> extends void ? [] | [ArgsOf<N>] : [ArgsOf<N>]): boolean {
    const cmd = commands[name];
    const a = args[0];
    if (!(cmd.canRun as (s: EditorState, a?: unknown) => boolean)(this.s, a)) return false;
    const change = (cmd.run as (s: EditorState, a: unknown) => Change | null)(this.s, a);
    if (!change) return false;
    this.apply(change, cmd.label.zh + ' ' + cmd.label.en);
    return true;
  }

  /** Applies a change made outside the command table (used by gestures and tests). */
  apply(change: Change, label = ''): void {
    const before = this.s;
    let next = change.state;
    if (next.issue !== before.issue) {
      next = { ...next, revision: before.revision + 1 };
      if (change.history === 'record' && !this.mark) this.hist.record(snap(before, label), change.coalesce, this.now());
    }
    this.s = clampPage(next);
    this.emit();
  }

  undo(): boolean {
    if (this.mark) this.cancel();
    const prev = this.hist.undo(snap(this.s, ''));
    if (!prev) return false;
    this.restore(prev);
    return true;
  }

  redo(): boolean {
    const next = this.hist.redo(snap(this.s, ''));
    if (!next) return false;
    this.restore(next);
    return true;
  }

  // ---- gestures ----------------------------------------------------------------------------

  /** The issue as of the last committed change: during a gesture, the issue at pointer-down.
   *  Derived data (layout, copy-fit, preflight) follows this, so a drag does not relayout on
   *  every pointer move. */
  get settledIssue(): Issue {
    return this.mark?.issue ?? this.s.issue;
  }

  get inGesture(): boolean {
    return this.mark !== null;
  }

  begin(): void {
    this.hist.seal();
    this.mark = this.s;
  }

  /** Shows an intermediate state of the gesture; never recorded. */
  preview(update: (markState: EditorState) => EditorState): void {
    if (!this.mark) throw new Error('Editor.preview() outside a gesture: call begin() on pointer-down');
    this.apply({ state: update(this.mark), history: 'skip' });
  }

  /** Ends the gesture: one history entry when the issue changed. Returns whether it did. */
  commit(label = ''): boolean {
    const mark = this.mark;
    if (!mark) return false;
    this.mark = null;
    // settledIssue changed (derived data follows the new issue now): a new state object, so
    // subscribers comparing snapshots (useSyncExternalStore) render again.
    this.s = { ...this.s };
    this.emit();
    if (this.s.issue === mark.issue) return false;
    this.hist.record(snap(mark, label), undefined, this.now());
    this.hist.seal();
    return true;
  }

  /** Esc during a gesture: back to the state at pointer-down. */
  cancel(): void {
    const mark = this.mark;
    if (!mark) return;
    this.mark = null;
    this.s = { ...this.s, issue: mark.issue, selection: mark.selection, revision: this.s.revision + (this.s.issue === mark.issue ? 0 : 1) };
    this.emit();
  }

  /** Replaces the whole issue (open, revert): history is cleared, the result is clean. */
  reset(issue: Issue): void {
    this.mark = null;
    this.s = { ...initialState(issue), zoom: this.s.zoom, revision: this.s.revision + 1 };
    this.saved = issue;
    this.hist = new History();
    this.emit();
  }

  private restore(sn: Snapshot): void {
    this.s = clampPage({ ...this.s, issue: sn.issue, selection: sn.selection, pageIndex: sn.pageIndex, revision: this.s.revision + 1, threadingFrom: null });
    this.emit();
  }

  private emit(): void {
    for (const l of [...this.listeners]) l();
  }
}

const snap = (s: EditorState, label: string): Snapshot => ({ issue: s.issue, selection: s.selection, pageIndex: s.pageIndex, label });

function clampPage(s: EditorState): EditorState {
  const max = Math.max(0, s.issue.pages.length - 1);
  if (s.pageIndex <= max && s.pageIndex >= 0) return s;
  return { ...s, pageIndex: Math.min(max, Math.max(0, s.pageIndex)) };
}
