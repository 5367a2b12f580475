/**
 * A record's content as one string, cheap to build and compare: two records get the same key exactly
 * when the writer would write them the same way. The splicing writer uses it to find the records that
 * did not change, and to check what it wrote.
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
  let key = '';
  for (const name of ANNOTATION_KEYS) {
    const value = values[name];
    if (value !== undefined && value !== null) key += `${name}=${valueKey(value)};`;
  }
  const extras = Object.keys(values).filter((name) => !KNOWN.has(name) && values[name] !== undefined);
  if (extras.length > 0) for (const name of extras.sort()) key += `${JSON.stringify(name)}=${valueKey(values[name])};`;
  return key;
}

/**
 * The content key of any value a sidecar can hold.
 * @param value a string, number, boolean, null, list or map
 */
export function valueKey(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return `#${formatNumber(value)}`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'null';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(valueKey).join(',')}]`;
      const map = value as Record<string, unknown>;
      const names = Object.keys(map).filter((name) => map[name] !== undefined).sort();
      return `{${names.map((name) => `${JSON.stringify(name)}:${valueKey(map[name])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`a sidecar cannot hold a value of type ${typeof value}`);
  }
}
