/**
 * A parser for the one form of YAML that Marginalia writes (`emit.ts`): block maps and block
 * sequences indented by two spaces, every scalar on its key's line, plain when `scalar.ts` would
 * write it plain, else single-quoted, else double-quoted with YAML's escapes. It reads such a file
 * about three times faster than js-yaml, and reads the same data (test/core/sidecar/canonical-load.test.ts
 * compares it with js-yaml and the `yaml` package on fixtures and on generated and mangled files).
 *
 * It refuses anything else rather than guess: any other indentation, a value on a later line, a
 * multi-line or block scalar, flow collections other than `[]` and `{}`, tags, anchors, aliases,
 * a key that is not a simple name or appears twice, a number in any but the plainest form, a tab, a
 * control character, a lone carriage return. Then the caller parses with js-yaml, which reads every
 * YAML file and reports what is wrong with it: a refusal costs time, never a different answer.
 */

import { MAX_NESTING_DEPTH } from './limits';
import { readsAsPlainString } from './scalar';

/** What refusing looks like inside the parser: thrown, caught once in `loadCanonical`. */
class NotCanonical extends Error {}

/**
 * Characters the writer never leaves raw, anywhere: tabs, control characters, a carriage return
 * that is not part of a CRLF, the Unicode line separators, a byte-order mark, the non-characters
 * (and lone surrogates, `isWellFormed`). With none of them, no line can hide a line break or a
 * character a YAML reader would refuse, and no scalar needs `NEEDS_ESCAPE` of `scalar.ts` again.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEVER_RAW = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|\r(?!\n)/;

/** A key the parser takes without quotes: a name no YAML reader reads as anything but itself. */
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Integers and decimals in their plainest form, well inside a double's exact range. */
const PLAIN_INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const PLAIN_DECIMAL = /^-?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;

/** The escapes of a double-quoted YAML scalar, but the numeric ones. */
const ESCAPED: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\u0007',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\u001B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00A0',
  L: '\u2028',
  P: '\u2029',
};

/** What the own parser read. */
export interface CanonicalData {
  /** The data, as js-yaml's core schema reads it. */
  data: Record<string, unknown>;
  /** The 0-based line of each item of the top-level `annotations` list (its dash), when that is a block list. */
  recordLines: readonly number[] | undefined;
}

/**
 * Parse a sidecar written in Marginalia's form.
 * @param source the whole text (without a byte-order mark)
 * @param lines the same text split into lines, without line terminators
 * @returns what it read; undefined when the text is not in that form
 */
export function loadCanonical(source: string, lines: readonly string[]): CanonicalData | undefined {
  if (NEVER_RAW.test(source) || !isWellFormed(source)) return undefined;
  const parser = new CanonicalParser(lines);
  try {
    const data = parser.map(0, 0);
    return parser.atEnd() && Object.keys(data).length > 0 ? { data, recordLines: parser.recordLines } : undefined;
  } catch (error) {
    if (error instanceof NotCanonical) return undefined;
    throw error;
  }
}

class CanonicalParser {
  /** The next line to read. */
  private next = 0;
  /** Keys already checked, by length: a line's key is matched against them in place, not cut out and looked up. */
  private readonly keysByLength: string[][] = [];
  /** The line of each item of the top-level `annotations` block list, as read. */
  recordLines: number[] | undefined;

  constructor(private readonly lines: readonly string[]) {
    this.skipBlankAndComments();
  }

  atEnd(): boolean {
    return this.next >= this.lines.length;
  }

  /**
   * A block map whose keys sit at `column`.
   * @param column the keys' column
   * @param depth collections open around it
   * @param onDashLine whether its first key follows a sequence item's dash on the current line (`- key: …`)
   */
  map(column: number, depth: number, onDashLine = false): Record<string, unknown> {
    if (depth >= MAX_NESTING_DEPTH) throw new NotCanonical();
    const map: Record<string, unknown> = {};
    for (; !this.atEnd(); onDashLine = false) {
      const line = this.lines[this.next]!;
      if (!onDashLine && this.indentOf(line) !== column) break;
      const colon = line.indexOf(':', column);
      if (colon === -1) throw new NotCanonical();
      const key = this.key(line, column, colon);
      if (Object.hasOwn(map, key)) throw new NotCanonical();
      map[key] = this.value(line, colon, column, depth, depth === 0 && key === 'annotations');
    }
    if (this.next < this.lines.length && this.indentOf(this.lines[this.next]!) > column) throw new NotCanonical();
    return map;
  }

  /**
   * The value after a key's colon: on the same line, or a block two spaces further in.
   * @param records whether it is the top-level `annotations` list, whose items' lines are kept
   */
  private value(line: string, colon: number, column: number, depth: number, records: boolean): unknown {
    if (colon === line.length - 1) {
      this.advance();
      if (this.atEnd()) throw new NotCanonical();
      const inner = this.lines[this.next]!;
      const innerColumn = column + 2;
      if (this.indentOf(inner) !== innerColumn) throw new NotCanonical();
      if (inner[innerColumn] !== '-' || inner[innerColumn + 1] !== ' ') return this.map(innerColumn, depth + 1);
      return this.sequence(innerColumn, depth + 1, records ? (this.recordLines = []) : undefined);
    }
    if (line[colon + 1] !== ' ') throw new NotCanonical();
    const value = plainCount(line, colon + 2) ?? scalar(line.slice(colon + 2));
    this.advance();
    return value;
  }

  /**
   * A block sequence whose dashes sit at `column`; each item is a scalar, or a map starting on the dash's line.
   * @param itemLines where to put each item's line, when wanted
   */
  private sequence(column: number, depth: number, itemLines?: number[]): unknown[] {
    if (depth >= MAX_NESTING_DEPTH) throw new NotCanonical();
    const items: unknown[] = [];
    while (!this.atEnd()) {
      const line = this.lines[this.next]!;
      if (this.indentOf(line) !== column) break;
      if (line[column] !== '-' || line[column + 1] !== ' ') throw new NotCanonical();
      itemLines?.push(this.next);
      const content = column + 2;
      if (startsWithKey(line, content)) items.push(this.map(content, depth + 1, true));
      else {
        items.push(scalar(line.slice(content)));
        this.advance();
      }
    }
    return items;
  }

  /** The key from `from` to `to` (its colon) of a line: a simple name, as a string shared by every line with that key. */
  private key(line: string, from: number, to: number): string {
    const sameLength = this.keysByLength[to - from];
    if (sameLength) for (const key of sameLength) if (line.startsWith(key, from)) return key;
    const text = line.slice(from, to);
    if (!SIMPLE_KEY.test(text) || text === '__proto__' || !readsAsPlainString(text)) throw new NotCanonical();
    (this.keysByLength[to - from] ??= []).push(text);
    return text;
  }

  private advance(): void {
    this.next++;
    this.skipBlankAndComments();
  }

  /**
   * Blank and comment-only lines carry no data (no value here spans lines, so none can hold them).
   * Blank means spaces only: YAML reads other white space (a no-break space) as content.
   */
  private skipBlankAndComments(): void {
    while (this.next < this.lines.length) {
      const line = this.lines[this.next]!;
      const first = this.indentOf(line);
      if (first < line.length && line[first] !== '#') return;
      this.next++;
    }
  }

  private indentOf(line: string): number {
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    return i;
  }
}

/** Whether a sequence item's content is a map's first key (`key:` then a space or the line's end). */
function startsWithKey(line: string, from: number): boolean {
  const colon = line.indexOf(':', from);
  return colon !== -1 && (colon === line.length - 1 || line[colon + 1] === ' ') && SIMPLE_KEY.test(line.slice(from, colon));
}

/**
 * The rest of a line read in place when it is a whole number without a sign in its plainest form
 * (`0`, or up to 15 digits not starting with 0: exact as a double), as every offset is; undefined for
 * anything else, which `scalar` reads. Offsets are two of a record's values: reading them without
 * cutting them out saves two strings a record.
 */
function plainCount(line: string, from: number): number | undefined {
  const digits = line.length - from;
  const first = line.charCodeAt(from) - 48;
  if (digits < 1 || digits > 15 || first < 0 || first > 9 || (first === 0 && digits > 1)) return undefined;
  let n = first;
  for (let i = from + 1; i < line.length; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    n = n * 10 + digit;
  }
  return n;
}

/** One scalar that fills the rest of its line. */
function scalar(text: string): unknown {
  const first = text[0];
  if (first === "'") return singleQuoted(text);
  if (first === '"') return doubleQuoted(text);
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (text === 'true') return true;
  if (text === 'false') return false;
  const code = text.charCodeAt(0);
  const mayBeNumber = code === 45 || (code >= 48 && code <= 57); // '-' or a digit
  if (mayBeNumber && (PLAIN_INTEGER.test(text) || PLAIN_DECIMAL.test(text))) {
    const n = Number(text);
    // Negative zero reads differently in the YAML readers; leave it to the general parser.
    if (n === 0 && text[0] === '-') throw new NotCanonical();
    return n;
  }
  if (!readsAsPlainString(text)) throw new NotCanonical();
  return text;
}

/** Whether a text has no lone surrogate (native). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function singleQuoted(text: string): string {
  const inner = text.slice(1, -1);
  if (text.length < 2 || text[text.length - 1] !== "'") throw new NotCanonical();
  // Every quote inside is doubled: a lone one would end the scalar before the line does.
  for (let i = inner.indexOf("'"); i !== -1; i = inner.indexOf("'", i + 2)) {
    if (inner[i + 1] !== "'") throw new NotCanonical();
  }
  return inner.includes("'") ? inner.replace(/''/g, "'") : inner;
}

function doubleQuoted(text: string): string {
  let out = '';
  let from = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (i !== text.length - 1) throw new NotCanonical();
      return out + text.slice(from, i);
    }
    if (c !== '\\') continue;
    out += text.slice(from, i);
    const e = text[++i];
    if (e === undefined) throw new NotCanonical();
    const simple = ESCAPED[e];
    if (simple !== undefined) out += simple;
    else {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = text.slice(i + 1, i + 1 + digits);
      if (digits === 0 || !/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) throw new NotCanonical();
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new NotCanonical();
      out += String.fromCodePoint(code);
      i += digits;
    }
    from = i + 1;
  }
  throw new NotCanonical();
}
