// banmian://app/ serves files under the renderer folder and nothing else, with the CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, symlink, realpath, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  isAllowedRequestUrl,
  isAppUrl,
  resolveAppPath,
} from '../../../main/app/protocol';

const ROOT = '/srv/banmian/dist/renderer';

const REFUSED: Array<[string, string]> = [
  ['parent segments', 'banmian://app/../../etc/passwd'],
  ['parent segment after a folder', 'banmian://app/assets/../../../etc/passwd'],
  ['encoded dots', 'banmian://app/%2e%2e/%2e%2e/etc/passwd'],
  ['upper-case encoded dots', 'banmian://app/%2E%2E/etc/passwd'],
  ['half-encoded dots', 'banmian://app/.%2e/etc/passwd'],
  ['encoded slash', 'banmian://app/..%2f..%2fetc%2fpasswd'],
  ['backslashes', 'banmian://app/..\\..\\etc\\passwd'],
  ['encoded backslash', 'banmian://app/..%5c..%5cetc%5cpasswd'],
  ['NUL', 'banmian://app/index.html%00.png'],
  ['drive letter', 'banmian://app/C:/Windows/win.ini'],
  ['single dot segment', 'banmian://app/./index.html'],
  ['broken percent-encoding', 'banmian://app/%E0%A4%A'],
  ['another host', 'banmian://evil/index.html'],
  ['another scheme', 'file:///etc/passwd'],
  ['https', 'https://app/index.html'],
];

for (const [what, url] of REFUSED) {
  test(`resolveAppPath refuses ${what}: ${url}`, () => {
    const r = resolveAppPath(ROOT, url);
    assert.equal(r.ok, false, JSON.stringify(r));
  });
}

const SERVED: Array<[string, string]> = [
  ['banmian://app/', 'index.html'],
  ['banmian://app', 'index.html'],
  ['banmian://app/index.html', 'index.html'],
  ['banmian://app/assets/index-abc123.js', 'assets/index-abc123.js'],
  ['banmian://app/assets/index.css?v=2#top', 'assets/index.css'],
  ['banmian://app/fonts/%E5%AE%8B%E4%BD%93.woff2', 'fonts/宋体.woff2'],
];

for (const [url, rel] of SERVED) {
  test(`resolveAppPath maps ${url} to ${rel}`, () => {
    assert.deepEqual(resolveAppPath(ROOT, url), { ok: true, path: join(ROOT, rel) });
  });
}

test('the CSP is exactly the agreed policy', () => {
  assert.equal(
    CONTENT_SECURITY_POLICY,
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; " +
      "font-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  );
  assert.doesNotMatch(CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'))!, /unsafe/);
});

test('isAppUrl accepts only our origin', () => {
  assert.equal(isAppUrl('banmian://app/index.html'), true);
  assert.equal(isAppUrl('BANMIAN://APP/index.html'), true);
  for (const u of ['https://evil.example/', 'banmian://evil/', 'banmian://app.evil/', 'banmian://user@app/', 'banmian://app:8080/', 'file:///x', 'not a url']) {
    assert.equal(isAppUrl(u), false, u);
  }
});

test('requests to the network are not allowed; our scheme and in-page blobs are', () => {
  assert.equal(isAllowedRequestUrl('banmian://app/assets/a.js'), true);
  assert.equal(isAllowedRequestUrl('blob:banmian://app/6a1f'), true);
  assert.equal(isAllowedRequestUrl('data:image/png;base64,AAAA'), true);
  for (const u of ['https://example.com/x.js', 'http://127.0.0.1:5173/', 'file:///etc/passwd', 'ws://x/', 'blob:https://evil/1']) {
    assert.equal(isAllowedRequestUrl(u), false, u);
  }
});

async function fixture() {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'banmian-proto-')));
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>版面</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'secret');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.js'));
  const handler = createAppProtocolHandler(root, { readFile, realpath });
  return { root, handler };
}

test('the protocol handler serves files under the root with the CSP and a content type', async () => {
  const { handler } = await fixture();
  const r = await handler(new Request('banmian://app/index.html'));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await r.text(), /版面/);
  const js = await handler(new Request('banmian://app/assets/app.js'));
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
});

test('the protocol handler answers 404 for missing files and refuses symlinks out of the root', async () => {
  const { handler } = await fixture();
  assert.equal((await handler(new Request('banmian://app/nope.js'))).status, 404);
  const link = await handler(new Request('banmian://app/assets/link.js'));
  assert.notEqual(link.status, 200);
  assert.doesNotMatch(await link.text(), /secret/);
});

test('the protocol handler refuses traversal with 400 and non-GET methods with 405', async () => {
  const { handler } = await fixture();
  // Request() would normalise "..", so hand the handler a request-like object with the raw URL.
  const raw = { url: 'banmian://app/%2e%2e/secret.txt', method: 'GET' } as Request;
  const r = await handler(raw);
  assert.equal(r.status, 400);
  assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal((await handler(new Request('banmian://app/index.html', { method: 'POST', body: 'x' }))).status, 405);
});

test('banmian://app/fonts/<fontId> serves a face the fonts channels delivered, and nothing else', async () => {
  const { root } = await fixture();
  const asked: string[] = [];
  const handler = createAppProtocolHandler(root, { readFile, realpath }, {
    fontFile: async (id) => (asked.push(id), id === 'NotoSerifSC-Regular#0123456789ab' ? new Uint8Array([0, 1, 0, 0, 9]) : null),
  });
  const r = await handler(new Request('banmian://app/fonts/NotoSerifSC-Regular%230123456789ab'));
  assert.equal(r.status, 200);
  assert.deepEqual([...new Uint8Array(await r.arrayBuffer())], [0, 1, 0, 0, 9]);
  assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(r.headers.get('content-length'), '5');
  const head = await handler(new Request('banmian://app/fonts/NotoSerifSC-Regular%230123456789ab', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal((await handler(new Request('banmian://app/fonts/Other%23000000000000'))).status, 404);
  assert.equal((await handler(new Request('banmian://app/fonts/%E0%A4%A'))).status, 400);
  assert.deepEqual(asked, ['NotoSerifSC-Regular#0123456789ab', 'NotoSerifSC-Regular#0123456789ab', 'Other#000000000000']);
  // without fontFile the path is an ordinary (missing) file, and traversal stays refused
  assert.equal((await createAppProtocolHandler(root, { readFile, realpath })(new Request('banmian://app/fonts/x'))).status, 404);
  // (a Request normalises dot segments away: this reaches the file route, not the font route)
  const out = await handler(new Request('banmian://app/fonts/../../etc/passwd'));
  assert.notEqual(out.status, 200);
  assert.equal(asked.length, 3, 'the font source was not asked');
});
