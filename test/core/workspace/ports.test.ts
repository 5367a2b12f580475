import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { stillAsSeen } from '../../../src/core/workspace/ports';

const stamp = { size: 10, mtime: 1000, link: false };
const unreadable = (): string => assert.fail('the text is not read when the stamps tell');

test('a file with the stamp it was seen with is unchanged, without reading it', () => {
  assert.equal(stillAsSeen({ text: 'old', stamp }, { ...stamp }, unreadable), true);
});

test('a file with another stamp is unchanged only if its text is still the one seen (a file system that gives a new time at every stat)', () => {
  assert.equal(stillAsSeen({ text: 'old', stamp }, { ...stamp, mtime: 2000 }, () => 'old'), true);
  assert.equal(stillAsSeen({ text: 'old', stamp }, { ...stamp, mtime: 2000 }, () => 'new'), false);
  assert.equal(stillAsSeen({ text: 'old', stamp: undefined }, stamp, () => 'old'), true);
});

test('a file seen missing must still be missing; a file seen must still exist; a link is never taken for the file', () => {
  assert.equal(stillAsSeen({ text: undefined, stamp: undefined }, undefined, unreadable), true);
  assert.equal(stillAsSeen({ text: undefined, stamp: undefined }, stamp, unreadable), false);
  assert.equal(stillAsSeen({ text: 'old', stamp }, undefined, unreadable), false);
  assert.equal(stillAsSeen({ text: 'old', stamp }, { ...stamp, mtime: 2000, link: true }, unreadable), false);
});
