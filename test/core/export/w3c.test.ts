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
