// The edge between VS Code positions (line, UTF-16 character) and the code-point offsets the model
// stores: an astral character is one code point but two UTF-16 units.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { OffsetIndex } from '../../src/core/text';
import { positionAt, toOffset, toRange } from '../../src/extension/positions';

suite('Positions: code points ↔ VS Code positions', () => {
  const doc = { offsets: new OffsetIndex('a😀b\nc😀😀d\n') };
  /** Every code-point offset of the text with the position VS Code gives it. */
  const expected: [number, number, number][] = [
    [0, 0, 0],
    [1, 0, 1],
    [2, 0, 3],
    [3, 0, 4],
    [4, 1, 0],
    [5, 1, 1],
    [6, 1, 3],
    [7, 1, 5],
    [8, 1, 6],
    [9, 2, 0],
  ];

  test('a code-point offset becomes the line and UTF-16 character VS Code counts', () => {
    for (const [offset, line, character] of expected) assert.deepEqual(positionAt(doc.offsets, offset), new vscode.Position(line, character), `offset ${offset}`);
  });

  test('a position becomes the code-point offset again', () => {
    for (const [offset, line, character] of expected) assert.equal(toOffset(doc, new vscode.Position(line, character)), offset, `${line}:${character}`);
  });

  test('an offset outside the text is clamped to it', () => {
    assert.deepEqual(positionAt(doc.offsets, -3), new vscode.Position(0, 0));
    assert.deepEqual(positionAt(doc.offsets, 99), new vscode.Position(2, 0));
  });

  test('a span becomes the range between its two positions', () => {
    assert.deepEqual(toRange(doc, 1, 7), new vscode.Range(0, 1, 1, 5));
  });
});
