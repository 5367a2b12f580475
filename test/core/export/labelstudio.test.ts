import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { labelStudioExporter } from '../../../src/core/export/labelstudio';
import type { ExportDocument } from '../../../src/core/export/types';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixtureDocuments } from './fixture-documents';
import { fixturePath, REPO_ROOT } from '../../fixture-path';

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

/*
 * What Label Studio's own code checks of a relation (label-studio-sdk, `LabelInterface`
 * `_validate_object_logic` / `_validate_relation_logic`), asserted on the golden exports of the
 * seeds and of the relations fixture, which the CLI's golden test keeps equal to the export.
 */
const goldenTasks = (set: string): Task[] =>
  JSON.parse(readFileSync(fixturePath('export', 'golden', set, 'labelstudio', 'export.json'), 'utf8')) as Task[];

interface RelationResult { from_id?: unknown; to_id?: unknown; type?: unknown; direction?: unknown; labels?: unknown }

test('Label Studio accepts every relation: type, a direction it knows, from_id and to_id naming regions of its annotation', () => {
  for (const set of ['seeds', 'relations']) {
    let relations = 0;
    for (const task of goldenTasks(set)) {
      for (const annotation of task.annotations) {
        const regions = annotation.result.filter((r) => r.type !== 'relation');
        const regionIds = regions.map((r) => r.id);
        assert.equal(new Set(regionIds).size, regionIds.length, `task ${String(task.id)}: region ids are unique`);
        for (const relation of annotation.result.filter((r) => r.type === 'relation') as RelationResult[]) {
          relations++;
          assert.deepEqual(Object.keys(relation).sort(), ['direction', 'from_id', 'labels', 'to_id', 'type']);
          assert.ok(['left', 'right', 'bi'].includes(relation.direction as string), String(relation.direction));
          assert.ok(regionIds.includes(relation.from_id as string), `from_id ${String(relation.from_id)} is a region`);
          assert.ok(regionIds.includes(relation.to_id as string), `to_id ${String(relation.to_id)} is a region`);
          assert.ok(Array.isArray(relation.labels) && relation.labels.length === 1, JSON.stringify(relation.labels));
        }
      }
    }
    assert.ok(relations > 0, `${set} has relations`);
  }
});

test('the labelling configuration in docs/export.md declares every label and relation type of the seeds', () => {
  // Label Studio rejects a region whose label the configuration lacks, and then every relation
  // to that region ("'to_id' … not found in regions").
  const docs = readFileSync(path.join(REPO_ROOT, 'docs', 'export.md'), 'utf8');
  const config = /### Label Studio[\s\S]*?```xml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
  const declared = (tag: string): Set<string> => new Set([...config.matchAll(new RegExp(`<${tag} value="([^"]*)"`, 'g'))].map((m) => m[1]!));
  const labels = declared('Label');
  const relationTypes = declared('Relation');
  for (const task of goldenTasks('seeds')) {
    for (const region of task.annotations[0]!.result) {
      const value = region.value as { labels?: string[] } | undefined;
      if (region.type === 'relation') {
        for (const type of (region as RelationResult).labels as string[]) assert.ok(relationTypes.has(type), `relation ${type} is declared`);
      } else {
        for (const label of value?.labels ?? []) assert.ok(labels.has(label), `label ${label} is declared`);
      }
    }
  }
});
