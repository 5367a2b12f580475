// The workspace index answers from its cache only for files that are as they were cached: same size,
// same modification time, and settled (modified well before they were read), so that a file rewritten
// within the clock's resolution with the same size is never taken for the old one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { promises as fsp, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeIndexFileSystem } from '../../src/core/io/index-files';
import { SETTLED_MS, SidecarIndex, type IndexFileSystem } from '../../src/core/workspace-index';

const sidecar = (id: string) => `marginalia: 1\ndocument: a.txt\nannotations:\n  - id: ${id}\n    label: claim\n    start: 0\n    end: 5\n    text: Hello\n`;

/** Node's file system for the index, counting the files read (opened for their size and time, then read). */
function countingFs(): IndexFileSystem & { reads: number } {
  const node = nodeIndexFileSystem(os.tmpdir());
  const fs = {
    reads: 0,
    read: async (file: string, wanted: Parameters<IndexFileSystem['read']>[1]) => {
      const read = await node.read(file, wanted);
      if (read.bytes) fs.reads++;
      return read;
    },
  };
  return fs;
}

/** A file's size and time, as the index's file system gives them. */
async function statOf(file: string): Promise<{ size: number; mtime: number }> {
  const s = await fsp.stat(file);
  return { size: s.size, mtime: s.mtimeMs };
}

/** A folder with one sidecar, modified `age` ms ago. */
function folder(age: number): { file: string; setAge: (ms: number) => void; dispose: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-index-'));
  const file = path.join(dir, 'a.txt.annotations.yaml');
  writeFileSync(file, sidecar('aaaaaaaa'));
  const setAge = (ms: number) => {
    const when = new Date(Math.trunc((Date.now() - ms) / 1000) * 1000);
    utimesSync(file, when, when);
  };
  setAge(age);
  return { file, setAge, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The index as the next session gets it. */
const nextSession = (index: SidecarIndex) => new SidecarIndex(JSON.parse(JSON.stringify(index.serialize())));

test('a settled file unchanged since the last session is answered from the cache, without reading it', async (t) => {
  const { file, dispose } = folder(60_000);
  t.after(dispose);
  const first = new SidecarIndex();
  const [cold] = await first.refresh([file], countingFs());
  const fs = countingFs();
  const [warm] = await nextSession(first).refresh([file], fs);
  assert.equal(fs.reads, 0);
  assert.deepEqual(warm!.read.sidecar, cold!.read.sidecar);
  assert.deepEqual([...warm!.read.recordLines], [...cold!.read.recordLines]);
});

test('a file of another size or time is read again', async (t) => {
  const { file, setAge, dispose } = folder(60_000);
  t.after(dispose);
  const first = new SidecarIndex();
  await first.refresh([file], countingFs());
  writeFileSync(file, sidecar('bbbbbbbbb'));
  setAge(60_000);
  const fs = countingFs();
  const [read] = await nextSession(first).refresh([file], fs);
  assert.equal(fs.reads, 1, 'another size');
  assert.equal(read!.read.sidecar!.annotations[0]!.id, 'bbbbbbbbb');
  setAge(120_000);
  const again = countingFs();
  await nextSession(first).refresh([file], again);
  assert.equal(again.reads, 1, 'another time');
});

test('a file modified just before it was read is read again next time, even at the same size and time', async (t) => {
  const { file, dispose } = folder(0);
  t.after(dispose);
  const first = new SidecarIndex();
  await first.refresh([file], countingFs());
  // Rewritten within the clock's resolution, same size: size and time cannot tell.
  const { atime, mtime } = statSync(file);
  writeFileSync(file, sidecar('cccccccc'));
  utimesSync(file, atime, mtime);
  const fs = countingFs();
  const cached = await nextSession(first).refresh([file], fs);
  assert.equal(fs.reads, 1);
  assert.equal(cached[0]!.read.sidecar!.annotations[0]!.id, 'cccccccc');
  assert.ok(SETTLED_MS >= 2_000, 'longer than the coarsest file time resolution');
});

test('readText takes the text the caller read, and forget makes the next read parse', async (t) => {
  const { file, dispose } = folder(60_000);
  t.after(dispose);
  const index = new SidecarIndex();
  const stat = await statOf(file);
  const source = await fsp.readFile(file, 'utf8');
  assert.equal(index.readText(file, stat, source, Date.now()).parsed, true);
  const again = index.readText(file, stat, source, Date.now());
  assert.equal(again.parsed, false);
  assert.equal(again.read.sidecar!.annotations[0]!.id, 'aaaaaaaa');
  index.forget(file);
  assert.equal(index.readText(file, stat, source, Date.now()).parsed, true);
});

test('files no longer listed are forgotten, and a cache of another version is ignored', async (t) => {
  const { file, dispose } = folder(60_000);
  t.after(dispose);
  const index = new SidecarIndex();
  await index.refresh([file], countingFs());
  await index.refresh([], countingFs());
  assert.deepEqual(index.serialize().entries, []);
  await index.refresh([file], countingFs());
  const stored = index.serialize();
  const fs = countingFs();
  await new SidecarIndex({ ...stored, version: stored.version + 1 }).refresh([file], fs);
  assert.equal(fs.reads, 1);
});

test('a cache from before sidecars that are not UTF-8 were refused is not trusted: such a sidecar is read again and refused', async (t) => {
  const { file, setAge, dispose } = folder(60_000);
  t.after(dispose);
  writeFileSync(file, Buffer.from(sidecar('aaaaaaaa').replace('text: Hello', 'text: Hello\n    note: caf\u00e9'), 'latin1'));
  setAge(60_000);
  const stat = await statOf(file);
  // What version 2 stored for it: the byte read as U+FFFD, without a finding.
  const lossy = { version: 1, document: 'a.txt', annotations: [{ id: 'aaaaaaaa', label: 'claim', start: 0, end: 5, text: 'Hello', note: 'caf\uFFFD' }] };
  const saved = { version: 2, entries: [{ path: file, ...stat, readAt: Date.now(), sidecar: lossy, findings: [], recordLines: [['aaaaaaaa', 4]] as [string, number][], writable: true }] };
  const fs = countingFs();
  const [indexed] = await new SidecarIndex(saved).refresh([file], fs);
  assert.equal(fs.reads, 1);
  assert.deepEqual(indexed!.read.findings.map((f) => [f.code, f.line]), [['not-utf8', 9]]);
  assert.equal(indexed!.read.writable, false);
});
