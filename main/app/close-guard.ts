// Asking before a window with unsaved changes closes.
//
// On the window's 'close' event: a clean document closes. A dirty one does not (preventDefault);
// the user is asked 保存 / 不保存 / 取消 (Save / Don't Save / Cancel):
//   - Don't Save: the window closes;
//   - Cancel: it stays (and a running quit is called off);
//   - Save: main asks the renderer to save (event issue:save-before-close with a request id); the
//     renderer answers with issue.closeAnswer(requestId, proceed): proceed = saved, so close.
//     A failed or cancelled save leaves the window open.

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** The part of BrowserWindow the guard uses. */
export interface ClosableWindow {
  on(event: 'close', listener: (e: { preventDefault(): void }) => void): unknown;
  close(): void;
}

export interface CloseGuardDeps {
  isDirty(): boolean;
  /** Shows the native question; resolves with the user's choice. */
  ask(): Promise<CloseChoice>;
  /** Sends issue:save-before-close to the renderer. */
  requestSave(requestId: string): void;
  /** The user cancelled: a quit in progress must stop. */
  onCancel?(): void;
  newRequestId(): string;
}

export interface CloseGuard {
  /** The renderer's answer to a save request; ignored unless requestId is the pending one. */
  answer(requestId: string, proceed: boolean): boolean;
  /** True while a question or a save is pending. */
  readonly busy: boolean;
}

export function attachCloseGuard(win: ClosableWindow, deps: CloseGuardDeps): CloseGuard {
  let allowClose = false;
  let asking = false;
  let pendingSave: string | null = null;

  const closeNow = () => {
    allowClose = true;
    win.close();
  };

  win.on('close', (e) => {
    if (allowClose || !deps.isDirty()) return;
    e.preventDefault();
    // A second close (Cmd+W pressed twice) while a question or a save is pending changes nothing.
    if (asking || pendingSave) return;
    asking = true;
    deps.ask().then(
      (choice) => {
        asking = false;
        if (choice === 'discard') closeNow();
        else if (choice === 'save') {
          pendingSave = deps.newRequestId();
          deps.requestSave(pendingSave);
        } else deps.onCancel?.();
      },
      () => {
        // The dialog failed: keep the window (losing work is worse than not closing).
        asking = false;
        deps.onCancel?.();
      },
    );
  });

  return {
    answer(requestId, proceed) {
      if (pendingSave === null || requestId !== pendingSave) return false;
      pendingSave = null;
      if (proceed) closeNow();
      else deps.onCancel?.();
      return true;
    },
    get busy() {
      return asking || pendingSave !== null;
    },
  };
}
