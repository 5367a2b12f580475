import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentRelations } from '../../../src/core/export/relations';
import type { ExportDocument } from '../../../src/core/export/types';

const document: ExportDocument = {
  source: '2021/a.txt',
  text: 'Smith said "We will win."',
  annotations: [
    { id: 's1', label: 'speaker', start: 0, end: 5, text: 'Smith' },
    {
      id: 'q1',
      label: 'quote',
      start: 11,
      end: 25,
      text: '"We will win."',
      relations: [
        { type: 'said-by', to: 's1' },
        { type: 'same-as', to: 'q9', document: '../2022/b.txt' },
        { type: 'supports', to: 'gone' },
      ],
    },
  ],
};

test('a relation between two exported annotations is carried, with both ends', () => {
  const relations = documentRelations(document, 'brat', []);
  assert.deepEqual(relations.map((r) => [r.type, r.from.id, r.to.id]), [['said-by', 'q1', 's1']]);
});

test('a relation to another document, or to an annotation not exported, is named in a warning', () => {
  const warnings: string[] = [];
  documentRelations(document, 'brat', warnings);
  assert.deepEqual(warnings, [
    '2021/a.txt: relation same-as from q1 to ../2022/b.txt#q9 links to another document, which brat cannot hold; left out',
    '2021/a.txt: relation supports from q1 to gone: its target is not exported (orphaned, missing, suggested or not among the exported labels); left out',
  ]);
});

test('a format that holds cross-document relations is not warned about them', () => {
  const warnings: string[] = [];
  documentRelations(document, 'w3c', warnings, document.annotations, true);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /supports from q1 to gone/);
});

test('the relations of an annotation the format could not write are not carried', () => {
  const relations = documentRelations(document, 'brat', [], [document.annotations[0]!]);
  assert.deepEqual(relations, []);
});
