import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { countExactMatches, overlapPairs } from '../../../src/core/agreement/matching';

const span = (start: number, end: number) => ({ start, end });

test('exact matches pair identical spans one to one', () => {
  assert.equal(countExactMatches([span(0, 5), span(0, 5), span(6, 9)], [span(0, 5), span(6, 8)]), 1);
  assert.equal(countExactMatches([span(0, 5), span(0, 5)], [span(0, 5), span(0, 5)]), 2);
});

test('overlap pairs are one to one, the largest overlap first', () => {
  // B's 0–10 overlaps A's 0–4 by 4 and A's 2–10 by 8: it goes to 2–10, and 0–4 pairs with nothing else.
  assert.deepEqual(overlapPairs([span(0, 4), span(2, 10)], [span(0, 10)]), [[1, 0]]);
  // Two on each side, crossing: the larger overlaps win.
  assert.deepEqual(
    overlapPairs([span(0, 10), span(10, 20)], [span(8, 18), span(0, 9)]).sort(),
    [
      [0, 1],
      [1, 0],
    ],
  );
});

test('touching spans do not overlap, and empty spans overlap nothing', () => {
  assert.deepEqual(overlapPairs([span(0, 5)], [span(5, 9)]), []);
  assert.deepEqual(overlapPairs([span(3, 3)], [span(0, 9)]), []);
});

test('equal overlaps go to the spans closest in extent, whatever the order of the records', () => {
  // A's 0–10 overlaps B's 0–20 and B's 0–10 by 10 each: the identical span wins.
  assert.deepEqual(overlapPairs([span(0, 10)], [span(0, 20), span(0, 10)]), [[0, 1]]);
  assert.deepEqual(overlapPairs([span(0, 10)], [span(0, 10), span(0, 20)]), [[0, 0]]);
});

test('the sweep finds every overlap a brute-force search finds', () => {
  let seed = 7;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  for (let round = 0; round < 50; round++) {
    const spans = () => Array.from({ length: 1 + random(12) }, () => {
      const start = random(60);
      return span(start, start + random(20));
    });
    const a = spans();
    const b = spans();
    const pairs = overlapPairs(a, b);
    // Maximal: no unpaired A overlaps an unpaired B.
    const usedA = new Set(pairs.map(([i]) => i));
    const usedB = new Set(pairs.map(([, j]) => j));
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < b.length; j++) {
        const overlap = Math.min(a[i]!.end, b[j]!.end) - Math.max(a[i]!.start, b[j]!.start);
        if (overlap > 0) assert.ok(usedA.has(i) || usedB.has(j), `round ${round}: ${i} and ${j} overlap but neither is paired`);
      }
    }
    for (const [i, j] of pairs) assert.ok(Math.min(a[i]!.end, b[j]!.end) > Math.max(a[i]!.start, b[j]!.start));
  }
});
