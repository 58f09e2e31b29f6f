// The fonts of the open document, loaded once each from the main process's bytes: one fontkit
// Font per face gives both the engine's FontMetrics and the canvas's glyph outlines, so the
// engine measures and the screen draws exactly the face the PDF will embed.
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FontMetrics, FontProvider } from '../engine/metrics';
import { FontkitMetrics } from '../fonts/fontkit-metrics';
import { GlyphCache } from './glyphs';

export interface DeliveredFont {
  postscriptName: string;
  bytes: Uint8Array;
  substitution: { message: string; messageZh: string } | null;
}

export interface Substitution {
  requested: string;
  delivered: string;
  message: string;
  messageZh: string;
}

export class FontStore {
  readonly glyphs = new GlyphCache();
  private metrics = new Map<string, FontMetrics>();
  /** requested name -> delivered face's name */
  private alias = new Map<string, string>();
  private pending = new Map<string, Promise<void>>();
  readonly substitutions: Substitution[] = [];
  readonly failed = new Map<string, string>();
  /** Changes whenever a face is added; a new provider object makes the layout session start over. */
  private providerObj: FontProvider;

  constructor(private readonly load: (postscriptName: string) => Promise<DeliveredFont>) {
    this.providerObj = this.makeProvider();
  }

  get provider(): FontProvider {
    return this.providerObj;
  }

  /** True when every name is loaded (or failed). */
  hasAll(names: Iterable<string>): boolean {
    for (const n of names) if (!this.alias.has(n) && !this.failed.has(n)) return false;
    return true;
  }

  /** Loads the named faces not loaded yet; resolves when all are in (failures are recorded, not thrown). */
  async ensure(names: Iterable<string>): Promise<void> {
    const todo = [...new Set(names)].filter((n) => !this.alias.has(n) && !this.failed.has(n));
    if (!todo.length) return;
    await Promise.all(todo.map((n) => this.loadOne(n)));
    this.providerObj = this.makeProvider();
  }

  private loadOne(name: string): Promise<void> {
    let p = this.pending.get(name);
    if (p) return p;
    p = (async () => {
      try {
        const d = await this.load(name);
        if (!this.metrics.has(d.postscriptName)) {
          const font = fontkit.create(d.bytes as Buffer) as Font;
          this.metrics.set(d.postscriptName, new FontkitMetrics(font, d.bytes));
          this.glyphs.add(d.postscriptName, {
            unitsPerEm: font.unitsPerEm,
            svgPath: (id) => font.getGlyph(id).path.toSVG(),
          });
        }
        this.alias.set(name, d.postscriptName);
        if (d.substitution) this.substitutions.push({ requested: name, delivered: d.postscriptName, ...d.substitution });
      } catch (e) {
        this.failed.set(name, e instanceof Error ? e.message : String(e));
      }
    })();
    this.pending.set(name, p);
    return p;
  }

  private makeProvider(): FontProvider {
    const first = () => this.metrics.values().next().value as FontMetrics | undefined;
    return {
      get: (name) => {
        const m = this.metrics.get(this.alias.get(name) ?? name) ?? first();
        if (!m) throw new Error(`no font loaded for ${name}: the font list from the main process was empty`);
        return m;
      },
    };
  }
}
