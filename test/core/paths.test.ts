/** Sidecar and document paths: a sidecar is its document's path with `.annotations.yaml` appended. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentPathFor, isSidecarPath, sidecarPathFor } from '../../src/core/paths';

test('a sidecar is named after its whole document name, extension included', () => {
  assert.equal(sidecarPathFor('docs/article.txt'), 'docs/article.txt.annotations.yaml');
  assert.equal(sidecarPathFor('notes.md'), 'notes.md.annotations.yaml');
  assert.equal(documentPathFor('docs/article.txt.annotations.yaml'), 'docs/article.txt');
});

test('the two are inverse, for names with dots, spaces and no extension', () => {
  for (const document of ['a', 'a.b.c', 'with space/x.txt', '.hidden', 'README']) {
    assert.equal(documentPathFor(sidecarPathFor(document)), document);
    assert.ok(isSidecarPath(sidecarPathFor(document)));
    assert.ok(!isSidecarPath(document));
  }
});

test('only the exact suffix makes a sidecar', () => {
  assert.ok(!isSidecarPath('article.annotations.yml'));
  assert.ok(!isSidecarPath('article.txt.annotations.yaml.bak'));
  assert.ok(isSidecarPath('.annotations.yaml'), 'the sidecar of a document with an empty name');
});
