import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findFigures } from '../../../src/core/suggestions/figures';

function figures(text: string): [string, number, string | null][] {
  return findFigures(text).map((f) => [text.slice(f.start, f.end), f.figure.value, f.figure.unit]);
}

describe('figure suggester', () => {
  test('money, percentages and numbers with a unit word, without the modifier before them', () => {
    assert.deepEqual(figures('It has committed more than $2.5 billion and 3.5% of its budget, or 12 per cent.'), [
      ['$2.5 billion', 2.5e9, 'USD'],
      ['3.5%', 3.5, '%'],
      ['12 per cent', 12, '%'],
    ]);
    assert.deepEqual(figures('Moscow has readied some 100,000 troops; the war claimed 13,000 lives.'), [
      ['100,000 troops', 100000, 'troops'],
      ['13,000 lives', 13000, 'people'],
    ]);
  });

  test('a capitalised word between number and unit, and numbers in words with a unit', () => {
    assert.deepEqual(figures('the 30 NATO countries, for nearly three decades'), [
      ['30 NATO countries', 30, 'countries'],
      ['three decades', 30, 'years'],
    ]);
  });

  test('a number grouped in thousands counts without a unit; years, dates, codes and bare small numbers do not', () => {
    assert.deepEqual(figures('about 15,000 were there'), [['15,000', 15000, null]]);
    assert.deepEqual(figures('Moscow, Dec 17, 2021: in 2014 the F-16 and COVID-19 at 10:30, one of them, 42 of them'), []);
  });
});
