import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { adjudicate } from '../../../src/core/agreement/adjudicate';
import type { Annotation } from '../../../src/core/model';

const TEXT = 'The mayor said taxes will fall. Critics said 40% of homes pay more.';
const NAMES = { a: 'alice', b: 'bob' };

function span(id: string, label: string, phrase: string, extra: Partial<Annotation> = {}): Annotation {
  const start = TEXT.indexOf(phrase);
  return { id, label, start, end: start + phrase.length, text: phrase, ...extra };
}

test('records both sides agree on are kept once, whoever made them and whatever their ids', () => {
  const a = [span('a1', 'claim', 'taxes will fall', { author: 'alice' })];
  const b = [span('b1', 'claim', 'taxes will fall', { author: 'bob', created: '2026-12-01' })];
  const result = adjudicate([{ document: 'd.txt', annotations: a, text: TEXT }], [{ document: 'd.txt', annotations: b, text: TEXT }], NAMES);
  assert.deepEqual(result.adjudicated[0]!.annotations, a);
  assert.deepEqual([result.adjudicated[0]!.agreed, result.adjudicated[0]!.disputed], [1, 0]);
});

test('each disagreement is kept once per side, paired with the overlapping record of the other side, the same label first', () => {
  const a = [span('a1', 'figure', '40%', { attributes: { unit: 'percent' } }), span('a2', 'claim', 'Critics said 40% of homes pay more.')];
  const b = [span('b1', 'figure', '40% of homes'), span('b2', 'quote', 'Critics said 40% of homes pay more.'), span('b3', 'claim', 'The mayor')];
  const [doc] = adjudicate([{ document: 'd.txt', annotations: a, text: TEXT }], [{ document: 'd.txt', annotations: b, text: TEXT }], NAMES).adjudicated;
  const disputes = Object.fromEntries(doc!.annotations.map((r) => [r.id, r.dispute]));
  assert.deepEqual(disputes, {
    // The figures pair with each other, though a2 overlaps b1 more: the same label goes first.
    a1: { side: 'A', by: 'alice', pair: 'b1' },
    b1: { side: 'B', by: 'bob', pair: 'a1' },
    // The same passage, labelled otherwise.
    a2: { side: 'A', by: 'alice', pair: 'b2' },
    b2: { side: 'B', by: 'bob', pair: 'a2' },
    // Marked by bob only.
    b3: { side: 'B', by: 'bob' },
  });
  assert.deepEqual([doc!.agreed, doc!.disputed], [0, 5]);
});

test("a record of B whose id A's records use gets a new id, and its pair names the new one", () => {
  const a = [span('x1', 'claim', 'taxes will fall')];
  const b = [span('x1', 'claim', 'taxes will fall.')];
  const [doc] = adjudicate([{ document: 'd.txt', annotations: a, text: TEXT }], [{ document: 'd.txt', annotations: b, text: TEXT }], NAMES).adjudicated;
  const ids = doc!.annotations.map((r) => r.id);
  assert.equal(new Set(ids).size, 2);
  const fromB = doc!.annotations.find((r) => r.dispute?.side === 'B')!;
  assert.match(fromB.id, /^[0-9a-f]{8}$/);
  assert.equal(doc!.annotations.find((r) => r.dispute?.side === 'A')!.dispute!.pair, fromB.id);
});

test("a relation of B's records follows its target to the new id, never to A's record of the old one", () => {
  const a = [span('x1', 'claim', 'taxes will fall')];
  const b = [span('x1', 'claim', 'taxes will fall.'), span('b2', 'quote', 'The mayor said taxes will fall.', { relations: [{ type: 'supports', to: 'x1' }] })];
  const [doc] = adjudicate([{ document: 'd.txt', annotations: a, text: TEXT }], [{ document: 'd.txt', annotations: b, text: TEXT }], NAMES).adjudicated;
  const renamed = doc!.annotations.find((r) => r.dispute?.side === 'B' && r.label === 'claim')!;
  assert.notEqual(renamed.id, 'x1');
  assert.deepEqual(doc!.annotations.find((r) => r.id === 'b2')!.relations, [{ type: 'supports', to: renamed.id }]);
});

test('documents on one side only, or whose text differs, are listed and not adjudicated', () => {
  const result = adjudicate(
    [
      { document: 'only-a.txt', annotations: [], text: 'x' },
      { document: 'edited.txt', annotations: [], text: 'Revenue rose 5%.' },
    ],
    [
      { document: 'edited.txt', annotations: [], text: 'Revenue rose 6%.' },
      { document: 'only-b.txt', annotations: [], text: 'y' },
    ],
    NAMES,
  );
  assert.deepEqual(result, { adjudicated: [], onlyInA: ['only-a.txt'], onlyInB: ['only-b.txt'], textDiffers: ['edited.txt'], textMissing: [] });
});
