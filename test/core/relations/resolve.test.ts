// The relations of a workspace, looked up by annotation: outgoing and incoming, each with its target
// found or the reason it is not; symmetric ones the same from both ends.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseLabelConfig } from '../../../src/core/config';
import { relationsOf, type RelatedDocument, type RelationLink } from '../../../src/core/relations/resolve';
import { relationTypes } from '../../../src/core/relations/types';
import { readSidecar } from '../../../src/core/sidecar/read';
import { fixturePath } from '../../fixture-path';

/** The documents of a fixture workspace under test/fixtures/relations/, by their paths from its root. */
function workspace(name: string, documents: string[]): { documents: RelatedDocument[]; types: ReturnType<typeof relationTypes> } {
  const file = (...parts: string[]) => fs.readFileSync(fixturePath('relations', name, ...parts), 'utf8');
  return {
    documents: documents.map((path) => ({ path, annotations: readSidecar(file(`${path}.annotations.yaml`)).sidecar!.annotations })),
    types: relationTypes(parseLabelConfig(file('.marginalia.yaml')).config),
  };
}

const shown = (links: RelationLink[]) => links.map((l) => `${l.direction} ${l.relation.relation.type} ${l.other.document ?? '?'}#${l.other.id}${l.other.annotation ? '' : ' (missing)'}`);

test('each annotation lists the relations it makes and those made to it, within and across documents', () => {
  const { documents, types } = workspace('good', ['2021/a.txt', '2022/b.txt']);
  const graph = relationsOf(documents, types);
  assert.equal(graph.all.length, 5);
  assert.deepEqual(graph.all.filter((r) => r.problems.length > 0), []);
  assert.deepEqual(shown(graph.linksOf('2021/a.txt', 'q1')), ['outgoing said-by 2021/a.txt#s1']);
  assert.deepEqual(shown(graph.linksOf('2021/a.txt', 's1')), ['incoming said-by 2021/a.txt#q1']);
  assert.deepEqual(shown(graph.linksOf('2021/a.txt', 'f1')), ['outgoing supports 2021/a.txt#c1', 'mutual contradicts 2022/b.txt#f2']);
  assert.deepEqual(shown(graph.linksOf('2022/b.txt', 'f2')), ['mutual contradicts 2021/a.txt#f1'], 'a symmetric relation is seen from its target too');
  assert.deepEqual(shown(graph.linksOf('2021/a.txt', 'c1')), ['mutual same-as 2022/b.txt#c2', 'incoming supports 2021/a.txt#f1'], 'listed by both ends: shown once');
  assert.deepEqual(shown(graph.linksOf('2022/b.txt', 'c2')), ['mutual same-as 2021/a.txt#c1']);
  assert.deepEqual(graph.linksOf('2022/b.txt', 'nothing'), []);
});

test('a relation that does not stand says why: no such document, no such id, no such type, a label the type does not allow', () => {
  const { documents, types } = workspace('broken', ['a.txt']);
  const graph = relationsOf(documents, types);
  assert.deepEqual(
    graph.all.map((r) => [r.from.id, r.index, r.relation.type, r.to.id, r.problems]),
    [
      ['q1', 0, 'said-by', 's9', [{ kind: 'missing-annotation' }]],
      ['q1', 1, 'said-by', 'c1', [{ kind: 'label-not-allowed', end: 'to', label: 'claim', allowed: ['speaker'] }]],
      ['q1', 2, 'quoted-in', 's1', [{ kind: 'unknown-type' }]],
      ['q1', 3, 'same-as', 'c9', [{ kind: 'missing-document' }]],
      ['q1', 4, 'same-as', 'c1', [{ kind: 'bad-document-path' }]],
      ['f1', 0, 'supports', 's1', [{ kind: 'label-not-allowed', end: 'to', label: 'speaker', allowed: ['claim'] }]],
    ],
  );
  assert.equal(graph.all[3]!.to.document, 'missing.txt');
  assert.equal(graph.all[4]!.to.document, undefined);
  assert.deepEqual(shown(graph.linksOf('a.txt', 's1')), ['incoming quoted-in a.txt#q1', 'incoming supports a.txt#f1'], 'a broken relation still shows, at both ends');
});

test('a relation to an annotation whose document is not given is a missing document; the documents given are all there is', () => {
  const { documents, types } = workspace('good', ['2021/a.txt']);
  const graph = relationsOf(documents, types);
  assert.deepEqual(
    graph.all.filter((r) => r.problems.length > 0).map((r) => [r.from.id, r.to.document, r.problems[0]!.kind]),
    [
      ['f1', '2022/b.txt', 'missing-document'],
      ['c1', '2022/b.txt', 'missing-document'],
    ],
  );
});
