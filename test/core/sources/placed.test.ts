import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { comparePlaced } from '../../../src/core/sources/placed';

test('reports are ordered by document, then line (no line last), then id', () => {
  const entries = [
    { file: 'b.txt', line: 1, id: 'a' },
    { file: 'a.txt', line: null, id: 'a' },
    { file: 'a.txt', line: 10, id: 'a' },
    { file: 'a.txt', line: 2, id: 'b' },
    { file: 'a.txt', line: 2, id: 'a' },
  ];
  assert.deepEqual(
    [...entries].sort(comparePlaced).map((e) => `${e.file}:${e.line}:${e.id}`),
    ['a.txt:2:a', 'a.txt:2:b', 'a.txt:10:a', 'a.txt:null:a', 'b.txt:1:a'],
  );
});
