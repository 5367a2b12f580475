// The tree grouped by relation: each configured type with its relations as "from → to", a symmetric
// one once however many ends list it, and the relations that do not stand in a group of their own.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseLabelConfig } from '../../../src/core/config';
import { BROKEN_RELATIONS_KEY, groupRelations, problemSummary, type RelationGroup } from '../../../src/core/relations/grouping';
import { relationsOf, type RelatedDocument } from '../../../src/core/relations/resolve';
import { relationTypes } from '../../../src/core/relations/types';
import { readSidecar } from '../../../src/core/sidecar/read';
import { fixturePath } from '../../fixture-path';

/** The resolved relations and the types of a fixture workspace under test/fixtures/relations/. */
function workspace(name: string, paths: string[]) {
  const file = (...parts: string[]) => fs.readFileSync(fixturePath('relations', name, ...parts), 'utf8');
  const documents: RelatedDocument[] = paths.map((path) => ({ path, annotations: readSidecar(file(`${path}.annotations.yaml`)).sidecar!.annotations }));
  const types = relationTypes(parseLabelConfig(file('.marginalia.yaml')).config);
  return { relations: relationsOf(documents, types).all, types };
}

/** Each group as `title (count)` and its entries as `from-text arrow to-text [other document]`. */
function shown(groups: RelationGroup[]): string[][] {
  return groups.map((g) => [
    `${g.title} (${g.entries.length})`,
    ...g.entries.map((e) => `${e.resolved.from.annotation.text} ${e.arrow} ${e.resolved.to.annotation?.text ?? e.resolved.to.id}${e.elsewhere ? ` [${e.elsewhere}]` : ''}`),
  ]);
}

test('each configured type is a group, in the configuration’s order, with its relations as from → to', () => {
  const { relations, types } = workspace('good', ['2021/a.txt', '2022/b.txt']);
  const groups = groupRelations(relations, types);
  assert.deepEqual(shown(groups), [
    ['said-by (1)', 'We will win. → Smith'],
    ['supports (1)', '5,000 → Victory is near'],
    ['contradicts (1)', '5,000 ↔ 7,000 [2022/b.txt]'],
    ['same-as (1)', 'Victory is near ↔ Victory is near [2022/b.txt]'],
  ]);
  assert.equal(groups[0]!.type?.description, 'A quote attributed to the span naming its speaker', 'the type comes along, for its tooltip');
  assert.ok(groups.every((g) => g.kind === 'relation-type'), 'no broken group when every relation stands');
});

test('a symmetric relation listed by both ends is listed once, from the end met first', () => {
  const { relations, types } = workspace('good', ['2021/a.txt', '2022/b.txt']);
  const sameAs = relations.filter((r) => r.relation.type === 'same-as');
  assert.equal(sameAs.length, 2, 'the fixture lists it at both ends');
  const [entry] = groupRelations(relations, types).find((g) => g.title === 'same-as')!.entries;
  assert.equal(entry!.resolved.from.document, '2021/a.txt');
});

test('a type nothing uses is still a group, counting 0', () => {
  const { relations, types } = workspace('good', ['2021/a.txt', '2022/b.txt']);
  const groups = groupRelations(relations, [...types, { id: 'cites', description: 'cites', symmetric: false }]);
  assert.deepEqual(shown(groups).at(-1), ['cites (0)']);
});

test('relations that do not stand go to a broken group last, each saying why, none under its type', () => {
  const { relations, types } = workspace('broken', ['a.txt']);
  const groups = groupRelations(relations, types);
  assert.deepEqual(
    shown(groups).map((g) => g[0]),
    ['said-by (0)', 'supports (0)', 'contradicts (0)', 'same-as (0)', 'broken relations (6)'],
  );
  const broken = groups.at(-1)!;
  assert.equal(broken.key, BROKEN_RELATIONS_KEY);
  assert.deepEqual(
    broken.entries.map((e) => `${e.resolved.relation.type} ${e.resolved.to.id}: ${e.resolved.problems.map(problemSummary).join(', ')}`),
    [
      'said-by s9: target missing',
      'said-by c1: a claim is not allowed at the target',
      'quoted-in s1: type not configured',
      'same-as c9: target document missing',
      'same-as c1: document path outside the workspace',
      'supports s1: a speaker is not allowed at the target',
    ],
  );
  assert.equal(broken.entries[3]!.elsewhere, 'missing.txt', 'a missing document is named');
  assert.equal(broken.entries[4]!.elsewhere, '../outside.txt', 'a path naming no document is shown as written');
});

test('the filter keeps a relation when either end passes it', () => {
  const { relations, types } = workspace('good', ['2021/a.txt', '2022/b.txt']);
  const count = (groups: RelationGroup[]) => Object.fromEntries(groups.map((g) => [g.title, g.entries.length]));
  assert.deepEqual(count(groupRelations(relations, types, { label: 'speaker' })), { 'said-by': 1, supports: 0, contradicts: 0, 'same-as': 0 }, 'the target’s label');
  assert.deepEqual(count(groupRelations(relations, types, { text: '7,000' })), { 'said-by': 0, supports: 0, contradicts: 1, 'same-as': 0 }, 'the target’s text, in another document');
  assert.deepEqual(count(groupRelations(relations, types, { text: 'victory' })), { 'said-by': 0, supports: 1, contradicts: 0, 'same-as': 1 });
});

test('entries are ordered by source document, then position, and keep stable keys', () => {
  const { relations, types } = workspace('good', ['2021/a.txt', '2022/b.txt']);
  const first = groupRelations(relations, types).flatMap((g) => g.entries.map((e) => e.key));
  const again = groupRelations([...relations].reverse(), types).flatMap((g) => g.entries.map((e) => e.key));
  assert.deepEqual(again, first, 'the input order does not matter');
  assert.equal(new Set(first).size, first.length, 'keys are unique');
});

test('a relation whose document: names its own document is not shown as going elsewhere', () => {
  const { types } = workspace('good', ['2021/a.txt']);
  const documents = [
    {
      path: 'a.txt',
      annotations: [
        { id: 's1', label: 'speaker', start: 0, end: 5, text: 'Smith' },
        { id: 'q1', label: 'quote', start: 12, end: 24, text: 'We will win.', relations: [{ type: 'said-by', to: 's1', document: 'a.txt' }] },
      ],
    },
  ];
  const [entry] = groupRelations(relationsOf(documents, types).all, types)[0]!.entries;
  assert.equal(entry!.elsewhere, undefined);
});
