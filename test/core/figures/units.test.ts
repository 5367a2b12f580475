// The unit synonym table: the words a figure's unit is written with and the one name each is known by.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { normalizeUnit } from '../../../src/core/figures/units';

test('synonyms share one unit, so "soldiers" and "troops" compare and "people" does not', () => {
  assert.deepEqual(normalizeUnit('soldiers'), { unit: 'troops', factor: 1 });
  assert.deepEqual(normalizeUnit('troops'), { unit: 'troops', factor: 1 });
  assert.deepEqual(normalizeUnit('people'), { unit: 'people', factor: 1 });
  assert.deepEqual(normalizeUnit('killed'), { unit: 'people', factor: 1 });
});

test('case and spacing do not matter, phrases included', () => {
  assert.deepEqual(normalizeUnit('  Per   Cent '), { unit: '%', factor: 1 });
  assert.deepEqual(normalizeUnit('USD'), { unit: 'USD', factor: 1 });
  assert.deepEqual(normalizeUnit('Service\nMembers'), { unit: 'troops', factor: 1 });
});

test('decades and centuries count in years', () => {
  assert.deepEqual(normalizeUnit('decades'), { unit: 'years', factor: 10 });
  assert.deepEqual(normalizeUnit('century'), { unit: 'years', factor: 100 });
  assert.deepEqual(normalizeUnit('years'), { unit: 'years', factor: 1 });
});

test('a word the table does not know gives no unit rather than a guess', () => {
  for (const word of ['', 'apples', 'soldier s', 'toString', '__proto__']) assert.equal(normalizeUnit(word), undefined, word);
});
