import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../src/core/model';
import { computeStats, renderStats } from '../../src/core/stats';

function annotation(id: string, label: string, text: string, more: Partial<Annotation> = {}): Annotation {
  return { id, label, start: 0, end: [...text].length, text, ...more };
}

const DOCUMENTS = [
  {
    document: 'b.txt',
    annotations: [
      annotation('1', 'quote', '“We will not raise taxes”', { author: 'ana' }),
      annotation('2', 'figure', '3.5 percent', { author: 'ben', entity: 'budget-growth' }),
      annotation('3', 'claim', 'Unique to b', { author: 'ana', status: 'orphaned' }),
    ],
  },
  {
    document: 'a.txt',
    annotations: [
      annotation('4', 'quote', '"We will not raise taxes"', { author: 'ben' }),
      annotation('5', 'figure', '3.5%', { entity: 'budget-growth' }),
      annotation('6', 'figure', '3.5 %', { entity: 'budget-growth' }),
    ],
  },
];

test('counts per label follow the configuration order, then other labels', () => {
  const stats = computeStats(DOCUMENTS, ['claim', 'quote', 'figure']);
  assert.equal(stats.annotations, 6);
  assert.equal(stats.documents, 2);
  assert.equal(stats.orphaned, 1);
  assert.deepEqual(stats.byLabel.map((c) => [c.label, c.count]), [
    ['claim', 1],
    ['quote', 2],
    ['figure', 3],
  ]);
});

test('per document in path order, per author most first with the unattributed last among equals', () => {
  const stats = computeStats(DOCUMENTS, ['claim', 'quote', 'figure']);
  assert.deepEqual(stats.byDocument.map((d) => [d.document, d.total]), [
    ['a.txt', 3],
    ['b.txt', 3],
  ]);
  assert.deepEqual(stats.byAuthor, [
    { author: 'ana', count: 2 },
    { author: 'ben', count: 2 },
    { author: undefined, count: 2 },
  ]);
});

test('an entity in more than one document: the same entity id, or the same text once quotes are folded', () => {
  const stats = computeStats(DOCUMENTS);
  assert.deepEqual(
    stats.sharedEntities.map((e) => [e.label, e.entity, e.documents, e.occurrences]),
    [
      ['figure', 'budget-growth', ['a.txt', 'b.txt'], 3],
      ['quote', undefined, ['a.txt', 'b.txt'], 2],
    ],
  );
});

test('the text report names every section', () => {
  const text = renderStats(computeStats(DOCUMENTS, ['claim', 'quote', 'figure']));
  assert.match(text, /^6 annotations in 2 documents \(1 orphaned\)$/m);
  assert.match(text, /^ {2}figure {2}3$/m);
  assert.match(text, /^ {2}a\.txt {2}3 {2}\(quote 1, figure 2\)$/m);
  assert.match(text, /^ {2}\(no author\) {2}2$/m);
  assert.match(text, /^ {2}figure budget-growth "3\.5%": 2 documents, 3 occurrences$/m);
});
