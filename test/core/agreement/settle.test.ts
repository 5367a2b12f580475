import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { adjudicate } from '../../../src/core/agreement/adjudicate';
import { disputedPair, disputesOf, planSettlement, type SettlementPlan } from '../../../src/core/agreement/settle';
import type { Annotation } from '../../../src/core/model';
import { side } from './fixture-sides';

/**
 * report.txt of test/fixtures/agreement adjudicated: the figures a0000003/b0000003 ("40%" against
 * "40% of homes") and a0000004/b0000004 (EUR against USD) are pairs; the claims a0000002 and
 * b0000002 and the orphaned b0000006 were marked by one side only.
 */
function adjudicated(): Annotation[] {
  const result = adjudicate(side('a'), side('b'), { a: 'alice', b: 'bob' });
  const report = result.adjudicated.find((d) => d.document === 'report.txt');
  assert.ok(report);
  return report.annotations;
}

/** The document after a plan: what the caller writes. */
function applied(records: readonly Annotation[], plan: SettlementPlan): Annotation[] {
  const kept = records.filter((a) => !plan.changes.has(a.id)).concat([...plan.changes.values()].filter((a): a is Annotation => a !== null));
  return kept.sort((x, y) => (x.id < y.id ? -1 : 1));
}

const ids = (records: readonly Annotation[]): string[] => records.map((a) => a.id).sort();
const byId = (records: readonly Annotation[], id: string): Annotation => records.find((a) => a.id === id)!;

test('a disputed pair is found from either side; a pair gone or settled by hand leaves the record alone', () => {
  const records = adjudicated();
  assert.equal(disputedPair(records, 'a0000003')!.pair!.id, 'b0000003');
  assert.equal(disputedPair(records, 'b0000003')!.pair!.id, 'a0000003');
  assert.equal(disputedPair(records, 'a0000002')!.pair, undefined);
  assert.equal(disputedPair(records, 'a0000001'), undefined, 'agreed: not disputed');
  assert.equal(disputedPair(records, 'nope'), undefined);
  const handSettled = records.map((a) => (a.id === 'b0000003' ? { ...a, dispute: undefined } : a));
  assert.equal(disputedPair(handSettled, 'a0000003')!.pair, undefined, 'the pair is no longer disputed: not removed on its behalf');
  const gone = records.filter((a) => a.id !== 'b0000003');
  assert.equal(disputedPair(gone, 'a0000003')!.pair, undefined);
});

test('the disputes of a document are one per decision, a pair once with its A side first, in text order', () => {
  const disputes = disputesOf(adjudicated()).map((d) => [d.record.id, d.pair?.id]);
  assert.deepEqual(disputes, [
    ['b0000006', undefined],
    ['a0000002', undefined],
    ['a0000003', 'b0000003'],
    ['b0000002', undefined],
    ['a0000004', 'b0000004'],
  ]);
});

test('keep this one: the record stays without its dispute, its pair is removed, the other disputes stay', () => {
  const records = adjudicated();
  const plan = planSettlement(records, 'b0000003', 'keep-this');
  const after = applied(records, plan);
  assert.ok(!ids(after).includes('a0000003'));
  assert.deepEqual(byId(after, 'b0000003'), withoutDispute(byId(records, 'b0000003')));
  assert.equal(after.filter((a) => a.dispute).length, 5, 'seven disputed records, the pair settled');
  assert.equal(plan.settled, false);
});

test('keep both: both stay, neither disputed; drop both: both are removed', () => {
  const records = adjudicated();
  const both = applied(records, planSettlement(records, 'a0000004', 'keep-both'));
  assert.deepEqual([byId(both, 'a0000004').dispute, byId(both, 'b0000004').dispute], [undefined, undefined]);
  assert.deepEqual(byId(both, 'a0000004').attributes, { unit: 'EUR' });
  assert.equal(both.length, records.length);
  const none = applied(records, planSettlement(records, 'a0000004', 'drop-both'));
  assert.deepEqual(ids(records).filter((id) => !ids(none).includes(id)), ['a0000004', 'b0000004']);
});

test('a record marked by one side only: keep keeps it without its dispute, drop removes it alone', () => {
  const records = adjudicated();
  const kept = applied(records, planSettlement(records, 'a0000002', 'keep-this'));
  assert.equal(byId(kept, 'a0000002').dispute, undefined);
  assert.equal(kept.length, records.length);
  const dropped = applied(records, planSettlement(records, 'a0000002', 'drop-both'));
  assert.deepEqual(ids(records).filter((id) => !ids(dropped).includes(id)), ['a0000002']);
});

test('settling the last dispute settles the document', () => {
  let records = adjudicated();
  let plan: SettlementPlan | undefined;
  for (const id of ['b0000006', 'a0000002', 'a0000003', 'b0000002', 'a0000004']) {
    assert.notEqual(plan?.settled, true, 'not settled while disputes are left');
    plan = planSettlement(records, id, 'keep-this');
    records = applied(records, plan);
  }
  assert.equal(plan!.settled, true);
  assert.equal(records.filter((a) => a.dispute).length, 0);
});

test('relations to the version removed move to the one kept, and go with both versions dropped', () => {
  const records = adjudicated().map((a) => (a.id === 'a0000002' ? { ...a, relations: [{ type: 'supports', to: 'b0000003' }, { type: 'supports', to: 'x', document: 'other.txt' }] } : a));
  const keepA = planSettlement(records, 'a0000003', 'keep-this');
  assert.deepEqual(keepA.changes.get('a0000002')!.relations, [{ type: 'supports', to: 'a0000003' }, { type: 'supports', to: 'x', document: 'other.txt' }]);
  assert.equal(keepA.changes.get('a0000002')!.dispute?.side, 'A', 'the source keeps its own dispute');
  assert.deepEqual([keepA.relationsMoved, keepA.relationsDropped], [1, 0]);
  const drop = planSettlement(records, 'a0000003', 'drop-both');
  assert.deepEqual(drop.changes.get('a0000002')!.relations, [{ type: 'supports', to: 'x', document: 'other.txt' }], 'a relation into another document is not this one');
  assert.deepEqual([drop.relationsMoved, drop.relationsDropped], [0, 1]);
});

test('a relation moved onto the version kept is not made twice when the record already has it later in its list', () => {
  const records = adjudicated().map((a) => (a.id === 'a0000002' ? { ...a, relations: [{ type: 'supports', to: 'b0000003' }, { type: 'supports', to: 'a0000003' }] } : a));
  const plan = planSettlement(records, 'a0000003', 'keep-this');
  assert.deepEqual(plan.changes.get('a0000002')!.relations, [{ type: 'supports', to: 'a0000003' }]);
  assert.deepEqual([plan.relationsMoved, plan.relationsDropped], [0, 1]);
});

test('a record that is not there, or not disputed, is an error, not a silent no-op', () => {
  const records = adjudicated();
  assert.throws(() => planSettlement(records, 'a0000001', 'keep-this'), /a0000001 is not disputed/);
  assert.throws(() => planSettlement(records, 'zzz', 'drop-both'), /no annotation zzz/);
});

function withoutDispute(a: Annotation): Annotation {
  const { dispute: _dispute, ...rest } = a;
  return rest;
}
