// A line text is one string in which every line is followed by '\n', with the offset of each line;
// LineBuilder makes a new one from runs of an old one and new lines.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineBuilder, lineAt, lineCount, lineTextOf, linesOf, type LineText } from '../../../src/core/sidecar/lines';

/** The line text's invariants: each start is where a line begins, the last is the text's length. */
function assertWellFormed(lines: LineText): void {
  assert.equal(lines.starts[lineCount(lines)], lines.text.length);
  for (let i = 0; i < lineCount(lines); i++) assert.equal(lines.text[lines.starts[i + 1]! - 1], '\n', `line ${i} ends in a line break`);
}

test('lines are read back without their line breaks, empty lines and astral characters included', () => {
  const lines = lineTextOf(['a: 1', '', '😀 text', '  - x']);
  assert.equal(lines.text, 'a: 1\n\n😀 text\n  - x\n');
  assert.equal(lineCount(lines), 4);
  assert.equal(lineAt(lines, 1), '');
  assert.equal(lineAt(lines, 2), '😀 text');
  assert.deepEqual(linesOf(lines, 1, 4), ['', '😀 text', '  - x']);
  assert.deepEqual(linesOf(lines, 2, 2), []);
  assertWellFormed(lines);
});

test('no lines make an empty text', () => {
  const lines = lineTextOf([]);
  assert.equal(lines.text, '');
  assert.equal(lineCount(lines), 0);
  assert.deepEqual([...lines.starts], [0]);
});

test('a joined text given by the caller is used only when it has the right length', () => {
  const joined = 'x\ny\n';
  assert.equal(lineTextOf(['x', 'y'], joined).text, joined);
  // A text without its last line break does not fit: the text is built from the lines.
  assert.equal(lineTextOf(['x', 'y'], 'x\ny').text, 'x\ny\n');
});

test('a builder keeps old runs and adds new lines in order', () => {
  const old = lineTextOf(['h', 'a1', 'a2', 'b1', 'b2', 't']);
  const builder = new LineBuilder(old);
  builder.keep(0, 1);
  builder.addAll(['n1']);
  builder.addAll(['n2']);
  builder.keep(3, 5);
  builder.keep(5, 6);
  builder.keep(2, 2);
  builder.addAll([]);
  assert.equal(builder.count, 6);
  assert.deepEqual(builder.linesFrom(2), ['n2', 'b1', 'b2', 't']);
  assert.deepEqual(builder.linesFrom(6), []);
  const built = builder.finish();
  assert.deepEqual(built, lineTextOf(['h', 'n1', 'n2', 'b1', 'b2', 't']));
  assertWellFormed(built);
});

test('a builder that adds nothing makes an empty text', () => {
  const built = new LineBuilder(lineTextOf(['a'])).finish();
  assert.equal(built.text, '');
  assert.equal(lineCount(built), 0);
});

test('many runs give the same text as joining the lines', () => {
  const oldLines = Array.from({ length: 300 }, (_, i) => `line ${i} ✓`);
  const old = lineTextOf(oldLines);
  const builder = new LineBuilder(old);
  const expected: string[] = [];
  for (let i = 0; i < 300; i += 3) {
    builder.keep(i, i + 2);
    expected.push(oldLines[i]!, oldLines[i + 1]!);
    builder.addAll([`new ${i}`]);
    expected.push(`new ${i}`);
  }
  assert.deepEqual(builder.finish(), lineTextOf(expected));
});
