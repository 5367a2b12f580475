// Making and unmaking relations in the editor: which types an annotation may start, which annotations
// a type may point at (nearest first), what is written, and what goes when a target is deleted.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseLabelConfig } from '../../../src/core/config';
import { relationsToDeleted, relationTargets, relationTo, typesStartingAt, type PlacedEnd } from '../../../src/core/relations/editing';
import type { RelatedDocument } from '../../../src/core/relations/resolve';
import { relationTypes } from '../../../src/core/relations/types';
import { readSidecar } from '../../../src/core/sidecar/read';
import { fixturePath } from '../../fixture-path';

const file = (...parts: string[]) => fs.readFileSync(fixturePath('relations', 'good', ...parts), 'utf8');
const documents: RelatedDocument[] = ['2021/a.txt', '2022/b.txt'].map((path) => ({ path, annotations: readSidecar(file(`${path}.annotations.yaml`)).sidecar!.annotations }));
const types = relationTypes(parseLabelConfig(file('.marginalia.yaml')).config);
const type = (id: string) => types.find((t) => t.id === id)!;
const end = (document: string, id: string): PlacedEnd => ({ document, annotation: documents.find((d) => d.path === document)!.annotations.find((a) => a.id === id)! });
const ids = (ends: PlacedEnd[]) => ends.map((e) => `${e.document}#${e.annotation.id}`);

test('an annotation may start the types whose source end allows its label, or either end of a symmetric one', () => {
  assert.deepEqual(typesStartingAt(types, 'quote').map((t) => t.id), ['said-by']);
  assert.deepEqual(typesStartingAt(types, 'figure').map((t) => t.id), ['supports', 'contradicts']);
  assert.deepEqual(typesStartingAt(types, 'claim').map((t) => t.id), ['contradicts', 'same-as']);
  assert.deepEqual(typesStartingAt(types, 'speaker').map((t) => t.id), []);
});

test('targets are those the type allows, the same document by distance first, then the other documents', () => {
  const claim = end('2021/a.txt', 'c1');
  // contradicts allows claims and figures; f1 already contradicts f2 but not c1; c2 is same-as, not contradicts.
  assert.deepEqual(ids(relationTargets(claim, type('contradicts'), documents)), ['2021/a.txt#f1', '2022/b.txt#f2', '2022/b.txt#c2']);
  assert.deepEqual(ids(relationTargets(end('2021/a.txt', 'q1'), type('said-by'), documents)), [], 'q1 is already said by s1, the only speaker');
});

test('a target already related is left out, a symmetric one from either end', () => {
  assert.deepEqual(ids(relationTargets(end('2022/b.txt', 'f2'), type('contradicts'), documents)), ['2022/b.txt#c2', '2021/a.txt#c1'], 'f1 lists contradicts to f2: not offered from f2');
  assert.deepEqual(ids(relationTargets(end('2021/a.txt', 'c1'), type('same-as'), documents)), []);
});

test('the relation written names the document only when the target is in another one, relative to the source', () => {
  assert.deepEqual(relationTo('supports', end('2021/a.txt', 'f1'), end('2021/a.txt', 'c1')), { type: 'supports', to: 'c1' });
  assert.deepEqual(relationTo('contradicts', end('2021/a.txt', 'c1'), end('2022/b.txt', 'f2')), { type: 'contradicts', to: 'f2', document: '../2022/b.txt' });
});

test('deleting an annotation cuts the relations pointing at it from every document, and keeps the rest', () => {
  const cuts = relationsToDeleted({ document: '2021/a.txt', ids: ['c1'] }, documents);
  assert.deepEqual(
    cuts.map((c) => ({ holder: `${c.holder.document}#${c.holder.annotation.id}`, removed: c.removed, after: c.after })),
    [
      { holder: '2021/a.txt#f1', removed: [{ type: 'supports', to: 'c1' }], after: [{ type: 'contradicts', to: 'f2', document: '../2022/b.txt' }] },
      { holder: '2022/b.txt#c2', removed: [{ type: 'same-as', to: 'c1', document: '../2021/a.txt' }], after: undefined },
    ],
  );
  assert.deepEqual(cuts[0]!.before, [{ type: 'supports', to: 'c1' }, { type: 'contradicts', to: 'f2', document: '../2022/b.txt' }], 'what undo puts back');
  assert.deepEqual(relationsToDeleted({ document: '2022/b.txt', ids: ['c1'] }, documents), [], 'the same id in another document is another annotation');
  assert.deepEqual(relationsToDeleted({ document: '2021/a.txt', ids: ['s1', 'q1'] }, documents), [], 'relations among the deleted go with them');
});
