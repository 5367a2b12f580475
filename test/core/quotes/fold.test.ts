// Two prints of one quotation fold to the same lower-case words: editors' insertions, cuts,
// punctuation, apostrophes, quote and dash styles and case do not count.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { foldQuote } from '../../../src/core/quotes/fold';

test('case, punctuation and spacing fold away into single spaces', () => {
  assert.equal(foldQuote('  We will NOT  retreat, ever!  '), 'we will not retreat ever');
});

test('straight and curly apostrophes vanish: "don\'t" and "don’t" are "dont"', () => {
  assert.equal(foldQuote("don't"), 'dont');
  assert.equal(foldQuote('don’t'), 'dont');
});

test('bracketed insertions inside a quote and ellipses are dropped', () => {
  assert.equal(foldQuote('he said [the Kremlin] is trying … to win'), 'he said is trying to win');
  assert.equal(foldQuote('is trying... to win'), 'is trying to win');
});

test('a bracketed insertion or cut at the very start or end of a quote is dropped too', () => {
  assert.equal(foldQuote('[the Kremlin] is trying'), 'is trying');
  assert.equal(foldQuote('“[The Kremlin] is trying [...]”'), 'is trying');
  assert.equal(foldQuote('is trying to win [...]'), foldQuote('is trying to win'));
});

test('two prints with different quote and dash styles fold the same', () => {
  assert.equal(foldQuote('“It is over” — he said'), foldQuote('"It is over" -- he said'));
});

test('letters and digits of any script are kept', () => {
  assert.equal(foldQuote('Число 42, ça va'), 'число 42 ça va');
});

test('nothing but punctuation folds to nothing', () => {
  assert.equal(foldQuote(''), '');
  assert.equal(foldQuote('… — !'), '');
});
