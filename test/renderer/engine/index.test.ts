// The engine's public surface: layoutIssue output shape, JSON round trip, and the import
// boundary (engine imports only itself and the model; no fontkit, pdf-lib, UI, DOM or Node).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutIssue, mapFontProvider } from '../../../renderer/engine/index';
import { fakeMetrics } from './fake-metrics';
import { issueWithStory } from './fixtures';
import { repoRoot } from '../fonts/load-fonts';

describe('engine entry point', () => {
  it('layout-result-shape-and-json-round-trip', () => {
    const issue = issueWithStory('tabloid', ['天山路街道获评首批上海市儿童友好社区示范点。']);
    const r = layoutIssue(issue, mapFontProvider({}, fakeMetrics()));
    assert.equal(r.version, 1);
    const f = r.pages[0]!.frames.find((x) => x.kind === 'text')!;
    const l = f.lines[0]!;
    for (const k of ['text', 'x', 'y', 'width', 'measure', 'size', 'role', 'runs'] as const) assert.ok(k in l, k);
    const run = l.runs[0]!;
    assert.deepEqual(Object.keys(run).sort(), ['fill', 'font', 'glyphs', 'size']);
    assert.deepEqual(Object.keys(run.glyphs[0]!).sort(), ['advance', 'id', 'text', 'x']);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
    assert.deepEqual(Object.keys(r.stories[0]!).sort(), ['emptyLines', 'frames', 'label', 'name', 'overChars', 'overLines', 'status', 'storyId']);
  });

  it('engine-imports-only-engine-and-model', () => {
    const dir = join(repoRoot, 'renderer/engine');
    const bad: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      for (const m of src.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[1]!;
        // qrcode is pure computation (the QR module matrix), used only by qr.ts
        const allowed = spec.startsWith('./') || spec.startsWith('../model/') || (file === 'qr.ts' && spec === 'qrcode');
        if (!allowed) bad.push(`${file}: ${spec}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
