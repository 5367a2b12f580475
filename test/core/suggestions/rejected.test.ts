import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { REJECTED_CONTEXT, rejectionMatcher, rejectionOf } from '../../../src/core/suggestions/rejected';

test(`a rejection keeps the label, the text and the last ${REJECTED_CONTEXT} code points before it, white space folded`, () => {
  assert.deepEqual(rejectionOf('figure', '100', 'The army has\n\n   about '), { label: 'figure', text: '100', before: ' army has about ' });
  assert.deepEqual(rejectionOf('figure', '100', '🚀'.repeat(20)), { label: 'figure', text: '100', before: '🚀'.repeat(REJECTED_CONTEXT) });
});

test('at the start of the document there is no text before: the rejection has no before', () => {
  assert.deepEqual(rejectionOf('quote', 'Hello', ''), { label: 'quote', text: 'Hello' });
});

test('a rejection matches the same label and text wherever it moved, as long as the text before it ends the same', () => {
  const rejected = rejectionMatcher([rejectionOf('figure', '100', 'readied about ')]);
  assert.equal(rejected('figure', '100', 'A new paragraph.\n\nMoscow readied about '), true);
  assert.equal(rejected('figure', '100', 'Moscow readied   about '), true, 'spaces folded on both sides');
  assert.equal(rejected('figure', '100', 'Moscow lost about '), false, 'another place of the same text');
  assert.equal(rejected('quote', '100', 'readied about '), false, 'another label');
  assert.equal(rejected('figure', '1000', 'readied about '), false, 'another text');
});

test('a rejection without before matches every place of its text', () => {
  const rejected = rejectionMatcher([{ label: 'quote', text: 'no' }]);
  assert.equal(rejected('quote', 'no', 'anything at all '), true);
});
