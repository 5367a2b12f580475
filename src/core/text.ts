/**
 * Document text as offsets are counted: a leading byte-order mark dropped, CRLF and lone CR read as LF,
 * and positions in Unicode code points. VS Code and JavaScript count UTF-16 code units; `OffsetIndex`
 * converts between the two at the edge so that only code points are ever stored.
 */

const BOM = '\uFEFF';

/**
 * Normalise raw document text the way every stored offset counts it.
 * @param raw the text as read from disk or from an editor buffer
 * @returns the text without a leading BOM, with CRLF and lone CR turned into LF
 */
export function normalizeText(raw: string): string {
  const withoutBom = raw.startsWith(BOM) ? raw.slice(1) : raw;
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

/**
 * Count the Unicode code points of a string.
 * @param s any string
 */
export function codePointLength(s: string): number {
  let astral = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        astral++;
        i++;
      }
    }
  }
  return s.length - astral;
}

/**
 * Index of the first element of a sorted array that is not less than `x`.
 * @param a numbers in ascending order
 * @param x the value looked for
 */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Converts offsets over one (normalised) text between UTF-16 code units and code points, and slices
 * the text by code points. Built once per text version: it records where the astral characters
 * (surrogate pairs) are, so a text without any converts in constant time and one with them in
 * O(log astral) per offset.
 */
export class OffsetIndex {
  /** The text this index was built over. */
  readonly text: string;
  /** Length of the text in code points. */
  readonly length: number;
  /** UTF-16 offset of each astral character, ascending. */
  private readonly astralUtf16: number[];
  /** Code-point offset of each astral character, ascending. */
  private readonly astralCodePoint: number[];
  /** UTF-16 offset of the start of each line, ascending (line 0 starts at 0). */
  private lineStarts: number[] | undefined;

  /**
   * @param text normalised document text (see `normalizeText`)
   */
  constructor(text: string) {
    this.text = text;
    this.astralUtf16 = [];
    this.astralCodePoint = [];
    const surrogate = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
    for (let m = surrogate.exec(text); m; m = surrogate.exec(text)) {
      this.astralCodePoint.push(m.index - this.astralUtf16.length);
      this.astralUtf16.push(m.index);
    }
    this.length = text.length - this.astralUtf16.length;
  }

  /**
   * Convert a UTF-16 offset to a code-point offset. An offset inside a surrogate pair rounds down
   * to the start of its character.
   * @param utf16 offset in UTF-16 code units, 0..text.length
   */
  toCodePoint(utf16: number): number {
    if (this.astralUtf16.length === 0) return utf16;
    return utf16 - lowerBound(this.astralUtf16, utf16);
  }

  /**
   * Convert a code-point offset to a UTF-16 offset.
   * @param codePoint offset in code points, 0..length
   */
  toUtf16(codePoint: number): number {
    if (this.astralCodePoint.length === 0) return codePoint;
    return codePoint + lowerBound(this.astralCodePoint, codePoint);
  }

  /**
   * The text between two code-point offsets.
   * @param start first code point, inclusive
   * @param end last code point, exclusive
   */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }

  /**
   * The zero-based line and column (in code points) of a code-point offset.
   * @param codePoint offset in code points
   */
  lineColumn(codePoint: number): { line: number; column: number } {
    this.lineStarts ??= computeLineStarts(this.text);
    const utf16 = this.toUtf16(codePoint);
    const line = lowerBound(this.lineStarts, utf16 + 1) - 1;
    const lineStartCodePoint = this.toCodePoint(this.lineStarts[line]!);
    return { line, column: codePoint - lineStartCodePoint };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * A text on one line and short, as a view, hint or notification names it: runs of white space as one
 * space, cut to `max` code points with an ellipsis.
 * @param text the text
 * @param max how many code points are shown at most, the ellipsis included
 */
export function oneLine(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/**
 * A text as a message quotes it: in double quotes with JSON escapes (a line break shows as `\n`), cut
 * to `max` code points with an ellipsis.
 * @param text the text
 * @param max how many code points are shown at most, the ellipsis included
 */
export function quoteForMessage(text: string, max: number): string {
  const chars = [...text];
  return JSON.stringify(chars.length > max ? chars.slice(0, max - 1).join('') + '…' : text);
}
