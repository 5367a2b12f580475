import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeById } from '../../src/core/merge';
import type { Annotation } from '../../src/core/model';

function ann(id: string, start: number, extra: Partial<Annotation> = {}): Annotation {
  return { id, label: 'claim', start, end: start + 4, text: 'text', ...extra };
}

const ids = (list: readonly Annotation[]): string[] => list.map((a) => a.id).sort();

test('an annotation added on either side is kept', () => {
  const base = [ann('a', 0)];
  const result = mergeById(base, [ann('a', 0), ann('o', 10)], [ann('a', 0), ann('t', 20)]);
  assert.deepEqual(ids(result.annotations), ['a', 'o', 't']);
  assert.deepEqual(result.needsAnchoring, ['t'], 'their new annotation counts over their text');
  assert.deepEqual(result.conflicts, []);
});

test('an annotation removed on one side and untouched on the other is removed', () => {
  const base = [ann('a', 0), ann('b', 10)];
  const result = mergeById(base, [ann('b', 10)], [ann('a', 0)]);
  assert.deepEqual(ids(result.annotations), []);
});

test('our place wins, their change of content is taken', () => {
  const base = [ann('a', 0)];
  const ours = [ann('a', 7)]; // the text above it grew in our buffer
  const theirs = [ann('a', 0, { note: 'checked', attributes: { source: 'AFP' } })];
  const [merged] = mergeById(base, ours, theirs).annotations;
  assert.equal(merged!.start, 7);
  assert.equal(merged!.note, 'checked');
  assert.deepEqual(merged!.attributes, { source: 'AFP' });
});

test('different fields changed on each side both survive', () => {
  const base = [ann('a', 0, { note: 'n' })];
  const ours = [ann('a', 0, { note: 'n', entity: 'nato' })];
  const theirs = [ann('a', 0, { note: 'n2' })];
  const result = mergeById(base, ours, theirs);
  assert.equal(result.annotations[0]!.entity, 'nato');
  assert.equal(result.annotations[0]!.note, 'n2');
  assert.deepEqual(result.conflicts, []);
});

test('a field removed on their side is removed', () => {
  const base = [ann('a', 0, { note: 'n' })];
  const result = mergeById(base, [ann('a', 0, { note: 'n' })], [ann('a', 0)]);
  assert.equal('note' in result.annotations[0]!, false);
});

test('the same field changed on both sides keeps ours and reports a conflict', () => {
  const base = [ann('a', 0, { note: 'n' })];
  const result = mergeById(base, [ann('a', 0, { note: 'mine' })], [ann('a', 0, { note: 'theirs' })]);
  assert.equal(result.annotations[0]!.note, 'mine');
  assert.deepEqual(result.conflicts, ['a']);
});

test('removed on one side but changed on the other is kept, as a conflict', () => {
  const base = [ann('a', 0), ann('b', 10)];
  const ours = [ann('a', 0, { note: 'changed' })]; // we removed b, changed a
  const theirs = [ann('b', 10, { note: 'changed' })]; // they removed a, changed b
  const result = mergeById(base, ours, theirs);
  assert.deepEqual(ids(result.annotations), ['a', 'b']);
  assert.deepEqual([...result.conflicts].sort(), ['a', 'b']);
});

test('attribute maps compare by content, not key order', () => {
  const base = [ann('a', 0, { attributes: { value: 3, unit: 'km' } })];
  const ours = [ann('a', 0, { attributes: { unit: 'km', value: 3 } })];
  const theirs = [ann('a', 0, { attributes: { value: 3, unit: 'km' } })];
  assert.deepEqual(mergeById(base, ours, theirs).conflicts, []);
});

test('an id used by two records on disk: the editor keeps both, and a change to one reaches only that one', () => {
  const claim = ann('a1', 0);
  const quote = ann('a1', 10, { label: 'quote' });
  const untouched = mergeById([claim, quote], [claim, quote, ann('n', 20)], [claim, quote]);
  assert.deepEqual(untouched.annotations.filter((a) => a.id === 'a1'), [claim, quote]);
  assert.deepEqual(untouched.conflicts, []);

  const noted = { ...quote, note: 'theirs' };
  const theirChange = mergeById([claim, quote], [claim, quote], [claim, noted]);
  assert.deepEqual(theirChange.annotations, [claim, noted]);
  assert.deepEqual(theirChange.needsAnchoring, ['a1']);

  const bothChanged = mergeById([claim, quote], [{ ...claim, note: 'ours' }, quote], [claim, noted]);
  assert.deepEqual(bothChanged.annotations, [{ ...claim, note: 'ours' }, quote, noted], 'ours kept, theirs kept beside them');
  assert.deepEqual(bothChanged.conflicts, ['a1']);
});

test('a relation list changed on one side only is taken from that side', () => {
  const saidBy = { type: 'said-by', to: 's1' };
  const base = [ann('a', 0, { relations: [saidBy] })];
  const theirs = [ann('a', 0, { relations: [saidBy, { type: 'same-as', to: 'c2', document: 'b.txt' }] })];
  const result = mergeById(base, [ann('a', 3, { relations: [saidBy] })], theirs);
  assert.deepEqual(result.annotations[0]!.relations, theirs[0]!.relations);
  assert.deepEqual(result.conflicts, []);
  const removed = mergeById(base, [ann('a', 0)], [ann('a', 0, { relations: [saidBy] })]);
  assert.equal(removed.annotations[0]!.relations, undefined, 'we removed the relation, they left it');
});

test('relation lists changed on both sides merge relation by relation: both additions kept, either removal honoured, no conflict', () => {
  const [r1, r2, r3, r4] = ['s1', 's2', 's3', 's4'].map((to) => ({ type: 'said-by', to }));
  const base = [ann('a', 0, { relations: [r1!, r2!] })];
  const ours = [ann('a', 0, { relations: [r1!, r3!] })]; // removed r2, added r3
  const theirs = [ann('a', 0, { relations: [r2!, r4!, r1!] })]; // added r4
  const result = mergeById(base, ours, theirs);
  assert.deepEqual(result.annotations[0]!.relations, [r1, r3, r4]);
  assert.deepEqual(result.conflicts, []);
  const bothAddedSame = mergeById([ann('a', 0)], [ann('a', 0, { relations: [r1!] })], [ann('a', 0, { relations: [r1!] })]);
  assert.deepEqual(bothAddedSame.annotations[0]!.relations, [r1], 'the same relation added on both sides is there once');
  const allGone = mergeById(base, [ann('a', 0, { relations: [r2!] })], [ann('a', 0, { relations: [r1!] })]);
  assert.equal(allGone.annotations[0]!.relations, undefined, 'each side removed the other one: none left');
});

test('a relation that differs only in its target document is another relation', () => {
  const here = { type: 'same-as', to: 'c1' };
  const there = { type: 'same-as', to: 'c1', document: 'b.txt' };
  const result = mergeById([ann('a', 0)], [ann('a', 0, { relations: [here] })], [ann('a', 0, { relations: [there] })]);
  assert.deepEqual(result.annotations[0]!.relations, [here, there]);
});
