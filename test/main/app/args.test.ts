import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OpenFileQueue, issuePathsFromArgv } from '../../../main/app/args';

test('argv: .banmian files only, resolved against the cwd, switches and the app path skipped', () => {
  const argv = ['/opt/Banmian/banmian', '.', '--allow-file-access', '--inspect=9229', 'issues/a.banmian', '/abs/B.BANMIAN', 'notes.txt', 'issues/a.banmian'];
  assert.deepEqual(issuePathsFromArgv(argv, '/home/u'), ['/home/u/issues/a.banmian', '/abs/B.BANMIAN']);
});

test('argv: the executable itself is never taken as a file', () => {
  assert.deepEqual(issuePathsFromArgv(['/weird/name.banmian'], '/'), []);
});

test('open-file events before ready are queued, then opened in order; later ones open at once', () => {
  const opened: string[] = [];
  const q = new OpenFileQueue((p) => opened.push(p));
  q.push('/a.banmian');
  q.push('/b.banmian');
  assert.deepEqual(opened, []);
  assert.equal(q.hasPending, true);
  assert.equal(q.start(), 2);
  assert.deepEqual(opened, ['/a.banmian', '/b.banmian']);
  q.push('/c.banmian');
  assert.deepEqual(opened, ['/a.banmian', '/b.banmian', '/c.banmian']);
});
