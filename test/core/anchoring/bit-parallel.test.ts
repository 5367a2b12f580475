import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Alphabet, BitPattern, editDistance, similarAtLeast, similarity } from '../../../src/core/anchoring/bit-parallel';

/** The textbook dynamic programme, cell by cell: the reference the bit-vector version must agree with. */
function table(pattern: string, text: string, anchored: boolean): number[][] {
  const d: number[][] = [];
  for (let i = 0; i <= pattern.length; i++) {
    d.push([i]);
    for (let j = 1; j <= text.length; j++) {
      if (i === 0) d[0]!.push(anchored ? j : 0);
      else {
        const sub = d[i - 1]![j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1);
        d[i]!.push(Math.min(sub, d[i - 1]![j]! + 1, d[i]![j - 1]! + 1));
      }
    }
  }
  return d;
}

// Small alphabets make matches and near matches common; lengths cross the 32-row block boundary.
const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '—', '😀');
const str = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(''));

test('scanEnds gives the fewest edits of a match ending at each position (against the plain table)', () => {
  fc.assert(
    fc.property(str(45), str(60), (pattern, text) => {
      const out = new Int32Array(text.length);
      new BitPattern(pattern).scanEnds(text, 0, text.length, out);
      const last = table(pattern, text, false)[pattern.length]!;
      assert.deepEqual([...out], last.slice(1));
    }),
    { numRuns: 300 },
  );
});

test('scanAnchored gives the distance to each prefix of the text, forwards and backwards', () => {
  fc.assert(
    fc.property(str(70), str(50), (pattern, text) => {
      const out = new Int32Array(text.length + 1);
      new BitPattern(pattern).scanAnchored(text, 0, text.length, false, out);
      assert.deepEqual([...out], table(pattern, text, true)[pattern.length]);
      new BitPattern(pattern, undefined, 0, pattern.length, true).scanAnchored(text, text.length, text.length, true, out);
      const back = [...out].map((_, k) => editDistance(pattern, text.slice(text.length - k)));
      assert.deepEqual([...out], back);
    }),
    { numRuns: 300 },
  );
});

test('a pattern can be a reversed slice of a longer string sharing an alphabet', () => {
  const source = 'prefix|quote|suffix';
  const alphabet = new Alphabet(source);
  const out = new Int32Array(6);
  // "quote" backwards, read backwards from the end of "xxquote": distance 0 after 5 units
  new BitPattern(source, alphabet, 7, 12, true).scanAnchored('xxquote', 7, 5, true, out);
  assert.equal(out[5], 0);
  assert.equal(new BitPattern(source, alphabet, 7, 12).distanceTo('quota'), 1);
  assert.equal(new BitPattern(source, alphabet, 7, 12).distanceTo('😀uote'), 2, 'characters outside the alphabet never match');
});

test('editDistance is the Levenshtein distance and similarity scales it to 0..1', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('same', 'same'), 0);
  assert.equal(similarity('abcd', 'abxd'), 0.75);
  assert.equal(similarity('', ''), 1);
  fc.assert(
    fc.property(str(80), str(80), (a, b) => {
      assert.equal(editDistance(a, b), table(a, b, true)[a.length]![b.length]);
      assert.equal(editDistance(a, b), editDistance(b, a));
    }),
    { numRuns: 300 },
  );
});

test('similarAtLeast answers as similarity compared with the least, on alike and unalike strings', () => {
  assert.equal(similarAtLeast('dangerous point', 'dangerous joint', 0.8), true);
  assert.equal(similarAtLeast('dangerous point', 'severe consequences'.slice(0, 15), 0.8), false);
  assert.equal(similarAtLeast('', '', 1), true);
  // Strings that differ little (one a few edits from the other) as well as unrelated ones.
  const edited = fc.tuple(str(40), fc.array(fc.tuple(fc.nat(40), str(3)), { maxLength: 4 })).map(([s, edits]) => [s, edits.reduce((t, [at, put]) => t.slice(0, at) + put + t.slice(at + put.length), s)] as const);
  fc.assert(
    fc.property(fc.oneof(edited, fc.tuple(str(40), str(40))), fc.double({ min: 0, max: 1, noNaN: true }), ([a, b], min) => {
      assert.equal(similarAtLeast(a, b, min), similarity(a, b) >= min);
    }),
    { numRuns: 2000 },
  );
});
