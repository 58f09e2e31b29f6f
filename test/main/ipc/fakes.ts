// Small fakes of Electron's IPC objects for main-process tests under Node.
import type { IpcMainLike, InvokeEventLike } from '../../../main/ipc/handlers';

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a channel as ipcRenderer.invoke would, with the given event. */
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, ...args);
  }
}

export const OUR_WEB_CONTENTS = 7;

/** An event from the main frame of our window on banmian://app/. */
export function trustedEvent(): InvokeEventLike {
  return { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url: 'banmian://app/index.html', parent: null } };
}

/** Senders that must be refused, each with why. */
export function foreignEvents(): Array<[string, InvokeEventLike]> {
  const top = { parent: null };
  return [
    ['a web page (https://evil.example/)', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { ...top, url: 'https://evil.example/' } }],
    ['an iframe inside our page', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { url: 'banmian://app/frame.html', parent: { url: 'banmian://app/index.html' } } }],
    ['a frame that is gone (senderFrame null)', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: null }],
    ['a file:// page', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { ...top, url: 'file:///tmp/x.html' } }],
    ['another host of our scheme', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { ...top, url: 'banmian://evil/index.html' } }],
    ['a look-alike origin', { sender: { id: OUR_WEB_CONTENTS }, senderFrame: { ...top, url: 'banmian://app.evil.example/' } }],
    ['web contents that are not our window', { sender: { id: 999 }, senderFrame: { ...top, url: 'banmian://app/index.html' } }],
  ];
}

/**
 * A stand-in for any dependency object: every property is another tripwire, every call is
 * recorded. Used to prove that refused requests reach no dependency at all.
 */
export function tripwire(calls: string[], path = 'deps'): never {
  const target = function () {};
  return new Proxy(target, {
    get: (_t, key) => (key === 'then' ? undefined : tripwire(calls, `${path}.${String(key)}`)),
    apply: () => {
      calls.push(path);
      return tripwire(calls, `${path}()`);
    },
  }) as never;
}
