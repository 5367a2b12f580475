/**
 * Conversions at the edge between VS Code positions (line, UTF-16 character) and the code-point
 * offsets the model stores. Only code points are ever kept; positions are made when VS Code needs them.
 */
import * as vscode from 'vscode';
import type { OffsetIndex } from '../core/text';

/** Anything that carries the offset index of a normalised text (an AnnotatedDocument does). */
export interface HasOffsets {
  readonly offsets: OffsetIndex;
}

/** Code-point offset of the start of each line, per index (built on first use). */
const lineStartCache = new WeakMap<OffsetIndex, number[]>();

function lineStarts(index: OffsetIndex): number[] {
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
 * The VS Code position of a code-point offset.
 * @param index the offset index of the normalised text the offset counts over
 * @param offset code-point offset, clamped to the text
 */
export function positionAt(index: OffsetIndex, offset: number): vscode.Position {
  const clamped = Math.max(0, Math.min(offset, index.length));
  const { line, column } = index.lineColumn(clamped);
  const character = index.toUtf16(clamped) - index.toUtf16(clamped - column);
  return new vscode.Position(line, character);
}

/**
 * The code-point offset of a VS Code position over a normalised text. Lines are the same in VS Code
 * and in the normalised text (CRLF counts as one line break in both); a character past the end of
 * its line clamps to the line's end.
 * @param index the offset index of the normalised text
 * @param position line and UTF-16 character, as VS Code gives them
 */
export function offsetAt(index: OffsetIndex, position: vscode.Position): number {
  const starts = lineStarts(index);
  if (position.line >= starts.length) return index.length;
  const lineStart = starts[position.line]!;
  const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1]! - 1 : index.length;
  const utf16 = index.toUtf16(lineStart) + position.character;
  return Math.min(index.toCodePoint(Math.min(utf16, index.text.length)), lineEnd);
}

/**
 * The editor range of a span of an annotated document.
 * @param doc the annotated document (its offsets count over its current text)
 * @param start first code point, inclusive
 * @param end code point after the span
 */
export function toRange(doc: HasOffsets, start: number, end: number): vscode.Range {
  return new vscode.Range(positionAt(doc.offsets, start), positionAt(doc.offsets, end));
}

/**
 * The code-point offset of an editor position in an annotated document.
 * @param doc the annotated document
 * @param position line and UTF-16 character
 */
export function toOffset(doc: HasOffsets, position: vscode.Position): number {
  return offsetAt(doc.offsets, position);
}
