import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { newAnnotationId } from '../../src/core/ids';
import { isAnnotationId } from '../../src/core/names';

/** A random source that replays the given numbers, then repeats the last. */
function replay(...values: number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
}

describe('newAnnotationId', () => {
  test('is 8 lowercase hex digits, a valid annotation id', () => {
    for (let i = 0; i < 200; i++) {
      const id = newAnnotationId(new Set());
      assert.match(id, /^[0-9a-f]{8}$/);
      assert.ok(isAnnotationId(id), id);
    }
  });

  test('maps the random number onto the id space, zero-padded', () => {
    assert.equal(newAnnotationId(new Set(), replay(0)), '00000000');
    assert.equal(newAnnotationId(new Set(), replay(0.5)), '80000000');
    assert.equal(newAnnotationId(new Set(), replay(0.999999999999)), 'ffffffff');
  });

  test('never returns a taken id: it draws again', () => {
    assert.equal(newAnnotationId(new Set(['00000000', '80000000']), replay(0, 0.5, 0.25)), '40000000');
  });

  test('a random source stuck on a taken id still ends, with the next free id', () => {
    const taken = new Set(['40000000', '40000001', '40000002']);
    assert.equal(newAnnotationId(taken, () => 0.25), '40000003');
  });

  test('a faulty random source (out of range, NaN) still gives a valid id', () => {
    for (const r of [1, 1.5, -0.25, Number.NaN, Infinity]) assert.match(newAnnotationId(new Set(), () => r), /^[0-9a-f]{8}$/, String(r));
  });

  test('the ids of many annotations do not collide', () => {
    const taken = new Set<string>();
    for (let i = 0; i < 5000; i++) taken.add(newAnnotationId(taken));
    assert.equal(taken.size, 5000);
  });
});
