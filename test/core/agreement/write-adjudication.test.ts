import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { adjudicate } from '../../../src/core/agreement/adjudicate';
import { existingSidecars, overlapRefusal, writeAdjudicated } from '../../../src/core/agreement/write-adjudication';
import { readSidecar } from '../../../src/core/sidecar/read';
import { side } from './fixture-sides';

const report = () => adjudicate(side('a'), side('b'), { a: 'alice', b: 'bob' }).adjudicated.find((d) => d.document === 'report.txt')!;

test('the sidecar and its document are written into the folder, the sidecar marked unsettled while disputes are left', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adjudication-'));
  assert.equal(await writeAdjudicated(dir, report(), undefined), undefined);
  const read = readSidecar(readFileSync(path.join(dir, 'report.txt.annotations.yaml'), 'utf8')).sidecar!;
  assert.equal(read.settled, false);
  assert.equal(read.annotations.filter((a) => a.dispute).length, 7);
  assert.equal(readFileSync(path.join(dir, 'report.txt'), 'utf8'), report().text);
  assert.deepEqual(existingSidecars(dir, [report()]), ['report.txt.annotations.yaml']);
});

test('a sidecar already there is replaced only when asked', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adjudication-'));
  writeFileSync(path.join(dir, 'report.txt'), report().text);
  writeFileSync(path.join(dir, 'report.txt.annotations.yaml'), 'marginalia: 1\ndocument: report.txt\nannotations: []\n');
  assert.match((await writeAdjudicated(dir, report(), undefined))!, /appeared while it was written/);
  assert.equal(readSidecar(readFileSync(path.join(dir, 'report.txt.annotations.yaml'), 'utf8')).sidecar!.annotations.length, 0, 'kept');
  assert.equal(await writeAdjudicated(dir, report(), undefined, true), undefined);
  assert.equal(readSidecar(readFileSync(path.join(dir, 'report.txt.annotations.yaml'), 'utf8')).sidecar!.annotations.length, 9);
});

test('nothing is written through a link out of the folder, nor over a document with another text', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'adjudication-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'outside-'));
  const linked = { ...report(), document: 'sub/report.txt' };
  symlinkSync(outside, path.join(dir, 'sub'));
  assert.match((await writeAdjudicated(dir, linked, undefined))!, /outside/);
  mkdirSync(path.join(dir, 'other'));
  writeFileSync(path.join(dir, 'other', 'report.txt'), 'Another text.\n');
  assert.match((await writeAdjudicated(dir, { ...report(), document: 'other/report.txt' }, undefined))!, /another text/);
});

test('a folder inside a version read, or holding one, is refused', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'sides-'));
  mkdirSync(path.join(root, 'a'));
  assert.match((await overlapRefusal(path.join(root, 'a', 'out'), [{ root: path.join(root, 'a'), name: 'a' }]))!, /overlaps the folder a/);
  assert.match((await overlapRefusal(root, [{ root: path.join(root, 'a'), name: 'a' }]))!, /overlaps/);
  assert.equal(await overlapRefusal(path.join(root, 'out'), [{ root: path.join(root, 'a'), name: 'a' }]), undefined);
});

test('a folder not made yet, below a link into a version read, is refused too', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'sides-'));
  mkdirSync(path.join(root, 'a'));
  symlinkSync(path.join(root, 'a'), path.join(root, 'link'));
  assert.match((await overlapRefusal(path.join(root, 'link', 'new', 'out'), [{ root: path.join(root, 'a'), name: 'a' }]))!, /overlaps the folder a/);
});
