import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../src/core/model';
import { countByLabel, countNoun, formatLabelCounts } from '../../src/core/label-counts';

function annotations(...labels: string[]): Annotation[] {
  return labels.map((label, i) => ({ id: i.toString(16).padStart(8, '0'), label, start: i, end: i + 1, text: 'x' }));
}

test('countByLabel counts each label, configured labels first in their order, others alphabetically', () => {
  const counts = countByLabel(annotations('figure', 'zeta', 'claim', 'figure', 'alpha', 'claim', 'claim'), [
    'claim',
    'quote',
    'figure',
  ]);
  assert.deepEqual(counts, [
    { label: 'claim', count: 3 },
    { label: 'figure', count: 2 },
    { label: 'alpha', count: 1 },
    { label: 'zeta', count: 1 },
  ]);
  assert.ok(!counts.some((c) => c.label === 'quote'), 'a label without annotations is left out');
});

test('countNoun uses the singular for one and the regular English plural otherwise', () => {
  assert.equal(countNoun('claim', 1), '1 claim');
  assert.equal(countNoun('claim', 3), '3 claims');
  assert.equal(countNoun('quote', 0), '0 quotes');
  assert.equal(countNoun('speech', 2), '2 speeches');
  assert.equal(countNoun('bias', 2), '2 biases');
  assert.equal(countNoun('entity', 4), '4 entities');
  assert.equal(countNoun('day', 2), '2 days', 'a vowel before the y keeps it');
});

test('formatLabelCounts joins the counts with a middle dot', () => {
  const line = formatLabelCounts(countByLabel(annotations('quote', 'claim', 'claim', 'figure'), ['claim', 'quote', 'figure']));
  assert.equal(line, '2 claims · 1 quote · 1 figure');
  assert.equal(formatLabelCounts([]), '');
});
