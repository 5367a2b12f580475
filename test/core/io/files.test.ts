// Fault injection for writeFileAtomic: a write that fails half-way (disk full while writing, permission
// denied at the rename) must leave the previous sidecar byte for byte, leave no temporary file behind,
// and reject with the failure so the caller can tell the user. The tests run as root, where permission
// bits stop nothing, so the failures are injected through writeFileAtomic's file-operations parameter.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { promises as fs, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic, writeFileIfUnchanged, type AtomicWriteOps } from '../../../src/core/io/files';
import { fixturePath } from '../../fixture-path';

const SIDECAR = 'previous.txt.annotations.yaml';
const NEW_CONTENT = 'marginalia: 1\ndocument: previous.txt\nannotations: []\n';

/** A temporary folder holding a copy of the fixture sidecar; removed by `dispose`. */
function workspace(withSidecar = true): { dir: string; file: string; previous: Buffer | undefined; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-atomic-'));
  const file = path.join(dir, SIDECAR);
  if (withSidecar) copyFileSync(fixturePath('io', SIDECAR), file);
  const previous = withSidecar ? readFileSync(file) : undefined;
  return { dir, file, previous, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An error as node's fs raises it. */
function fsError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected failure, ${syscall} '${file}'`), { code, syscall, path: file });
}

/** Node's own operations, with some replaced; every call is recorded. */
function ops(overrides: Partial<AtomicWriteOps>, calls: string[][] = []): AtomicWriteOps {
  const record =
    <A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      calls.push([name, ...args.filter((a): a is string => typeof a === 'string')]);
      return run(...args);
    };
  return {
    writeFile: record('writeFile', (overrides.writeFile ?? fs.writeFile) as (...args: unknown[]) => Promise<void>) as AtomicWriteOps['writeFile'],
    rename: record('rename', overrides.rename ?? fs.rename),
    rm: record('rm', overrides.rm ?? fs.rm),
  };
}

/** Writes only the first half of the content to the (temporary) file, then fails as a full disk does. */
async function diskFullHalfWay(file: string, data: string, options: { encoding: 'utf8'; flag: string }): Promise<void> {
  await fs.writeFile(file, data.slice(0, Math.floor(data.length / 2)), options);
  throw fsError('ENOSPC', 'write', file);
}

function assertUntouched(ws: ReturnType<typeof workspace>): void {
  assert.deepEqual(readdirSync(ws.dir), ws.previous ? [SIDECAR] : [], 'no temporary file is left behind');
  if (ws.previous) assert.ok(readFileSync(ws.file).equals(ws.previous), 'the previous sidecar is intact, byte for byte');
}

test('writeFileAtomic replaces the file with the new content and leaves nothing else in the folder', async () => {
  const ws = workspace();
  try {
    await writeFileAtomic(ws.file, NEW_CONTENT);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('writeFileAtomic writes to a temporary file in the same folder and renames it over the target', async () => {
  const ws = workspace();
  const calls: string[][] = [];
  try {
    await writeFileAtomic(ws.file, NEW_CONTENT, ops({}, calls));
    const [write, rename] = calls;
    assert.equal(write?.[0], 'writeFile');
    const temporary = write![1]!;
    assert.notEqual(temporary, ws.file, 'the content never goes straight into the target');
    assert.equal(path.dirname(temporary), ws.dir, 'same folder, so the rename stays on one file system');
    assert.deepEqual(rename, ['rename', temporary, ws.file]);
  } finally {
    ws.dispose();
  }
});

test('a reader during the write sees the previous bytes until the rename, never a part of the new ones', async () => {
  const ws = workspace();
  let seenBeforeRename: Buffer | undefined;
  const rename = async (from: string, to: string): Promise<void> => {
    seenBeforeRename = readFileSync(ws.file);
    await fs.rename(from, to);
  };
  try {
    await writeFileAtomic(ws.file, NEW_CONTENT, ops({ rename: rename as AtomicWriteOps['rename'] }));
    assert.ok(seenBeforeRename?.equals(ws.previous!), 'the whole previous content while the new one is written');
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
  } finally {
    ws.dispose();
  }
});

test('disk full half-way through the write: the previous sidecar stays, no temporary file, ENOSPC reaches the caller', async () => {
  const ws = workspace();
  try {
    await assert.rejects(writeFileAtomic(ws.file, NEW_CONTENT.repeat(50), ops({ writeFile: diskFullHalfWay as AtomicWriteOps['writeFile'] })), {
      code: 'ENOSPC',
    });
    assertUntouched(ws);
  } finally {
    ws.dispose();
  }
});

for (const code of ['EACCES', 'EPERM']) {
  test(`permission denied at the rename (${code}): the previous sidecar stays, no temporary file, ${code} reaches the caller`, async () => {
    const ws = workspace();
    const refuse = async (from: string): Promise<void> => {
      assert.ok(readFileSync(from, 'utf8') === NEW_CONTENT, 'the temporary file was complete');
      throw fsError(code, 'rename', from);
    };
    try {
      await assert.rejects(writeFileAtomic(ws.file, NEW_CONTENT, ops({ rename: refuse as AtomicWriteOps['rename'] })), { code });
      assertUntouched(ws);
    } finally {
      ws.dispose();
    }
  });
}

test('a failed first write of a new sidecar creates no file at all', async () => {
  const ws = workspace(false);
  try {
    await assert.rejects(writeFileAtomic(ws.file, NEW_CONTENT, ops({ writeFile: diskFullHalfWay as AtomicWriteOps['writeFile'] })), {
      code: 'ENOSPC',
    });
    assertUntouched(ws);
  } finally {
    ws.dispose();
  }
});

test('when cleaning up fails too, the caller still hears the original failure, and the sidecar is intact', async () => {
  const ws = workspace();
  const cleanupFails = async (file: string): Promise<void> => {
    throw fsError('EBUSY', 'unlink', file);
  };
  try {
    await assert.rejects(
      writeFileAtomic(ws.file, NEW_CONTENT, ops({ writeFile: diskFullHalfWay as AtomicWriteOps['writeFile'], rm: cleanupFails as AtomicWriteOps['rm'] })),
      { code: 'ENOSPC' },
    );
    assert.ok(readFileSync(ws.file).equals(ws.previous!), 'the previous sidecar is intact, byte for byte');
  } finally {
    ws.dispose();
  }
});

test('the failure message names the file, so the user can be told where', async () => {
  const ws = workspace();
  try {
    await assert.rejects(writeFileAtomic(ws.file, NEW_CONTENT, ops({ writeFile: diskFullHalfWay as AtomicWriteOps['writeFile'] })), (error: Error) => {
      assert.match(error.message, new RegExp(SIDECAR.replace(/\./g, '\\.')));
      return true;
    });
  } finally {
    ws.dispose();
  }
});

test('writeFileIfUnchanged replaces a file that is still as it was read', async () => {
  const ws = workspace();
  try {
    assert.equal(await writeFileIfUnchanged(ws.file, ws.previous!.toString('utf8'), NEW_CONTENT), true);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('writeFileIfUnchanged leaves a file another writer changed after it was read, and nothing else behind', async () => {
  const ws = workspace();
  try {
    const read = ws.previous!.toString('utf8');
    const theirs = read + '# saved by the editor meanwhile\n';
    // The other writer saves between the read and the write: just as the temporary file is made.
    const ops = {
      ...fs,
      writeFile: async (...args: Parameters<typeof fs.writeFile>) => {
        await fs.writeFile(ws.file, theirs);
        return fs.writeFile(...args);
      },
    };
    assert.equal(await writeFileIfUnchanged(ws.file, read, NEW_CONTENT, ops), false);
    assert.equal(readFileSync(ws.file, 'utf8'), theirs);
    assert.deepEqual(readdirSync(ws.dir), [SIDECAR]);
  } finally {
    ws.dispose();
  }
});

test('writeFileIfUnchanged creates a file that did not exist, unless someone created it meanwhile', async () => {
  const ws = workspace(false);
  try {
    assert.equal(await writeFileIfUnchanged(ws.file, undefined, NEW_CONTENT), true);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
    assert.equal(await writeFileIfUnchanged(ws.file, undefined, 'other'), false);
    assert.equal(readFileSync(ws.file, 'utf8'), NEW_CONTENT);
  } finally {
    ws.dispose();
  }
});
