// The `review` field a reviewer writes on a changed annotation: it round-trips through the writer and the
// reader, and a hand-edited value that is not one is an error on its record.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';

const REVIEWED: Sidecar = {
  version: 1,
  document: 'doc.txt',
  annotations: [
    { id: 'a1', label: 'claim', start: 0, end: 5, text: 'Taxes', review: { state: 'accepted', by: 'carol', at: '2026-12-04T23:00:00Z' } },
    { id: 'b1', label: 'figure', start: 11, end: 15, text: 'fall', review: { state: 'rejected', by: 'dan', at: '2026-12-04' } },
  ],
};

test('a review is written as a YAML map and read back the same', () => {
  const text = writeSidecar(REVIEWED);
  assert.match(text, /^ {4}review:\n {6}at: '2026-12-04T23:00:00Z'\n {6}by: carol\n {6}state: accepted$/m);
  const read = readSidecar(text);
  assert.deepEqual(read.findings, []);
  assert.deepEqual(read.sidecar, REVIEWED);
});

test('a review that is not a map of state, by and at is an error on its record, and the file is not rewritten', () => {
  for (const [value, says] of [
    ['{state: maybe, by: carol, at: 2026-12-04}', 'review state must be accepted or rejected, got "maybe"'],
    ['{state: accepted, at: 2026-12-04}', 'review by must name the reviewer'],
    ['{state: accepted, by: carol, at: yesterday}', 'review at must be an ISO 8601 time'],
    ['{state: accepted, by: carol, at: 2026-12-04, note: ok}', 'unknown key "note" in review'],
    ['accepted', 'review must be a map'],
  ] as const) {
    const text = writeSidecar(REVIEWED).replace(/^ {4}review:\n {6}at: '2026-12-04T23:00:00Z'\n {6}by: carol\n {6}state: accepted$/m, `    review: ${value}`);
    const read = readSidecar(text);
    assert.equal(read.writable, false, value);
    assert.ok(read.findings.some((f) => f.severity === 'error' && f.message.includes(says) && f.line === 9), `${value}: ${JSON.stringify(read.findings)}`);
  }
});
