// Fault injection for writeFileAtomic, the one atomic write every writer uses: a write that fails
// half-way (disk full while writing, permission denied at the rename) must leave the previous sidecar
// byte for byte, leave no temporary file behind, and throw an error that names the target (never the
// temporary file) so the caller can tell the user. The tests run as root, where permission bits stop
// nothing, so the failures are injected through writeFileAtomic's file-operations parameter.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic, WriteFailedError, type AtomicWriteOps } from '../../../src/core/io/atomic-write';
import { NEW_CONTENT, SIDECAR, sidecarFolder } from './sidecar-folder';

/** An error as node's fs raises it. */
function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall} '${file}'`), { code, syscall, path: file });
}

/** Node's own operations, with some replaced; every call is recorded with its path arguments. */
function ops(overrides: Partial<AtomicWriteOps>, calls: string[][] = []): AtomicWriteOps {
  const names = ['openSync', 'writeFileSync', 'writevSync', 'fsyncSync', 'fstatSync', 'closeSync', 'renameSync', 'rmSync'] as const;
  return Object.fromEntries(
    names.map((name) => {
      const run = (overrides[name] ?? fs[name]) as (...args: unknown[]) => unknown;
      return [name, (...args: unknown[]) => (calls.push([name, ...args.filter((a): a is string => typeof a === 'string')]), run(...args))];
    }),
  ) as unknown as AtomicWriteOps;
}

/** Writes only the first half of the content to the (temporary) file, then fails as a full disk does. */
function diskFullHalfWay(fd: number, data: string): void {
  fs.writeSync(fd, data.slice(0, Math.floor(data.length / 2)));
  throw fsError('ENOSPC', 'write', 'the temporary file');
}

function assertUntouched(ws: ReturnType<typeof sidecarFolder>): void {
  assert.deepEqual(readdirSync(ws.dir), ws.previous ? [SIDECAR] : [], 'no temporary file is left behind');
  if (ws.previous) assert.ok(readFileSync(ws.file).equals(ws.previous), 'the previous sidecar is intact, byte for byte');
}

test('writeFileAtomic replaces the file with the new content and leaves nothing else in the folder', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  try {
    writeFileAtomic(ws.file, NEW_CONTENT);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('writeFileAtomic writes to a temporary file in the same folder and renames it over the target', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  const calls: string[][] = [];
  try {
    writeFileAtomic(ws.file, NEW_CONTENT, {}, ops({}, calls));
    const [open] = calls;
    assert.equal(open?.[0], 'openSync');
    const temporary = open![1]!;
    assert.notEqual(temporary, ws.file, 'the content never goes straight into the target');
    assert.equal(path.dirname(temporary), ws.dir, 'same folder, so the rename stays on one file system');
    assert.deepEqual(calls.find(([name]) => name === 'renameSync'), ['renameSync', temporary, ws.file]);
    assert.ok(calls.findIndex(([name]) => name === 'fsyncSync') < calls.findIndex(([name]) => name === 'renameSync'), 'flushed to disk before the rename');
  } finally {
    ws.dispose();
  }
});

test('a reader during the write sees the previous bytes until the rename, never a part of the new ones', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  let seenBeforeRename: Buffer | undefined;
  const rename = (from: fs.PathLike, to: fs.PathLike): void => {
    seenBeforeRename = readFileSync(ws.file);
    fs.renameSync(from, to);
  };
  try {
    writeFileAtomic(ws.file, NEW_CONTENT, {}, ops({ renameSync: rename }));
    assert.ok(seenBeforeRename?.equals(ws.previous!), 'the whole previous content while the new one is written');
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
  } finally {
    ws.dispose();
  }
});

test('disk full half-way through the write: the previous sidecar stays, no temporary file, ENOSPC reaches the caller', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  try {
    assert.throws(() => writeFileAtomic(ws.file, NEW_CONTENT.repeat(50), {}, ops({ writeFileSync: diskFullHalfWay as AtomicWriteOps['writeFileSync'] })), {
      code: 'ENOSPC',
    });
    assertUntouched(ws);
  } finally {
    ws.dispose();
  }
});

test('bytes in pieces are written one after another, again after a short write, until every byte is out', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  const bytes = Buffer.from(NEW_CONTENT.repeat(20) + '“é” 😀\n');
  const pieces = [bytes.subarray(0, 7), new Uint8Array(0), bytes.subarray(7, 300), bytes.subarray(300)];
  // A writev that writes at most 5 bytes at a time, cutting pieces and characters anywhere.
  const shortWrites = (fd: number, buffers: readonly NodeJS.ArrayBufferView[]): number => fs.writeSync(fd, Buffer.concat(buffers as Uint8Array[]).subarray(0, 5));
  try {
    writeFileAtomic(ws.file, pieces, {}, ops({ writevSync: shortWrites as AtomicWriteOps['writevSync'] }));
    assert.ok(readFileSync(ws.file).equals(bytes), 'the file holds the pieces joined, byte for byte');
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('disk full half-way through writing pieces: the previous sidecar stays, no temporary file', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  let calls = 0;
  const fullAtSecond = (fd: number, buffers: readonly NodeJS.ArrayBufferView[]): number => {
    if (++calls > 1) throw fsError('ENOSPC', 'write', 'the temporary file');
    return fs.writeSync(fd, (buffers[0] as Uint8Array).subarray(0, 3));
  };
  try {
    const bytes = Buffer.from(NEW_CONTENT.repeat(50));
    assert.throws(() => writeFileAtomic(ws.file, [bytes.subarray(0, 10), bytes.subarray(10)], {}, ops({ writevSync: fullAtSecond as AtomicWriteOps['writevSync'] })), { code: 'ENOSPC' });
    assertUntouched(ws);
  } finally {
    ws.dispose();
  }
});

for (const code of ['EACCES', 'EPERM']) {
  test(`permission denied at the rename (${code}): the previous sidecar stays, no temporary file, ${code} reaches the caller`, () => {
    const ws = sidecarFolder('marginalia-atomic-');
    const refuse = (from: fs.PathLike): void => {
      assert.ok(readFileSync(from, 'utf8') === NEW_CONTENT, 'the temporary file was complete');
      throw fsError(code, 'rename', String(from));
    };
    try {
      assert.throws(() => writeFileAtomic(ws.file, NEW_CONTENT, {}, ops({ renameSync: refuse })), { code });
      assertUntouched(ws);
    } finally {
      ws.dispose();
    }
  });
}

test('a failed first write of a new sidecar creates no file at all', () => {
  const ws = sidecarFolder('marginalia-atomic-', false);
  try {
    assert.throws(() => writeFileAtomic(ws.file, NEW_CONTENT, {}, ops({ writeFileSync: diskFullHalfWay as AtomicWriteOps['writeFileSync'] })), {
      code: 'ENOSPC',
    });
    assertUntouched(ws);
  } finally {
    ws.dispose();
  }
});

test('when cleaning up fails too, the caller still hears the original failure, and the sidecar is intact', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  const cleanupFails = (file: fs.PathLike): void => {
    throw fsError('EBUSY', 'unlink', String(file));
  };
  try {
    assert.throws(
      () =>
      writeFileAtomic(ws.file, NEW_CONTENT, {}, ops({ writeFileSync: diskFullHalfWay as AtomicWriteOps['writeFileSync'], rmSync: cleanupFails })),
      { code: 'ENOSPC' },
    );
    assert.ok(readFileSync(ws.file).equals(ws.previous!), 'the previous sidecar is intact, byte for byte');
  } finally {
    ws.dispose();
  }
});

test('the failure message names the file, so the user can be told where', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  try {
    assert.throws(() => writeFileAtomic(ws.file, NEW_CONTENT, {}, ops({ writeFileSync: diskFullHalfWay as AtomicWriteOps['writeFileSync'] })), (error: Error) => {
      assert.ok(error instanceof WriteFailedError);
      assert.equal(error.file, ws.file);
      assert.match(error.message, new RegExp(`^cannot write ${ws.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the disk is full`));
      assert.doesNotMatch(error.message, /\.tmp/, 'the temporary file is not what the user needs to hear of');
      return true;
    });
  } finally {
    ws.dispose();
  }
});


test('a write that must not replace the file (mayReplace says no) leaves it and nothing else', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  try {
    assert.equal(writeFileAtomic(ws.file, NEW_CONTENT, { mayReplace: () => false }), undefined);
    assertUntouched(ws);
  } finally {
    ws.dispose();
  }
});

test('durable: false skips the flush to disk, and only that', () => {
  const ws = sidecarFolder('marginalia-atomic-');
  const calls: string[][] = [];
  try {
    writeFileAtomic(ws.file, NEW_CONTENT, { durable: false }, ops({}, calls));
    assert.equal(calls.filter(([name]) => name === 'fsyncSync').length, 0);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
  } finally {
    ws.dispose();
  }
});
