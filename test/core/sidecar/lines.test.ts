// A line text is one string in which every line is followed by '\n', with the offset of each line;
// LineBuilder makes a new one from runs of an old one and new lines.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineBuilder, lineAt, lineCount, lineTextOf, linesOf, withBytes, type LineText } from '../../../src/core/sidecar/lines';

/** A line text holds these lines: its text, its line starts, and each line read back (from its pieces when it has them). */
function assertLines(lines: LineText, expected: readonly string[]): void {
  const joined = lineTextOf(expected);
  assert.equal(lines.text, joined.text);
  assert.deepEqual([...lines.starts], [...joined.starts]);
  assert.deepEqual(linesOf(lines, 0, lineCount(lines)), expected);
}

/** The line text's invariants: each start is where a line begins, the last is the text's length. */
function assertWellFormed(lines: LineText): void {
  assert.equal(lines.starts.at(lineCount(lines)), lines.text.length);
  for (let i = 0; i < lineCount(lines); i++) assert.equal(lines.text[lines.starts.at(i + 1) - 1], '\n', `line ${i} ends in a line break`);
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
  assertLines(built, ['h', 'n1', 'n2', 'b1', 'b2', 't']);
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
  assertLines(builder.finish(), expected);
});

test('lines are read from the pieces of a text built from built texts, as from the joined text', () => {
  let lines = lineTextOf(Array.from({ length: 50 }, (_, i) => `old ${i} 😀`));
  const expected = Array.from({ length: 50 }, (_, i) => `old ${i} 😀`);
  for (let round = 0; round < 40; round++) {
    const builder = new LineBuilder(lines);
    const cut = (round * 7) % lineCount(lines);
    builder.keep(0, cut);
    builder.addAll([`new ${round}`, '']);
    builder.keep(cut, lineCount(lines));
    expected.splice(cut, 0, `new ${round}`, '');
    lines = builder.finish();
    assertLines(lines, expected);
  }
});

/** A line text's bytes joined, and the UTF-8 encoding of its text: they must be the same, line for line. */
function assertBytesOf(lines: LineText): void {
  assert.ok(lines.bytes, 'the bytes are known');
  const expected = Buffer.from(new TextEncoder().encode(lines.text));
  assert.deepEqual(Buffer.concat(lines.bytes.pieces.parts), expected);
  for (let i = 0; i <= lineCount(lines); i++) {
    assert.equal(lines.bytes.starts.at(i), Buffer.byteLength(lines.text.slice(0, lines.starts.at(i))), `line ${i} starts at its byte`);
  }
}

test('a text made from one with known bytes knows its bytes: kept runs and new lines, any characters', () => {
  const line = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 8 }).map((s) => s.replace(/\n/g, '')),
    fc.constantFrom('', '😀', '“curly” — dash…', 'é', 'crlf\r', 'lone \uD800 high', '\uDC00', 'ascii: 1'),
  );
  const step = fc.oneof(
    fc.record({ keep: fc.tuple(fc.nat(), fc.nat()) }),
    fc.record({ add: fc.array(line, { maxLength: 3 }) }),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), fc.array(fc.array(step, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), (first, rounds) => {
      let lines = withBytes(lineTextOf(first));
      assertBytesOf(lines);
      for (const steps of rounds) {
        const builder = new LineBuilder(lines);
        const count = lineCount(lines);
        let next = 0; // runs are kept in order, as the writer keeps them
        for (const s of steps) {
          if ('add' in s) builder.addAll(s.add);
          else if (count > 0) {
            const from = Math.min(count, next + (s.keep[0] % 3));
            const to = Math.min(count, from + (s.keep[1] % (count + 1)));
            builder.keep(from, to);
            next = to;
          }
        }
        lines = builder.finish();
        assertWellFormed(lines);
        assertBytesOf(lines);
      }
    }),
  );
});

test('bytes spread over many writes are joined once they are in too many pieces', () => {
  let lines = withBytes(lineTextOf(Array.from({ length: 200 }, (_, i) => `line ${i} “é” 😀`)));
  for (let round = 0; round < 100; round++) {
    const builder = new LineBuilder(lines);
    const cut = (round * 37) % lineCount(lines);
    builder.keep(0, cut);
    builder.addAll([`new ${round} ✓`]);
    builder.keep(cut, lineCount(lines));
    lines = builder.finish();
    assert.ok(lines.bytes!.pieces.parts.length <= 64 && (lines.pieces?.parts.length ?? 1) <= 64, `round ${round}: ${lines.bytes!.pieces.parts.length} pieces`);
  }
  assertBytesOf(lines);
});
