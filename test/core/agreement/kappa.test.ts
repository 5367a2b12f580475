import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cohenKappa, coverageTable } from '../../../src/core/agreement/kappa';

test("Cohen's κ of the textbook example: 50 items, 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no is 0.4", () => {
  // Wikipedia, "Cohen's kappa", first worked example: pₒ = 0.7, pₑ = 0.5, κ = 0.4. Fed as code points
  // of a 50-code-point document: A marks 0–25, B marks 0–20 and 25–35.
  const table = coverageTable([{ start: 0, end: 25 }], [{ start: 0, end: 20 }, { start: 25, end: 35 }], 50);
  assert.deepEqual(table, { both: 20, onlyA: 5, onlyB: 10, neither: 15 });
  const kappa = cohenKappa(table);
  assert.ok(kappa.value !== null);
  assert.ok(Math.abs(kappa.value - 0.4) < 1e-12, String(kappa.value));
});

test('κ of the second textbook example (45/15/25/15 of 100) is 0.1304', () => {
  // Wikipedia's second example: pₒ = 0.60, pₑ = 0.54, κ = 0.06 / 0.46 = 0.1304…
  const kappa = cohenKappa({ both: 45, onlyA: 15, onlyB: 25, neither: 15 });
  assert.ok(kappa.value !== null && Math.abs(kappa.value - 0.06 / 0.46) < 1e-12, String(kappa.value));
});

test('overlapping spans of one side count each code point once, and spans are clipped to the text', () => {
  const table = coverageTable([{ start: 0, end: 10 }, { start: 5, end: 15 }], [{ start: 12, end: 30 }], 20);
  assert.deepEqual(table, { both: 3, onlyA: 12, onlyB: 5, neither: 0 });
});

test('κ is undefined, with a reason, when both sides mark nothing or both mark everything', () => {
  assert.deepEqual(cohenKappa({ both: 0, onlyA: 0, onlyB: 0, neither: 40 }), { value: null, reason: 'neither side marked any text with this label' });
  assert.deepEqual(cohenKappa({ both: 40, onlyA: 0, onlyB: 0, neither: 0 }), { value: null, reason: 'both sides marked all of the text with this label' });
  assert.deepEqual(cohenKappa({ both: 0, onlyA: 0, onlyB: 0, neither: 0 }), { value: null, reason: 'no text was compared' });
});

test('κ is defined when one side marks everything and the other nothing: total disagreement', () => {
  const kappa = cohenKappa({ both: 0, onlyA: 10, onlyB: 0, neither: 0 });
  assert.deepEqual(kappa, { value: 0 });
  assert.deepEqual(cohenKappa({ both: 0, onlyA: 5, onlyB: 5, neither: 0 }), { value: -1 });
});
