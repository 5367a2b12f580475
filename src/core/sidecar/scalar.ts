/**
 * How one value is written in a sidecar. The rule is fixed so that the same string always gets the
 * same bytes: a string is written plain when every YAML reader (1.2 core schema, YAML 1.1 as PyYAML
 * reads it, js-yaml) reads it back as that same string; otherwise in single quotes; and in double
 * quotes only when it holds a character that must be escaped (line breaks, tabs, control
 * characters). Other Unicode (emoji, curly quotes, dashes) is written as it is, and nothing is ever
 * folded onto a second line.
 */

/** Characters that cannot stand unescaped on one line: C0 controls (tab and line breaks included),
 * DEL, C1 controls, the Unicode line and paragraph separators, the byte-order mark, lone surrogates
 * and the two non-characters YAML forbids. */
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A first character that has a meaning of its own in YAML (indicator), or white space. */
const UNSAFE_FIRST = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/** Sequences that end or interrupt a plain scalar. */
const UNSAFE_INSIDE = /: |:$| #|\s$/;

/** Plain scalars some YAML reader would take for something other than a string. */
const NOT_A_STRING: RegExp[] = [
  // null and booleans (YAML 1.2 core and YAML 1.1), merge key and value indicator of YAML 1.1
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|<<|=)$/,
  // integers: decimal, hex, octal, binary, with YAML 1.1 underscores
  /^[-+]?(?:[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)$/,
  // floats, with or without exponent (the yaml package's YAML 1.1 schema even reads `.`, `._` and an
  // exponent without digits before it, `e0` or `-E5`, as numbers), and YAML 1.1 sexagesimal numbers (190:20:30)
  /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]*)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[eE][-+]?[0-9]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/,
  // YAML 1.1 timestamps (2026-11-22, 2026-11-22T10:00:00Z, 2026-11-22 10:00:00 +1)
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];

/**
 * Write a string as a YAML scalar on one line.
 * @param s any string
 * @returns the scalar as it appears after `key: `
 */
export function formatString(s: string): string {
  if (NEEDS_ESCAPE.test(s)) return doubleQuoted(s);
  if (isPlainSafe(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

/**
 * Write a number as a YAML scalar that reads back as the same number (negative zero, infinities
 * and NaN included).
 * @param n any number
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  // js-yaml reads `-0` as the integer 0; as a float it keeps its sign.
  if (Object.is(n, -0)) return '-0.0';
  return String(n);
}

/** Whether a string may be written without quotes. */
function isPlainSafe(s: string): boolean {
  return !NEEDS_ESCAPE.test(s) && readsAsPlainString(s);
}

/** The first characters a plain scalar of `NOT_A_STRING` longer than its word list (5 characters) can have. */
const MAY_NOT_BE_A_STRING = /^[-+.0-9eE]/;

/**
 * Whether a string with no character that needs escaping (see `NEEDS_ESCAPE`) reads back as itself
 * when written plain, in every YAML reader.
 * @param s a string without control characters, line separators, byte-order marks or lone surrogates
 */
export function readsAsPlainString(s: string): boolean {
  if (s === '' || UNSAFE_FIRST.test(s) || UNSAFE_INSIDE.test(s)) return false;
  if (s.length > 5 && !MAY_NOT_BE_A_STRING.test(s)) return true;
  return !NOT_A_STRING.some((pattern) => pattern.test(s));
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\u0007': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\u001B': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function doubleQuoted(s: string): string {
  const escaped = s.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /["\\\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (c) => ESCAPES[c] ?? hexEscape(c.charCodeAt(0)),
  );
  return `"${escaped}"`;
}

function hexEscape(code: number): string {
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
