// Session-wide hardening, applied once to the session our windows use.
//
// - every permission request (camera, notifications, clipboard-read, …) and check is denied:
//   Banmian needs none, and paste goes through the native Edit menu;
// - every request that is not banmian://app/ (or a blob:/data: URL the page made) is cancelled:
//   the app is offline, so a request to the network can only be a bug or an injected resource;
// - every response gets the CSP header (the protocol handler sets it too; this also covers any
//   response the handler did not make).
import { CONTENT_SECURITY_POLICY, isAllowedRequestUrl } from './protocol';

type Callback<T> = (response: T) => void;

/** The part of Electron's Session that is hardened here. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null): void;
  webRequest: {
    onBeforeRequest(listener: ((details: { url: string }, callback: Callback<{ cancel?: boolean }>) => void) | null): void;
    onHeadersReceived(
      listener:
        | ((
            details: { url: string; responseHeaders?: Record<string, string[]> },
            callback: Callback<{ cancel?: boolean; responseHeaders?: Record<string, string[] | string> }>,
          ) => void)
        | null,
    ): void;
  };
}

/** Response headers with our CSP, replacing any CSP header already there (any letter case). */
export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

export function hardenSession(session: SessionLike, log?: (message: string) => void): void {
  session.setPermissionRequestHandler((_wc, permission, callback) => {
    log?.(`banmian: denied permission request "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log?.(`banmian: blocked request to ${details.url.slice(0, 120)}`);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}
