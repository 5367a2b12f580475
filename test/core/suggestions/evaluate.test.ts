import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { OVERLAP_MATCH, scoreSuggestions } from '../../../src/core/suggestions/evaluate';

const span = (label: string, start: number, end: number) => ({ label, start, end });

test('precision and recall per label, exact and overlapping, worked out by hand', () => {
  const gold = [span('quote', 0, 10), span('quote', 20, 30), span('figure', 40, 44)];
  // quote: one exact, one overlapping 20..28 of 20..30 (Jaccard 0.8), one far off; figure: none found.
  const suggested = [span('quote', 0, 10), span('quote', 20, 28), span('quote', 50, 60)];
  const [figure, quote] = scoreSuggestions(suggested, gold);
  assert.deepEqual(quote, { label: 'quote', gold: 2, suggested: 3, exact: 1, overlapping: 2, precision: 0.667, recall: 1, exactPrecision: 0.333, exactRecall: 0.5 });
  assert.deepEqual(figure, { label: 'figure', gold: 1, suggested: 0, exact: 0, overlapping: 0, precision: 1, recall: 0, exactPrecision: 1, exactRecall: 0 });
});

test(`overlapping means a Jaccard index of at least ${OVERLAP_MATCH}: half the union`, () => {
  const gold = [span('claim', 0, 10)];
  assert.equal(scoreSuggestions([span('claim', 0, 5)], gold)[0]!.overlapping, 1, '5 of 10');
  assert.equal(scoreSuggestions([span('claim', 0, 4)], gold)[0]!.overlapping, 0, '4 of 10');
});

test('matching is one to one: two suggestions on one annotation count once', () => {
  const [claim] = scoreSuggestions([span('claim', 0, 10), span('claim', 0, 10)], [span('claim', 0, 10)]);
  assert.deepEqual([claim!.exact, claim!.precision, claim!.recall], [1, 0.5, 1]);
});

test('labels given: scored in that order, also a label neither side has', () => {
  assert.deepEqual(scoreSuggestions([], [span('a', 0, 1)], ['b', 'a']).map((s) => s.label), ['b', 'a']);
});
