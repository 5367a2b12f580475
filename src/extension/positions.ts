/**
 * Conversions at the edge between VS Code positions (line, UTF-16 character) and the code-point
 * offsets the model stores. Only code points are ever kept; positions are made when VS Code needs them.
 */
import * as vscode from 'vscode';
import { offsetAt } from '../core/line-offsets';
import type { OffsetIndex } from '../core/text';

/** Anything that carries the offset index of a normalised text (an AnnotatedDocument does). */
export interface HasOffsets {
  readonly offsets: OffsetIndex;
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
