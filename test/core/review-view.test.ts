// The review of a change as the editor lists it: entries per sidecar with their state, changes
// rejected and undone kept in view, counts in words, and where removed annotations' ghosts go.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { SidecarSnapshot } from '../../src/core/diff';
import type { Review } from '../../src/core/model';
import { annotation } from './annotation-at';
import { countEntries, describeCounts, placeGhosts, removalKey, reviewDocuments } from '../../src/core/review-view';
import { OffsetIndex } from '../../src/core/text';

const ACCEPTED: Review = { state: 'accepted', by: 'carol', at: '2026-12-04T23:00:00Z' };
const REJECTED: Review = { ...ACCEPTED, state: 'rejected' };

const BASE: SidecarSnapshot[] = [
  {
    document: 'b.txt.annotations.yaml',
    annotations: [annotation('b0000001', 'claim', 0, 'Rates rise'), annotation('b0000002', 'figure', 20, '4%')],
  },
  {
    document: 'a.txt.annotations.yaml',
    annotations: [
      annotation('a0000001', 'claim', 0, 'Taxes will fall'),
      annotation('a0000002', 'quote', 20, 'We will win'),
      annotation('a0000003', 'figure', 40, '12%'),
      annotation('a0000004', 'claim', 60, 'Unchanged'),
    ],
  },
];
const HEAD: SidecarSnapshot[] = [
  {
    document: 'a.txt.annotations.yaml',
    annotations: [
      annotation('a0000001', 'quote', 0, 'Taxes will fall', { review: ACCEPTED }), // relabelled, accepted
      annotation('a0000002', 'quote', 20, 'We will win', { review: REJECTED }), // reverted after a rejection
      annotation('a0000004', 'claim', 60, 'Unchanged'),
      annotation('a000000a', 'figure', 80, '5%'), // added; a0000003 removed
    ],
  },
  { document: 'b.txt.annotations.yaml', annotations: [annotation('b0000001', 'claim', 3, 'Rates rise')] }, // moved; b0000002 removed
];

test('entries are grouped per sidecar, sorted by key, each in the order of its document, with its state', () => {
  const documents = reviewDocuments(BASE, HEAD);
  assert.deepEqual(
    documents.map((d) => [d.sidecar, d.entries.map((e) => [e.item.id, e.item.changes.join('+'), e.state, e.reverted])]),
    [
      [
        'a.txt.annotations.yaml',
        [
          ['a0000001', 'relabelled', 'accepted', false],
          ['a0000002', '', 'rejected', true],
          ['a0000003', 'removed', 'unreviewed', false],
          ['a000000a', 'added', 'unreviewed', false],
        ],
      ],
      [
        'b.txt.annotations.yaml',
        [
          ['b0000001', 'moved', 'unreviewed', false],
          ['b0000002', 'removed', 'unreviewed', false],
        ],
      ],
    ],
  );
});

test('a reverted record whose rejection was already in the base is no entry: that verdict is an old one', () => {
  const base = [{ document: 'a.txt.annotations.yaml', annotations: [annotation('a0000002', 'quote', 20, 'We will win', { review: REJECTED })] }];
  const head = [{ document: 'a.txt.annotations.yaml', annotations: [annotation('a0000002', 'quote', 20, 'We will win', { review: REJECTED })] }];
  assert.deepEqual(reviewDocuments(base, head), []);
});

test('a removal the reviewer accepted counts as accepted; the others stay unreviewed', () => {
  const documents = reviewDocuments(BASE, HEAD, new Set([removalKey('b.txt.annotations.yaml', 'b0000002')]));
  assert.deepEqual(documents[1]!.entries.map((e) => [e.item.id, e.state]), [
    ['b0000001', 'unreviewed'],
    ['b0000002', 'accepted'],
  ]);
});

test('counts say how many of each change and state, in words', () => {
  const entries = reviewDocuments(BASE, HEAD).flatMap((d) => d.entries);
  const counts = countEntries(entries);
  assert.deepEqual(counts, { states: { unreviewed: 4, accepted: 1, rejected: 1 }, changes: { relabelled: 1, removed: 2, added: 1, moved: 1 }, reverted: 1 });
  assert.equal(describeCounts(counts), '1 added, 2 removed, 1 relabelled, 1 moved, 1 reverted · 4 unreviewed, 1 accepted, 1 rejected');
  assert.equal(describeCounts(countEntries([])), '');
});

test('a removed annotation\'s ghost goes where its text is now, through the diff of the two texts', () => {
  const base = 'Taxes will fall. Rates rise by 4%.';
  const now = 'Indeed, taxes will fall. Rates rise by 4%.';
  const removed = [annotation('b0000002', 'figure', 31, '4%'), annotation('b0000003', 'claim', 17, 'Rates rise')];
  assert.deepEqual(placeGhosts(removed, base, new OffsetIndex(now)), [
    { start: 39, end: 41 },
    { start: 25, end: 35 },
  ]);
  assert.equal(new OffsetIndex(now).slice(39, 41), '4%');
});

test('without the base text a ghost is found by its text; one whose text is gone is not placed, and says why', () => {
  const now = 'Rates rise by 4%.';
  const places = placeGhosts([annotation('b0000002', 'figure', 31, '4%', { prefix: 'by ' }), annotation('b0000009', 'claim', 0, 'Spending doubles next year')], undefined, new OffsetIndex(now));
  assert.deepEqual(places[0], { start: 14, end: 16 });
  assert.ok('unplaced' in places[1]! && /Spending doubles next year.*no longer in the document/.test(places[1].unplaced), JSON.stringify(places[1]));
});

test('offsets are code points: a ghost after an emoji lands on its text', () => {
  const base = '😀 Rates rise.';
  const now = '😀😀 Rates rise.';
  assert.deepEqual(placeGhosts([annotation('c0000001', 'claim', 2, 'Rates rise')], base, new OffsetIndex(now)), [{ start: 3, end: 13 }]);
});
