import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { labelStudioExporter } from '../../../src/core/export/labelstudio';
import type { ExportDocument } from '../../../src/core/export/types';
import { fixtureDocuments } from './fixture-documents';

interface Task {
  id: unknown;
  data: { text: string };
  meta: { source: string };
  annotations: { result: { id: string; from_name: string; to_name: string; type: string; value: unknown; meta?: unknown }[] }[];
}
const tasksOf = (documents: ExportDocument[]): Task[] => JSON.parse(labelStudioExporter.write(documents, { labels: [] }).content!) as Task[];

test('one task per document: its text, its path, one annotation whose result holds a labels region per span', () => {
  const tasks = tasksOf([
    { source: 'a.txt', text: 'A 🚀 rose.', annotations: [{ id: 'r1', label: 'claim', start: 4, end: 8, text: 'rose', note: 'a note' }] },
    { source: 'b.txt', text: 'Nothing.', annotations: [] },
  ]);
  assert.deepEqual(tasks, [
    {
      id: 1,
      data: { text: 'A 🚀 rose.' },
      meta: { source: 'a.txt' },
      annotations: [
        {
          result: [{ id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 4, end: 8, text: 'rose', labels: ['claim'] }, meta: { text: ['a note'] } }],
        },
      ],
    },
    { id: 2, data: { text: 'Nothing.' }, meta: { source: 'b.txt' }, annotations: [] },
  ]);
});

test('every task has a distinct whole-number id, which label-studio-converter reads (task["id"])', () => {
  for (const set of ['docs', 'breaks']) {
    const ids = tasksOf(fixtureDocuments(set)).map((t) => t.id);
    assert.ok(ids.length > 0);
    assert.ok(ids.every((id) => Number.isInteger(id)), JSON.stringify(ids));
    assert.equal(new Set(ids).size, ids.length);
  }
});

test('a relation is a relation result between the regions\' ids, bi-directional when its type is symmetric', () => {
  const output = labelStudioExporter.write(
    [
      {
        source: 'a.txt',
        text: 'Smith said "We will win."',
        annotations: [
          { id: 's1', label: 'claim', start: 0, end: 5, text: 'Smith', relations: [{ type: 'contradicts', to: 'q1' }] },
          { id: 'q1', label: 'quote', start: 11, end: 25, text: '"We will win."', relations: [{ type: 'said-by', to: 's1' }, { type: 'same-as', to: 'x', document: 'b.txt' }] },
        ],
      },
    ],
    { labels: [] },
  );
  const [task] = JSON.parse(output.content!) as { annotations: { result: Record<string, unknown>[] }[] }[];
  assert.deepEqual(task!.annotations[0]!.result.slice(2), [
    { from_id: 's1', to_id: 'q1', type: 'relation', direction: 'bi', labels: ['contradicts'] },
    { from_id: 'q1', to_id: 's1', type: 'relation', direction: 'right', labels: ['said-by'] },
  ]);
  assert.deepEqual(output.warnings, ['a.txt: relation same-as from q1 to b.txt#x links to another document, which Label Studio cannot hold; left out']);
});
