// The fonts channels over the real registry (bundled fonts from the project): which face is
// delivered, the URL it is served at, which ids the protocol may serve, and when the system font
// scan is waited for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fontChannels, fontUrl } from '../../../main/app/font-channels';
import { createFontRegistry } from '../../../main/files/fonts';
import { repoRoot } from '../../renderer/fonts/load-fonts';

const registry = () => createFontRegistry({ projectRoot: repoRoot, systemFontDirs: [] });

test('resolve names the delivered face and a URL on the app origin; file serves only delivered faces', async () => {
  const ch = fontChannels(registry());
  const r = await ch.resolve('NotoSerifSC-Regular');
  assert.ok(r);
  assert.equal(r.postscriptName, 'NotoSerifSC-Regular');
  assert.equal(r.substitution, null);
  assert.equal(r.url, fontUrl(r.fontId));
  assert.match(r.url, /^fonts\/NotoSerifSC-Regular%23[0-9a-f]{12}$/);
  const bytes = await ch.file(r.fontId);
  assert.ok(bytes && bytes.byteLength > 1_000_000, 'the whole face');
  const viaIpc = await ch.bytes('NotoSerifSC-Regular');
  assert.deepEqual(viaIpc?.bytes.subarray(0, 64), bytes.subarray(0, 64), 'same bytes as fonts.bytes');
  // a face never delivered is not served, even when the registry has it
  const other = registry().findFont('NotoSansSC-Bold');
  assert.ok(other);
  assert.equal(await ch.file(other.fontId), null);
  assert.equal(await ch.file('../../etc/passwd'), null);
});

test('a missing font resolves to its bundled stand-in with the bilingual substitution message', async () => {
  const ch = fontChannels(registry());
  const r = await ch.resolve('FZShuSong-Z01');
  assert.ok(r);
  assert.notEqual(r.postscriptName, 'FZShuSong-Z01');
  assert.ok(r.substitution?.message && r.substitution.messageZh);
  assert.ok(await ch.file(r.fontId));
});

test('a font already known is answered without waiting for the system font scan; an unknown one waits', async () => {
  let finish!: () => void;
  const ready = new Promise<void>((r) => (finish = r));
  const ch = fontChannels(registry(), { ready });
  const known = await Promise.race([ch.resolve('NotoSansSC-Regular'), new Promise((r) => setTimeout(() => r('waited'), 2000))]);
  assert.notEqual(known, 'waited', 'bundled faces do not wait for the scan');
  let unknownDone = false;
  const unknown = ch.resolve('SomeInstalledFont-Regular').then((v) => ((unknownDone = true), v));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(unknownDone, false, 'a name not found yet waits: it may be a font the scan will find');
  finish();
  assert.ok(await unknown);
});
