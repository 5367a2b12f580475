// readFigures / readFigure: figure annotations read into a value, an interval and a unit. How a phrase
// is parsed is parse.test.ts's; how figures are compared, conflicts.test.ts's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFigure, readFigures } from '../../../src/core/figures/figures';
import type { Annotation } from '../../../src/core/model';
import type { PlacedAnnotation } from '../../../src/core/sources/placed';

/** An annotation in a document. */
function placedAt(file: string, line: number | null, id: string, text: string, fields: Partial<Annotation> = {}, prefix = ''): PlacedAnnotation {
  return { annotation: { id, label: 'figure', start: 0, end: text.length, text, prefix, ...fields }, file, line, outlet: null };
}

test('a figure: its number, the interval its words allow, its unit, and where it is', () => {
  const entry = readFigure({ ...placedAt('a.txt', 3, 'f1', '13,000 people', { entity: 'toll' }, 'more than '), outlet: 'The Daily' });
  assert.deepEqual(entry, {
    file: 'a.txt',
    line: 3,
    id: 'f1',
    text: '13,000 people',
    value: 13000,
    low: 13000,
    high: null,
    low_open: true,
    high_open: false,
    unit: 'people',
    modifier: 'more-than',
    entity: 'toll',
    subject: null,
    counted: '',
    outlet: 'The Daily',
  });
});

test('a value the user set wins over the words, keeping their bound', () => {
  const entry = readFigure(placedAt('a.txt', 1, 'f1', 'three decades', { attributes: { value: 25 } }, 'for nearly '));
  assert.deepEqual([entry.value, entry.low, entry.high, entry.high_open, entry.modifier], [25, 22.5, 25, true, 'nearly']);
});

test('a unit the user set is taken, normalised as units read from text are; a subject, trimmed; an empty subject is none', () => {
  const entry = readFigure(placedAt('a.txt', 1, 'f1', '70,000', { attributes: { unit: ' soldiers ', subject: '  Russian troops ' } }));
  assert.deepEqual([entry.value, entry.unit, entry.subject], [70000, 'troops', 'Russian troops']);
  assert.equal(readFigure(placedAt('a.txt', 1, 'f2', '5 people', { attributes: { subject: '  ' } })).subject, null);
});

test('a figure without a number is listed with nulls', () => {
  const entries = readFigures([placedAt('a.txt', 1, 'f1', 'many people', { entity: 'x' }), placedAt('a.txt', 2, 'f2', 'a few people', { entity: 'x' })]);
  assert.deepEqual(
    entries.map((e) => [e.value, e.low, e.high, e.modifier]),
    [
      [null, null, null, null],
      [null, null, null, null],
    ],
  );
});

test('readFigures keeps the label of figures only, ordered by document, line and id', () => {
  const entries = readFigures([
    placedAt('b.txt', 1, 'f4', '4 people'),
    placedAt('a.txt', 9, 'f3', '3 people'),
    placedAt('a.txt', 2, 'f2', '2 people'),
    placedAt('a.txt', 2, 'f1', '1 person'),
    placedAt('a.txt', 1, 'c1', 'a claim', { label: 'claim' }),
  ]);
  assert.deepEqual(entries.map((e) => e.id), ['f1', 'f2', 'f3', 'f4']);
  assert.deepEqual(readFigures([placedAt('a.txt', 1, 'n1', '5 people', { label: 'number' })], 'number').map((e) => e.id), ['n1']);
});
