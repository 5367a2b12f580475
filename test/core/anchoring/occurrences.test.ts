// Exact occurrences of stored texts in one document: once and where, never, or more than once.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Occurrences } from '../../../src/core/anchoring/occurrences';

//            0         1         2         3
//            0123456789012345678901234567890123
const TEXT = 'Russia said no. NATO said yes. 🇺🇦 end';

test('the only occurrence is given with its UTF-16 offset; none or several give -1', () => {
  const occurrences = new Occurrences(TEXT);
  assert.equal(occurrences.only('Russia'), 0);
  assert.equal(occurrences.only('NATO said'), 16);
  assert.equal(occurrences.only(' end'), TEXT.length - 4);
  assert.equal(occurrences.only('said'), -1);
  assert.equal(occurrences.only('Moscow'), -1);
  assert.equal(occurrences.only(''), -1);
});

test('repeated: more than one occurrence, overlapping ones included', () => {
  const occurrences = new Occurrences('aaa and bab');
  assert.equal(occurrences.repeated('aa'), true, 'at 0 and 1');
  assert.equal(occurrences.repeated('a'), true);
  assert.equal(occurrences.repeated('bab'), false);
  assert.equal(occurrences.repeated('zzz'), false);
  assert.equal(occurrences.repeated(''), false);
});

test('asking again of the same text gives the same answer', () => {
  const occurrences = new Occurrences(TEXT);
  for (let n = 0; n < 2; n++) assert.equal(occurrences.only('NATO'), 16, `asked ${n + 1} time(s)`);
  assert.equal(occurrences.repeated('said'), true);
  assert.equal(occurrences.only('said'), -1);
  assert.equal(occurrences.repeated('said'), true, 'asked again after only()');
  assert.equal(occurrences.only('Russia'), 0);
  assert.equal(occurrences.repeated('Russia'), false, 'asked again after only()');
});
