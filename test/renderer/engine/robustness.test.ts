// Odd inputs must neither throw nor loop: tiny, narrow and off-page frames, empty and
// space-only paragraphs, huge indents, threads with cycles, vertical decks taller than their
// frame. A seeded generator makes the same cases every run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { layoutIssue, mapFontProvider } from '../../../renderer/engine/index';
import type { LayoutResult } from '../../../renderer/engine/types';
import { frameId, PS } from '../../../renderer/model/defaults';
import type { Frame, Issue } from '../../../renderer/model/schema';
import { fakeMetrics } from './fake-metrics';
import { issueWithStory, storyId } from './fixtures';
import { mulberry32 as rng } from '../../helpers/random';


const ALPHABET = [...'天山路街道获评首批上海市儿童友好社区，。、；：？！（）《》“”‘’——……·～ SOHO 2020 1+18+7 27.98% CFCP-1720160673 　'];

function finite(r: LayoutResult): void {
  for (const p of r.pages)
    for (const f of p.frames)
      for (const l of f.lines) {
        assert.ok(Number.isFinite(l.x) && Number.isFinite(l.y) && Number.isFinite(l.width), `line "${l.text}"`);
        for (const run of l.runs) for (const g of run.glyphs) assert.ok(Number.isFinite(g.x) && Number.isFinite(g.advance), `glyph ${g.text}`);
      }
}

describe('robustness', () => {
  const fonts = mapFontProvider({}, fakeMetrics());

  it('robust-random-issues', () => {
    const rand = rng(20201120);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
    for (let c = 0; c < 60; c++) {
      const paras = Array.from({ length: Math.floor(rand() * 6) }, () => Array.from({ length: Math.floor(rand() * 80) }, () => pick(ALPHABET)).join(''));
      const issue: Issue = issueWithStory('tabloid', paras, () => [], 2);
      issue.paragraphStyles = issue.paragraphStyles.map((s) => (s.id === PS.body ? { ...s, indent: pick([0, 1, 2, 10]), prohibition: pick(['none', 'basic', 'gb', 'strict'] as const), align: pick(['justify', 'start', 'center', 'end'] as const) } : s));
      const frames: Frame[] = [];
      const n = 1 + Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) {
        frames.push({
          id: frameId(`f${i}`), kind: 'text', storyId: storyId('s1'),
          x: rand() * 900 - 50, y: rand() * 1200 - 50, width: pick([0, 5, 50, 99, 300]), height: pick([0, 5, 12, 100, 600]),
          columns: pick([1, 2, 6, 40]), gutter: pick([0, 9, 50]), next: rand() < 0.7 ? frameId(`f${(i + 1) % n}`) : null,
          wrap: rand() < 0.3 ? { enabled: true, offset: pick([0, 9]) } : undefined,
        });
      }
      frames.push({
        id: frameId('h'), kind: 'headline', x: rand() * 500, y: rand() * 800, width: pick([10, 100, 400]), height: pick([10, 100, 400]),
        orientation: pick(['horizontal', 'vertical'] as const), storyId: null,
        decks: [{ role: 'main', text: paras[0] ?? '', style: PS.main }, { role: 'sub', text: '（副题）', style: PS.sub }],
      });
      issue.pages[c % 2]!.frames.push(...frames);
      const r = layoutIssue(issue, fonts);
      finite(r);
      assert.equal(r.stories.length, 1);
    }
  });
});
