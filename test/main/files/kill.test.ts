// Kills a process in the middle of saving, many times, and checks that the issue file is always
// complete: the old version or the new one, never a mixture or a stub.
//   BANMIAN_KILL_SEED=<uint32>   seed (default fixed, printed)
//   BANMIAN_KILL_TRIALS=<count>  trials (default 40)
// Half the trials kill after a random delay (0..MAX_DELAY_MS after the child is ready, which
// spans several saves); the other half kill the moment the child announces a chosen phase
// (write, fsync, backup, rename, ...), so kills also land in the short rename window.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { readIssueBytes, saveIssueFile, writeIssueBytes } from '../../../main/files/issue-file';
import { bundleChild } from './bundle-child';
import { killTestIssue } from './helpers';
import { mulberry32 } from '../../helpers/random';

const SEED = Number(process.env.BANMIAN_KILL_SEED ?? 4242) >>> 0;
const TRIALS = Number(process.env.BANMIAN_KILL_TRIALS ?? 40);
/** Image bytes per document: 6 MiB makes one save take ~40 ms here, of which writing is a good part. */
const ASSET_BYTES = 6 * 1024 * 1024;
/** Random kills land 0..this many ms after "ready": several whole save cycles. */
const MAX_DELAY_MS = 400;
const TRIAL_TIMEOUT_MS = 20_000;
const CHILD_SOURCE = fileURLToPath(new URL('./save-child.ts', import.meta.url));
const TRIGGER_PHASES = ['temp-open', 'write', 'fsync', 'backup', 'rename', 'dir-fsync', 'cleanup'] as const;


interface Trial {
  lines: string[];
  signal: string | null;
}

/** Runs the saving child and SIGKILLs it after `delayMs` past "ready", or at the n-th `phase` line. */
function runTrial(child: string, target: string, kill: { delayMs: number } | { phase: string; nth: number }): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, target, String(ASSET_BYTES)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let stderr = '';
    const lines: string[] = [];
    let seen = 0;
    let killed = false;
    const killNow = () => {
      if (!killed) {
        killed = true;
        p.kill('SIGKILL');
      }
    };
    const guard = setTimeout(() => {
      killNow();
      reject(new Error(`trial timed out; child said: ${lines.slice(-5).join(' ')} ${stderr}`));
    }, TRIAL_TIMEOUT_MS);
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        if (line === 'ready' && 'delayMs' in kill) setTimeout(killNow, kill.delayMs);
        if ('phase' in kill && line === kill.phase && ++seen >= kill.nth) killNow();
      }
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (_code, signal) => {
      clearTimeout(guard);
      if (!killed) reject(new Error(`child ended by itself: ${stderr}`));
      else resolve({ lines, signal });
    });
  });
}

test(`kill-during-save: ${TRIALS} SIGKILLs leave the old or the new file, complete (seed ${SEED})`, { timeout: 10 * 60_000 }, async () => {
  console.log(`# kill test seed ${SEED}, ${TRIALS} trials (rerun: BANMIAN_KILL_SEED=${SEED} BANMIAN_KILL_TRIALS=${TRIALS})`);
  const r = mulberry32(SEED);
  const A = killTestIssue('A', ASSET_BYTES);
  const B = killTestIssue('B', ASSET_BYTES);
  const bytesA = Buffer.from(writeIssueBytes(A.issue, A.assets));
  const bytesB = Buffer.from(writeIssueBytes(B.issue, B.assets));
  const root = await mkdtemp(join(tmpdir(), 'banmian-kill-'));
  const child = bundleChild(CHILD_SOURCE, root);
  const phaseCounts = new Map<string, number>();
  const found = { A: 0, B: 0 };
  let leftoverTemps = 0;
  let saves = 0;
  const started = Date.now();
  try {
    // The kill plan of every trial is drawn up front, so the seed fixes it whatever the timing.
    const plans = Array.from({ length: TRIALS }, (_, trial) =>
      trial % 2 === 0
        ? { delayMs: Math.floor(r() * MAX_DELAY_MS) }
        : { phase: TRIGGER_PHASES[Math.floor(r() * TRIGGER_PHASES.length)]!, nth: 1 + Math.floor(r() * 3) },
    );
    const runOne = async (trial: number) => {
      const dir = join(root, `t${trial}`);
      await mkdir(dir);
      const target = join(dir, '晨报.banmian');
      await writeFile(target, bytesA);
      const kill = plans[trial]!;
      const { lines, signal } = await runTrial(child, target, kill);
      assert.equal(signal, 'SIGKILL');
      const after = lines.slice(lines.indexOf('ready') + 1);
      const last = after.length ? after[after.length - 1]! : 'before-first-save';
      phaseCounts.set(last, (phaseCounts.get(last) ?? 0) + 1);
      saves += after.filter((l) => l === 'done').length;

      // The target is exactly one of the two complete files, and opens.
      const now = await readFile(target);
      const which = now.equals(bytesA) ? 'A' : now.equals(bytesB) ? 'B' : null;
      assert.ok(which, `trial ${trial} (${JSON.stringify(kill)}, killed in ${last}): the target is neither complete file (${now.length} bytes)`);
      found[which]++;
      assert.equal(readIssueBytes(now, target).issue.meta.paper, `${which} 报`);
      // A backup, if there is one, is complete too.
      if (existsSync(`${target}.bak`)) {
        const bak = await readFile(`${target}.bak`);
        assert.ok(bak.equals(bytesA) || bak.equals(bytesB), `trial ${trial}: the backup is incomplete`);
      }
      // Leftover temp files are ignored by opening and removed by the next save.
      const temps = (await readdir(dir)).filter((n) => n.endsWith('.tmp'));
      leftoverTemps += temps.length;
      await saveIssueFile(target, B.issue, B.assets);
      assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.tmp')), [], `trial ${trial}: temp files survive the next save (before: ${temps.join(' ')}, killed in ${last})`);
      assert.ok((await readFile(target)).equals(bytesB));
      await rm(dir, { recursive: true, force: true });
    };
    // Two trials at a time (two cores); each has its own folder.
    const queue = plans.map((_, i) => i);
    await Promise.all([0, 1].map(async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await runOne(i);
    }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const phases = [...phaseCounts].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`# kill test: ${TRIALS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s, ${saves} saves completed by the children`);
  console.log(`# kill test: killed during phase: ${phases}`);
  console.log(`# kill test: target held old (A) ${found.A}, new (B) ${found.B}; leftover temp files ${leftoverTemps}, all removed by the next save`);
  const inside = ['write', 'fsync', 'backup', 'rename'].filter((p) => phaseCounts.has(p));
  assert.ok(inside.length >= 2, `kills should land inside a save (write/fsync/backup/rename); got ${phases}`);
});
