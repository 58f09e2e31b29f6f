// What the fonts.list / fonts.bytes channels answer, over the font registry: one definition for
// the Electron app and the end-to-end harness, so the renderer gets the same faces in both.
import type { FontRegistry } from '../files/fonts';
import type { ShellDeps } from '../ipc/implementation';

export function fontChannels(fonts: FontRegistry, opts: { ready?: Promise<unknown>; log?: (message: string, e: unknown) => void } = {}): ShellDeps['fonts'] {
  return {
    list: async () => {
      await opts.ready;
      return fonts.allFonts().map((f) => ({ fontId: f.fontId, postscriptName: f.postscriptName, family: f.family, source: f.source }));
    },
    bytes: async (postscriptName) => {
      // the system scan may still be running: a font the user installed must be findable
      await opts.ready;
      try {
        const r = fonts.resolveFont(postscriptName);
        return {
          fontId: r.face.fontId,
          postscriptName: r.face.postscriptName,
          bytes: r.face.faceBytes(),
          substitution: r.warning ? { message: r.warning.messageEn, messageZh: r.warning.messageZh } : null,
        };
      } catch (e) {
        opts.log?.(`banmian: no font for ${postscriptName}`, e);
        return null;
      }
    },
  };
}
