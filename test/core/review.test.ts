// Review of a change's annotations: one item per annotation added, removed or changed since the base,
// reviewed only by a review record made for this change.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffAnnotations } from '../../src/core/diff';
import type { Review } from '../../src/core/model';
import { annotation } from './annotation-at';
import { describeChanges, reviewFindings, reviewItems, reviewState } from '../../src/core/review';

const ACCEPTED: Review = { state: 'accepted', by: 'carol', at: '2026-12-04T23:00:00Z' };
const EARLIER: Review = { state: 'accepted', by: 'dan', at: '2026-11-01T10:00:00Z' };

const BASE = [
  {
    document: 'a.txt',
    annotations: [
      annotation('00000001', 'claim', 0, 'Taxes will fall', { review: EARLIER }),
      annotation('00000002', 'quote', 20, '"We will win"'),
      annotation('00000003', 'figure', 40, '12%'),
      annotation('00000004', 'claim', 60, 'Unchanged', { review: EARLIER }),
    ],
  },
];

const HEAD = [
  {
    document: 'a.txt',
    annotations: [
      annotation('00000001', 'quote', 5, 'Taxes will fall', { review: EARLIER }), // relabelled and moved, old review
      annotation('00000002', 'quote', 20, '"We will win"', { note: 'Kim', review: ACCEPTED }), // edited, reviewed now
      annotation('00000004', 'claim', 60, 'Unchanged', { review: EARLIER }),
      annotation('0000000a', 'figure', 100, '5%', { review: { ...ACCEPTED, state: 'rejected' } }), // added, rejected
    ],
  },
];

test('each changed annotation is one item, with all its changes, in the order of the document', () => {
  const items = reviewItems(diffAnnotations(BASE, HEAD));
  assert.deepEqual(
    items.map((i) => [i.id, i.changes, i.before?.label, i.after?.label]),
    [
      ['00000001', ['relabelled', 'moved'], 'claim', 'quote'],
      ['00000002', ['edited'], 'quote', 'quote'],
      ['00000003', ['removed'], 'figure', undefined],
      ['0000000a', ['added'], undefined, 'figure'],
    ],
  );
});

test('a review counts only when it is new since the base; a removed annotation is never reviewed', () => {
  const states = reviewItems(diffAnnotations(BASE, HEAD)).map((i) => [i.id, reviewState(i)]);
  assert.deepEqual(states, [
    ['00000001', 'unreviewed'],
    ['00000002', 'accepted'],
    ['00000003', 'unreviewed'],
    ['0000000a', 'rejected'],
  ]);
});

test('adding or changing only a review record is not a change to review', () => {
  const reviewedOnly = [{ document: 'a.txt', annotations: BASE[0]!.annotations.map((a) => ({ ...a, review: ACCEPTED })) }];
  assert.deepEqual(reviewItems(diffAnnotations(BASE, reviewedOnly)), []);
});

test('check --require-reviewed findings: an error per change not accepted, at its record; a warning per removal', () => {
  const lines = new Map([
    ['00000001', 5],
    ['00000002', 12],
    ['0000000a', 26],
  ]);
  const findings = reviewFindings(reviewItems(diffAnnotations(BASE, HEAD)), 'main', (id) => lines.get(id));
  assert.deepEqual(
    findings.map((f) => [f.severity, f.code, f.line, f.column, f.annotationId]),
    [
      ['error', 'unreviewed-change', 5, 3, '00000001'],
      ['warning', 'removed-unreviewed', 1, 1, '00000003'],
      ['error', 'review-rejected', 26, 3, '0000000a'],
    ],
  );
  assert.equal(findings[0]!.message, 'annotation 00000001 (quote) relabelled and moved since main is not reviewed; a reviewer accepts it by adding `review: {state: accepted, by: <name>, at: <ISO 8601 time>}` to its record, or undoes the change');
  assert.match(findings[2]!.message, /rejected by carol but is still changed/);
});

test('changes are named in words', () => {
  assert.equal(describeChanges(['added']), 'added');
  assert.equal(describeChanges(['relabelled', 'moved', 'edited']), 'relabelled, moved and edited');
});
