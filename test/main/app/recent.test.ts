// userData/recent.json: most recent first, at most 10, no duplicates, missing files pruned.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_RECENT, createRecentFiles } from '../../../main/app/recent';

async function store(existing?: Set<string>, caseInsensitive = false) {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-recent-'));
  const file = join(dir, 'recent.json');
  const exists = async (p: string) => (existing ? existing.has(p) : true);
  return { file, recent: createRecentFiles({ file, exists, caseInsensitive }) };
}

test('add puts the file first and persists the list', async () => {
  const { file, recent } = await store();
  await recent.add('/p/a.banmian');
  await recent.add('/p/b.banmian');
  assert.deepEqual((await recent.list()).map((r) => r.path), ['/p/b.banmian', '/p/a.banmian']);
  const json = JSON.parse(await readFile(file, 'utf8'));
  assert.deepEqual(json, { version: 1, files: ['/p/b.banmian', '/p/a.banmian'] });
  const again = createRecentFiles({ file, exists: async () => true });
  assert.deepEqual((await again.list()).map((r) => r.name), ['b.banmian', 'a.banmian']);
});

test('re-adding a file moves it to the top instead of duplicating it', async () => {
  const { recent } = await store();
  for (const p of ['/p/a.banmian', '/p/b.banmian', '/p/a.banmian', '/p/./a.banmian']) await recent.add(p);
  assert.deepEqual((await recent.list()).map((r) => r.path), ['/p/a.banmian', '/p/b.banmian']);
});

test('paths differing only in case are one file where the file system ignores case', async () => {
  const { recent } = await store(undefined, true);
  await recent.add('/P/A.banmian');
  await recent.add('/p/a.banmian');
  assert.deepEqual((await recent.list()).map((r) => r.path), ['/p/a.banmian']);
});

test(`the list keeps at most ${MAX_RECENT} files, dropping the oldest`, async () => {
  const { recent } = await store();
  for (let i = 0; i < 15; i++) await recent.add(`/p/${i}.banmian`);
  const list = await recent.list();
  assert.equal(list.length, MAX_RECENT);
  assert.equal(list[0]?.path, '/p/14.banmian');
  assert.equal(list.at(-1)?.path, '/p/5.banmian');
});

test('files that no longer exist are pruned when the list is read, and the pruned list is saved', async () => {
  const present = new Set(['/p/a.banmian']);
  const { file, recent } = await store(present);
  await recent.add('/p/gone.banmian');
  await recent.add('/p/a.banmian');
  assert.deepEqual((await recent.list()).map((r) => r.path), ['/p/a.banmian']);
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).files, ['/p/a.banmian']);
});

test('a damaged or foreign recent.json counts as an empty list', async () => {
  const { file, recent } = await store();
  await writeFile(file, '{ not json');
  assert.deepEqual(await recent.list(), []);
  await writeFile(file, JSON.stringify({ version: 99, files: 'x' }));
  assert.deepEqual(await recent.list(), []);
  await recent.add('/p/a.banmian');
  assert.equal((await recent.list()).length, 1);
});

test('concurrent adds lose no entry', async () => {
  const { recent } = await store();
  await Promise.all(['/p/1.banmian', '/p/2.banmian', '/p/3.banmian'].map((p) => recent.add(p)));
  assert.equal((await recent.list()).length, 3);
});

test('remove and clear', async () => {
  const { recent } = await store();
  await recent.add('/p/a.banmian');
  await recent.add('/p/b.banmian');
  assert.deepEqual((await recent.remove('/p/a.banmian')).map((r) => r.path), ['/p/b.banmian']);
  await recent.clear();
  assert.deepEqual(await recent.list(), []);
});
