import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { csvCompanionFolder, csvExporter, csvField } from '../../../src/core/export/csv';
import type { ExportDocument } from '../../../src/core/export/types';

const documents: ExportDocument[] = [
  {
    source: 'news/a.txt',
    text: 'He said "no", twice.\nThen 🚀.',
    annotations: [
      { id: 'q1', label: 'quote', start: 8, end: 12, text: '"no"', note: 'a, b', attributes: { speaker: 'him', note: 'clash' } },
      { id: 'c1', label: 'claim', start: 14, end: 25, text: 'twice.\nThen', entity: 'E' },
    ],
  },
  { source: 'b.txt', text: 'Plain.', annotations: [] },
];

test('a header, then one row per annotation; records end with CRLF, a line break inside a field stays LF', () => {
  const { content } = csvExporter.write(documents, { labels: [] });
  assert.equal(
    content,
    [
      'document,id,label,start,end,text,entity,note,outlet,url,published,attribute:note,speaker\r\n',
      'news/a.txt,q1,quote,8,12,"""no""",,"a, b",,,,clash,him\r\n',
      'news/a.txt,c1,claim,14,25,"twice.\nThen",E,,,,,,\r\n',
    ].join(''),
  );
});

test('the document texts travel beside the CSV, one file per document, named as the document column names it', () => {
  const { files } = csvExporter.write(documents, { labels: [] });
  assert.deepEqual(files, [
    { path: 'news/a.txt', content: documents[0]!.text },
    { path: 'b.txt', content: 'Plain.' },
  ]);
  assert.equal(csvCompanionFolder('out/annotations.csv'), 'out/annotations.texts');
  assert.equal(csvCompanionFolder('out/annotations.CSV'), 'out/annotations.texts');
});

test('a field is quoted only when RFC 4180 asks: a comma, a double quote (doubled) or a line break', () => {
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(3.5), '3.5');
  assert.equal(csvField('plain text'), 'plain text');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('a\rb'), '"a\rb"');
});
