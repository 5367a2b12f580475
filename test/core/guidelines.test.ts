import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { attributeGuideline, labelGuideline } from '../../src/core/guidelines';

test('a guideline is the description, then up to three examples, each cut at 80 characters', () => {
  assert.equal(labelGuideline({ id: 'figure', description: 'A number with its unit', examples: ['13,000 people'] }), 'A number with its unit — e.g. “13,000 people”');
  assert.equal(
    labelGuideline({ id: 'x', description: 'X', examples: ['a', 'b\nc', 'd', 'e'] }),
    'X — e.g. “a”, “b c”, “d”, …',
    'line breaks fold, the fourth example is left to the file',
  );
  assert.equal([...labelGuideline({ id: 'x', description: 'X', examples: ['w'.repeat(200)] })].length, 'X — e.g. “”'.length + 80);
});

test('a label without a description of its own shows only its examples; an attribute likewise', () => {
  assert.equal(labelGuideline({ id: 'person', description: 'person' }), '');
  assert.equal(labelGuideline({ id: 'person', description: 'person', examples: ['Jen Psaki'] }), 'e.g. “Jen Psaki”');
  assert.equal(attributeGuideline({ description: 'Who is quoted', examples: ['Jen Psaki'] }), 'Who is quoted — e.g. “Jen Psaki”');
  assert.equal(attributeGuideline({}), '');
});
