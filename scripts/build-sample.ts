// Builds the sample issue assets/samples/tianshan.banmian (the issue the app opens on first
// start) from assets/samples/text/*.txt and assets/samples/sponsors.csv.
//
//   node --import tsx scripts/build-sample.ts            write the file, print the fits
//   node --import tsx scripts/build-sample.ts --check    build in memory, compare with the file
//
// See scripts/sample/build.ts for the page plans and assets/samples/README.md for the sample.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSample } from './sample/build';
import { layoutSample, sampleReport } from './sample/report';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sampleDir = join(root, 'assets', 'samples');
const out = join(sampleDir, 'tianshan.banmian');

const { issue, bytes } = await buildSample({ sampleDir });
const report = sampleReport(issue, layoutSample(issue));
for (const f of report.fits) console.log(`${f.status.padEnd(8)} ${f.label.padEnd(10)} ${f.storyId.padEnd(20)} ${f.frames.join(' > ')}`);
if (report.emptyTextFrames.length) console.log(`empty frames: ${report.emptyTextFrames.join(', ')}`);
if (report.strandedCrossheads.length) console.log(`crossheads: ${report.strandedCrossheads.join('; ')}`);
if (report.outsideTypeArea.length) console.log(`outside the type area: ${report.outsideTypeArea.join(', ')}`);
const overset = report.fits.filter((f) => f.status === 'overset');

if (process.argv.includes('--check')) {
  const same = existsSync(out) && Buffer.compare(readFileSync(out), Buffer.from(bytes)) === 0;
  console.log(same ? `${out} is up to date` : `${out} differs from a fresh build: run npm run sample`);
  process.exit(same && !overset.length ? 0 : 1);
}
writeFileSync(out, bytes);
console.log(`wrote ${out} (${bytes.length} bytes)`);
if (overset.length) {
  console.error(`overset: ${overset.map((f) => f.storyId).join(', ')}`);
  process.exit(1);
}
