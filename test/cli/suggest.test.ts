/** "Did you mean …?": which known name a mistyped one is taken for, and when none is offered. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { closestName } from '../../src/cli/suggest';

const COMMANDS = ['check', 'export', 'import', 'diff', 'stats', 'merge-driver'];

test('one typo away: a letter missing, extra, wrong or two letters swapped', () => {
  assert.equal(closestName('chek', COMMANDS), 'check');
  assert.equal(closestName('checkk', COMMANDS), 'check');
  assert.equal(closestName('chack', COMMANDS), 'check');
  assert.equal(closestName('chekc', COMMANDS), 'check');
  assert.equal(closestName('EXPORT', COMMANDS), 'export', 'case does not count');
});

test('the nearest of several close names wins; a tie goes to the first listed', () => {
  assert.equal(closestName('mport', COMMANDS), 'import');
  assert.equal(closestName('xport', ['export', 'xpost']), 'export');
});

test('nothing is suggested for a name unlike every known one', () => {
  assert.equal(closestName('frobnicate', COMMANDS), undefined);
  assert.equal(closestName('ab', COMMANDS), undefined);
  assert.equal(closestName('check', []), undefined);
});
