// The workspace index's Node file system: a sidecar opened once under the workspace rule, its size and
// time from the open file, its content read only when the index wants it; nothing outside the root.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeIndexFileSystem } from '../../../src/core/io/index-files';

/** A workspace folder with a folder outside it, removed after the test. */
function workspace(t: { after(fn: () => void): void }): { ws: string; outside: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-index-files-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(path.join(ws, 'part'), { recursive: true });
  mkdirSync(outside);
  return { ws, outside };
}

test('a sidecar is read with the size and time of the file it was read from; one the index does not want is not read', async (t) => {
  const { ws } = workspace(t);
  const file = path.join(ws, 'part', 'a.txt.annotations.yaml');
  writeFileSync(file, 'marginalia: 1\n');
  const { size, mtimeMs } = statSync(file);
  const fs = nodeIndexFileSystem(ws);
  const seen: { size: number; mtime: number }[] = [];
  const read = await fs.read(file, (stat) => seen.push(stat) > 0);
  assert.deepEqual(seen, [{ size, mtime: mtimeMs }]);
  assert.deepEqual({ ...read, bytes: Buffer.from(read.bytes!).toString('utf8') }, { size, mtime: mtimeMs, bytes: 'marginalia: 1\n' });
  assert.deepEqual(await fs.read(file, () => false), { size, mtime: mtimeMs, bytes: undefined });
});

test('a sidecar that is a link out of the workspace is refused, naming its target; a link inside is followed', async (t) => {
  const { ws, outside } = workspace(t);
  writeFileSync(path.join(outside, 'secret.annotations.yaml'), 'secret');
  writeFileSync(path.join(ws, 'b.txt.annotations.yaml'), 'inside');
  symlinkSync(path.join(outside, 'secret.annotations.yaml'), path.join(ws, 'part', 'a.txt.annotations.yaml'));
  symlinkSync(path.join(ws, 'b.txt.annotations.yaml'), path.join(ws, 'part', 'b.txt.annotations.yaml'));
  const fs = nodeIndexFileSystem(ws);
  await assert.rejects(fs.read(path.join(ws, 'part', 'a.txt.annotations.yaml'), () => true), /a\.txt\.annotations\.yaml is a link to .*secret\.annotations\.yaml, outside the workspace/);
  const inside = await fs.read(path.join(ws, 'part', 'b.txt.annotations.yaml'), () => true);
  assert.equal(Buffer.from(inside.bytes!).toString('utf8'), 'inside');
});

test('a folder or a missing file is refused, naming it', async (t) => {
  const { ws } = workspace(t);
  const fs = nodeIndexFileSystem(ws);
  await assert.rejects(fs.read(path.join(ws, 'part'), () => true), /part is a folder, not a file/);
  await assert.rejects(fs.read(path.join(ws, 'gone.annotations.yaml'), () => true), /gone\.annotations\.yaml does not exist/);
});
