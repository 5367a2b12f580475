// Accepting and rejecting review items: the store operations each decision comes to, and that a
// rejected change, once undone, is no longer a change to review.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffAnnotations, type SidecarSnapshot } from '../../src/core/diff';
import type { Annotation } from '../../src/core/model';
import { annotation } from './annotation-at';
import { acceptAction, rejectAction, type ReviewAction } from '../../src/core/review-actions';
import { reviewItems } from '../../src/core/review';

const AT = '2026-12-04T23:00:00Z';
const REJECTED = { state: 'rejected', by: 'carol', at: AT } as const;

const BASE: SidecarSnapshot[] = [
  {
    document: 'a.txt',
    annotations: [
      annotation('a0000001', 'claim', 0, 'Taxes will fall', { note: 'check', review: { state: 'accepted', by: 'dan', at: '2026-11-01' } }),
      annotation('a0000002', 'quote', 20, 'We will win'),
      annotation('a0000003', 'figure', 40, '12%'),
      annotation('a0000004', 'claim', 50, 'Twice'),
    ],
  },
];
const HEAD: SidecarSnapshot[] = [
  {
    document: 'a.txt',
    annotations: [
      annotation('a0000001', 'quote', 0, 'Taxes will fall', { entity: 'tax' }), // relabelled and edited
      annotation('a0000002', 'quote', 22, 'We will win'), // moved
      annotation('a0000004', 'claim', 50, 'Twice', { note: 'one' }), // the id used twice now: ambiguous
      annotation('a0000004', 'claim', 56, 'Again'),
      annotation('a000000a', 'figure', 60, '5%'), // added
    ],
  },
];

const items = new Map(reviewItems(diffAnnotations(BASE, HEAD)).map((i) => [i.id, i]));
const item = (id: string) => items.get(id)!;

/** The head's records after an action, as the store would leave them (a restored record as given: no text moved). */
function apply(records: readonly Annotation[], action: ReviewAction): Annotation[] {
  let result = records.map((r) => (action.update && r.id === action.update.id ? withPatch(r, action.update.patch) : r));
  result = result.filter((r) => !action.remove?.includes(r.id));
  return [...result, ...(action.restore ?? [])];
}

function withPatch(record: Annotation, patch: Partial<Annotation>): Annotation {
  const patched: Record<string, unknown> = { ...record, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete patched[key];
  return patched as unknown as Annotation;
}

test('accepting writes a review record on the annotation; a removal has none to write', () => {
  assert.deepEqual(acceptAction(item('a000000a'), 'carol', AT), {
    update: { id: 'a000000a', patch: { review: { state: 'accepted', by: 'carol', at: AT } } },
  });
  assert.deepEqual(acceptAction(item('a0000003'), 'carol', AT), {});
});

test('rejecting an addition removes it; rejecting a removal restores the base record with the verdict', () => {
  assert.deepEqual(rejectAction(item('a000000a'), 'carol', AT), { remove: ['a000000a'] });
  assert.deepEqual(rejectAction(item('a0000003'), 'carol', AT), { restore: [{ ...BASE[0]!.annotations[2]!, review: REJECTED }] });
});

test('rejecting a relabel or an edit reverts those fields in place and records the rejection', () => {
  assert.deepEqual(rejectAction(item('a0000001'), 'carol', AT), {
    update: { id: 'a0000001', patch: { label: 'claim', note: 'check', entity: undefined, attributes: undefined, review: REJECTED } },
  });
});

test('rejecting a move puts the base record back, with the verdict, in place of the current one', () => {
  assert.deepEqual(rejectAction(item('a0000002'), 'carol', AT), { remove: ['a0000002'], restore: [{ ...BASE[0]!.annotations[1]!, review: REJECTED }] });
});

test('a record whose id is used more than once is neither accepted nor rejected: by id, either would touch its twin', () => {
  const ambiguous = reviewItems(diffAnnotations(BASE, HEAD)).find((i) => i.changes.includes('ambiguous'))!;
  for (const action of [rejectAction(ambiguous, 'carol', AT), acceptAction(ambiguous, 'carol', AT)]) {
    assert.deepEqual(Object.keys(action), ['refused']);
    assert.match(action.refused!, /a0000004 is used by more than one record/);
  }
});

test('after every change but the ambiguous ones is rejected, none is left to review', () => {
  let head = HEAD[0]!.annotations.slice();
  for (const id of ['a0000001', 'a0000002', 'a0000003', 'a000000a']) head = apply(head, rejectAction(item(id), 'carol', AT));
  const left = reviewItems(diffAnnotations(BASE, [{ document: 'a.txt', annotations: head }]));
  assert.deepEqual(left.map((i) => [i.id, i.changes, i.after?.start]), [['a0000004', ['ambiguous'], 50], ['a0000004', ['ambiguous'], 56]]);
});
