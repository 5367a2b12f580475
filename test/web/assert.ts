// `node:assert/strict` for the web-worker extension host, which has no Node built-ins: the functions the
// integration tests use, with the same strict semantics (Object.is, deep equality that compares
// prototypes, Maps, Sets, Dates and RegExps as Node does). scripts/build-web-tests.mjs puts this module in
// place of `node:assert/strict` and fails when a test uses a function missing here;
// test/web/assert.test.ts checks each function against Node's own on generated values.

/** The error every failed assertion throws, as Node's does (name, code, actual, expected, operator). */
export class AssertionError extends Error {
  readonly code = 'ERR_ASSERTION';
  readonly actual: unknown;
  readonly expected: unknown;
  readonly operator: string;

  constructor(options: { message?: string | Error; actual?: unknown; expected?: unknown; operator: string; describe: string }) {
    super(typeof options.message === 'string' ? options.message : options.describe);
    this.name = 'AssertionError';
    this.actual = options.actual;
    this.expected = options.expected;
    this.operator = options.operator;
  }
}

type Message = string | Error | undefined;

function raise(message: Message, fields: { actual?: unknown; expected?: unknown; operator: string; describe: string }): never {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message, ...fields });
}

/** A short, readable rendering of a value for a failure message. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return `[Function ${value.name || '(anonymous)'}]`;
  if (value instanceof Map) return `Map(${show([...value])})`;
  if (value instanceof Set) return `Set(${show([...value])})`;
  if (value instanceof RegExp || value instanceof Date || typeof value === 'symbol') return String(value);
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '[undefined]' : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Asserts that a value is truthy.
 * @param value the value
 * @param message the failure message, or an error to throw
 */
export function ok(value: unknown, message?: Message): asserts value {
  if (!value) raise(message, { actual: value, expected: true, operator: '==', describe: `The expression evaluated to a falsy value: ${show(value)}` });
}

/**
 * Asserts `Object.is(actual, expected)`.
 * @param actual the value tested
 * @param expected the value wanted
 * @param message the failure message, or an error to throw
 */
export function equal<T>(actual: unknown, expected: T, message?: Message): asserts actual is T {
  if (!Object.is(actual, expected)) {
    raise(message, { actual, expected, operator: 'strictEqual', describe: `Expected values to be strictly equal:\n${show(actual)} !== ${show(expected)}` });
  }
}

/**
 * Asserts `!Object.is(actual, expected)`.
 * @param actual the value tested
 * @param expected the value it must not be
 * @param message the failure message, or an error to throw
 */
export function notEqual(actual: unknown, expected: unknown, message?: Message): void {
  if (Object.is(actual, expected)) {
    raise(message, { actual, expected, operator: 'notStrictEqual', describe: `Expected "actual" to be strictly unequal to: ${show(expected)}` });
  }
}

/**
 * Asserts that two values are deeply and strictly equal, as Node's `assert.deepStrictEqual` decides.
 * @param actual the value tested
 * @param expected the value wanted
 * @param message the failure message, or an error to throw
 */
export function deepEqual<T>(actual: unknown, expected: T, message?: Message): asserts actual is T {
  if (!deepStrictEqual(actual, expected, new Map())) {
    raise(message, { actual, expected, operator: 'deepStrictEqual', describe: `Expected values to be strictly deep-equal:\nactual:   ${show(actual)}\nexpected: ${show(expected)}` });
  }
}

/**
 * Asserts that a string matches a regular expression.
 * @param actual the string
 * @param pattern the expression
 * @param message the failure message, or an error to throw
 */
export function match(actual: string, pattern: RegExp, message?: Message): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) {
    raise(message, { actual, expected: pattern, operator: 'match', describe: `The input did not match the regular expression ${pattern}. Input:\n${show(actual)}` });
  }
}

/**
 * Asserts that a string does not match a regular expression.
 * @param actual the string
 * @param pattern the expression
 * @param message the failure message, or an error to throw
 */
export function doesNotMatch(actual: string, pattern: RegExp, message?: Message): void {
  if (typeof actual !== 'string' || pattern.test(actual)) {
    raise(message, { actual, expected: pattern, operator: 'doesNotMatch', describe: `The input was expected to not match the regular expression ${pattern}. Input:\n${show(actual)}` });
  }
}

/**
 * Fails at once.
 * @param message the failure message, or an error to throw
 */
export function fail(message: Message = 'Failed'): never {
  raise(message, { operator: 'fail', describe: 'Failed' });
}

const objectTag = (value: object): string => Object.prototype.toString.call(value);

/** Own enumerable string keys and own enumerable symbols, which Node's strict comparison both checks. */
function ownKeys(value: object): (string | symbol)[] {
  return [...Object.keys(value), ...Object.getOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s))];
}

/**
 * Node's strict deep equality for the values tests compare: primitives by Object.is; objects by
 * prototype, tag, own enumerable keys (symbols included) and, per kind, Array items, Map entries,
 * Set members, Date times, RegExp sources and flags, boxed primitives' values, Error names and messages.
 * `seen` pairs objects already being compared, for cycles.
 */
function deepStrictEqual(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || objectTag(a) !== objectTag(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  try {
    if (Array.isArray(a) && (a as unknown[]).length !== (b as unknown[]).length) return false;
    // Node compares Date times with !==: two invalid Dates (NaN) differ.
    if (a instanceof Date && a.getTime() !== (b as Date).getTime()) return false;
    if (a instanceof RegExp && (a.source !== (b as RegExp).source || a.flags !== (b as RegExp).flags || a.lastIndex !== (b as RegExp).lastIndex)) return false;
    if (a instanceof Error && (a.name !== (b as Error).name || a.message !== (b as Error).message)) return false;
    if ((a instanceof Number || a instanceof String || a instanceof Boolean) && !Object.is(a.valueOf(), (b as typeof a).valueOf())) return false;
    if (ArrayBuffer.isView(a)) {
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength);
      if (x.length !== y.length || x.some((byte, i) => byte !== y[i])) return false;
    }
    if (a instanceof Map && !sameMaps(a, b as Map<unknown, unknown>, seen)) return false;
    if (a instanceof Set && !sameSets(a, b as Set<unknown>, seen)) return false;
    const keysA = ownKeys(a);
    const keysB = ownKeys(b);
    if (keysA.length !== keysB.length) return false;
    const inB = new Set(keysB);
    return keysA.every(
      (key) => inB.has(key) && deepStrictEqual((a as Record<string | symbol, unknown>)[key], (b as Record<string | symbol, unknown>)[key], seen),
    );
  } finally {
    seen.delete(a);
  }
}

function sameMaps(a: Map<unknown, unknown>, b: Map<unknown, unknown>, seen: Map<object, object>): boolean {
  if (a.size !== b.size) return false;
  const unmatched = [...b];
  for (const [key, value] of a) {
    if (b.has(key) && (typeof key !== 'object' || key === null)) {
      if (!deepStrictEqual(value, b.get(key), seen)) return false;
      unmatched.splice(unmatched.findIndex(([k]) => Object.is(k, key)), 1);
      continue;
    }
    const at = unmatched.findIndex(([k, v]) => deepStrictEqual(key, k, seen) && deepStrictEqual(value, v, seen));
    if (at === -1) return false;
    unmatched.splice(at, 1);
  }
  return true;
}

function sameSets(a: Set<unknown>, b: Set<unknown>, seen: Map<object, object>): boolean {
  if (a.size !== b.size) return false;
  const unmatched = [...b];
  for (const member of a) {
    const at = b.has(member) ? unmatched.findIndex((m) => Object.is(m, member)) : unmatched.findIndex((m) => deepStrictEqual(member, m, seen));
    if (at === -1) return false;
    unmatched.splice(at, 1);
  }
  return true;
}
