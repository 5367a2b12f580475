// findQuote: a quote found near where it is expected, exactly or approximately, its stored context
// choosing between repeats; `found` only when `accept` takes the best candidate.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findQuote } from '../../../src/core/anchoring/match-quote';

const acceptAll = () => true;
const acceptNone = () => false;

test('an exact occurrence at the expected place is found there, with full scores', () => {
  const text = 'The harbour is quiet tonight. Rain is falling.';
  const start = text.indexOf('Rain');
  const { found } = findQuote(text, { text: 'Rain is falling' }, start, acceptAll);
  assert.deepEqual([found?.start, found?.end, found?.quote], [start, start + 'Rain is falling'.length, 1]);
});

test('a quote that moved is found at its new place', () => {
  const text = 'A new first sentence was added here. The harbour is quiet tonight.';
  const { found } = findQuote(text, { text: 'harbour is quiet' }, 4, acceptAll);
  assert.equal(found?.start, text.indexOf('harbour'));
});

test('between two exact copies, the stored context chooses', () => {
  const text = 'Alice said yes. Then Bob said yes. ';
  const second = text.lastIndexOf('said yes');
  const { found } = findQuote(text, { text: 'said yes', prefix: 'Then Bob ', suffix: '. ' }, 0, acceptAll);
  assert.equal(found?.start, second);
});

test('an edited quote is found approximately, its similarity below 1', () => {
  const text = 'Prices will surely fall next year, the minister said.';
  const { found } = findQuote(text, { text: 'Prices will fall next year' }, 0, acceptAll);
  assert.equal(found?.start, 0);
  assert.ok(found!.quote < 1 && found!.quote > 0.5, `similarity ${found?.quote}`);
});

test('offsets are UTF-16 units: a quote after emoji', () => {
  const text = '😀😀 end';
  const { found } = findQuote(text, { text: 'end' }, 4, acceptAll);
  assert.deepEqual([found?.start, found?.end], [5, 8]);
});

test('an exact occurrence close to the expected place, its context intact, needs no acceptance', () => {
  const { found } = findQuote('The harbour is quiet tonight.', { text: 'harbour' }, 4, acceptNone);
  assert.equal(found?.start, 4);
});

test('elsewhere, nothing is found when accept refuses, but the best candidate is still told', () => {
  const text = 'The harbour is quiet tonight.' + ' and then'.repeat(30);
  const result = findQuote(text, { text: 'harbour' }, 200, acceptNone);
  assert.equal(result.found, undefined);
  assert.equal(result.best?.start, 4);
});

test('a quote with nothing like it in the text is not found', () => {
  const result = findQuote('aaaa bbbb cccc', { text: 'zzzzzzzzqqqq' }, 0, (m) => m.score >= 0.75);
  assert.equal(result.found, undefined);
});

test('a window offers only placements that start in it: a copy of a long quote ending just before it does not win over the original nearer the expected place', () => {
  const quote = "Washington helps train Ukrainian forces and has committed more than $2.5 billion to bolster a military that crumbled in the face of Russia's annexation of the Ukrainian peninsula of Crimea in 2014";
  const between = ' The talks in Geneva went on for hours without a result, and the delegations left without a date for the next round. ';
  const text = `${quote}.${between}${quote}.`;
  const original = text.lastIndexOf(quote);
  const hint = original - 150; // the copy at 0 is 164 away
  const { found } = findQuote(text, { text: quote }, hint, (m) => m.score >= 0.72 && m.quote >= 0.5);
  assert.equal(found?.start, original);
});

test('two placements as like the quote in as like a context, as far from the expected place to within a few units, are no answer', () => {
  // Scenario 311487 (held out): a paragraph copied below the next one, a sentence above it shortened:
  // the original stood 102 before the expected place and the copy 99 after it.
  const paragraph = 'The analyst Konstantin Kalachev called the demands unrealistic and impossible to meet, a sign of a long standoff.';
  const between = 'Western powers have also stood firm on backing Ukraine.';
  const text = `${'a'.repeat(20)} ${paragraph} ${between} ${paragraph} ${'b'.repeat(20)}`;
  const quote = 'unrealistic and impossible';
  const [first, second] = [text.indexOf(quote), text.lastIndexOf(quote)];
  const accept = (m: { score: number; quote: number }) => m.score >= 0.72 && m.quote >= 0.5;
  const selector = { text: quote, prefix: 'Konstantin Kalachev called the demands ', suffix: ' to meet, a sign' };
  assert.equal(findQuote(text, selector, Math.round((first + second) / 2), accept).found, undefined);
  assert.equal(findQuote(text, selector, Math.round((first + second) / 2) - 2, accept).found, undefined);
  // Nearer by more than that: the nearer is taken.
  assert.equal(findQuote(text, selector, Math.round((first + second) / 2) - 20, accept).found?.start, first);
});
