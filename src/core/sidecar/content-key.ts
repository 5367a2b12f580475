/**
 * A record's content as one string, cheap to build and compare: two records get the same key exactly
 * when the writer would write them the same way. The splicing writer uses it to find the records that
 * did not change, and to check what it wrote.
 *
 * The key is JSON (native, so fast) of a canonical form: the known keys' values by position, then the
 * extra keys sorted; maps, lists and the numbers JSON cannot tell apart (-0, NaN, infinities) become
 * arrays tagged by their kind, so no two different contents share a form.
 */

import { ANNOTATION_KEYS } from './emit';
import { formatNumber } from './scalar';

const KNOWN: ReadonlySet<string> = new Set(ANNOTATION_KEYS);

/**
 * The content key of a record (an `Annotation`, or a record as parsed from YAML).
 * @param record the record's key/value map
 */
export function contentKey(record: object): string {
  const values = record as Record<string, unknown>;
  const form: unknown[] = [];
  for (const name of ANNOTATION_KEYS) {
    const value = values[name];
    form.push(value === undefined || value === null ? null : canonical(value));
  }
  const extras = Object.keys(values).filter((name) => !KNOWN.has(name) && values[name] !== undefined);
  if (extras.length > 0) form.push(['x', ...extras.sort().flatMap((name) => [name, canonical(values[name])])]);
  return JSON.stringify(form);
}

/**
 * The content key of any value a sidecar can hold.
 * @param value a string, number, boolean, null, list or map
 */
export function valueKey(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : ['#', formatNumber(value)];
    case 'undefined':
      return null;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return ['a', ...value.map(canonical)];
      const map = value as Record<string, unknown>;
      const names = Object.keys(map).filter((name) => map[name] !== undefined).sort();
      return ['m', ...names.flatMap((name) => [name, canonical(map[name])])];
    }
    default:
      throw new TypeError(`a sidecar cannot hold a value of type ${typeof value}`);
  }
}
