/**
 * A record's content as one string, cheap to build and compare: two records get the same key exactly
 * when the writer would write them the same way. The splicing writer uses it to find the records that
 * did not change, and to check what it wrote.
 *
 * The key is JSON (native, so fast) of a canonical form: the known keys' values by position, then the
 * extra keys sorted; maps, lists and the numbers JSON cannot tell apart (-0, NaN, infinities) become
 * arrays tagged by their kind, so no two different contents share a form.
 */

import { compiledOr } from '../compiled';
import { ANNOTATION_KEYS, isAnnotationKey } from './fields';
import { formatNumber } from './scalar';

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
  const extras = Object.keys(values).filter((name) => !isAnnotationKey(name) && values[name] !== undefined);
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

/**
 * Whether two records have the same content key, found without building either key: the splicing
 * writer compares every record with its previous version at each write, most are equal, and equal
 * strings and numbers are told apart at once.
 * @param a one record's key/value map
 * @param b another
 */
export const sameContent: (a: object, b: object) => boolean = compileSameContent();

/**
 * `sameContent` for the fields of the table, made once: it reads each field by its name (`x.id`),
 * several times faster than by a key taken from a list (`x[key]`), and tagging in a document of
 * 10,000 annotations compares every record at every write. Known keys with a value are counted on the
 * way: a record with as many own keys has no extra key, and only then are the extras compared. Where
 * the host forbids making code from text, the loop (`compiledOr`).
 */
function compileSameContent(): (a: object, b: object) => boolean {
  return compiledOr(() => {
    const body = ANNOTATION_KEYS.map((key) => {
      const field = JSON.stringify(key);
      // The same value at once, but 0 (which -0 equals, and is written apart from).
      return `u = x[${field}]; v = y[${field}]; if ((u !== v || u === 0) && !same(u, v)) return false; if (u !== undefined) dx++; if (v !== undefined) dy++;`;
    });
    const compiled = new Function(
      'same',
      'sameEntries',
      'ownKeyCount',
      `return function sameContent(x, y) { let u, v, dx = 0, dy = 0; ${body.join(' ')} return (ownKeyCount(x) === dx && ownKeyCount(y) === dy) || sameEntries(x, y, true); };`,
    ) as (same: typeof sameCanonical, entries: typeof sameEntries, count: typeof ownKeyCount) => (a: object, b: object) => boolean;
    return compiled(sameCanonical, sameEntries, ownKeyCount);
  }, sameContentByLoop);
}

/** `sameContent` as a loop over the keys of the table. */
function sameContentByLoop(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let dx = 0;
  let dy = 0;
  for (const key of ANNOTATION_KEYS) {
    const u = x[key];
    const v = y[key];
    if ((u !== v || u === 0) && !sameCanonical(u, v)) return false;
    if (u !== undefined) dx++;
    if (v !== undefined) dy++;
  }
  return (ownKeyCount(x) === dx && ownKeyCount(y) === dy) || sameEntries(x, y, true);
}

/**
 * The number of a map's own enumerable keys, as `Object.keys(map).length` gives, without making
 * the array: `sameContent` asks it twice per record, of every record, at every write.
 */
function ownKeyCount(map: object): number {
  let count = 0;
  for (const key in map) if (Object.prototype.hasOwnProperty.call(map, key)) count++;
  return count;
}

/**
 * Whether two values have the same canonical form (null and undefined both stand for nothing).
 * @param u one value
 * @param v another
 */
export function sameCanonical(u: unknown, v: unknown): boolean {
  if (u === v) return u !== 0 || Object.is(u, v); // the same string or object at once; -0 is written apart from 0
  if (u === undefined || u === null) return v === undefined || v === null;
  switch (typeof u) {
    case 'number':
      return typeof v === 'number' && Object.is(u, v); // NaN is NaN
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(u) !== Array.isArray(v)) return false;
      if (!Array.isArray(u)) return sameEntries(u as Record<string, unknown>, v as Record<string, unknown>, false);
      const w = v as unknown[];
      if (u.length !== w.length) return false;
      for (let i = 0; i < u.length; i++) if (!sameCanonical(u[i], w[i])) return false;
      return true;
    }
    default:
      return false; // strings and booleans are the same only when ===
  }
}

/**
 * Whether two maps have the same entries with a defined value.
 * @param onlyExtras count only the names that are not known annotation keys
 */
function sameEntries(x: Record<string, unknown>, y: Record<string, unknown>, onlyExtras: boolean): boolean {
  let entries = 0;
  for (const name of Object.keys(x)) {
    if (x[name] === undefined || (onlyExtras && isAnnotationKey(name))) continue;
    entries++;
    if (!Object.prototype.hasOwnProperty.call(y, name) || y[name] === undefined || !sameCanonical(x[name], y[name])) return false;
  }
  for (const name of Object.keys(y)) if (y[name] !== undefined && !(onlyExtras && isAnnotationKey(name))) entries--;
  return entries === 0;
}
