// A fixed-width FontMetrics for exact x assertions: every wide character is 1 em, every Latin
// character 0.5 em, the space 0.25 em. Punctuation blanks follow SC fonts (，。 at the left of
// the em, so the blank is at the end; opening brackets blank at the start) or, with
// { centred: true }, TC fonts (，。 centred: a quarter em either side).
import { Cls, classOf, isIdeo } from '../../../renderer/engine/chars';
import type { FontMetrics, GlyphMetrics, ShapedGlyph, VerticalGlyph } from '../../../renderer/engine/metrics';

export function fakeMetrics(opts: { name?: string; centred?: boolean; missing?: string } = {}): FontMetrics {
  const missing = new Set([...(opts.missing ?? '')]);
  const glyphs = new Map<number, GlyphMetrics>();
  const glyph = (cp: number): GlyphMetrics => {
    let g = glyphs.get(cp);
    if (g) return g;
    const ch = String.fromCodePoint(cp);
    const wide = isIdeo(cp) || cp >= 0x2000;
    const cls = classOf(ch, cp);
    let blankStart = 0;
    let blankEnd = 0;
    if (wide && cls === Cls.Open) blankStart = 0.5;
    else if (wide && cls === Cls.Close) blankEnd = 0.5;
    else if (wide && cls === Cls.Pause) {
      if (opts.centred && (ch === '，' || ch === '。' || ch === '、')) [blankStart, blankEnd] = [0.25, 0.25];
      else blankEnd = 0.5;
    }
    // glyph id = code point, so tests can read glyphs back as text
    g = { id: missing.has(ch) ? 0 : cp, advance: wide ? 1 : cp === 0x20 ? 0.25 : 0.5, blankStart, blankEnd };
    glyphs.set(cp, g);
    return g;
  };
  return {
    postscriptName: opts.name ?? 'Fake-Fixed',
    emBoxDescent: 0.12,
    spaceAdvance: 0.25,
    glyph,
    shape(word: string): readonly ShapedGlyph[] {
      return [...word].map((ch) => {
        const g = glyph(ch.codePointAt(0)!);
        return { id: g.id, advance: g.advance, xOffset: 0, yOffset: 0, text: ch };
      });
    },
    vertical(cp: number): VerticalGlyph {
      const g = glyph(cp);
      const sideways = cp < 0x2000 && !isIdeo(cp);
      return { id: sideways ? g.id : cp + 0x100000, advance: sideways ? g.advance : 1, hAdvance: g.advance, rotated: sideways };
    },
  };
}
