import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { orphaned } from '../../../src/core/anchoring/orphaned';
import { annotate } from './annotate';

const TEXT = 'Russia on Friday unveiled proposals.';

test('an orphaned annotation keeps its offsets and text, with its status set, and the input is not changed', () => {
  const a = annotate(TEXT, 'unveiled proposals');
  const frozen = structuredClone(a);
  const result = orphaned(a, 0.4, 'search');
  assert.deepEqual(result, { annotation: { ...frozen, status: 'orphaned' }, outcome: 'orphaned', score: 0.4, method: 'search' });
  assert.deepEqual(a, frozen);
});

test('an orphan is ambiguous only when the caller says it stands in more than one place', () => {
  const a = annotate(TEXT, 'Friday');
  assert.equal('ambiguous' in orphaned(a, 0, 'diff'), false);
  assert.equal(orphaned(a, 0, 'diff', true).ambiguous, true);
});
