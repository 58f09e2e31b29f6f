import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hardenSession, withCsp, type SessionLike } from '../../../main/app/session';
import { CONTENT_SECURITY_POLICY } from '../../../main/app/protocol';

type Arg<F> = F extends (handler: infer H) => void ? NonNullable<H> : never;
interface Hooks {
  request?: Arg<SessionLike['setPermissionRequestHandler']>;
  check?: Arg<SessionLike['setPermissionCheckHandler']>;
  before?: Arg<SessionLike['webRequest']['onBeforeRequest']>;
  headers?: Arg<SessionLike['webRequest']['onHeadersReceived']>;
}

function fakeSession() {
  const h: Hooks = {};
  const s: SessionLike = {
    setPermissionRequestHandler: (f) => void (h.request = f ?? undefined),
    setPermissionCheckHandler: (f) => void (h.check = f ?? undefined),
    webRequest: {
      onBeforeRequest: (f) => void (h.before = f ?? undefined),
      onHeadersReceived: (f) => void (h.headers = f ?? undefined),
    },
  };
  return { s, h };
}

test('every permission request is denied and every permission check is false', () => {
  const { s, h } = fakeSession();
  hardenSession(s);
  for (const p of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
    let granted: boolean | undefined;
    h.request!(null, p, (g: boolean) => (granted = g), {});
    assert.equal(granted, false, p);
    assert.equal(h.check!(null, p, 'banmian://app', {}), false, p);
  }
});

test('requests to the network are cancelled, our own are not', () => {
  const { s, h } = fakeSession();
  hardenSession(s);
  const decide = (url: string) => {
    let r: { cancel?: boolean } = {};
    h.before!({ url }, (x) => (r = x));
    return r.cancel;
  };
  assert.equal(decide('banmian://app/index.html'), false);
  assert.equal(decide('https://cdn.example.com/x.js'), true);
  assert.equal(decide('file:///etc/passwd'), true);
});

test('responses get our CSP, replacing any other', () => {
  const { s, h } = fakeSession();
  hardenSession(s);
  let out: { responseHeaders?: Record<string, string[] | string> } = {};
  h.headers!({ url: 'banmian://app/', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-A': ['1'] } }, (r) => (out = r));
  assert.deepEqual(out.responseHeaders, { 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  assert.deepEqual(withCsp(undefined), { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
});
