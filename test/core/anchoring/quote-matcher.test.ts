// QuoteMatcher: the candidates for one quote in one text and their scores. Which candidate wins, and
// when the search stops, is findQuote's (match-quote.test.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { contextOf, POSITION_SCALE, QuoteMatcher, WEIGHTS, type QuoteMatch } from '../../../src/core/anchoring/quote-matcher';

const acceptAll = (): boolean => true;
const acceptNone = (): boolean => false;
const place = (m: QuoteMatch | undefined): [number, number] | undefined => (m ? [m.start, m.end] : undefined);

test('an exact quote at the expected place with its context intact is taken at once, every part agreeing fully', () => {
  const text = 'The harbour is quiet tonight. Rain is falling.';
  const at = text.indexOf('Rain');
  const m = new QuoteMatcher(text, { text: 'Rain is falling', prefix: 'tonight. ', suffix: '.' }, at).immediate(acceptNone);
  assert.deepEqual(m, { start: at, end: at + 15, score: 1, quote: 1, prefix: 1, suffix: 1, position: 1, distance: 0 });
});

test('an exact quote with its context, moved a little, is taken at once; its position part falls with the distance', () => {
  const text = 'Twelve new chars. The harbour is quiet tonight.';
  const at = text.indexOf('harbour');
  const m = new QuoteMatcher(text, { text: 'harbour', prefix: 'The ', suffix: ' is' }, at - 18).immediate(acceptNone);
  assert.deepEqual(place(m), [at, at + 7]);
  assert.equal(m!.position, 1 / (1 + 18 / POSITION_SCALE));
});

test('an empty stored prefix says the quote began the document: the copy there is taken, not the one at the expected place', () => {
  const text = 'Rain fell. Rain fell.';
  const m = new QuoteMatcher(text, { text: 'Rain fell', prefix: '' }, 11).immediate(acceptNone);
  assert.deepEqual(place(m), [0, 9]);
  assert.equal(m!.prefix, 1);
  const elsewhere = new QuoteMatcher('A. Rain fell. Rain fell.', { text: 'Rain fell', prefix: '' }, 14).immediate(acceptAll);
  assert.ok(elsewhere);
  assert.equal(elsewhere.prefix, undefined, 'away from the start, the empty prefix is not counted');
});

test('a word replaced inside the quote: the text between the stored prefix and suffix, found exactly nearby', () => {
  const text = 'The minister said prices will surely fall next year, and left.';
  const quote = 'prices will certainly fall next year';
  const m = new QuoteMatcher(text, { text: quote, prefix: 'minister said ', suffix: ', and left' }, text.indexOf('prices')).immediate(acceptAll);
  assert.equal(text.slice(m!.start, m!.end), 'prices will surely fall next year');
  assert.ok(m!.quote < 1 && m!.quote > 0.7, `similarity ${m!.quote}`);
  assert.deepEqual([m!.prefix, m!.suffix], [1, 1]);
});

test('nothing is taken at once far from the expected place', () => {
  const text = 'x'.repeat(1000) + ' The harbour is quiet.';
  assert.equal(new QuoteMatcher(text, { text: 'harbour', prefix: 'The ', suffix: ' is' }, 0).immediate(acceptAll), undefined);
});

test('candidates in a window: the exact occurrences and the approximate matches, split back into their parts', () => {
  const text = 'Rain is falling. Snow is falling. Rain is failing.';
  const candidates = new QuoteMatcher(text, { text: 'Rain is failing' }, 0).candidatesIn(0, text.length);
  const exact = candidates.find((m) => m.quote === 1);
  assert.deepEqual(place(exact), [34, 49]);
  const approximate = candidates.find((m) => m.start === 0);
  assert.ok(approximate, JSON.stringify(candidates.map(place)));
  assert.equal(text.slice(approximate.start, approximate.end), 'Rain is falling');
  assert.ok(approximate.quote < 1 && approximate.quote > 0.9, `similarity ${approximate.quote}`);
});

test('a quote that ended at a word\'s edge, found with letters run on, is widened to the whole edited word', () => {
  const text = 'He said nothing. Then he saidso loudly.';
  const candidates = new QuoteMatcher(text, { text: 'he said', prefix: 'Then ', suffix: ' loudly' }, 22).candidatesIn(0, text.length);
  assert.ok(candidates.some((m) => text.slice(m.start, m.end) === 'he saidso'), JSON.stringify(candidates.map((m) => text.slice(m.start, m.end))));
});

test('the score weighs the parts stored: without context, the quote and the position alone', () => {
  const text = 'aaaa Rain is falling.';
  const [m] = new QuoteMatcher(text, { text: 'Rain' }, 0).candidatesIn(0, text.length);
  assert.equal(m!.prefix, undefined);
  assert.equal(m!.suffix, undefined);
  assert.equal(m!.score, (WEIGHTS.quote * m!.quote + WEIGHTS.position * m!.position) / (WEIGHTS.quote + WEIGHTS.position));
});

test('seeds: where pieces of the quote and its context occur outside the part searched, nearest the expected place first', () => {
  const filler = 'lorem ipsum dolor sit amet. '.repeat(20);
  const text = `${filler}The harbour is quiet tonight.${filler}The harbour is quiet tonight.`;
  const first = text.indexOf('harbour');
  const second = text.lastIndexOf('harbour');
  const seeds = new QuoteMatcher(text, { text: 'harbour is quiet' }, second - 10).seeds(second - 20, second - 5);
  assert.ok(seeds.includes(second), `the copy after the searched part: ${seeds}`);
  assert.ok(seeds.includes(first), `the copy before it: ${seeds}`);
  assert.ok(seeds.indexOf(second) < seeds.indexOf(first), 'nearest first');
});

test('contextOf: the mean agreement of the context parts stored, 1 when none is', () => {
  const base = { start: 0, end: 1, score: 1, quote: 1, position: 1, distance: 0 };
  assert.equal(contextOf({ ...base, prefix: undefined, suffix: undefined }), 1);
  assert.equal(contextOf({ ...base, prefix: 0.5, suffix: undefined }), 0.5);
  assert.equal(contextOf({ ...base, prefix: undefined, suffix: 0.25 }), 0.25);
  assert.equal(contextOf({ ...base, prefix: 0.5, suffix: 1 }), 0.75);
});
