// A document or folder renamed or moved: relations pointing into it, and those it lists, keep
// naming the same targets; ids never change.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation, Relation } from '../../../src/core/model';
import { movedPath, relationsAfterMove } from '../../../src/core/relations/move';

const annotation = (id: string, relations: Relation[]): Annotation => ({ id, label: 'claim', start: 0, end: 1, text: 'x', relations });
const documents = (annotations: Annotation[] | undefined) => annotations?.map((a) => a.relations?.map((r) => r.document ?? '(same)'));

test('a moved path: the document itself, or anything under a moved folder; nothing else', () => {
  assert.equal(movedPath('news/a.txt', { from: 'news/a.txt', to: 'news/b.txt' }), 'news/b.txt');
  assert.equal(movedPath('news/2021/a.txt', { from: 'news', to: 'archive/news' }), 'archive/news/2021/a.txt');
  assert.equal(movedPath('newsletter/a.txt', { from: 'news', to: 'archive' }), 'newsletter/a.txt');
  assert.equal(movedPath('other.txt', { from: 'news/a.txt', to: 'b.txt' }), 'other.txt');
});

test("relations of another document that point at the renamed one follow it; those that do not are left", () => {
  const annotations = [
    annotation('c1', [{ type: 'same-as', to: 'c2', document: 'a.txt' }, { type: 'supports', to: 'f1' }]),
    annotation('c3', [{ type: 'same-as', to: 'c4', document: 'other.txt' }]),
  ];
  const after = relationsAfterMove('b.txt', annotations, { from: 'a.txt', to: 'sub/renamed.txt' });
  assert.deepEqual(documents(after), [['sub/renamed.txt', '(same)'], ['other.txt']]);
  assert.equal(after![1], annotations[1], 'an annotation with nothing to change is the same object');
  assert.equal(after![0]!.relations![0]!.to, 'c2', 'the id stays');
  assert.equal(relationsAfterMove('b.txt', annotations, { from: 'unrelated.txt', to: 'x.txt' }), undefined, 'nothing to change: undefined');
});

test("the moved document's own relations are rewritten when its folder changed, and stay when only its name did", () => {
  const annotations = [annotation('c1', [{ type: 'same-as', to: 'c2', document: '../2022/b.txt' }, { type: 'supports', to: 'f1' }])];
  assert.equal(relationsAfterMove('news/2021/a.txt', annotations, { from: 'news/2021/a.txt', to: 'news/2021/renamed.txt' }), undefined);
  assert.deepEqual(documents(relationsAfterMove('news/2021/a.txt', annotations, { from: 'news/2021/a.txt', to: 'a.txt' })), [['news/2022/b.txt', '(same)']]);
});

test('a folder moved with both ends in it changes nothing; with one end in it, the path from the other end changes', () => {
  const inside = [annotation('c1', [{ type: 'same-as', to: 'c2', document: '../2022/b.txt' }])];
  assert.equal(relationsAfterMove('news/2021/a.txt', inside, { from: 'news', to: 'archive/news' }), undefined);
  assert.deepEqual(documents(relationsAfterMove('news/2021/a.txt', inside, { from: 'news/2022', to: 'old/2022' })), [['../../old/2022/b.txt']]);
  const outside = [annotation('c9', [{ type: 'same-as', to: 'c1', document: 'news/2021/a.txt' }])];
  assert.deepEqual(documents(relationsAfterMove('index.txt', outside, { from: 'news', to: 'archive/news' })), [['archive/news/2021/a.txt']]);
});

test('a relation whose document: names no document is left for check to report', () => {
  const annotations = [annotation('c1', [{ type: 'same-as', to: 'c2', document: '../../outside.txt' }])];
  assert.equal(relationsAfterMove('a.txt', annotations, { from: 'a.txt', to: 'sub/a.txt' }), undefined);
});
