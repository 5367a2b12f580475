import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { doccanoExporter } from '../../../src/core/export/doccano';
import type { ExportDocument } from '../../../src/core/export/types';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../fixture-path';

const documents: ExportDocument[] = [
  { source: 'a/one.txt', text: 'A 🚀 rose.', annotations: [{ id: 'x1', label: 'claim', start: 4, end: 8, text: 'rose', note: 'not exported' }] },
  { source: 'two.txt', text: 'Nothing here.', annotations: [] },
];

test('one JSON line per document: its text, [start, end, label] per span in code points, its path in meta.source', () => {
  const { content, files } = doccanoExporter.write(documents, { labels: [] });
  assert.deepEqual(files, []);
  assert.ok(content?.endsWith('\n'));
  const lines = content!.split('\n').slice(0, -1).map((line) => JSON.parse(line) as unknown);
  assert.deepEqual(lines, [
    { text: 'A 🚀 rose.', label: [[4, 8, 'claim']], meta: { source: 'a/one.txt' } },
    { text: 'Nothing here.', label: [], meta: { source: 'two.txt' } },
  ]);
});

test('a single JSONL file', () => {
  assert.equal(doccanoExporter.shape, 'file');
  assert.equal(doccanoExporter.extension, '.jsonl');
});

test('with relations, every line takes doccano\'s relation extraction shape: entities and relations with ids across the file', () => {
  const output = doccanoExporter.write(
    [
      { source: 'a.txt', text: 'One two.', annotations: [{ id: 'x', label: 'claim', start: 0, end: 3, text: 'One' }] },
      {
        source: 'b.txt',
        text: 'Smith said it.',
        annotations: [
          { id: 's', label: 'speaker', start: 0, end: 5, text: 'Smith' },
          { id: 'q', label: 'quote', start: 11, end: 13, text: 'it', relations: [{ type: 'said-by', to: 's' }, { type: 'supports', to: 'gone' }] },
        ],
      },
    ],
    { labels: [] },
  );
  const lines = output.content!.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines[0], { text: 'One two.', entities: [{ id: 1, label: 'claim', start_offset: 0, end_offset: 3 }], relations: [], meta: { source: 'a.txt' } });
  assert.deepEqual(lines[1]!['relations'], [{ id: 1, from_id: 3, to_id: 2, type: 'said-by' }]);
  assert.equal(output.warnings!.length, 1);
  assert.match(output.warnings![0]!, /b\.txt: relation supports from q to gone: its target is not exported/);
});

/*
 * What doccano's own import reads of a relation extraction line (backend/data_import:
 * `SpanLabel`, `RelationLabel`, `Relations.save`, whose spans are looked up by (entity id, line)),
 * asserted on the golden exports of the seeds and of the relations fixture, which the CLI's golden
 * test keeps equal to the export.
 */
test('doccano reads every relation: the keys its RelationLabel takes, both ends among the entities of its line', () => {
  for (const set of ['seeds', 'relations']) {
    const lines = readFileSync(fixturePath('export', 'golden', set, 'doccano', 'export.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { entities: Record<string, unknown>[]; relations: Record<string, unknown>[] });
    const entityIds: unknown[] = [];
    const relationIds: unknown[] = [];
    for (const { entities, relations } of lines) {
      for (const entity of entities) {
        assert.deepEqual(Object.keys(entity).sort(), ['end_offset', 'id', 'label', 'start_offset']);
        assert.ok(Number.isInteger(entity['id']), JSON.stringify(entity));
        // SpanLabel: NonNegativeInt offsets, start before end, a label of at least one character.
        assert.ok(Number.isInteger(entity['start_offset']) && (entity['start_offset'] as number) >= 0, JSON.stringify(entity));
        assert.ok((entity['start_offset'] as number) < (entity['end_offset'] as number), JSON.stringify(entity));
        assert.ok(typeof entity['label'] === 'string' && entity['label'] !== '', JSON.stringify(entity));
      }
      const ids = new Set(entities.map((entity) => entity['id']));
      for (const relation of relations) {
        assert.deepEqual(Object.keys(relation).sort(), ['from_id', 'id', 'to_id', 'type']);
        assert.ok(typeof relation['type'] === 'string' && relation['type'] !== '', JSON.stringify(relation));
        assert.ok(ids.has(relation['from_id']) && ids.has(relation['to_id']), `${JSON.stringify(relation)}: both ends are entities of its line`);
      }
      entityIds.push(...ids);
      relationIds.push(...relations.map((relation) => relation['id']));
    }
    assert.ok(relationIds.length > 0, `${set} has relations`);
    assert.equal(new Set(entityIds).size, entityIds.length, 'entity ids are unique across the file');
    assert.equal(new Set(relationIds).size, relationIds.length, 'relation ids are unique across the file');
  }
});
