import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { canAllBeTrue, findFigureGroups } from '../../../src/core/figures/conflicts';
import { readFigures } from '../../../src/core/figures/figures';
import type { Annotation } from '../../../src/core/model';
import type { PlacedAnnotation } from '../../../src/core/sources/placed';

let nextId = 0;
/** A figure annotation in its own document. */
function figure(text: string, fields: Partial<Annotation> = {}, prefix = ''): PlacedAnnotation {
  const id = (nextId++).toString(16).padStart(8, '0');
  return { annotation: { id, label: 'figure', start: 0, end: text.length, text, prefix, ...fields }, file: `doc-${id}.txt`, line: 1, outlet: null };
}
const groupsOf = (...placed: PlacedAnnotation[]) => findFigureGroups(readFigures(placed));

test('figures linked to one entity form a group; it conflicts when two intervals do not meet', () => {
  const [group] = groupsOf(figure('13,000 lives', { entity: 'toll' }), figure('13,000 people', { entity: 'toll' }, 'more than '));
  assert.deepEqual([group?.key, group?.unit, group?.conflict, group?.figures.length], ['toll', 'people', true, 2]);
});

test('intervals that meet do not conflict', () => {
  const cases: [string, string, string, string][] = [
    ['about 15,000', '', 'more than 14,000', ''],
    ['15,000', 'some ', '16,000', ''],
    ['nearly 100,000', '', '95,000', ''],
    ['between 70,000 and 90,000', '', 'at most 70,000', ''],
    ['at least 5', '', 'at most 5', ''],
  ];
  for (const [a, beforeA, b, beforeB] of cases) {
    const [group] = groupsOf(figure(a, { entity: 'x' }, beforeA), figure(b, { entity: 'x' }, beforeB));
    assert.equal(group?.conflict, false, `${a} / ${b}`);
  }
});

test('intervals that touch at an open bound conflict', () => {
  for (const [a, b] of [['more than 5', 'at most 5'], ['nearly 100,000', '100,000'], ['fewer than 10', 'at least 10']]) {
    assert.equal(groupsOf(figure(a, { entity: 'x' }), figure(b, { entity: 'x' }))[0]?.conflict, true, `${a} / ${b}`);
  }
});

test('"100,000 troops" and "100,000 people" never conflict, even under one entity', () => {
  const groups = groupsOf(figure('100,000 troops', { entity: 'x' }), figure('100,000 people', { entity: 'x' }), figure('5,000 soldiers', { entity: 'x' }));
  assert.deepEqual(
    groups.map((g) => [g.key, g.unit, g.figures.length, g.conflict]),
    [['x / troops', 'troops', 2, true]],
  );
});

test('a year is not a figure of the group', () => {
  const groups = groupsOf(figure('13,000 people', { entity: 'toll' }), figure('2021', { entity: 'toll' }), figure('13,000', { entity: 'toll', attributes: { unit: 'lives' } }));
  assert.deepEqual(groups.map((g) => [g.figures.map((f) => f.text), g.conflict]), [[['13,000 people', '13,000'], false]]);
});

test('without an entity, figures are grouped by subject and unit', () => {
  const subject = { subject: 'Russian troops near  Ukraine' };
  const groups = groupsOf(figure('70,000 soldiers', { attributes: subject }), figure('100,000 troops', { attributes: { subject: 'russian troops near Ukraine' } }), figure('100,000 troops'));
  assert.deepEqual(groups.map((g) => [g.key, g.figures.length, g.conflict]), [['subject: russian troops near ukraine', 2, true]]);
});

test('without entity or subject, only figures counting the same qualified thing are grouped; bare units are not', () => {
  const groups = groupsOf(figure('30 NATO countries'), figure('29 NATO countries'), figure('100,000 troops'), figure('70,000 troops'));
  assert.deepEqual(groups.map((g) => [g.key, g.unit, g.conflict]), [['counted: nato', 'countries', true]]);
});

test('a figure without a number is never grouped', () => {
  assert.deepEqual(groupsOf(figure('many people', { entity: 'x' }), figure('a few people', { entity: 'x' })), []);
});

test('canAllBeTrue on open and closed bounds', () => {
  const closed = (low: number | null, high: number | null) => ({ low, high, low_open: false, high_open: false });
  assert.equal(canAllBeTrue([closed(1, 2), closed(2, 3)]), true);
  assert.equal(canAllBeTrue([closed(1, 2), { ...closed(2, 3), low_open: true }]), false);
  assert.equal(canAllBeTrue([closed(null, null), closed(5, 5)]), true);
  assert.equal(canAllBeTrue([closed(1, 2), closed(3, null)]), false);
});
