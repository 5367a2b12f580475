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

/** First characters that have a meaning of their own in YAML (indicators); white space is the other unsafe first character. */
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

/** Plain scalars some YAML reader would take for something other than a string. */
const NOT_A_STRING_FORMS: RegExp[] = [
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

/** The forms above as one expression: one match instead of seven for each plain scalar read or written. */
const NOT_A_STRING = new RegExp(NOT_A_STRING_FORMS.map((form) => `(?:${form.source})`).join('|'));

/** The first characters of the forms above: a string that starts with none of them is none of them. */
const NOT_A_STRING_FIRST = '~nNtTfFyYoO<=-+.0123456789eE';

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
const MAY_NOT_BE_A_STRING_FIRST = '-+.0123456789eE';

/**
 * Whether a string with no character that needs escaping (see `NEEDS_ESCAPE`) reads back as itself
 * when written plain, in every YAML reader: it does not start with an indicator or white space, holds
 * no `: ` or ` #` (which end or interrupt a plain scalar), does not end in `:` or white space, and is
 * not a null, boolean, number or timestamp. Every plain value of a sidecar read by the own parser is
 * checked here, so the checks are made on characters, and the forms matched only for a string that
 * may be one of them.
 * @param s a string without control characters, line separators, byte-order marks or lone surrogates
 */
export function readsAsPlainString(s: string): boolean {
  if (s === '') return false;
  const first = s.charAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (INDICATORS.includes(first) || isWhiteSpace(s.charCodeAt(0)) || last === 0x3a || isWhiteSpace(last)) return false;
  if (s.includes(': ') || s.includes(' #')) return false;
  if (!NOT_A_STRING_FIRST.includes(first) || (s.length > 5 && !MAY_NOT_BE_A_STRING_FIRST.includes(first))) return true;
  return !NOT_A_STRING.test(s);
}

/** Whether a UTF-16 code unit is white space as a regular expression's `\s` means it. */
function isWhiteSpace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  return unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 || unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff;
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
