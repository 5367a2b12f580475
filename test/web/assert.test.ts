// The web run's stand-in for node:assert/strict passes and fails exactly where Node's own does: a
// stand-in that passed where Node fails would let a broken test pass silently in the web worker.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as web from './assert';

/** Whether calling `f` throws. */
function throws(f: () => void): boolean {
  try {
    f();
    return false;
  } catch {
    return true;
  }
}

/** Values from a small domain, so that two drawn independently are often equal, or nearly. */
const small = fc.anything({
  values: [fc.constantFrom(0, -0, NaN, 1, '', 'a', 'b', null, undefined, true, false, 1n)],
  key: fc.constantFrom('a', 'b', 'c'),
  maxDepth: 3,
  maxKeys: 3,
  withMap: true,
  withSet: true,
  withDate: true,
  withBoxedValues: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
});

test('deepEqual agrees with Node on pairs of values that are often equal', () => {
  fc.assert(
    fc.property(small, small, (a, b) => {
      assert.equal(throws(() => web.deepEqual(a, b)), throws(() => assert.deepEqual(a, b)));
    }),
    { numRuns: 5000 },
  );
});

test('deepEqual agrees with Node on a value and its structured clone', () => {
  // A structured clone keeps the shape but drops prototypes of null-prototype objects and boxes: Node
  // tells those apart, and so must the stand-in.
  fc.assert(
    fc.property(small, (a) => {
      const b: unknown = structuredClone(a);
      assert.equal(throws(() => web.deepEqual(a, b)), throws(() => assert.deepEqual(a, b)));
    }),
    { numRuns: 2000 },
  );
});

test('deepEqual tells apart what Node tells apart, case by case', () => {
  const cases: [unknown, unknown][] = [
    [[1, 2], [1, 2]],
    [[1, 2], [2, 1]],
    [{ a: 1 }, { a: 1, b: undefined }],
    [Object.create(null), {}],
    [new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])],
    [new Map([[{ k: 1 }, 'x']]), new Map([[{ k: 1 }, 'x']])],
    [new Map([[{ k: 1 }, 'x']]), new Map([[{ k: 2 }, 'x']])],
    [new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }])],
    [new Set([1]), new Set(['1'])],
    [new Set([1]), new Set([1, 2])],
    [new Map([[1, 1]]), new Map([[1, 1], [2, 2]])],
    [new Date(0), new Date(0)],
    [new Date(0), new Date(1)],
    [new Date(NaN), new Date(NaN)],
    [/a/g, /a/g],
    [/a/g, /a/i],
    [new Error('x'), new Error('x')],
    [new Error('x'), new TypeError('x')],
    [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
    [new Uint8Array([1, 2]), new Uint8Array([1, 3])],
    [0, -0],
    [NaN, NaN],
    [{ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 2 }],
  ];
  cases.forEach(([a, b], i) => {
    assert.equal(throws(() => web.deepEqual(a, b)), throws(() => assert.deepEqual(a, b)), `case ${i}`);
  });
  const cycle: { self?: unknown } = {};
  cycle.self = cycle;
  const other: { self?: unknown } = {};
  other.self = other;
  web.deepEqual(cycle, other);
});

test('equal, notEqual, ok, match and doesNotMatch agree with Node', () => {
  fc.assert(
    fc.property(small, small, (a, b) => {
      assert.equal(throws(() => web.equal(a, b)), throws(() => assert.equal(a, b)));
      assert.equal(throws(() => web.notEqual(a, b)), throws(() => assert.notEqual(a, b)));
      assert.equal(throws(() => web.ok(a)), throws(() => assert.ok(a)));
    }),
    { numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 4 }), fc.constantFrom(/a/, /^b/, /c$/u, /\d/), (text, pattern) => {
      assert.equal(throws(() => web.match(text, pattern)), throws(() => assert.match(text, pattern)));
      assert.equal(throws(() => web.doesNotMatch(text, pattern)), throws(() => assert.doesNotMatch(text, pattern)));
    }),
  );
});

test('a failure is an AssertionError with the given message, or the given error itself', () => {
  assert.throws(() => web.equal(1, 2, 'one is not two'), { name: 'AssertionError', code: 'ERR_ASSERTION', message: 'one is not two', actual: 1, expected: 2 });
  assert.throws(() => web.deepEqual({ a: 1 }, { a: 2 }), (error: Error) => error instanceof web.AssertionError && /strictly deep-equal/.test(error.message));
  const own = new RangeError('mine');
  assert.throws(() => web.ok(false, own), (error) => error === own);
  assert.throws(() => web.fail('stop'), { name: 'AssertionError', message: 'stop' });
});
