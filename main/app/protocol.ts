// The app's own URL scheme, banmian://app/…, which serves the built renderer (dist/renderer) and
// nothing else, with the Content-Security-Policy on every response.
//
// Why a custom scheme and not file://: file:// pages can read any other file:// URL, and their
// origin is opaque, so 'self' in a CSP means little. banmian:// is registered standard + secure,
// so it has a real origin (banmian://app) and the CSP's 'self' means exactly our files.
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'banmian';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page every window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Privileges for protocol.registerSchemesAsPrivileged (must run before app 'ready'). */
export const APP_SCHEME_PRIVILEGES = {
  /** A standard scheme: relative URLs, a host, a real origin. */
  standard: true,
  /** Treated like https: secure context (crypto.subtle, no mixed-content downgrades). */
  secure: true,
  /** fetch('banmian://app/…') from the renderer, e.g. for bundled sample data. */
  supportFetchAPI: true,
  /** Module scripts and fonts loaded with CORS from the same origin. */
  corsEnabled: true,
  /** V8 code cache for the bundle: faster second start. */
  codeCache: true,
} as const;

/**
 * The Content-Security-Policy of every app page. 'unsafe-inline' for styles only, because React
 * writes inline style attributes; scripts only from our files; images and fonts also from blob:
 * and data: (image previews and FontFaces made from bytes). No network: connect-src 'self'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True for a URL on our origin: banmian://app/… (the renderer's own pages). */
export function isAppUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === APP_HOST && u.username === '' && u.password === '' && u.port === '';
}

export type ResolvedPath = { ok: true; path: string } | { ok: false; status: 400 | 404; reason: string };

/** Matches banmian://app followed by the raw path; query and fragment are ignored. */
const APP_URL = /^banmian:\/\/app(\/[^?#]*)?(?:[?#].*)?$/i;

/**
 * Maps a request URL to a file under `root`, or refuses it. Works on the RAW URL text, not on a
 * parsed URL: URL parsers resolve `..` silently, and a refusal is the safer answer to a URL that
 * tries. Refused: any other scheme or host, `.` or `..` segments (also when percent-encoded), a
 * backslash or NUL anywhere (Windows would treat `\` as a separator), encoded slashes, and any
 * result that is not inside `root`.
 */
export function resolveAppPath(root: string, url: string): ResolvedPath {
  const m = APP_URL.exec(url);
  if (!m) return { ok: false, status: 404, reason: 'not a banmian://app/ URL' };
  const rawPath = m[1] ?? '/';
  if (rawPath.includes('\\')) return { ok: false, status: 400, reason: 'backslash in path' };
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: 'bad percent-encoding' };
    }
    if (seg === '.' || seg === '..') return { ok: false, status: 400, reason: 'dot segment in path' };
    if (/[/\\\0]/.test(seg)) return { ok: false, status: 400, reason: 'encoded separator or NUL in path' };
    // A drive letter or UNC start inside a segment ("C:") would make join() leave root on Windows.
    if (/^[A-Za-z]:/.test(seg)) return { ok: false, status: 400, reason: 'drive letter in path' };
    segments.push(seg);
  }
  if (segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const full = resolve(join(base, ...segments));
  const rel = relative(base, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || !full.startsWith(base + sep)) {
    return { ok: false, status: 400, reason: 'outside the app folder' };
  }
  return { ok: true, path: full };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.banmian': 'application/octet-stream',
};

export function mimeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every response: the CSP, no MIME sniffing, no referrer. */
export function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export interface ProtocolFs {
  readFile(path: string): Promise<Uint8Array>;
  /** Resolves symlinks; a link that points outside the root is refused. */
  realpath(path: string): Promise<string>;
}

/** banmian://app/fonts/<fontId>: a font face served from the registry (font-channels.ts), not a file. */
const FONT_URL = /^banmian:\/\/app\/fonts\/([^/?#]+)(?:[?#].*)?$/i;

export interface AppProtocolOptions {
  /** Bytes of a face the renderer was told about (fonts.resolve), by fontId; null = not served. */
  fontFile?: (fontId: string) => Promise<Uint8Array | null>;
}

/**
 * The handler for protocol.handle('banmian', …): GET/HEAD of files under root, with the security
 * headers; 400 for refused paths, 404 for missing files, 405 for other methods. With
 * `fontFile`, banmian://app/fonts/<fontId> serves that face's bytes.
 */
export function createAppProtocolHandler(root: string, fs: ProtocolFs, opts: AppProtocolOptions = {}): (request: Request) => Promise<Response> {
  let realRoot: Promise<string> | null = null;
  const text = (status: number, body: string) => new Response(body, { status, headers: securityHeaders('text/plain; charset=utf-8') });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    const font = opts.fontFile ? FONT_URL.exec(request.url) : null;
    if (font && opts.fontFile) {
      let id: string;
      try {
        id = decodeURIComponent(font[1]!);
      } catch {
        return text(400, 'bad percent-encoding');
      }
      const bytes = await opts.fontFile(id).catch(() => null);
      if (!bytes) return text(404, 'no such font');
      const body = request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>);
      return new Response(body, { status: 200, headers: { ...securityHeaders('application/octet-stream'), 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-store' } });
    }
    const r = resolveAppPath(root, request.url);
    if (!r.ok) return text(r.status, r.reason);
    try {
      realRoot ??= fs.realpath(resolve(root));
      const [rootReal, fileReal] = await Promise.all([realRoot, fs.realpath(r.path)]);
      if (!fileReal.startsWith(rootReal + sep)) return text(400, 'outside the app folder');
      const bytes = await fs.readFile(fileReal);
      const body = request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>);
      return new Response(body, { status: 200, headers: securityHeaders(mimeFor(r.path)) });
    } catch {
      return text(404, 'not found');
    }
  };
}

/**
 * URLs a window may load at all (session.webRequest.onBeforeRequest): our scheme, plus the
 * in-memory kinds the renderer makes itself. Banmian works offline; http(s) is never needed.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('blob:banmian://app/') || url.startsWith('data:') || url.startsWith('devtools://');
}
