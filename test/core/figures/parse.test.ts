import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { APPROXIMATE_TOLERANCE, NEARLY_TOLERANCE, parseFigure, type ParsedFigure } from '../../../src/core/figures/parse';

type Expected = Partial<ParsedFigure>;

/** Phrase (and the text before it, when the modifier stands outside the tagged span) → what it says. */
const PHRASES: [phrase: string, before: string, expected: Expected][] = [
  // Plain numbers are exact.
  ['13,000 lives', '', { value: 13000, low: 13000, high: 13000, unit: 'people', modifier: 'exact' }],
  ['13,000 people', '', { value: 13000, low: 13000, high: 13000, unit: 'people' }],
  ['70,000 soldiers', '', { value: 70000, unit: 'troops', modifier: 'exact' }],
  ['100,000 troops', '', { value: 100000, unit: 'troops' }],
  ['5,000 servicemen', '', { value: 5000, unit: 'troops' }],
  ['14 000', '', { value: 14000, unit: null, modifier: 'exact' }],
  ['14\u00a0000 dead', '', { value: 14000, unit: 'people' }],
  ['fourteen thousand', '', { value: 14000, modifier: 'exact' }],
  ['two hundred and fifty miles', '', { value: 250, unit: 'miles' }],
  ['twenty-five deaths', '', { value: 25, unit: 'people' }],
  ['14k', '', { value: 14000 }],
  ['$4.2 million', '', { value: 4200000, unit: 'USD' }],
  ['US$3bn', '', { value: 3e9, unit: 'USD' }],
  ['€40 million', '', { value: 4e7, unit: 'EUR' }],
  ['1.5bn euros', '', { value: 1.5e9, unit: 'EUR' }],
  ['2.5 billion dollars', '', { value: 2.5e9, unit: 'USD' }],
  ['12%', '', { value: 12, unit: '%', low: 12, high: 12 }],
  ['12 per cent', '', { value: 12, unit: '%' }],
  ['250 miles', '', { value: 250, unit: 'miles' }],
  ['400 km', '', { value: 400, unit: 'km' }],
  ['three decades', '', { value: 30, unit: 'years' }],
  ['30 NATO countries', '', { value: 30, unit: 'countries', counted: 'nato' }],
  // Lower bounds: "more than" and "over" exclude the number, "at least" includes it.
  ['more than 14,000 people', '', { value: 14000, low: 14000, lowOpen: true, high: null, unit: 'people', modifier: 'more-than' }],
  ['over 100,000', '', { low: 100000, lowOpen: true, high: null, modifier: 'more-than' }],
  ['at least 50', '', { low: 50, lowOpen: false, high: null, modifier: 'at-least' }],
  ['no fewer than 50', '', { low: 50, lowOpen: false, high: null, modifier: 'at-least' }],
  // Upper bounds.
  ['fewer than 100', '', { low: null, high: 100, highOpen: true, modifier: 'less-than' }],
  ['less than 5%', '', { high: 5, highOpen: true, unit: '%' }],
  ['at most 20', '', { low: null, high: 20, highOpen: false, modifier: 'at-most' }],
  ['no more than 20', '', { high: 20, highOpen: false, modifier: 'at-most' }],
  ['up to 30,000 troops', '', { low: null, high: 30000, highOpen: false, unit: 'troops', modifier: 'at-most' }],
  // Approximations: ±APPROXIMATE_TOLERANCE.
  ['about 15,000', '', { value: 15000, low: 15000 * (1 - APPROXIMATE_TOLERANCE), high: 15000 * (1 + APPROXIMATE_TOLERANCE), modifier: 'approximate' }],
  ['some 100,000', '', { low: 90000, high: 110000, modifier: 'approximate' }],
  ['roughly 40', '', { modifier: 'approximate' }],
  ['approximately 40', '', { modifier: 'approximate' }],
  ['around 40', '', { modifier: 'approximate' }],
  ['an estimated 40', '', { modifier: 'approximate' }],
  // Just under.
  ['nearly 100,000', '', { value: 100000, low: 100000 * (1 - NEARLY_TOLERANCE), high: 100000, highOpen: true, modifier: 'nearly' }],
  ['almost 100,000', '', { high: 100000, highOpen: true, modifier: 'nearly' }],
  // Ranges.
  ['between 70,000 and 90,000', '', { value: 80000, low: 70000, high: 90000, modifier: 'between' }],
  ['between 4 and 5 million', '', { low: 4e6, high: 5e6, modifier: 'between' }],
  ['70,000-90,000 troops', '', { low: 70000, high: 90000, unit: 'troops', modifier: 'between' }],
  ['from 10 to 20 km', '', { low: 10, high: 20, unit: 'km', modifier: 'between' }],
  // The modifier outside the tagged span, in the text just before it (the annotation's prefix).
  ['13,000 people', 'resident and has left more than ', { low: 13000, lowOpen: true, high: null, modifier: 'more-than' }],
  ['100,000 troops', 'st says Moscow has readied some ', { low: 90000, high: 110000, modifier: 'approximate' }],
  ['three decades', 'Kremlin has nurtured for nearly ', { value: 30, high: 30, highOpen: true, unit: 'years', modifier: 'nearly' }],
  ['15,000 people', 'in eastern Ukraine, where about ', { modifier: 'approximate' }],
  // A modifier in the text wins over the words before it.
  ['at most 20', 'more than ', { modifier: 'at-most' }],
  // Words that merely end like a modifier are not one.
  ['40 tanks', 'handsome ', { modifier: 'exact', unit: 'tanks' }],
  ['40 tanks', 'moreover ', { modifier: 'exact' }],
];

for (const [phrase, before, expected] of PHRASES) {
  test(`figure ${JSON.stringify(phrase)}${before ? ` after ${JSON.stringify(before)}` : ''}`, () => {
    const parsed = parseFigure(phrase, before);
    assert.ok(parsed, 'a number is read');
    for (const [key, value] of Object.entries(expected)) {
      const got: unknown = parsed[key as keyof ParsedFigure];
      if (typeof value === 'number' && typeof got === 'number') assert.ok(Math.abs(got - value) < 1e-6 * Math.max(1, Math.abs(value)), `${key}: ${got} ≠ ${value}`);
      else assert.equal(got, value, key);
    }
  });
}

test('a bare year is a date, not a quantity', () => {
  const parsed = parseFigure('2021');
  assert.equal(parsed?.modifier, 'year');
  assert.equal(parsed?.unit, 'year');
});

test('a span of years is a date too', () => {
  assert.deepEqual([parseFigure('2014-2021')?.modifier, parseFigure('2014-2021')?.unit], ['year', 'year']);
  assert.equal(parseFigure('2014-2021 troops')?.modifier, 'between');
});

test('a four-digit number with a unit or a separator is a quantity', () => {
  assert.equal(parseFigure('2021 people')?.modifier, 'exact');
  assert.equal(parseFigure('2,021')?.modifier, 'exact');
  assert.equal(parseFigure('more than 2000')?.modifier, 'more-than');
});

test('text without a number gives nothing', () => {
  assert.equal(parseFigure('many people'), undefined);
  assert.equal(parseFigure(''), undefined);
});

test('numbers written in other conventions are not read at all rather than misread', () => {
  for (const phrase of ['1,5 million', '1.000.000 people', '14,00']) assert.equal(parseFigure(phrase), undefined, phrase);
});

test('"250 m" is metres, not millions', () => {
  assert.deepEqual([parseFigure('250 m')?.value, parseFigure('250 m')?.unit], [250, 'metres']);
});
