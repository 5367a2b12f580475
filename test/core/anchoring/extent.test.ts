// matchedExtent: how much of the text, from `at`, the stored quote covers before the alignment turns
// to noise (matches +1, errors −1, the best-scoring stretch), unless cutting there gains less than `margin`.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { matchedExtent } from '../../../src/core/anchoring/extent';

const QUOTE = 'hello world';

test('a quote followed by unrelated text stops where the quote ends', () => {
  const text = QUOTE + 'zzzzzzzzzz';
  // Ten errors past the quote: 11 − 1 = 10 points gained by cutting, above the margin.
  assert.equal(matchedExtent(QUOTE, text, 0, text.length, false, 3), QUOTE.length);
});

test('a gain below the margin keeps all of the limit', () => {
  const text = QUOTE + 'zzzzzzzzzz';
  assert.equal(matchedExtent(QUOTE, text, 0, text.length, false, 11), text.length);
  // The last word replaced costs a point or two: not worth a cut at margin 3.
  assert.equal(matchedExtent('the cat sat', 'the cat ran', 0, 11, false, 3), 11);
});

test('read backwards, from the end of the quote towards the start of the text', () => {
  const text = 'zzzzzzzzzz' + QUOTE;
  assert.equal(matchedExtent(QUOTE, text, text.length, text.length, true, 3), QUOTE.length);
});

test('the text exactly the quote: all of it', () => {
  assert.equal(matchedExtent(QUOTE, QUOTE, 0, QUOTE.length, false, 1), QUOTE.length);
});

test('lengths are UTF-16 code units: an emoji counts two', () => {
  const quote = 'a😀b';
  const text = quote + 'zzzzzzzz';
  assert.equal(matchedExtent(quote, text, 0, text.length, false, 3), 4);
});

test('calls do not disturb each other (a longer quote, then a shorter one)', () => {
  const long = 'x'.repeat(600);
  assert.equal(matchedExtent(long, long + 'y'.repeat(50), 0, 650, false, 3), 600);
  assert.equal(matchedExtent(QUOTE, QUOTE + 'zzzzzzzzzz', 0, 21, false, 3), QUOTE.length);
});
