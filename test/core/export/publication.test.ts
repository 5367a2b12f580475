/**
 * Exports carry where each document was published (its sidecar's `source:` header) wherever the
 * format has a place for it, and say so where it has none (brat). A document without a header gets
 * no such field, or an empty CSV cell: nothing is invented.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { exporterFor, prepareDocument, type ExportDocument } from '../../../src/core/export';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import type { Annotation, DocumentSource } from '../../../src/core/model';
import { usableDocumentSource } from '../../../src/core/sidecar/validate';
import { parseCsv } from '../../cli/export-harness';

const PUBLISHED: DocumentSource = { published: '2021-12-17', url: 'https://example.org/a?x=1&y=2', outlet: 'Agence, "France" Presse' };
const TEXT = 'Troops massed near the border.';
const CLAIM: Annotation = { id: 'c1', label: 'claim', start: 0, end: 13, text: 'Troops massed' };

function documents(): ExportDocument[] {
  return [
    prepareDocument('a.txt', TEXT, [CLAIM], undefined, PUBLISHED).document,
    prepareDocument('b.txt', TEXT, [CLAIM]).document,
  ];
}

function write(format: string): ReturnType<NonNullable<ReturnType<typeof exporterFor>>['write']> {
  return exporterFor(format)!.write(documents(), DEFAULT_LABEL_CONFIG);
}

const WRITTEN = { outlet: PUBLISHED.outlet, url: PUBLISHED.url, published: PUBLISHED.published };

test('doccano and Prodigy: meta holds outlet, url and published in that order beside source; nothing for a document without a header', () => {
  for (const format of ['doccano', 'prodigy']) {
    const [a, b] = write(format)
      .content!.trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { meta: Record<string, string> });
    assert.deepEqual(a!.meta, { source: 'a.txt', ...WRITTEN }, format);
    assert.deepEqual(Object.keys(a!.meta), ['source', 'outlet', 'url', 'published'], `${format}: a fixed order, whatever the sidecar's`);
    assert.deepEqual(b!.meta, { source: 'b.txt' }, format);
  }
});

test('Label Studio: the task data holds them beside the text, as Data Manager columns', () => {
  const [a, b] = JSON.parse(write('labelstudio').content!) as { data: Record<string, string>; meta: Record<string, string> }[];
  assert.deepEqual(a!.data, { text: TEXT, ...WRITTEN });
  assert.deepEqual(b!.data, { text: TEXT });
  assert.deepEqual([a!.meta, b!.meta], [{ source: 'a.txt' }, { source: 'b.txt' }]);
});

test('CSV: outlet, url and published columns after note, empty for a document without a header', () => {
  const [header, a, b] = parseCsv(write('csv').content!);
  assert.deepEqual(header, ['document', 'id', 'label', 'start', 'end', 'text', 'entity', 'note', 'outlet', 'url', 'published']);
  assert.deepEqual(a!.slice(8), [PUBLISHED.outlet, PUBLISHED.url, PUBLISHED.published]);
  assert.deepEqual(b!.slice(8), ['', '', '']);
});

test('CSV: an attribute named like a publication column is headed attribute:<name>, not mixed with it', () => {
  const withAttribute = prepareDocument('a.txt', TEXT, [{ ...CLAIM, attributes: { url: 'https://other.example' } }], undefined, PUBLISHED).document;
  const [header, row] = parseCsv(exporterFor('csv')!.write([withAttribute], DEFAULT_LABEL_CONFIG).content!);
  assert.equal(row![header!.indexOf('url')], PUBLISHED.url);
  assert.equal(row![header!.indexOf('attribute:url')], 'https://other.example');
});

test('W3C: the target\'s scope is the page the document was published at; its documents entry holds the header', () => {
  const collection = JSON.parse(write('w3c').content!) as {
    documents: Record<string, string>[];
    first: { items: { target: { source: string; scope?: string } }[] };
  };
  const [a, b] = collection.first.items;
  assert.deepEqual([a!.target.source, a!.target.scope], ['a.txt', PUBLISHED.url]);
  assert.equal('scope' in b!.target, false, 'no url, no scope');
  assert.deepEqual(
    collection.documents.map(({ value: _value, ...rest }) => rest),
    [
      { id: 'a.txt', type: 'Text', format: 'text/plain', ...WRITTEN },
      { id: 'b.txt', type: 'Text', format: 'text/plain' },
    ],
  );
});

test('W3C: a header without a url gives no scope but keeps its outlet and date', () => {
  const document = prepareDocument('a.txt', TEXT, [CLAIM], undefined, { outlet: 'AP' }).document;
  const collection = JSON.parse(exporterFor('w3c')!.write([document], DEFAULT_LABEL_CONFIG).content!) as { documents: Record<string, string>[]; first: { items: { target: object }[] } };
  assert.equal('scope' in collection.first.items[0]!.target, false);
  assert.equal(collection.documents[0]!['outlet'], 'AP');
});

test('brat has no place for it: each document with a header is named in a warning, and nothing of it is written', () => {
  const output = write('brat');
  assert.deepEqual(output.warnings, ["a.txt: where it was published (the sidecar's source: header) has no place in brat; left out"]);
  for (const file of output.files) assert.doesNotMatch(file.content, /example\.org|France/, file.path);
});

test('a header is used only when the whole of it is understood', () => {
  assert.deepEqual(usableDocumentSource({ outlet: 'AP', published: '2021-12-17' }), { outlet: 'AP', published: '2021-12-17' });
  assert.equal(usableDocumentSource(undefined), undefined);
  assert.equal(usableDocumentSource({}), undefined, 'an empty header says nothing');
  assert.equal(usableDocumentSource({ outlet: 'AP', url: 'ftp://example.org' }), undefined, 'a url that is not http(s)');
  assert.equal(usableDocumentSource({ outlet: 'AP', published: 'last Friday' }), undefined, 'a date that is not ISO 8601');
  assert.equal(usableDocumentSource({ outlet: 'AP', editor: 'Jo' }), undefined, 'an unknown key');
  assert.equal(usableDocumentSource('AP'), undefined, 'not a map');
});
