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
