import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { ExportDocument } from '../../../src/core/export/types';
import { annotationIri, sourceIri, W3C_CONTEXT, w3cExporter } from '../../../src/core/export/w3c';
import { fixtureDocuments } from './fixture-documents';

interface Item {
  id: string;
  created?: string;
  creator?: { name: string };
  body: { purpose: string; value: string }[];
  target: { source: string; selector: Record<string, unknown>[] };
  attributes?: Record<string, unknown>;
}
interface Collection {
  '@context': string;
  type: string;
  total: number;
  documents: { id: string; value: string }[];
  first: { items: Item[] };
}
const collectionOf = (documents: ExportDocument[]): { collection: Collection; warnings: string[] } => {
  const output = w3cExporter.write(documents, { labels: [] });
  return { collection: JSON.parse(output.content!) as Collection, warnings: output.warnings ?? [] };
};

const document: ExportDocument = {
  source: 'news/a b#1.txt',
  text: 'Prices rose by 3 percent in May.',
  annotations: [
    { id: 'f1', label: 'figure', start: 15, end: 24, text: '3 percent', note: 'checked', entity: 'Inflation', author: 'ana', attributes: { unit: 'percent', value: 3 } },
  ],
};

test('a collection in the anno.jsonld context, with every document\'s text the offsets count in', () => {
  const { collection } = collectionOf([document]);
  assert.equal(collection['@context'], W3C_CONTEXT);
  assert.equal(collection.type, 'AnnotationCollection');
  assert.equal(collection.total, 1);
  assert.deepEqual(collection.documents, [{ id: 'news/a%20b%231.txt', type: 'Text', format: 'text/plain', value: document.text }]);
});

test('an annotation: tagging, commenting and identifying bodies; a quote and a position selector; its attributes', () => {
  const [item] = collectionOf([document]).collection.first.items;
  assert.equal(item!.id, 'urn:marginalia:news/a%20b%231.txt:f1');
  assert.deepEqual(item!.creator, { type: 'Person', name: 'ana' });
  assert.deepEqual(item!.body, [
    { type: 'TextualBody', purpose: 'tagging', value: 'figure' },
    { type: 'TextualBody', purpose: 'commenting', value: 'checked' },
    { type: 'TextualBody', purpose: 'identifying', value: 'Inflation' },
  ]);
  assert.equal(item!.target.source, 'news/a%20b%231.txt');
  assert.deepEqual(item!.target.selector, [
    { type: 'TextQuoteSelector', exact: '3 percent', prefix: 'Prices rose by ', suffix: ' in May.' },
    { type: 'TextPositionSelector', start: 15, end: 24 },
  ]);
  assert.deepEqual(item!.attributes, { unit: 'percent', value: 3 });
});

test('IRIs: a path is percent-encoded with # and ? escaped; an annotation is named by its document and id', () => {
  assert.equal(sourceIri('a/é?.txt'), 'a/%C3%A9%3F.txt');
  assert.equal(annotationIri('a.txt', 'x/1'), 'urn:marginalia:a.txt:x%2F1');
});

/** `xsd:dateTime` in UTC with `Z`, as the Web Annotation model asks `created` to be. */
const XSD_DATETIME_UTC = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;

test('every created is an xsd:dateTime in UTC, whatever ISO 8601 form the sidecar holds', () => {
  let dates = 0;
  for (const set of ['docs', 'breaks']) {
    for (const item of collectionOf(fixtureDocuments(set)).collection.first.items) {
      if (item.created === undefined) continue;
      assert.match(item.created, XSD_DATETIME_UTC, item.id);
      dates++;
    }
  }
  assert.ok(dates > 0);
  const created = collectionOf(fixtureDocuments('breaks')).collection.first.items.map((i) => i.created);
  assert.ok(created.includes('2026-11-20T00:00:00Z'), 'a date alone is midnight UTC');
  assert.ok(created.includes('2026-11-20T09:00:00Z'), '10:00+01:00 is 09:00 UTC');
});

test('a created that is not an ISO 8601 date is left out of its annotation, with a warning', () => {
  const { collection, warnings } = collectionOf([{ ...document, annotations: [{ ...document.annotations[0]!, created: 'last Tuesday' }] }]);
  assert.equal(collection.first.items[0]!.created, undefined);
  assert.deepEqual(warnings, ['news/a b#1.txt: annotation f1 (figure): created "last Tuesday" is not an ISO 8601 date; left out of its Web Annotation']);
});

const related: ExportDocument[] = [
  {
    source: '2021/a.txt',
    text: 'Smith said it.',
    annotations: [
      { id: 's', label: 'speaker', start: 0, end: 5, text: 'Smith' },
      {
        id: 'q',
        label: 'quote',
        start: 11,
        end: 13,
        text: 'it',
        relations: [
          { type: 'said-by', to: 's' },
          { type: 'same-as', to: 'c', document: '../2022/b.txt' },
          { type: 'same-as', to: 'gone', document: '../2022/b.txt' },
        ],
      },
    ],
  },
  { source: '2022/b.txt', text: 'It.', annotations: [{ id: 'c', label: 'claim', start: 0, end: 2, text: 'It' }] },
];

test('a relation is a linking annotation: its target the source annotation, its body the type and the linked annotation, across documents too', () => {
  const output = w3cExporter.write(related, { labels: [] });
  const items = (JSON.parse(output.content!) as { first: { items: Record<string, unknown>[] } }).first.items;
  const links = items.filter((i) => i['motivation'] === 'linking');
  assert.deepEqual(links, [
    {
      id: `${annotationIri('2021/a.txt', 'q')}:relation:1`,
      type: 'Annotation',
      motivation: 'linking',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'said-by' },
        { type: 'SpecificResource', purpose: 'linking', source: annotationIri('2021/a.txt', 's') },
      ],
      target: annotationIri('2021/a.txt', 'q'),
    },
    {
      id: `${annotationIri('2021/a.txt', 'q')}:relation:2`,
      type: 'Annotation',
      motivation: 'linking',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'same-as' },
        { type: 'SpecificResource', purpose: 'linking', source: annotationIri('2022/b.txt', 'c') },
      ],
      target: annotationIri('2021/a.txt', 'q'),
    },
  ]);
  assert.deepEqual(output.warnings, ['2021/a.txt: relation same-as from q to ../2022/b.txt#gone: its target is not in the export; left out']);
});
