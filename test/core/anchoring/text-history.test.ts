import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../../src/core/model';
import { TextHistory } from '../../../src/core/anchoring/text-history';

function annotation(id: string, start: number, end: number, text: string): Annotation {
  return { id, label: 'claim', start, end, text };
}

test('a text seen before brings back the places the annotations had in it', () => {
  const history = new TextHistory();
  const a = annotation('a', 4, 9, 'quick');
  history.record('the quick fox', [a]);
  // The span's text was deleted: live tracking collapsed it.
  Object.assign(a, { start: 4, end: 4, text: '' });
  history.record('the  fox', [a]);
  assert.deepEqual(history.restore('the quick fox', [a]), [a]);
  assert.deepEqual([a.start, a.end, a.text], [4, 9, 'quick']);
});

test('an annotation made since a text was recorded keeps its place when that text comes back', () => {
  const history = new TextHistory();
  history.record('one two', [annotation('a', 0, 3, 'one')]);
  const b = annotation('b', 4, 7, 'two');
  assert.deepEqual(history.restore('one two', [b]), []);
  assert.deepEqual([b.start, b.end], [4, 7]);
});

test('recording the same text again takes in annotations tagged, changed and removed since', () => {
  const history = new TextHistory();
  const text = 'alpha beta gamma';
  const a = annotation('a', 0, 5, 'alpha');
  const b = annotation('b', 6, 10, 'beta');
  history.record(text, [a, b]);
  // In the same text: b is removed, a is moved by hand, c is tagged.
  Object.assign(a, { start: 11, end: 16, text: 'gamma' });
  const c = annotation('c', 6, 10, 'beta');
  history.record(text, [a, c]);
  // The text changes, the spans move with it, then an undo brings the text back.
  Object.assign(a, { start: 0, end: 0, text: '' });
  Object.assign(c, { start: 0, end: 0, text: '' });
  const reused = annotation('b', 0, 0, '');
  history.record('x', [a, c, reused]);
  const restored = history.restore(text, [a, c, reused]);
  assert.deepEqual(restored, [a, c]);
  assert.deepEqual([a.start, a.end, a.text], [11, 16, 'gamma']);
  assert.deepEqual([c.start, c.end, c.text], [6, 10, 'beta']);
  // b's old place was forgotten with it, so a new annotation that has its id is not moved there.
  assert.deepEqual([reused.start, reused.end], [0, 0]);
});

test('an equal text in a new string is recognised as the same text', () => {
  const history = new TextHistory();
  const a = annotation('a', 0, 3, 'abc');
  history.record('abc def', [a]);
  Object.assign(a, { start: 4, end: 7, text: 'def' });
  history.record('abc ' + 'def'.slice(0), [a]);
  Object.assign(a, { start: 0, end: 0, text: '' });
  history.record('', [a]);
  history.restore(['abc', 'def'].join(' '), [a]);
  assert.deepEqual([a.start, a.end], [4, 7]);
});

test('a document with many annotations remembers fewer texts: about a million places in all', () => {
  const history = new TextHistory();
  const annotations = Array.from({ length: 10_000 }, (_, i) => annotation(`a${i}`, i, i + 1, 'x'));
  const texts = Array.from({ length: 150 }, (_, k) => `text ${k}`);
  for (const text of texts) history.record(text, annotations);
  for (const a of annotations) Object.assign(a, { start: 0, end: 0, text: '' });
  assert.deepEqual(history.restore(texts[0]!, annotations), [], 'the oldest texts are forgotten');
  assert.equal(history.restore(texts[149]!, annotations).length, 10_000, 'the newest is kept');
  assert.equal(history.restore(texts[60]!, annotations).length, 0, 'the places are those of the newest already');
  for (const a of annotations) Object.assign(a, { start: 0, end: 0, text: '' });
  assert.equal(history.restore(texts[60]!, annotations).length, 10_000, 'the last hundred texts are kept');
  assert.deepEqual(history.restore(texts[40]!, annotations), []);
});
