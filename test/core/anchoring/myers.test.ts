// Myers' diff: the shortest edit script between two sequences as maximal runs of changes, in order;
// undefined beyond maxEdits. Checked against the definition: the runs turn the first sequence into
// the second, and their size is the least number of edits (n + m − 2·LCS).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { myersDiff, type Change } from '../../../src/core/anchoring/myers';

function diff(a: string, b: string, maxEdits = 1000): Change[] | undefined {
  const x = [...a];
  const y = [...b];
  return myersDiff(x.length, y.length, (i, j) => x[i] === y[j], maxEdits);
}

/** The second sequence rebuilt from the first and the changes. */
function apply(a: string, b: string, changes: Change[]): string {
  const x = [...a];
  const y = [...b];
  let out = '';
  let i = 0;
  for (const c of changes) {
    assert.ok(c.aStart >= i && c.aEnd >= c.aStart && c.bEnd >= c.bStart, 'runs in order');
    out += x.slice(i, c.aStart).join('') + y.slice(c.bStart, c.bEnd).join('');
    i = c.aEnd;
  }
  return out + x.slice(i).join('');
}

function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const row = new Array<number>(y.length + 1).fill(0);
  for (const xc of x) {
    let diagonal = 0;
    for (let j = 1; j <= y.length; j++) {
      const above = row[j]!;
      row[j] = xc === y[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[y.length]!;
}

const edits = (changes: Change[]) => changes.reduce((sum, c) => sum + (c.aEnd - c.aStart) + (c.bEnd - c.bStart), 0);

test('equal sequences have no changes; empty ones too', () => {
  assert.deepEqual(diff('abc', 'abc'), []);
  assert.deepEqual(diff('', ''), []);
});

test('one replaced run is one change, deletion and insertion merged', () => {
  assert.deepEqual(diff('the cat sat', 'the dog sat'), [{ aStart: 4, aEnd: 7, bStart: 4, bEnd: 7 }]);
  assert.deepEqual(diff('', 'ab'), [{ aStart: 0, aEnd: 0, bStart: 0, bEnd: 2 }]);
  assert.deepEqual(diff('ab', ''), [{ aStart: 0, aEnd: 2, bStart: 0, bEnd: 0 }]);
});

test('the changes rebuild the second sequence with the fewest edits, on many pairs', () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = (length: number) => Array.from({ length }, () => 'ab😀c'[Math.floor(random() * 4)]).join('');
  for (let trial = 0; trial < 300; trial++) {
    const a = word(Math.floor(random() * 12));
    const b = word(Math.floor(random() * 12));
    const changes = diff(a, b)!;
    assert.equal(apply(a, b, changes), b, `${a} → ${b}`);
    assert.equal(edits(changes), [...a].length + [...b].length - 2 * lcsLength(a, b), `${a} → ${b} is shortest`);
    for (let k = 1; k < changes.length; k++) assert.ok(changes[k]!.aStart > changes[k - 1]!.aEnd || changes[k]!.bStart > changes[k - 1]!.bEnd, 'runs are maximal');
  }
});

test('more edits than allowed gives undefined, exactly as many gives the script', () => {
  assert.equal(diff('abcd', 'wxyz', 7), undefined);
  assert.equal(edits(diff('abcd', 'wxyz', 8)!), 8);
});
