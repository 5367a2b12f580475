// Sorted output must be the same bytes on every machine: strings compare by code units, not locale.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareStrings } from '../../src/core/order';

test('strings compare by UTF-16 code units, upper case before lower, no locale', () => {
  assert.deepEqual(['b', 'B', 'a', 'é', 'e', 'A'].sort(compareStrings), ['A', 'B', 'a', 'b', 'e', 'é']);
});

test('equal strings compare as 0, and the order is antisymmetric', () => {
  assert.equal(compareStrings('claim', 'claim'), 0);
  assert.equal(Math.sign(compareStrings('claim', 'quote')), -Math.sign(compareStrings('quote', 'claim')));
  assert.ok(compareStrings('', 'a') < 0);
});
