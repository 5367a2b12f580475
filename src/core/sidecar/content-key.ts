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

/** Known keys as a plain lookup table, faster than a Set in the loop below. */
const IS_KNOWN: Readonly<Record<string, true>> = Object.assign(Object.create(null) as Record<string, true>, Object.fromEntries(ANNOTATION_KEYS.map((k) => [k, true])));

/**
 * Whether two records have the same content key, found without building either key: the splicing
 * writer compares every record with its previous version at each write, most are equal, and equal
 * strings and numbers are told apart at once.
 * @param a one record's key/value map
 * @param b another
 */
export function sameContent(a: object, b: object): boolean {
  const x = a as Partial<Record<(typeof ANNOTATION_KEYS)[number], unknown>>;
  const y = b as Partial<Record<(typeof ANNOTATION_KEYS)[number], unknown>>;
  // Spelled out: reading properties by name is several times faster than by a key from a list.
  return (
    sameCanonical(x.id, y.id) &&
    sameCanonical(x.start, y.start) &&
    sameCanonical(x.end, y.end) &&
    sameCanonical(x.label, y.label) &&
    sameCanonical(x.text, y.text) &&
    sameCanonical(x.prefix, y.prefix) &&
    sameCanonical(x.suffix, y.suffix) &&
    sameCanonical(x.entity, y.entity) &&
    sameCanonical(x.attributes, y.attributes) &&
    sameCanonical(x.note, y.note) &&
    sameCanonical(x.author, y.author) &&
    sameCanonical(x.created, y.created) &&
    sameCanonical(x.status, y.status) &&
    sameExtras(a as Record<string, unknown>, b as Record<string, unknown>)
  );
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

/** Whether two records have the same extra keys (not known ones) with a defined value, and the same values there. */
function sameExtras(x: Record<string, unknown>, y: Record<string, unknown>): boolean {
  return (withoutExtras(x) && withoutExtras(y)) || sameEntries(x, y, true);
}

/**
 * Whether a record surely has no other own key than known keys with a value (most records): then it
 * has as many keys as known keys with a value. Counting is much faster than looking each key up.
 * @param record a record's key/value map
 */
export function withoutExtras(record: Record<string, unknown>): boolean {
  const r = record as Partial<Record<(typeof ANNOTATION_KEYS)[number], unknown>>;
  const defined =
    +(r.id !== undefined) + +(r.label !== undefined) + +(r.start !== undefined) + +(r.end !== undefined) + +(r.text !== undefined) +
    +(r.prefix !== undefined) + +(r.suffix !== undefined) + +(r.entity !== undefined) + +(r.attributes !== undefined) +
    +(r.note !== undefined) + +(r.author !== undefined) + +(r.created !== undefined) + +(r.status !== undefined);
  return Object.keys(record).length === defined;
}

/**
 * Whether two maps have the same entries with a defined value.
 * @param onlyExtras count only the names that are not known annotation keys
 */
function sameEntries(x: Record<string, unknown>, y: Record<string, unknown>, onlyExtras: boolean): boolean {
  let entries = 0;
  for (const name of Object.keys(x)) {
    if (x[name] === undefined || (onlyExtras && IS_KNOWN[name])) continue;
    entries++;
    if (!Object.prototype.hasOwnProperty.call(y, name) || y[name] === undefined || !sameCanonical(x[name], y[name])) return false;
  }
  for (const name of Object.keys(y)) if (y[name] !== undefined && !(onlyExtras && IS_KNOWN[name])) entries--;
  return entries === 0;
}
