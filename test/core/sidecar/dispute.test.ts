// The `dispute` field and the `settled` header that `marginalia adjudicate` writes: they round-trip
// through the writer and the reader, and a hand-edited value that is not one is reported.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';

const DISPUTED: Sidecar = {
  version: 1,
  document: 'doc.txt',
  settled: false,
  annotations: [
    { id: 'a1', label: 'claim', start: 0, end: 5, text: 'Taxes', dispute: { side: 'A', by: 'alice', pair: 'b1' } },
    { id: 'b1', label: 'claim', start: 0, end: 10, text: 'Taxes will', dispute: { side: 'B', by: 'origin/bob', pair: 'a1' } },
    { id: 'b2', label: 'figure', start: 11, end: 15, text: 'fall', dispute: { side: 'B', by: 'origin/bob' } },
  ],
};

test('disputes and the settled header are written as YAML maps and read back the same', () => {
  const text = writeSidecar(DISPUTED);
  assert.match(text, /^settled: false$/m);
  assert.match(text, /^ {4}dispute:\n {6}by: origin\/bob\n {6}pair: a1\n {6}side: B$/m);
  const read = readSidecar(text);
  assert.deepEqual(read.findings, []);
  assert.deepEqual(read.sidecar, DISPUTED);
});

test('a dispute that is not a map of side, by and pair is an error on its record, and the file is not rewritten', () => {
  for (const [value, says] of [
    ['{side: C, by: bob}', 'dispute side must be A or B, got "C"'],
    ['{side: A}', 'dispute by must name who said so'],
    ['{side: A, by: bob, pair: "x y"}', 'dispute pair must be the id of the other record'],
    ['{side: A, by: bob, winner: A}', 'unknown key "winner" in dispute'],
    ['A', 'dispute must be a map'],
  ] as const) {
    const text = writeSidecar(DISPUTED).replace(/^ {4}dispute:\n {6}by: alice\n {6}pair: b1\n {6}side: A$/m, `    dispute: ${value}`);
    const read = readSidecar(text);
    assert.equal(read.writable, false, value);
    assert.ok(read.findings.some((f) => f.severity === 'error' && f.message.includes(says) && f.line === 10), `${value}: ${JSON.stringify(read.findings)}`);
  }
});

test('a settled header that is not true or false is a warning, and kept as it is', () => {
  const read = readSidecar(writeSidecar(DISPUTED).replace('settled: false', 'settled: maybe'));
  assert.deepEqual(
    read.findings.map((f) => [f.severity, f.line]),
    [['warning', 3]],
  );
  assert.equal(read.sidecar?.settled as unknown, 'maybe');
});
