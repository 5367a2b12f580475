// sameContent tells whether two records would be written the same way without building their
// content keys; it must agree with comparing the keys, for every kind of value a record can hold.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { contentKey, sameContent } from '../../../src/core/sidecar/content-key';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 300);

/** Few distinct values, so that two generated records are often equal or nearly so. */
const scalar = fc.constantFrom<unknown>('a', 'b', '', '0', 0, -0, 1, 1.5, Number.NaN, Infinity, -Infinity, true, false, null, undefined);
const value = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 2 }),
    fc.dictionary(fc.constantFrom('x', 'y', '__proto__'), tie('value'), { maxKeys: 2, noNullPrototype: true }),
  ),
})).value;
const recordKey = fc.constantFrom('id', 'label', 'start', 'end', 'text', 'note', 'attributes', 'status', 'extra', 'other', '__proto__');
const record = fc.dictionary(recordKey, value, { maxKeys: 5, noNullPrototype: true });

test('sameContent(a, b) is contentKey(a) === contentKey(b), for any two records', () => {
  fc.assert(
    fc.property(record, record, (a, b) => {
      assert.equal(sameContent(a, b), contentKey(a) === contentKey(b));
    }),
    { numRuns: RUNS },
  );
});

test('sameContent agrees with content keys on a record and a changed copy of it', () => {
  fc.assert(
    fc.property(record, recordKey, value, (a, key, changed) => {
      const b: Record<string, unknown> = { ...a };
      Object.defineProperty(b, key, { value: changed, enumerable: true, writable: true, configurable: true });
      assert.equal(sameContent(a, b), contentKey(a) === contentKey(b));
      assert.equal(sameContent(b, a), contentKey(a) === contentKey(b));
    }),
    { numRuns: RUNS },
  );
});

test('what sameContent counts as the same and as different', () => {
  const base = { id: 'aaaaaaaa', label: 'claim', start: 0, end: 4, text: 'Kyiv', attributes: { speaker: 'A', n: 1 } };
  assert.ok(sameContent(base, { ...base, attributes: { n: 1, speaker: 'A' } }), 'map key order does not matter');
  assert.ok(sameContent(base, { ...base, note: undefined }), 'an undefined key is no key');
  assert.ok(sameContent(base, { ...base, note: null }), 'a known key set to null is written as no key');
  assert.ok(!sameContent(base, { ...base, extra: null }), 'an extra key set to null is written');
  assert.ok(!sameContent(base, { ...base, start: -0 }), '-0 is written apart from 0');
  assert.ok(!sameContent(base, { ...base, end: '4' }), 'a number is not its spelling');
  assert.ok(!sameContent(base, { ...base, attributes: { speaker: 'A' } }), 'a missing attribute');
  assert.ok(sameContent({ ...base, n: Number.NaN }, { ...base, n: Number.NaN }), 'NaN is NaN');
});
