import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RecordLineMap } from '../../../src/core/sidecar/record-lines';

/** A map over three records (the second unreadable) whose lines count how often they were looked up. */
function counted(): { map: RecordLineMap; lookups: () => number } {
  let lookups = 0;
  const map = new RecordLineMap(['a', undefined, 'c'], (index) => {
    lookups++;
    return 10 * index + 1;
  });
  return { map, lookups: () => lookups };
}

describe('the id -> line map of a read-back, filled when first used', () => {
  test('no line is looked up until the map is used', () => {
    const { lookups } = counted();
    assert.equal(lookups(), 0);
  });

  test('every way of reading it gives the lines, each looked up once', () => {
    const reads: [string, (map: RecordLineMap) => unknown, unknown][] = [
      ['get', (m) => [m.get('a'), m.get('c'), m.get('b')], [1, 21, undefined]],
      ['has', (m) => [m.has('a'), m.has('b')], [true, false]],
      ['size', (m) => m.size, 2],
      ['iteration', (m) => [...m], [['a', 1], ['c', 21]]],
      ['entries', (m) => [...m.entries()], [['a', 1], ['c', 21]]],
      ['keys', (m) => [...m.keys()], ['a', 'c']],
      ['values', (m) => [...m.values()], [1, 21]],
      ['forEach', (m) => { const seen: unknown[] = []; m.forEach((line, id) => seen.push([id, line])); return seen; }, [['a', 1], ['c', 21]]],
      ['a copy', (m) => [...new Map(m)], [['a', 1], ['c', 21]]],
    ];
    for (const [name, read, expected] of reads) {
      const { map, lookups } = counted();
      assert.deepEqual(read(map), expected, name);
      assert.deepEqual(read(map), expected, `${name}, again`);
      assert.equal(lookups(), 2, `${name}: each readable record looked up once`);
    }
  });

  test('changes apply to the filled map', () => {
    const { map } = counted();
    map.set('d', 5);
    assert.deepEqual([...map], [['a', 1], ['c', 21], ['d', 5]]);
    assert.equal(map.delete('a'), true);
    assert.deepEqual([...map.keys()], ['c', 'd']);
    const cleared = counted();
    cleared.map.clear();
    assert.equal(cleared.map.size, 0);
    assert.equal(cleared.lookups(), 0, 'nothing looked up for a map cleared before use');
  });
});
