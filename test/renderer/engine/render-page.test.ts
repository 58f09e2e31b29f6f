// Lays out a realistic tabloid front page (multi-deck headline, two stories with a jump line, a
// wrapped photo with caption, a vertical headline, rules, folio) and draws it to
// test-output/engine-page.png (plus a zoomed crop) with headless Chromium, to look at.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { layoutIssue } from '../../../renderer/engine/index';
import { frameId, PS, SW } from '../../../renderer/model/defaults';
import { lineTop, columnX, gutterWidth } from '../../../renderer/model/grid';
import type { Frame, HeadlineFrame } from '../../../renderer/model/schema';
import { requireTools } from '../../helpers/tools';
import { FONT_FILES, realFonts, repoRoot } from '../fonts/load-fonts';
import { bodyParagraphs, gridFrame, issueWithStory, sampleParagraphs, storyId } from './fixtures';
import { pageSvg, svgToPng } from './render-png';


export async function frontPage() {
  const tianshan = await sampleParagraphs('tianshan-front');
  const jiangpu = await sampleParagraphs('jiangpu-community');
  const lead = tianshan.slice(Math.max(0, tianshan.findIndex((p) => p.startsWith('本报讯'))));
  const issue = issueWithStory('tabloid', lead, () => [], 2);
  issue.meta.paper = '天山社区晨报';
  issue.pages[0]!.section = '要闻';
  issue.stories.push({ id: storyId('s2'), name: '江浦', paragraphs: bodyParagraphs(jiangpu.slice(0, 40)) });
  issue.stories.push({ id: storyId('cap'), name: '图说', paragraphs: [{ style: PS.caption, runs: [{ text: '街道“儿童服务中心”内设图书馆少儿馆、科技创新屋等六大主题活动场所。' }] }] });
  const g = issue.grid;
  const pitch = g.bodySize + g.lineGap;
  const colW = g.charsPerColumn * g.bodySize;
  const gut = gutterWidth(g);
  const head: HeadlineFrame = {
    id: frameId('h1'), kind: 'headline', x: columnX(g, 0), y: lineTop(g, 0), width: 4 * colW + 3 * gut, height: 12 * pitch - g.lineGap,
    orientation: 'horizontal', storyId: storyId('s1'),
    decks: [
      { role: 'kicker', text: '儿童友好社区软硬件建设持续推进、提质增效', style: PS.kicker },
      { role: 'main', text: '天山路街道获评首批上海市儿童友好社区示范点', style: PS.main },
      { role: 'sub', text: '构建“1+18+7”儿童服务圈，让儿童与社区共同成长', style: PS.sub },
    ],
  };
  const vhead: HeadlineFrame = {
    id: frameId('h2'), kind: 'headline', x: columnX(g, 4), y: lineTop(g, 0), width: 2 * colW + gut, height: 24 * pitch - g.lineGap,
    orientation: 'vertical', storyId: storyId('s2'),
    decks: [
      { role: 'kicker', text: '江浦路街道（社区）', style: PS.kicker },
      { role: 'main', text: '家门口的“微更新”——', style: PS.main },
    ],
  };
  const photo: Frame = {
    id: frameId('ph'), kind: 'image', x: columnX(g, 1), y: lineTop(g, 30), width: 2 * colW + gut, height: 14 * pitch - g.lineGap,
    assetId: null, fit: 'fill', scale: 1, offsetX: 0, offsetY: 0, wrap: { enabled: true, offset: 0 },
  };
  const caption: Frame = {
    id: frameId('cap'), kind: 'caption', imageId: frameId('ph'), storyId: storyId('cap'),
    x: columnX(g, 1), y: lineTop(g, 44), width: 2 * colW + gut, height: 3 * pitch - g.lineGap, wrap: { enabled: true, offset: g.lineGap },
  };
  const ruleX = columnX(g, 4) - gut / 2;
  const rule: Frame = { id: frameId('vr'), kind: 'rule', orientation: 'vertical', x: ruleX - 1, y: lineTop(g, 0), width: 2, height: g.linesPerPage * pitch - g.lineGap, weight: 0.5, color: SW.black, style: 'solid' };
  const hr: Frame = { id: frameId('hr'), kind: 'rule', orientation: 'horizontal', x: columnX(g, 0), y: lineTop(g, 12) - 3, width: 4 * colW + 3 * gut, height: 2, weight: 1, color: SW.red, style: 'double' };
  issue.pages[0]!.frames.push(
    head,
    hr,
    gridFrame(issue, 'a', 's1', { col: 0, cols: 4, line: 13, next: 'a2' }),
    photo,
    caption,
    rule,
    vhead,
    gridFrame(issue, 'b', 's2', { col: 4, cols: 2, line: 25 }),
  );
  issue.pages[1]!.frames.push(gridFrame(issue, 'a2', 's1', { col: 0, cols: 6 }));
  return issue;
}

describe('render a laid-out page', () => {
  it('render-front-page-png', async (t) => {
    const issue = await frontPage();
    const r = layoutIssue(issue, realFonts());
    const a = r.pages[0]!.frames.find((f) => f.id === 'a')!;
    assert.ok(a.lines.length > 100);
    if (!requireTools(t, 'chromium')) return;
    const fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([k, v]) => [k, join(repoRoot, v)]));
    const svg = pageSvg(r, 0);
    const size = { width: r.pages[0]!.width, height: r.pages[0]!.height };
    const out = join(repoRoot, 'test-output/engine-page.png');
    assert.equal(svgToPng(svg, out, size, fonts, 1.5), 0);
    const g = issue.grid;
    assert.equal(svgToPng(pageSvg(r, 0, { guides: true }), join(repoRoot, 'test-output/engine-page-crop.png'), size, fonts, 4, { x: g.marginLeft - 10, y: g.marginTop - 30, width: 330, height: 330 }), 0);
    assert.equal(svgToPng(svg, join(repoRoot, 'test-output/engine-page-right.png'), size, fonts, 3, { x: columnX(g, 4) - 15, y: g.marginTop - 10, width: 230, height: 420 }), 0);
    assert.ok(existsSync(out));
  });
});
