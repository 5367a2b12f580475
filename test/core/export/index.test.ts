import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EXPORTERS, exporterFor } from '../../../src/core/export/index';

test('every format is listed once, in the order of usage text and pickers', () => {
  assert.deepEqual(
    EXPORTERS.map((e) => e.format),
    ['doccano', 'prodigy', 'brat', 'w3c', 'csv', 'labelstudio', 'claimreview'],
  );
});

test('a format name finds its exporter; an unknown name finds none', () => {
  for (const exporter of EXPORTERS) assert.equal(exporterFor(exporter.format), exporter);
  assert.equal(exporterFor('conll'), undefined);
  assert.equal(exporterFor('Doccano'), undefined, 'names are exact');
});

test('a file format names its extension; a folder format has none', () => {
  for (const exporter of EXPORTERS) {
    if (exporter.shape === 'folder') assert.equal(exporter.extension, '', exporter.format);
    else assert.match(exporter.extension, /^\.[a-z]+$/, exporter.format);
  }
});
