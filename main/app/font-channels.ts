// What the fonts.* channels answer, over the font registry: one definition for the Electron app
// and the end-to-end harness, so the renderer gets the same faces in both.
//
// Font files are large (the bundled CJK faces are 5-15 MB each), so the renderer does not get
// them through IPC at start-up: fonts.resolve answers which face will be delivered and a URL on
// the app's own origin (banmian://app/fonts/<fontId>), and the app protocol serves the bytes from
// `file()`. Only faces delivered by resolve or bytes are served. fonts.bytes (the bytes over IPC)
// stays as the fallback.
//
// The system font scan can take seconds on a machine with many fonts. A name found among the
// bundled, user-added or already scanned faces is answered at once; only a name not found yet
// waits for the scan, since it may be a font the user installed.
import type { FontRegistry, LoadedFont, ResolvedFont } from '../files/fonts';
import type { ShellDeps } from '../ipc/implementation';

/** Path of a served face under the app origin, relative to the app's pages. */
export const FONT_URL_PREFIX = 'fonts/';

export function fontUrl(fontId: string): string {
  return FONT_URL_PREFIX + encodeURIComponent(fontId);
}

export type FontChannels = ShellDeps['fonts'] & {
  /** Bytes of a face delivered earlier (by fontId), for the app protocol; null for any other id. */
  file(fontId: string): Promise<Uint8Array | null>;
};

export function fontChannels(fonts: FontRegistry, opts: { ready?: Promise<unknown>; log?: (message: string, e: unknown) => void } = {}): FontChannels {
  const delivered = new Map<string, LoadedFont>();
  const resolve = async (postscriptName: string): Promise<ResolvedFont | null> => {
    if (!fonts.findFont(postscriptName)) await opts.ready;
    try {
      const r = fonts.resolveFont(postscriptName);
      delivered.set(r.face.fontId, r.face);
      return r;
    } catch (e) {
      opts.log?.(`banmian: no font for ${postscriptName}`, e);
      return null;
    }
  };
  const about = (r: ResolvedFont) => ({
    fontId: r.face.fontId,
    postscriptName: r.face.postscriptName,
    substitution: r.warning ? { message: r.warning.messageEn, messageZh: r.warning.messageZh } : null,
  });
  return {
    list: async () => {
      await opts.ready;
      return fonts.allFonts().map((f) => ({ fontId: f.fontId, postscriptName: f.postscriptName, family: f.family, source: f.source }));
    },
    bytes: async (postscriptName) => {
      const r = await resolve(postscriptName);
      return r ? { ...about(r), bytes: r.face.faceBytes() } : null;
    },
    resolve: async (postscriptName) => {
      const r = await resolve(postscriptName);
      return r ? { ...about(r), url: fontUrl(r.face.fontId) } : null;
    },
    file: async (fontId) => delivered.get(fontId)?.faceBytes() ?? null,
  };
}
