// press.profile / press.chooseProfile / press.clearProfile through the IPC gate, with the real
// settings store (main/app/press-profile.ts) and a scripted open dialog; and export.pdf handing
// the stored profile to the writer, or failing before the save dialog when it went missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Documents } from '../../../main/app/documents';
import { createPressProfileStore } from '../../../main/app/press-profile';
import type { Channel, RequestIn, ResponseOf, Result } from '../../../main/ipc/contract';
import { registerHandlers } from '../../../main/ipc/handlers';
import { createShell, type ExportPdf, type ShellDeps } from '../../../main/ipc/implementation';
import { GENERIC_PROFILE_FILE } from '../../../main/files/pdf-export';
import { newIssue } from '../../../renderer/model/defaults';
import { FakeIpcMain, OUR_WEB_CONTENTS, foreignEvents, trustedEvent, tripwire } from './fakes';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-press-ipc-'));
  const plant = join(dir, 'plant.icc');
  await copyFile(join(root, GENERIC_PROFILE_FILE), plant);
  const documents = new Documents();
  const answers: Array<string | null> = [];
  const dialogLog: string[] = [];
  const jobs: Array<Parameters<ExportPdf>[0]> = [];
  const untouched: string[] = [];
  const deps: ShellDeps = {
    documents,
    io: tripwire(untouched, 'io'),
    images: tripwire(untouched, 'images'),
    fonts: tripwire(untouched, 'fonts'),
    dialogs: {
      openIssue: async () => null,
      saveIssue: async () => null,
      openImages: async () => null,
      savePdf: async () => {
        dialogLog.push('savePdf');
        return join(dir, 'out.pdf');
      },
      openIccProfile: async (senderId) => {
        dialogLog.push(`openIccProfile ${senderId}`);
        return answers.shift() ?? null;
      },
    },
    windows: { open: (doc) => void (doc.webContentsId = OUR_WEB_CONTENTS), focus: () => {}, close: () => {}, answerClose: () => {}, refresh: () => {}, nativeEdit: () => {}, send: () => {} },
    recent: tripwire(untouched, 'recent'),
    onRecentChanged: () => {},
    recovery: tripwire(untouched, 'recovery'),
    press: createPressProfileStore({ file: join(dir, 'userData', 'press-settings.json') }),
    exportPdf: async (job) => {
      jobs.push(job);
      return { pages: 1, warnings: [] };
    },
    newIssue: (preset) => newIssue({ preset }),
    locale: () => ({ locale: 'en', languages: ['en-US'], platform: 'linux' }),
    samplePath: () => null,
  };
  const shell = createShell(deps);
  const ipc = new FakeIpcMain();
  registerHandlers(ipc, shell.handlers, { isOurWebContents: (id) => id === OUR_WEB_CONTENTS });
  const call = async <C extends Channel>(channel: C, req?: RequestIn<C>) => (await ipc.invoke(channel, trustedEvent(), req)) as Result<ResponseOf<C>>;
  return { dir, plant, answers, dialogLog, jobs, untouched, ipc, shell, call, done: () => rm(dir, { recursive: true, force: true }) };
}

test('plant-profile channels: not set, choose (dialog), see it, clear', async () => {
  const t = await setup();
  assert.deepEqual(await t.call('press.profile'), { ok: true, value: null });
  // cancelled dialog: nothing stored
  assert.deepEqual(await t.call('press.chooseProfile'), { ok: true, value: null });
  t.answers.push(t.plant);
  assert.deepEqual(await t.call('press.chooseProfile'), { ok: true, value: { name: 'Chemical proof', path: t.plant, available: true, problem: null } });
  assert.deepEqual(t.dialogLog, [`openIccProfile ${OUR_WEB_CONTENTS}`, `openIccProfile ${OUR_WEB_CONTENTS}`]);
  assert.deepEqual(await t.call('press.profile'), { ok: true, value: { name: 'Chemical proof', path: t.plant, available: true, problem: null } });
  assert.deepEqual(await t.call('press.clearProfile'), { ok: true, value: undefined });
  assert.deepEqual(await t.call('press.profile'), { ok: true, value: null });
  assert.deepEqual(t.untouched, []);
  await t.done();
});

test('plant-profile channels: a file that is not a CMYK output profile is refused in both languages', async () => {
  const t = await setup();
  t.answers.push(join(root, 'assets/samples/tianshan.banmian'));
  const r = await t.call('press.chooseProfile');
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'bad-profile');
    assert.match(r.error.message, /"tianshan\.banmian" is not an ICC profile/);
    assert.match(r.error.messageZh, /“tianshan\.banmian”不是 ICC 特性文件/);
  }
  assert.deepEqual(await t.call('press.profile'), { ok: true, value: null });
  await t.done();
});

test('plant-profile channels: foreign senders and malformed payloads reach neither the dialog nor the store', async () => {
  const t = await setup();
  for (const channel of ['press.profile', 'press.chooseProfile', 'press.clearProfile'] as const) {
    for (const [why, ev] of foreignEvents()) {
      const r = (await t.ipc.invoke(channel, ev, {})) as Result<unknown>;
      assert.equal(!r.ok && r.error.code, 'forbidden', `${channel} from ${why}`);
    }
    for (const bad of [{ path: '/tmp/evil.icc' }, 42, 'plant.icc', null]) {
      const r = (await t.ipc.invoke(channel, trustedEvent(), bad)) as Result<unknown>;
      assert.equal(!r.ok && r.error.code, 'bad-request', `${channel} with ${JSON.stringify(bad)}`);
    }
  }
  assert.deepEqual(t.dialogLog, []);
  assert.deepEqual(await t.call('press.profile'), { ok: true, value: null });
  await t.done();
});

test('plant-profile channels: export.pdf hands the stored profile to the writer; a missing one fails before the save dialog', async () => {
  const t = await setup();
  const { documentId } = t.shell.actions.openNew('tabloid');
  const req = { documentId, jobId: 'e1', issue: newIssue({ preset: 'tabloid' }), options: {} };
  // not set: no profile in the job (the generic one, with its warning)
  assert.equal((await t.call('export.pdf', req)).ok, true);
  assert.equal(t.jobs[0]!.plantProfile, undefined);
  t.answers.push(t.plant);
  await t.call('press.chooseProfile');
  assert.equal((await t.call('export.pdf', req)).ok, true);
  assert.equal(t.jobs[1]!.plantProfile?.name, 'Chemical proof');
  assert.equal(t.jobs[1]!.plantProfile?.bytes.length, 961_644);
  // the file goes missing: the export fails in both languages, no save dialog, no writer call
  await rm(t.plant);
  t.dialogLog.length = 0;
  const r = await t.call('export.pdf', req);
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.error.code, 'plant-profile-unavailable');
    assert.match(r.error.message, /Chemical proof.*cannot be read/);
    assert.match(r.error.messageZh, /无法从.*读取印厂色彩配置/);
  }
  assert.deepEqual(t.dialogLog, []);
  assert.equal(t.jobs.length, 2);
  const status = await t.call('press.profile');
  assert.equal(status.ok && status.value?.available, false);
  await t.done();
});
