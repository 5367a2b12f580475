/**
 * How Marginalia's values fit brat's line-oriented standoff format (https://brat.nlplab.org/standoff.html),
 * shared by the brat exporter and importer.
 */

/** What brat writes between the texts of a discontinuous span's fragments (brat's `DISCONT_SEP`). */
export const BRAT_FRAGMENT_SEPARATOR = ' ';

/** A contiguous piece of a text-bound annotation, code-point offsets. */
export interface BratFragment {
  start: number;
  end: number;
}

/**
 * Every character Python's `str.splitlines` ends a line at: brat reads `.ann` files with it, so any of
 * them inside a line cuts the line in two (LF, CR, VT, FF, the file, group and record separators
 * 0x1C–0x1E, NEL, and the Unicode line and paragraph separators).
 */
// eslint-disable-next-line no-control-regex -- control characters are the point
export const BRAT_LINE_BREAK = /[\n\r\v\f\u001C-\u001E\u0085\u2028\u2029]/u;

/**
 * The fragments brat needs for a span: its text cut at every line break brat reads as one
 * (`BRAT_LINE_BREAK`), because the `.ann` line holds the span's text and brat marks a span across
 * lines with the discontinuous form `start end;start end`. Empty pieces are dropped, so a span that is
 * nothing but line breaks has none.
 * @param text the span's text
 * @param start the span's first code point in the document
 */
export function bratFragments(text: string, start: number): BratFragment[] {
  const fragments: BratFragment[] = [];
  let offset = start;
  for (const line of text.split(new RegExp(BRAT_LINE_BREAK, 'gu'))) {
    const length = [...line].length;
    if (length > 0) fragments.push({ start: offset, end: offset + length });
    offset += length + 1;
  }
  return fragments;
}

/**
 * Whether a text is one or more line breaks and nothing else: what may separate the fragments of a
 * span the exporter wrote (a Marginalia span is contiguous).
 * @param text the text between two fragments
 */
export function isBratLineBreaks(text: string): boolean {
  return text !== '' && [...text].every((c) => BRAT_LINE_BREAK.test(c));
}

/**
 * Characters brat reads as separators in attribute lines or `annotation.conf` values: white space as
 * Python sees it (JavaScript's `\s` misses 0x1C–0x1F and NEL) and brat's punctuation.
 */
// eslint-disable-next-line no-control-regex -- control characters are the point
const RESERVED = /[\s\u001C-\u001F\u0085%|,:;=<>#"\\]/gu;

/**
 * An attribute name or value as one brat token: brat splits attribute lines at spaces and lists a
 * multi-valued attribute's values with `|` and `,` in `annotation.conf`, so those characters (and `%`
 * itself) are percent-encoded; the empty string is written `""`.
 * @param value any attribute value
 */
export function encodeBratToken(value: string | number): string {
  const text = String(value);
  if (text === '') return '""';
  return text.replace(RESERVED, (c) =>
    [...new TextEncoder().encode(c)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join(''),
  );
}

/**
 * The value `encodeBratToken` encoded.
 * @param token the token as written in the `.ann` file
 */
export function decodeBratToken(token: string): string {
  if (token === '""') return '';
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

/** Escapes of the line breaks that have a short one; the others are written `\uXXXX`. */
const NOTE_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A note as the text field of a brat `AnnotatorNotes` line: one line as brat splits lines
 * (`BRAT_LINE_BREAK`), so backslash, tab, LF and CR are written `\\`, `\t`, `\n`, `\r`, and the
 * other line breaks `\u` and four hex digits (`\u2028`).
 * @param note the note
 */
export function escapeBratNote(note: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are the point
  return note.replace(/[\\\t\n\r\v\f\u001C-\u001E\u0085\u2028\u2029]/gu, (c) =>
    NOTE_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/**
 * The note `escapeBratNote` wrote.
 * @param field the text field of an `AnnotatorNotes` line
 */
export function unescapeBratNote(field: string): string {
  return field.replace(/\\([\\tnr]|u[0-9A-Fa-f]{4})/g, (_, c: string) =>
    c === '\\' ? '\\' : c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : String.fromCharCode(parseInt(c.slice(1), 16)),
  );
}
