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

/** Every line break of Python's `str.splitlines`, which brat reads `.ann` files with. */
const PYTHON_LINE_BREAKS = ['\n', '\r', '\v', '\f', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029'];
/** Characters Python's `\\s` and `str.isspace` take for white space that JavaScript's `\\s` does not. */
const PYTHON_ONLY_SPACES = ['\u001C', '\u001D', '\u001E', '\u001F', '\u0085'];

test('every line break Python splits lines at is a fragment break, since the .ann line must stay whole', () => {
  for (const lineBreak of PYTHON_LINE_BREAKS) {
    assert.deepEqual(bratFragments(`ab${lineBreak}cd`, 10), [
      { start: 10, end: 12 },
      { start: 13, end: 15 },
    ], JSON.stringify(lineBreak));
  }
  assert.deepEqual(bratFragments('\u2028\u0085', 0), []);
});

test('attribute tokens hold no whitespace or brat separators, and decode back to the value', () => {
  assert.equal(encodeBratToken('the minister'), 'the%20minister');
  assert.equal(encodeBratToken('a|b,c:d'), 'a%7Cb%2Cc%3Ad');
  assert.equal(encodeBratToken(3.5), '3.5');
  assert.equal(encodeBratToken(''), '""');
  assert.equal(encodeBratToken('a\u0085b\u001Cc\u001Fd'), 'a%C2%85b%1Cc%1Fd', 'Python reads these as white space');
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (value) => {
      const token = encodeBratToken(value);
      assert.doesNotMatch(token, /[\s|,]/);
      for (const space of PYTHON_ONLY_SPACES) assert.ok(!token.includes(space), 'no white space as Python reads it');
      assert.equal(decodeBratToken(token), value);
    }),
  );
});

test('notes stay on one line and come back unchanged', () => {
  assert.equal(escapeBratNote('a\\b\tc\nd'), 'a\\\\b\\tc\\nd');
  assert.equal(escapeBratNote('a\r\u2028b\u000B'), 'a\\r\\u2028b\\u000B');
  assert.equal(unescapeBratNote('a\\\\u2028'), 'a\\u2028', 'an escaped backslash before u is a backslash');
  fc.assert(
    fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...PYTHON_LINE_BREAKS, '\\', 'u', '\t'), fc.string({ unit: 'grapheme', maxLength: 1 })) }), (note) => {
      const field = escapeBratNote(note);
      assert.doesNotMatch(field, /\t/);
      for (const lineBreak of PYTHON_LINE_BREAKS) assert.ok(!field.includes(lineBreak), 'one line as Python splits lines');
      assert.equal(unescapeBratNote(field), note);
    }),
  );
});
