// A relation's `document:` is the target's path relative to the source document's folder, '/'-separated.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { relativeDocumentPath, resolveDocumentPath } from '../../../src/core/relations/paths';

test('a document: path is resolved against the folder of the source document', () => {
  assert.equal(resolveDocumentPath('a.txt', 'b.txt'), 'b.txt');
  assert.equal(resolveDocumentPath('news/2021/a.txt', 'b.txt'), 'news/2021/b.txt');
  assert.equal(resolveDocumentPath('news/2021/a.txt', '../2022/b.txt'), 'news/2022/b.txt');
  assert.equal(resolveDocumentPath('news/a.txt', './sub//b.txt'), 'news/sub/b.txt');
});

test('a document: path that names no document under the root resolves to nothing', () => {
  for (const bad of ['/etc/passwd', 'C:/x.txt', 'sub\\b.txt', '../b.txt', '..', '.'])
    assert.equal(resolveDocumentPath('a.txt', bad), undefined, bad);
  assert.equal(resolveDocumentPath('news/a.txt', '../../b.txt'), undefined);
});

test('the document: written for a target is the shortest relative path, none for the same document', () => {
  assert.equal(relativeDocumentPath('a.txt', 'a.txt'), undefined);
  assert.equal(relativeDocumentPath('a.txt', 'b.txt'), 'b.txt');
  assert.equal(relativeDocumentPath('news/2021/a.txt', 'news/2022/b.txt'), '../2022/b.txt');
  assert.equal(relativeDocumentPath('a.txt', 'news/b.txt'), 'news/b.txt');
  assert.equal(relativeDocumentPath('news/a.txt', 'b.txt'), '../b.txt');
  for (const [from, to] of [
    ['news/2021/a.txt', 'news/2022/b.txt'],
    ['a.txt', 'x/y/z.txt'],
    ['x/y/z.txt', 'a.txt'],
  ] as const)
    assert.equal(resolveDocumentPath(from, relativeDocumentPath(from, to)!), to, `${from} → ${to}`);
});
