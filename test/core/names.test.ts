// Annotation ids and label names reach trusted Markdown and command arguments: they are kept to
// characters with no meaning there.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { isAnnotationId, isLabelName } from '../../src/core/names';

test('an id is 1 to 64 ASCII letters, digits, "_" or "-"', () => {
  for (const id of ['a1b2c3d4', 'X', 'my_id-2', '0'.repeat(64)]) assert.equal(isAnnotationId(id), true, id);
  for (const id of ['', '0'.repeat(65), 'a b', 'a.b', 'a]b', 'é1', '😀', 'a\nb', 'id\n', '../x']) assert.equal(isAnnotationId(id), false, JSON.stringify(id));
});

test('a label starts with a letter or digit of any script, then also "_", "." or "-"', () => {
  for (const label of ['claim', 'Quote', 'figure.v2', 'a_b-c', 'citação', '引用', '2nd']) assert.equal(isLabelName(label), true, label);
  for (const label of ['', '_x', '-x', '.x', 'a b', '<b>', 'a*b', '[x](y)', 'x\n', '😀']) assert.equal(isLabelName(label), false, JSON.stringify(label));
});
