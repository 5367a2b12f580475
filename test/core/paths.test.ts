// Sidecar and document paths: a sidecar is its document's path with `.annotations.yaml` appended;
// the one rule for a sidecar's `document:` key, for the CLI and the editor: a file in the sidecar's own
// folder or below it; anything that could reach elsewhere names nothing.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { documentPathFor, documentPathFromKey, isSidecarPath, sidecarPathFor } from '../../src/core/paths';

const SIDECAR = '/w/news/article.txt.annotations.yaml';

test('a plain file name, or a path below the sidecar folder, names that file', () => {
  assert.equal(documentPathFromKey(SIDECAR, 'article.txt'), '/w/news/article.txt');
  assert.equal(documentPathFromKey(SIDECAR, './texts//article.txt'), '/w/news/texts/article.txt');
});

test('a key that is absolute, has a drive letter, a backslash or a .. segment names nothing', () => {
  for (const key of ['', '.', '/etc/passwd', 'C:/x.txt', 'c:x.txt', 'texts\\article.txt', '../secret.txt', 'texts/../article.txt']) {
    assert.equal(documentPathFromKey(SIDECAR, key), undefined, key);
  }
});

test('a sidecar at a Windows drive root resolves beside itself', () => {
  assert.equal(documentPathFromKey('C:/a.txt.annotations.yaml', 'a.txt'), 'C:/a.txt');
});

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
