// The context kept beside an annotation: up to CONTEXT_LENGTH code points either side, less at the edges.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CONTEXT_LENGTH, contextAround } from '../../../src/core/anchoring/context';
import { OffsetIndex } from '../../../src/core/text';

test('the prefix ends at the start and the suffix begins at the end, each CONTEXT_LENGTH code points', () => {
  const text = 'a'.repeat(50) + 'SPAN' + 'b'.repeat(50);
  assert.deepEqual(contextAround(new OffsetIndex(text), 50, 54), { prefix: 'a'.repeat(CONTEXT_LENGTH), suffix: 'b'.repeat(CONTEXT_LENGTH) });
});

test('at the document edges the context is shorter', () => {
  assert.deepEqual(contextAround(new OffsetIndex('xyzSPANuv'), 3, 7), { prefix: 'xyz', suffix: 'uv' });
  assert.deepEqual(contextAround(new OffsetIndex('SPAN'), 0, 4), { prefix: '', suffix: '' });
  assert.deepEqual(contextAround(new OffsetIndex(''), 0, 0), { prefix: '', suffix: '' });
});

test('lengths are counted in code points: an emoji is one, never split', () => {
  const text = '😀'.repeat(40) + 'X' + '👍'.repeat(40);
  const { prefix, suffix } = contextAround(new OffsetIndex(text), 40, 41);
  assert.equal(prefix, '😀'.repeat(CONTEXT_LENGTH));
  assert.equal(suffix, '👍'.repeat(CONTEXT_LENGTH));
});
