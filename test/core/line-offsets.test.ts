// Positions as editors give them (line, UTF-16 character) to code-point offsets over the normalised
// text: CRLF read as LF, astral characters one code point, a character past its line's end clamped.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lineStarts, offsetAt } from '../../src/core/line-offsets';
import { OffsetIndex, normalizeText } from '../../src/core/text';

const index = (raw: string) => new OffsetIndex(normalizeText(raw));

test('each line starts one code point after the previous line break; an astral character counts once', () => {
  assert.deepEqual(lineStarts(index('ab\n😀c\n\nd')), [0, 3, 6, 7]);
  assert.deepEqual(lineStarts(index('')), [0]);
  assert.deepEqual(lineStarts(index('x\n')), [0, 2]);
});

test('CRLF is one line break, as in the editor', () => {
  const crlf = index('ab\r\n😀c\r\nd');
  assert.deepEqual(lineStarts(crlf), [0, 3, 6]);
  assert.equal(offsetAt(crlf, { line: 2, character: 0 }), 6);
});

test('the character is counted in UTF-16 units within its line', () => {
  const text = index('ab\n😀c\nd');
  assert.equal(offsetAt(text, { line: 0, character: 0 }), 0);
  assert.equal(offsetAt(text, { line: 0, character: 2 }), 2);
  // 😀 is two UTF-16 units and one code point.
  assert.equal(offsetAt(text, { line: 1, character: 2 }), 4);
  assert.equal(offsetAt(text, { line: 1, character: 3 }), 5);
  assert.equal(offsetAt(text, { line: 2, character: 1 }), 7);
});

test('a character past the end of its line clamps to the line end, not into the next line', () => {
  const text = index('ab\ncd');
  assert.equal(offsetAt(text, { line: 0, character: 10 }), 2);
  assert.equal(offsetAt(text, { line: 1, character: 10 }), 5);
});

test('a line past the end gives the end of the text', () => {
  assert.equal(offsetAt(index('ab\ncd'), { line: 9, character: 0 }), 5);
  assert.equal(offsetAt(index(''), { line: 0, character: 3 }), 0);
});
