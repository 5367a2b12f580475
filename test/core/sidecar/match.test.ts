// Which old record each new record replaces: the first old record with the same id and the same
// content, else the first with the same id not taken yet; -1 for a new id. matchRecords (the walk
// side by side for the usual write) must give exactly the matches of matchById (the definition).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../../src/core/model';
import { matchById, matchRecords, type MatchSource } from '../../../src/core/sidecar/match';

function record(id: string, text = 'x', start = 0): Annotation {
  return { id, label: 'claim', start, end: start + 1, text };
}

function source(records: readonly Annotation[]): MatchSource {
  return { ids: records.map((r) => r.id), items: records.map((r) => ({ ...r })) };
}

/** Both matchers, checked to agree; returns the definition's result as plain arrays. */
function match(sorted: readonly Annotation[], old: readonly Annotation[]): { index: number[]; same: number[] } {
  const byId = matchById(sorted, source(old));
  const walked = matchRecords(sorted, source(old));
  assert.deepEqual([...walked.index], [...byId.index], 'matchRecords agrees with matchById');
  assert.deepEqual([...walked.same], [...byId.same]);
  return { index: [...byId.index], same: [...byId.same] };
}

test('the same records in the same order match one to one, all with the same content', () => {
  const old = [record('a'), record('b'), record('c')];
  assert.deepEqual(match(old, old), { index: [0, 1, 2], same: [1, 1, 1] });
});

test('a record added, one changed and one removed', () => {
  const old = [record('a'), record('b'), record('c')];
  const sorted = [record('a'), record('n'), record('b', 'changed'), record('d')];
  assert.deepEqual(match(sorted, old), { index: [0, -1, 1, -1], same: [1, 0, 0, 0] });
});

test('with repeated ids, the record with the same content is matched first, wherever it is', () => {
  const old = [record('a', 'one'), record('a', 'two')];
  assert.deepEqual(match([record('a', 'two'), record('a', 'one')], old), { index: [1, 0], same: [1, 1] });
  // Without same content, the first old record not taken yet, in writing order.
  assert.deepEqual(match([record('a', 'three'), record('a', 'two')], old), { index: [0, 1], same: [0, 1] });
  // More new records with the id than old ones: the rest are new.
  assert.deepEqual(match([record('a', 'p'), record('a', 'q'), record('a', 'r')], old), { index: [0, 1, -1], same: [0, 0, 0] });
});

test('an old record is never matched twice', () => {
  const old = [record('a')];
  assert.deepEqual(match([record('a'), record('a')], old), { index: [0, -1], same: [1, 0] });
});

test('records far out of order still match by id', () => {
  const old = Array.from({ length: 60 }, (_, i) => record(`r${i}`, 't', i));
  const sorted = [...old].reverse();
  const { index, same } = match(sorted, old);
  assert.deepEqual(index, old.map((_, i) => 59 - i));
  assert.ok(same.every((s) => s === 1));
});

test('no old records: every new one is new; no new records: nothing', () => {
  assert.deepEqual(match([record('a')], []), { index: [-1], same: [0] });
  assert.deepEqual(match([], [record('a')]), { index: [], same: [] });
});

test('a match compares content, not key order', () => {
  const old = [record('a', 'x')];
  const reordered = { text: 'x', end: 1, start: 0, label: 'claim', id: 'a' } as Annotation;
  assert.deepEqual(match([reordered], old), { index: [0], same: [1] });
});

test('matchRecords records in the source whether the old ids are all different', () => {
  const unique = source([record('a'), record('b')]);
  matchRecords([record('a')], unique);
  assert.equal(unique.uniqueIds, true);
  const repeated = source([record('a'), record('a')]);
  matchRecords([record('a')], repeated);
  assert.equal(repeated.uniqueIds, false);
});
