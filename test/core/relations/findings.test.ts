// The findings of relations that do not stand: one per problem, an error at the relation's place,
// naming the relation, what is wrong and what to do.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation, RelationTypeSpec } from '../../../src/core/model';
import { relationFindings } from '../../../src/core/relations/findings';
import { relationsOf } from '../../../src/core/relations/resolve';

const TYPES: RelationTypeSpec[] = [{ id: 'said-by', description: 'said by', from: ['quote'], to: ['speaker'], symmetric: false }];
const span = (id: string, label: string, relations?: Annotation['relations']): Annotation => ({ id, label, start: 0, end: 1, text: 'x', ...(relations ? { relations } : {}) });

test('each problem of a relation is an error at its place, with the annotation it belongs to', () => {
  const annotations = [
    span('q1', 'quote', [
      { type: 'said-by', to: 's1' },
      { type: 'quoted-in', to: 'gone' },
      { type: 'said-by', to: 'c1' },
    ]),
    span('s1', 'speaker'),
    span('c1', 'claim'),
  ];
  const graph = relationsOf([{ path: 'a.txt', annotations }], TYPES);
  const findings = relationFindings(graph.all, TYPES, (_id, index) => ({ line: 10 + index, column: 9 }));
  assert.deepEqual(
    findings.map((f) => [f.severity, f.code, f.line, f.column, f.annotationId]),
    [
      ['error', 'relation-target-missing', 11, 9, 'q1'],
      ['error', 'relation-type', 11, 9, 'q1'],
      ['error', 'relation-label', 12, 9, 'q1'],
    ],
  );
  assert.match(findings[0]!.message, /^relation 2 of annotation q1 \(quoted-in → gone\): a\.txt has no annotation gone/);
  assert.match(findings[1]!.message, /relation type "quoted-in" is not configured; use one of said-by/);
  assert.match(findings[2]!.message, /the target is a claim, but said-by allows speaker at that end/);
});

test('relations that stand give no finding; without any relation type the message says none is defined', () => {
  const annotations = [span('q1', 'quote', [{ type: 'said-by', to: 's1' }]), span('s1', 'speaker')];
  assert.deepEqual(relationFindings(relationsOf([{ path: 'a.txt', annotations }], TYPES).all, TYPES, () => ({ line: 1, column: 1 })), []);
  const none = relationFindings(relationsOf([{ path: 'a.txt', annotations }], []).all, [], () => ({ line: 1, column: 1 }));
  assert.match(none[0]!.message, /use one of \(none defined\)/);
});
