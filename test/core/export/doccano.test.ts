import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { doccanoExporter } from '../../../src/core/export/doccano';
import type { ExportDocument } from '../../../src/core/export/types';

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
