// userData/press-settings.json (main/app/press-profile.ts): the plant's CMYK output profile as an
// app setting. Written atomically; a missing settings file is "not set"; a damaged one is "not
// set" with a logged message; a profile file that went missing says so in both languages and
// fails the export instead of falling back to the generic profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPlantProfile, createPressProfileStore } from '../../../main/app/press-profile';
import { GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { IpcFailure } from '../../../main/ipc/handlers';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** A real CMYK output profile ('prtr', "Chemical proof") standing in for the plant's. */
const CMYK = join(root, GENERIC_PROFILE_FILE);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-press-'));
  const file = join(dir, 'userData', 'press-settings.json');
  const plant = join(dir, 'plant.icc');
  await copyFile(CMYK, plant);
  const logged: string[] = [];
  const log = { error: (m: string) => void logged.push(m) };
  return { dir, file, plant, logged, store: createPressProfileStore({ file, log }), reopen: () => createPressProfileStore({ file, log }) };
}

/** The CMYK profile with its header changed (class and colour space), as a profile of another kind. */
async function variant(dir: string, name: string, deviceClass: string, colorSpace: string): Promise<string> {
  const b = new Uint8Array(await readFile(CMYK));
  b.set(new TextEncoder().encode(deviceClass), 12);
  b.set(new TextEncoder().encode(colorSpace), 16);
  const p = join(dir, name);
  await writeFile(p, b);
  return p;
}

test('plant-profile-store: not set without a settings file, nothing logged', async () => {
  const t = await setup();
  assert.equal(await t.store.get(), null);
  assert.equal(await t.store.forExport(), null);
  assert.deepEqual(t.logged, []);
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: choose checks, stores path, name and hash atomically, and survives a restart', async () => {
  const t = await setup();
  const info = await t.store.choose(t.plant);
  assert.deepEqual(info, { name: 'Chemical proof', path: t.plant, available: true, problem: null });
  const bytes = new Uint8Array(await readFile(t.plant));
  assert.deepEqual(JSON.parse(await readFile(t.file, 'utf8')), { version: 1, plantProfile: { path: t.plant, name: 'Chemical proof', sha256: sha(bytes) } });
  // written through a temp file renamed over the target: nothing else is left in the folder
  assert.deepEqual(await readdir(join(t.dir, 'userData')), ['press-settings.json']);
  assert.deepEqual(await t.reopen().get(), info);
  const e = await t.reopen().forExport();
  assert.equal(e?.name, 'Chemical proof');
  assert.ok(Buffer.from(e!.bytes).equals(Buffer.from(bytes)));
  await t.store.clear();
  assert.equal(await t.reopen().get(), null);
  assert.deepEqual(JSON.parse(await readFile(t.file, 'utf8')), { version: 1, plantProfile: null });
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: concurrent choose and clear are serialised; the file is always whole JSON', async () => {
  const t = await setup();
  await Promise.all([t.store.choose(t.plant), t.store.clear(), t.store.choose(t.plant), t.store.get()]);
  assert.equal((await t.reopen().get())?.name, 'Chemical proof');
  assert.deepEqual(await readdir(join(t.dir, 'userData')), ['press-settings.json']);
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: corrupt or foreign JSON is treated as unset, with a logged message', async () => {
  const t = await setup();
  await t.store.choose(t.plant);
  await writeFile(t.file, '{"version": 1, "plantProfile": {"path": "/x"');
  assert.equal(await t.store.get(), null);
  assert.equal(await t.store.forExport(), null);
  assert.ok(t.logged.some((m) => m.includes('press-settings.json') && m.includes('not JSON')), t.logged.join('\n'));
  t.logged.length = 0;
  await writeFile(t.file, JSON.stringify({ version: 7, plantProfile: 'plant.icc' }));
  assert.equal(await t.store.get(), null);
  assert.ok(t.logged.some((m) => m.includes('not a Banmian press settings file')), t.logged.join('\n'));
  // choosing again repairs it
  assert.equal((await t.store.choose(t.plant)).available, true);
  assert.equal((await t.reopen().get())?.available, true);
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: a profile that went missing says so in both languages and fails the export', async () => {
  const t = await setup();
  await t.store.choose(t.plant);
  await rm(t.plant);
  const info = await t.store.get();
  assert.equal(info?.available, false);
  assert.equal(info?.name, 'Chemical proof');
  assert.match(info!.problem!.message, /plant colour profile "Chemical proof" cannot be read from .*plant\.icc \(ENOENT\).*moved or deleted.*Choose it again/);
  assert.match(info!.problem!.messageZh, /无法从 .*plant\.icc 读取印厂色彩配置“Chemical proof”.*已被移动或删除/);
  await assert.rejects(t.store.forExport(), (e: unknown) => {
    assert.ok(e instanceof IpcFailure);
    assert.equal(e.error.code, 'plant-profile-unavailable');
    assert.match(e.error.message, /cannot be read.*does not fall back to the generic profile/);
    assert.match(e.error.messageZh, /印厂色彩配置.*不会自行改用通用特性文件/);
    return true;
  });
  // the setting stays (the file may come back: a network drive), until cleared or chosen again
  await copyFile(CMYK, t.plant);
  assert.equal((await t.store.get())?.available, true);
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: a file replaced by something that is no longer a CMYK output profile cannot be used', async () => {
  const t = await setup();
  await t.store.choose(t.plant);
  await writeFile(t.plant, 'not a profile any more');
  const info = await t.store.get();
  assert.equal(info?.available, false);
  assert.match(info!.problem!.message, /can no longer be used: "plant\.icc" is not an ICC profile/);
  await assert.rejects(t.store.forExport(), /can no longer be used/);
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: a profile the plant replaced in place (still valid) is used, name and hash follow it', async () => {
  const t = await setup();
  await t.store.choose(t.plant);
  // a different valid CMYK output profile at the same path: its description changes
  const b = new Uint8Array(await readFile(CMYK));
  const text = new TextDecoder('latin1').decode(b);
  const at = text.indexOf('Chemical proof');
  b.set(new TextEncoder().encode('Chemical PROOF'), at);
  await writeFile(t.plant, b);
  assert.deepEqual(await t.store.get(), { name: 'Chemical PROOF', path: t.plant, available: true, problem: null });
  assert.equal(JSON.parse(await readFile(t.file, 'utf8')).plantProfile.sha256, sha(b));
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: choose refuses what is not a CMYK output profile, in both languages, and keeps the old setting', async () => {
  const t = await setup();
  await t.store.choose(t.plant);
  const rgb = await variant(t.dir, 'monitor.icc', 'mntr', 'RGB ');
  const link = await variant(t.dir, 'cmyk-link.icc', 'link', 'CMYK');
  const junk = join(t.dir, 'photo.icc');
  await writeFile(junk, 'JFIF');
  const cases: Array<[string, RegExp, RegExp]> = [
    [rgb, /"monitor\.icc" is a profile for RGB; the plant's profile must be for CMYK/, /“monitor\.icc”是 RGB 特性文件；印厂特性文件必须是 CMYK 的/],
    [link, /"cmyk-link\.icc" is a "link" profile, not an output \(printer\) profile/, /“cmyk-link\.icc”是“link”类特性文件，不是输出（印刷）特性文件/],
    [junk, /"photo\.icc" is not an ICC profile/, /“photo\.icc”不是 ICC 特性文件/],
    [join(t.dir, 'nowhere.icc'), /nowhere\.icc cannot be read \(ENOENT\)/, /无法读取 .*nowhere\.icc（ENOENT）/],
  ];
  for (const [path, en, zh] of cases) {
    await assert.rejects(t.store.choose(path), (e: unknown) => {
      assert.ok(e instanceof IpcFailure);
      assert.equal(e.error.code, 'bad-profile');
      assert.match(e.error.message, en);
      assert.match(e.error.messageZh, zh);
      return true;
    });
  }
  assert.equal((await t.store.get())?.path, t.plant);
  await rm(t.dir, { recursive: true, force: true });
});

test('plant-profile-store: checkPlantProfile names a CMYK output profile by its description', async () => {
  assert.deepEqual(checkPlantProfile(new Uint8Array(await readFile(CMYK)), '/x/plant.icc'), { name: 'Chemical proof' });
});
