import { strict as assert } from 'node:assert';
import { chmod, link, lstat, mkdtemp, symlink, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { nodeFs, removeStaleTemps, writeFileAtomic, type AtomicFileHandle, type AtomicFs, type SavePhase } from '../../../main/files/atomic';
import { readIssueBytes, saveIssueFile, writeIssueBytes } from '../../../main/files/issue-file';
import { expectIssueErrorAsync, sampleIssue } from './helpers';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'banmian-atomic-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

let n = 0;
async function freshDir(): Promise<string> {
  const d = join(root, `case-${++n}`);
  await import('node:fs/promises').then((m) => m.mkdir(d));
  return d;
}

const errno = (code: string) => Object.assign(new Error(`${code}: injected failure`), { code });

type Step = 'open-temp' | 'write' | 'sync' | 'link' | 'copy' | 'rename-bak' | 'rename-final' | 'stat';

/** node:fs with one step made to fail with `code` (for write: after `afterBytes` bytes landed). */
function faultyFs(step: Step, code: string, afterBytes = 0): AtomicFs {
  const wrapHandle = (h: AtomicFileHandle, isTemp: boolean): AtomicFileHandle => {
    let written = 0;
    return {
      write: async (buf, off, len, pos) => {
        if (isTemp && step === 'write' && written + len > afterBytes) {
          const part = Math.max(0, afterBytes - written);
          if (part > 0) await h.write(buf, off, part, pos);
          written += part;
          throw errno(code);
        }
        const r = await h.write(buf, off, len, pos);
        written += r.bytesWritten;
        return r;
      },
      sync: async () => {
        if (isTemp && step === 'sync') throw errno(code);
        return h.sync();
      },
      chmod: (m) => h.chmod(m),
      close: () => h.close(),
    };
  };
  return {
    ...nodeFs,
    open: async (p, flags, mode) => {
      const isTemp = flags === 'wx';
      if (isTemp && step === 'open-temp') throw errno(code);
      return wrapHandle(await nodeFs.open(p, flags, mode), isTemp);
    },
    link: async (a, b) => {
      if (step === 'link') throw errno(code);
      return nodeFs.link(a, b);
    },
    copyFile: async (a, b) => {
      if (step === 'copy') {
        await writeFile(b, 'partial'); // a copy that ran out of space half-way
        throw errno(code);
      }
      return nodeFs.copyFile(a, b);
    },
    rename: async (a, b) => {
      if (step === 'rename-bak' && b.endsWith('.bak')) throw errno(code);
      if (step === 'rename-final' && !b.endsWith('.bak')) throw errno(code);
      return nodeFs.rename(a, b);
    },
    stat: async (p) => {
      if (step === 'stat') throw errno(code);
      return nodeFs.stat(p);
    },
  };
}

const OLD = sampleIssue({ paper: '旧报' });
const NEW = sampleIssue({ paper: '新报', salt: 7 });
const oldBytes = writeIssueBytes(OLD.issue, OLD.assets);

async function setupOld(dir: string): Promise<string> {
  const p = join(dir, '晨报.banmian');
  await writeFile(p, oldBytes);
  return p;
}

async function assertIntactOldAndNoTemps(dir: string, p: string) {
  assert.deepEqual(Buffer.from(await readFile(p)), Buffer.from(oldBytes), 'the old file is unchanged');
  const left = (await readdir(dir)).filter((x) => x.endsWith('.tmp'));
  assert.deepEqual(left, [], 'no temp file is left behind');
}

describe('atomic save', () => {
  test('save-new-file: creates the file, no backup when there was no old file', async () => {
    const dir = await freshDir();
    const p = join(dir, 'a.banmian');
    const phases: SavePhase[] = [];
    await saveIssueFile(p, NEW.issue, NEW.assets, { onPhase: (ph) => phases.push(ph) });
    assert.deepEqual(await readdir(dir), ['a.banmian']);
    assert.deepEqual(phases, ['temp-open', 'write', 'fsync', 'rename', 'dir-fsync', 'cleanup', 'done']);
    assert.equal(readIssueBytes(await readFile(p)).issue.meta.paper, '新报');
  });

  test('save-over-old: the old file becomes name.banmian.bak, the new one takes the name', async () => {
    const dir = await freshDir();
    const p = await setupOld(dir);
    const phases: SavePhase[] = [];
    await saveIssueFile(p, NEW.issue, NEW.assets, { onPhase: (ph) => phases.push(ph) });
    assert.deepEqual((await readdir(dir)).sort(), ['晨报.banmian', '晨报.banmian.bak']);
    assert.ok(phases.indexOf('backup') < phases.indexOf('rename'));
    assert.equal(readIssueBytes(await readFile(p)).issue.meta.paper, '新报');
    assert.deepEqual(Buffer.from(await readFile(`${p}.bak`)), Buffer.from(oldBytes));
    // A third save replaces the backup with the second version.
    await saveIssueFile(p, OLD.issue, OLD.assets);
    assert.equal(readIssueBytes(await readFile(`${p}.bak`)).issue.meta.paper, '新报');
  });

  test('backup-false: no .bak is made', async () => {
    const dir = await freshDir();
    const p = await setupOld(dir);
    await saveIssueFile(p, NEW.issue, NEW.assets, { backup: false });
    assert.deepEqual(await readdir(dir), ['晨报.banmian']);
  });

  test('keeps-permissions: the new file gets the old file\'s mode', async () => {
    const dir = await freshDir();
    const p = await setupOld(dir);
    await chmod(p, 0o640);
    await saveIssueFile(p, NEW.issue, NEW.assets);
    assert.equal((await stat(p)).mode & 0o777, 0o640);
  });

  test('symlink: saving through a link replaces the file it points to and keeps the link', async () => {
    const dir = await freshDir();
    const real = await setupOld(dir);
    const via = join(dir, 'link.banmian');
    await symlink(real, via);
    await saveIssueFile(via, NEW.issue, NEW.assets);
    assert.ok((await lstat(via)).isSymbolicLink());
    assert.equal(readIssueBytes(await readFile(real)).issue.meta.paper, '新报');
    assert.deepEqual(Buffer.from(await readFile(`${real}.bak`)), Buffer.from(oldBytes));
  });

  test('link-unsupported: where hard links fail (FAT, some shares) the backup is a copy', async () => {
    const dir = await freshDir();
    const p = await setupOld(dir);
    await saveIssueFile(p, NEW.issue, NEW.assets, { fs: faultyFs('link', 'EPERM') });
    assert.deepEqual(Buffer.from(await readFile(`${p}.bak`)), Buffer.from(oldBytes));
    assert.equal(readIssueBytes(await readFile(p)).issue.meta.paper, '新报');
  });

  const failures: Array<[string, Step, string, 'disk-full' | 'permission' | 'io', RegExp]> = [
    ['disk full during write (ENOSPC after 1 KiB)', 'write', 'ENOSPC', 'disk-full', /Free some space/],
    ['quota exceeded during write (EDQUOT)', 'write', 'EDQUOT', 'disk-full', /Free some space/],
    ['no permission to create the temp file (EACCES)', 'open-temp', 'EACCES', 'permission', /Choose another folder/],
    ['operation not permitted (EPERM)', 'open-temp', 'EPERM', 'permission', /Choose another folder/],
    ['read-only disk (EROFS) at the temp file', 'open-temp', 'EROFS', 'permission', /read-only disk/],
    ['read-only disk (EROFS) at the final rename', 'rename-final', 'EROFS', 'permission', /read-only disk/],
    ['I/O error at fsync (EIO)', 'sync', 'EIO', 'io', /try again/],
    ['disk full while copying the backup', 'copy', 'ENOSPC', 'disk-full', /Free some space/],
    ['rename of the backup refused (EACCES)', 'rename-bak', 'EACCES', 'permission', /Choose another folder/],
    ['folder vanished (ENOENT) at the final rename', 'rename-final', 'ENOENT', 'io', /another folder/],
  ];
  for (const [label, step, code, expected, advice] of failures) {
    test(`failed-save: ${label} → ${expected}, old file intact, temp removed`, async () => {
      const dir = await freshDir();
      const p = await setupOld(dir);
      const fs = step === 'copy' ? { ...faultyFs('copy', code), link: faultyFs('link', 'EXDEV').link } : faultyFs(step, code, 1024);
      const e = await expectIssueErrorAsync(() => saveIssueFile(p, NEW.issue, NEW.assets, { fs }), expected, advice);
      assert.match(e.message, /previous version of the file is unchanged/);
      assert.match(e.messageZh, /原有文件保持不变/);
      assert.equal(e.path, p);
      await assertIntactOldAndNoTemps(dir, p);
    });
  }

  test('failed-save: the folder does not exist → io naming the folder', async () => {
    const dir = await freshDir();
    const p = join(dir, 'missing-folder', 'x.banmian');
    await expectIssueErrorAsync(() => saveIssueFile(p, NEW.issue, NEW.assets), 'io', /does not exist/);
  });

  test('failed-save: the target is a folder → io', async () => {
    const dir = await freshDir();
    await expectIssueErrorAsync(() => saveIssueFile(dir, NEW.issue, NEW.assets), 'io', /folder, not a file/);
  });

  test('stale-temps: temp files of dead processes are removed by the next save; live ones are kept', async () => {
    const dir = await freshDir();
    const p = await setupOld(dir);
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default of 4,194,304: never alive
    const dead = [`.晨报.banmian.${deadPid}.0123abcd.tmp`, `.晨报.banmian.bak.${deadPid}.89abcdef.tmp`];
    const live = `.晨报.banmian.${process.ppid}.00000000.tmp`;
    const other = `.其他.banmian.${deadPid}.0123abcd.tmp`;
    for (const x of [...dead, live, other]) await writeFile(join(dir, x), 'partial');
    await saveIssueFile(p, NEW.issue, NEW.assets);
    const names = await readdir(dir);
    for (const x of dead) assert.ok(!names.includes(x), `${x} removed`);
    assert.ok(names.includes(live), 'a live process\'s temp file is kept');
    assert.ok(names.includes(other), 'temp files of other issues are not touched');
    assert.deepEqual(await removeStaleTemps(nodeFs, dir, '晨报.banmian'), []);
  });

  test('bak-same-inode: after a save killed between backup and rename (.bak and target are one file), the next save leaves no temp', async () => {
    // Found by kill.test.ts: rename(a, b) is a no-op when a and b are links to the same file.
    const dir = await freshDir();
    const p = await setupOld(dir);
    await link(p, `${p}.bak`);
    await saveIssueFile(p, NEW.issue, NEW.assets);
    assert.deepEqual((await readdir(dir)).sort(), ['晨报.banmian', '晨报.banmian.bak']);
    assert.deepEqual(Buffer.from(await readFile(`${p}.bak`)), Buffer.from(oldBytes));
  });

  test('writeFileAtomic writes large data in chunks and verifies byte for byte', async () => {
    const dir = await freshDir();
    const p = join(dir, 'big.bin');
    const data = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 7) & 0xff);
    await writeFileAtomic(p, data);
    assert.deepEqual(Buffer.from(await readFile(p)), Buffer.from(data));
  });
});
