import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { prepareDocument } from '../../../src/core/export/prepare';
import type { Annotation } from '../../../src/core/model';

const TEXT = 'The 🚀 rose by 3 percent.';
const span = (id: string, label: string, start: number, end: number, text: string, more: Partial<Annotation> = {}): Annotation => ({ id, label, start, end, text, ...more });

test('annotations that sit on their text are kept, in the order start, end, label, id', () => {
  const { document, warnings } = prepareDocument('a.txt', TEXT, [
    span('b', 'figure', 14, 23, '3 percent'),
    span('z', 'claim', 0, 23, 'The 🚀 rose by 3 percent'),
    span('a', 'figure', 14, 23, '3 percent'),
    span('c', 'claim', 14, 23, '3 percent'),
  ]);
  assert.deepEqual(warnings, []);
  assert.equal(document.source, 'a.txt');
  assert.equal(document.text, TEXT);
  assert.deepEqual(
    document.annotations.map((a) => a.id),
    ['z', 'c', 'a', 'b'],
  );
});

test('offsets count code points: a span after an astral character slices by code points', () => {
  const { document, warnings } = prepareDocument('a.txt', TEXT, [span('r', 'claim', 6, 10, 'rose')]);
  assert.deepEqual(warnings, []);
  assert.equal(document.annotations.length, 1);
});

test('an orphan, an empty span and a span off its text are left out, each with a warning saying why', () => {
  const { document, warnings } = prepareDocument('a.txt', TEXT, [
    span('o', 'claim', 0, 3, 'The', { status: 'orphaned' }),
    span('e', 'claim', 4, 4, ''),
    span('m', 'quote', 0, 3, 'Thy'),
    span('x', 'quote', 20, 99, 'percent.'),
  ]);
  assert.deepEqual(document.annotations, []);
  assert.deepEqual(warnings, [
    'a.txt: annotation o (claim) is orphaned; left out',
    "a.txt: annotation e (claim) covers no text (4..4); every format needs start < end (see 'marginalia check'); left out",
    "a.txt: annotation m (quote) does not match the document at 0..3; left out (run 'marginalia check --fix')",
    "a.txt: annotation x (quote) does not match the document at 20..99; left out (run 'marginalia check --fix')",
  ]);
});

test('with labels chosen, the others are left out without a warning', () => {
  const { document, warnings } = prepareDocument('a.txt', TEXT, [span('c', 'claim', 0, 3, 'The'), span('o', 'quote', 0, 3, 'The', { status: 'orphaned' })], new Set(['claim']));
  assert.deepEqual(document.annotations.map((a) => a.id), ['c']);
  assert.deepEqual(warnings, []);
});
