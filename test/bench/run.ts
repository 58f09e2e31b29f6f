// Engine benchmarks (npm run bench). Prints one JSON object per benchmark: median and p95 in
// milliseconds over the measured runs, the target, and median / target (<= 1 meets it).
// Not a unit test: timings depend on the machine (the reference machine has 2 cores).
import { createLayoutSession, layoutIssue } from '../../renderer/engine/index';
import type { Issue, Paragraph } from '../../renderer/model/schema';
import { realFonts } from '../renderer/fonts/load-fonts';
import { gridFrame, issueWithStory, SAMPLES, sampleParagraphs, storyId } from '../renderer/engine/fixtures';
import { PS } from '../../renderer/model/defaults';
import { availableParallelism, loadavg } from 'node:os';

const WARMUP = 20;
const RUNS = 200;

/** CPU time of each run (user + system, all threads of the process, so GC helpers count), ms. */
const cpu: number[] = [];

function stats(name: string, times: number[], targetMs: number, extra: Record<string, unknown> = {}): void {
  const s = [...times].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const median = q(0.5);
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const c = cpu.splice(0).slice(-times.length).sort((a, b) => a - b);
  // min shows the uncontended speed; load average and cores say how busy the machine was
  console.log(
    JSON.stringify({
      name,
      median_ms: r(median),
      p95_ms: r(q(0.95)),
      min_ms: r(s[0]!),
      // on a loaded machine wall time includes waiting for a core; CPU time does not
      cpu_median_ms: r(c[c.length >> 1] ?? NaN),
      target_ms: targetMs,
      ratio: r(median / targetMs),
      runs: s.length,
      cores: availableParallelism(),
      load1: r(loadavg()[0]!),
      ...extra,
    }),
  );
}

function time(fn: () => void): number {
  const c0 = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1000);
  return wall;
}

const fonts = realFonts();
const allParas = (await Promise.all(SAMPLES.map((s) => sampleParagraphs(s)))).flat();

// 1. A full broadsheet page of body text: 8 columns x 13 characters x 120 lines.
const pageChars = 8 * 13 * 120;
const bodyTexts: string[] = [];
let n = 0;
for (let i = 0; n < pageChars - 900; i++) {
  const t = allParas[i % allParas.length]!;
  bodyTexts.push(t);
  n += [...t].length;
}
const broadsheet = issueWithStory('broadsheet', bodyTexts);
{
  const times: number[] = [];
  let fit = '';
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = time(() => {
      fit = layoutIssue(broadsheet, fonts).stories[0]!.label;
    });
    if (i >= WARMUP) times.push(t);
  }
  stats('broadsheet-page-from-scratch', times, 3, { chars: n, fit });
}

// 2. Relayout after a one-character edit on that page (an incremental session).
{
  const session = createLayoutSession(fonts);
  session.layout(broadsheet);
  const times: number[] = [];
  let issue: Issue = broadsheet;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const story = issue.stories[0]!;
    const k = (i * 7) % story.paragraphs.length;
    const para = story.paragraphs[k]!;
    const text = para.runs[0]!.text;
    const pos = (i * 13) % Math.max(1, text.length);
    const edited: Paragraph = { ...para, runs: [{ text: text.slice(0, pos) + '新' + text.slice(pos) }] };
    issue = { ...issue, stories: [{ ...story, paragraphs: story.paragraphs.map((p, j) => (j === k ? edited : p)) }] };
    const t = time(() => session.layout(issue));
    if (i >= WARMUP) times.push(t);
  }
  stats('broadsheet-page-relayout-after-one-char-edit', times, 1);
}

// 3. All three samples as one issue (tabloid, one page and story each), from scratch.
{
  const perSample = await Promise.all(SAMPLES.map((s) => sampleParagraphs(s)));
  const issue = issueWithStory('tabloid', perSample[0]!, undefined, 3);
  perSample.slice(1).forEach((paras, i) => {
    const id = `s${i + 2}`;
    issue.stories.push({ id: storyId(id), name: SAMPLES[i + 1]!, paragraphs: paras.map((t) => ({ style: PS.body, runs: [{ text: t }] })) });
    issue.pages[i + 1]!.frames.push(gridFrame(issue, `f${i + 2}`, id));
  });
  const chars = perSample.flat().reduce((a, t) => a + [...t].length, 0);
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const t = time(() => layoutIssue(issue, fonts));
    if (i >= WARMUP) times.push(t);
  }
  stats('three-samples-issue-from-scratch', times, 10, { chars });
}
