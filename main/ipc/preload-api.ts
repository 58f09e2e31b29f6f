// Builds the object the preload exposes as window.api: one named function per contract channel
// (api.issue.save, api.fonts.bytes …) and one subscribe function per event (api.on.menuCommand …).
//
// What is NOT exposed: ipcRenderer, any generic invoke/send/on taking a channel name, and the
// IpcRendererEvent (its `sender` is ipcRenderer). The channel of each function is fixed when the
// object is built, from the contract; the renderer cannot choose one.
import { CHANNEL_NAMES, EVENTS, EVENT_NAMES, apiPath, type BanmianApi } from './contract';

/** The part of Electron's ipcRenderer the API uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Fn = (...args: never[]) => unknown;

export function buildApi(ipc: IpcRendererLike, pathForFile: (file: File) => string): BanmianApi {
  const namespaces: Record<string, Record<string, Fn>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [ns, method] = apiPath(channel);
    const target = (namespaces[ns] ??= {});
    // Exactly one argument crosses: the request object (or {} when omitted).
    target[method] = ((request?: unknown) => ipc.invoke(channel, request ?? {})) as Fn;
  }
  const on: Record<string, Fn> = {};
  for (const name of EVENT_NAMES) {
    on[EVENTS[name].method] = ((listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`api.on.${EVENTS[name].method} needs a function`);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(name, wrapped);
      return () => {
        ipc.removeListener(name, wrapped);
      };
    }) as Fn;
  }
  const files = {
    pathForFile: (file: File) => {
      try {
        return pathForFile(file);
      } catch {
        return '';
      }
    },
  };
  const api: Record<string, unknown> = {};
  for (const [ns, fns] of Object.entries(namespaces)) api[ns] = Object.freeze(fns);
  api.on = Object.freeze(on);
  api.files = Object.freeze(files);
  return Object.freeze(api) as unknown as BanmianApi;
}
