// Accepting and rejecting review items: the store operations each decision comes to.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffAnnotations } from '../../src/core/diff';
import type { Annotation } from '../../src/core/model';
import { acceptAction, rejectAction } from '../../src/core/review-actions';
import { reviewItems } from '../../src/core/review';

function annotation(id: string, label: string, start: number, text: string, more: Partial<Annotation> = {}): Annotation {
  return { id, label, start, end: start + [...text].length, text, ...more };
}

const BASE = [
  {
    document: 'a.txt',
    annotations: [
      annotation('a0000001', 'claim', 0, 'Taxes will fall', { note: 'check', review: { state: 'accepted', by: 'dan', at: '2026-11-01' } }),
      annotation('a0000002', 'quote', 20, 'We will win'),
      annotation('a0000003', 'figure', 40, '12%'),
    ],
  },
];
const HEAD = [
  {
    document: 'a.txt',
    annotations: [
      annotation('a0000001', 'quote', 0, 'Taxes will fall', { entity: 'tax' }), // relabelled and edited
      annotation('a0000002', 'quote', 22, 'We will win'), // moved
      annotation('a000000a', 'figure', 60, '5%'), // added
    ],
  },
];

const items = new Map(reviewItems(diffAnnotations(BASE, HEAD)).map((i) => [i.id, i]));

test('accepting writes a review record on the annotation; a removal has none to write', () => {
  assert.deepEqual(acceptAction(items.get('a000000a')!, 'carol', '2026-12-04T23:00:00Z'), {
    update: { id: 'a000000a', patch: { review: { state: 'accepted', by: 'carol', at: '2026-12-04T23:00:00Z' } } },
  });
  assert.deepEqual(acceptAction(items.get('a0000003')!, 'carol', '2026-12-04T23:00:00Z'), {});
});

test('rejecting an addition removes it; rejecting a removal restores the base record', () => {
  assert.deepEqual(rejectAction(items.get('a000000a')!), { remove: ['a000000a'] });
  assert.deepEqual(rejectAction(items.get('a0000003')!), { restore: [BASE[0]!.annotations[2]] });
});

test('rejecting a relabel or an edit reverts those fields in place, the base review included', () => {
  assert.deepEqual(rejectAction(items.get('a0000001')!), {
    update: { id: 'a0000001', patch: { label: 'claim', note: 'check', entity: undefined, attributes: undefined, review: { state: 'accepted', by: 'dan', at: '2026-11-01' } } },
  });
});

test('rejecting a move puts the base record back in place of the current one', () => {
  assert.deepEqual(rejectAction(items.get('a0000002')!), { remove: ['a0000002'], restore: [BASE[0]!.annotations[1]] });
});
