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
 * The fragments brat needs for a span: its text cut at every line break, because the `.ann` line
 * holds the span's text and brat marks a span across lines with the discontinuous form
 * `start end;start end`. Empty pieces are dropped, so a span that is nothing but line breaks has none.
 * @param text the span's text
 * @param start the span's first code point in the document
 */
export function bratFragments(text: string, start: number): BratFragment[] {
  const fragments: BratFragment[] = [];
  let offset = start;
  for (const line of text.split('\n')) {
    const length = [...line].length;
    if (length > 0) fragments.push({ start: offset, end: offset + length });
    offset += length + 1;
  }
  return fragments;
}

/** Characters brat reads as separators in attribute lines or `annotation.conf` values. */
const RESERVED = /[\s%|,:;=<>#"\\]/gu;

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

/**
 * A note as the text field of a brat `AnnotatorNotes` line: one line, so backslash, tab and line
 * break are written `\\`, `\t`, `\n`.
 * @param note the note
 */
export function escapeBratNote(note: string): string {
  return note.replace(/[\\\t\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : '\\n'));
}

/**
 * The note `escapeBratNote` wrote.
 * @param field the text field of an `AnnotatorNotes` line
 */
export function unescapeBratNote(field: string): string {
  return field.replace(/\\([\\tn])/g, (_, c: string) => (c === '\\' ? '\\' : c === 't' ? '\t' : '\n'));
}
