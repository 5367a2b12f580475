// The one rule for reading a file of the workspace: its real path lies inside the root (links
// included), and it is a regular file. Refusals are values, and a named pipe never blocks.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeRefusal, insideRoot, isWithin, readInside, readInsideSync, resolveInside, type InsideRead } from '../../../src/core/io/inside';

// The editor reads with promises, the CLI synchronously (with the root resolved once): one rule for both.
const READERS: [string, (file: string, root: string | undefined) => Promise<InsideRead>][] = [
  ['readInside', readInside],
  ['readInsideSync', async (file, root) => readInsideSync(file, root === undefined ? undefined : insideRoot(root))],
];

function folder(): { root: string; ws: string; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-inside-'));
  const ws = path.join(root, 'ws');
  mkdirSync(ws);
  return { root, ws, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

for (const [name, readFile] of READERS) {
  test(`${name}: a regular file inside the root is read, also through a link that stays inside`, async () => {
    const { ws, dispose } = folder();
    try {
      writeFileSync(path.join(ws, 'doc.txt'), 'text');
      mkdirSync(path.join(ws, 'sub'));
      symlinkSync('../doc.txt', path.join(ws, 'sub', 'alias.txt'));
      const read = await readFile(path.join(ws, 'sub', 'alias.txt'), ws);
      assert.equal(read.bytes?.toString('utf8'), 'text');
      assert.equal(read.realPath, path.join(ws, 'doc.txt'));
    } finally {
      dispose();
    }
  });

  test(`${name}: a link out of the root is refused with its target, however many links it goes through`, async () => {
    const { root, ws, dispose } = folder();
    try {
      writeFileSync(path.join(root, 'secret.txt'), 'secret');
      symlinkSync(path.join(root, 'secret.txt'), path.join(ws, 'first'));
      symlinkSync('first', path.join(ws, 'second'));
      for (const name of ['first', 'second']) {
        const read = await readFile(path.join(ws, name), ws);
        assert.deepEqual(read.refusal, { kind: 'outside', target: path.join(root, 'secret.txt') });
      }
    } finally {
      dispose();
    }
  });

  test(`${name}: a folder is a folder, a missing file is missing`, async () => {
    const { ws, dispose } = folder();
    try {
      mkdirSync(path.join(ws, 'chapter'));
      assert.deepEqual((await readFile(path.join(ws, 'chapter'), ws)).refusal, { kind: 'directory' });
      assert.deepEqual((await readFile(path.join(ws, 'gone.txt'), ws)).refusal, { kind: 'missing' });
      assert.deepEqual((await resolveInside(path.join(ws, 'gone.txt'), ws)).refusal, { kind: 'missing' });
    } finally {
      dispose();
    }
  });

  test(`${name}: a named pipe is refused without waiting for a writer`, { skip: process.platform === 'win32' && 'no mkfifo' }, async () => {
    const { ws, dispose } = folder();
    try {
      execFileSync('mkfifo', [path.join(ws, 'pipe')]);
      // A blocking read would never settle: the test would end with the pending promise, not with this assertion.
      const read = await readFile(path.join(ws, 'pipe'), ws);
      assert.deepEqual(read.refusal, { kind: 'not-regular', what: 'a named pipe (FIFO)' });
      assert.match(describeRefusal(read.refusal!), /^is a named pipe \(FIFO\), not a regular file/);
    } finally {
      dispose();
    }
  });

  test(`${name}: a device is not a regular file, even with no root to stay in`, { skip: !existsSync('/dev/zero') && 'no /dev/zero' }, async () => {
    assert.deepEqual((await readFile('/dev/zero', undefined)).refusal, { kind: 'not-regular', what: 'a character device' });
  });

  test(`${name}: a root reached through a link: files inside it are inside`, async () => {
    const { root, ws, dispose } = folder();
    try {
      writeFileSync(path.join(ws, 'doc.txt'), 'text');
      symlinkSync(ws, path.join(root, 'linked-ws'));
      const read = await readFile(path.join(root, 'linked-ws', 'doc.txt'), path.join(root, 'linked-ws'));
      assert.equal(read.bytes?.toString('utf8'), 'text');
    } finally {
      dispose();
    }
  });
}

test('readInsideSync: a folder linked out of the root is outside, and a link beside a file read before is still followed to its target', () => {
  const { root, ws, dispose } = folder();
  try {
    mkdirSync(path.join(root, 'elsewhere'));
    writeFileSync(path.join(root, 'elsewhere', 'secret.txt'), 'secret');
    symlinkSync(path.join(root, 'elsewhere'), path.join(ws, 'linked'));
    writeFileSync(path.join(ws, 'doc.txt'), 'text');
    symlinkSync(path.join(root, 'elsewhere', 'secret.txt'), path.join(ws, 'alias.txt'));
    // One root for every read, as the CLI reads a corpus: what it learnt of a folder must not let a link through.
    const resolved = insideRoot(ws);
    assert.deepEqual(readInsideSync(path.join(ws, 'linked', 'secret.txt'), resolved).refusal, { kind: 'outside', target: path.join(root, 'elsewhere', 'secret.txt') });
    assert.equal(readInsideSync(path.join(ws, 'doc.txt'), resolved).bytes?.toString('utf8'), 'text');
    assert.deepEqual(readInsideSync(path.join(ws, 'alias.txt'), resolved).refusal, { kind: 'outside', target: path.join(root, 'elsewhere', 'secret.txt') });
    assert.deepEqual(readInsideSync(path.join(ws, 'linked', 'secret.txt'), resolved).refusal, { kind: 'outside', target: path.join(root, 'elsewhere', 'secret.txt') });
    assert.deepEqual(readInsideSync(path.join(ws, 'gone', 'doc.txt'), resolved).refusal, { kind: 'missing' });
  } finally {
    dispose();
  }
});

test('isWithin: the folder itself and what is below it, nothing beside or above', () => {
  assert.equal(isWithin('/w/ws', '/w/ws'), true);
  assert.equal(isWithin('/w/ws', '/w/ws/a/b'), true);
  assert.equal(isWithin('/w/ws', '/w/ws2/a'), false);
  assert.equal(isWithin('/w/ws', '/w'), false);
});
