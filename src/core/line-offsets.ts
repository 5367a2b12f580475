/**
 * Code-point offsets of positions given in lines and UTF-16 characters (as editors give them), over
 * a normalised text.
 */
import type { OffsetIndex } from './text';

/** Code-point offset of the start of each line, per index (built on first use). */
const lineStartCache = new WeakMap<OffsetIndex, number[]>();

/**
 * The code-point offset of the start of each line of a normalised text.
 * @param index the text's offset index
 */
export function lineStarts(index: OffsetIndex): number[] {
  let starts = lineStartCache.get(index);
  if (!starts) {
    starts = [0];
    const text = index.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(index.toCodePoint(i + 1));
    lineStartCache.set(index, starts);
  }
  return starts;
}

/**
 * The code-point offset of a line and UTF-16 character over a normalised text. Lines are the same in
 * an editor and in the normalised text (CRLF counts as one line break in both); a character past the
 * end of its line clamps to the line's end.
 * @param index the offset index of the normalised text
 * @param position line and UTF-16 character, both from 0
 */
export function offsetAt(index: OffsetIndex, position: { readonly line: number; readonly character: number }): number {
  const starts = lineStarts(index);
  if (position.line >= starts.length) return index.length;
  const lineStart = starts[position.line]!;
  const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1]! - 1 : index.length;
  const utf16 = index.toUtf16(lineStart) + position.character;
  return Math.min(index.toCodePoint(Math.min(utf16, index.text.length)), lineEnd);
}
