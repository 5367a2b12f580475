import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { bratFragments, decodeBratToken, encodeBratToken, escapeBratNote, unescapeBratNote } from '../../../src/core/export/brat-codec';

test('a span across lines becomes one fragment per line, code-point offsets, empty pieces dropped', () => {
  assert.deepEqual(bratFragments('ab\ncd', 10), [
    { start: 10, end: 12 },
    { start: 13, end: 15 },
  ]);
  assert.deepEqual(bratFragments('😀x\n\ny', 0), [
    { start: 0, end: 2 },
    { start: 4, end: 5 },
  ]);
  assert.deepEqual(bratFragments('\n', 3), [], 'line breaks alone leave nothing brat can hold');
});

test('attribute tokens hold no whitespace or brat separators, and decode back to the value', () => {
  assert.equal(encodeBratToken('the minister'), 'the%20minister');
  assert.equal(encodeBratToken('a|b,c:d'), 'a%7Cb%2Cc%3Ad');
  assert.equal(encodeBratToken(3.5), '3.5');
  assert.equal(encodeBratToken(''), '""');
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (value) => {
      const token = encodeBratToken(value);
      assert.doesNotMatch(token, /[\s|,]/);
      assert.equal(decodeBratToken(token), value);
    }),
  );
});

test('notes stay on one line and come back unchanged', () => {
  assert.equal(escapeBratNote('a\\b\tc\nd'), 'a\\\\b\\tc\\nd');
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (note) => {
      const field = escapeBratNote(note);
      assert.doesNotMatch(field, /[\n\t]/);
      assert.equal(unescapeBratNote(field), note);
    }),
  );
});
