import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { w3cExporter } from '../../../src/core/export/w3c';
import { parseW3c } from '../../../src/core/import/w3c';
import { fixturePath } from '../../fixture-path';

const read = (...parts: string[]): string => readFileSync(fixturePath('import', ...parts), 'utf8');

test('w3c: quote-only targets become spans without offsets; an annotation without a tagging body is a problem', () => {
  const parsed = parseW3c(read('w3c-quotes.jsonld'), 'w3c-quotes.jsonld');
  assert.equal(parsed.documents.length, 1, 'annotations on the same source form one document');
  const [document] = parsed.documents;
  assert.deepEqual(document!.candidates, ['https://example.org/docs/crlf.txt']);
  assert.equal(document!.text, undefined);
  const [quote, figure] = document!.spans;
  assert.deepEqual(
    { label: quote!.label, start: quote!.start, text: quote!.text, prefix: quote!.prefix, author: quote!.author, id: quote!.id },
    { label: 'quote', start: undefined, text: 'not this year and not next.', prefix: 'raise taxes,\n', author: 'https://example.org/users/kim', id: undefined },
  );
  assert.equal(figure!.note, 'which year?');
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0]!.message, /no tagging body/);
});

test('w3c: Marginalia\'s own ids, document texts, entities and attributes are read back', () => {
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    documents: [{ id: 'dir/a%20b.txt', type: 'Text', value: 'Hello world' }],
    first: {
      type: 'AnnotationPage',
      items: [
        {
          id: 'urn:marginalia:dir/a%20b.txt:0badf00d',
          type: 'Annotation',
          creator: { type: 'Person', name: 'ana' },
          created: '2026-11-20T09:00:00Z',
          body: [
            { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
            { type: 'TextualBody', purpose: 'identifying', value: 'greeting' },
          ],
          target: { source: 'dir/a%20b.txt', selector: [{ type: 'TextPositionSelector', start: 6, end: 11 }] },
          attributes: { source: 'memo', value: 3, ignored: { nested: true } },
        },
      ],
    },
  };
  const parsed = parseW3c(JSON.stringify(collection), 'c.jsonld');
  const [document] = parsed.documents;
  assert.deepEqual(document!.candidates, ['dir/a b.txt'], 'the IRI is decoded back to a path');
  assert.equal(document!.text, 'Hello world');
  const [span] = document!.spans;
  assert.deepEqual(
    { id: span!.id, start: span!.start, end: span!.end, entity: span!.entity, author: span!.author, created: span!.created, attributes: span!.attributes },
    { id: '0badf00d', start: 6, end: 11, entity: 'greeting', author: 'ana', created: '2026-11-20T09:00:00Z', attributes: { source: 'memo', value: 3 } },
  );
});

test('w3c: linking annotations relate annotations of one document by key, and of two by the target\'s id and relative path', () => {
  const content = w3cExporter.write(
    [
      { source: '2021/a.txt', text: 'Smith said it.', annotations: [{ id: 's', label: 'speaker', start: 0, end: 5, text: 'Smith' }, { id: 'q', label: 'quote', start: 11, end: 13, text: 'it', relations: [{ type: 'said-by', to: 's' }, { type: 'same-as', to: 'c', document: '../2022/b.txt' }] }] },
      { source: '2022/b.txt', text: 'It.', annotations: [{ id: 'c', label: 'claim', start: 0, end: 2, text: 'It' }] },
    ],
    { labels: [] },
  ).content!;
  const parsed = parseW3c(content, 'e.jsonld');
  assert.deepEqual(parsed.problems, []);
  const a = parsed.documents.find((d) => d.candidates[0] === '2021/a.txt')!;
  assert.deepEqual(
    a.relations!.map((r) => [r.type, r.from, r.to, r.document]),
    [
      ['said-by', 'urn:marginalia:2021/a.txt:q', 'urn:marginalia:2021/a.txt:s', undefined],
      ['same-as', 'urn:marginalia:2021/a.txt:q', 'c', '../2022/b.txt'],
    ],
  );
});

test('w3c: a linking annotation that names no annotation of the file is a problem', () => {
  const parsed = parseW3c(
    JSON.stringify([{ type: 'Annotation', motivation: 'linking', body: [{ purpose: 'tagging', value: 't' }, { type: 'SpecificResource', purpose: 'linking', source: 'urn:x:b' }], target: 'urn:x:a' }]),
    'l.json',
  );
  assert.deepEqual(parsed.problems.map((p) => p.message), ['the relation links urn:x:a, which is no annotation of the file']);
});
