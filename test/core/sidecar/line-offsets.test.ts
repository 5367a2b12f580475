// Line offsets kept as runs of other offsets moved by a delta must read exactly as one array of the
// same offsets would, however many writes they went through.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineOffsets, LineOffsetsBuilder } from '../../../src/core/sidecar/line-offsets';

/** Offsets of lines of these lengths (each with its line break): every line's start, then the end. */
function offsetsOf(lengths: readonly number[]): number[] {
  const offsets = [0];
  for (const length of lengths) offsets.push(offsets[offsets.length - 1]! + length + 1);
  return offsets;
}

test('offsets from one array read as that array, the end last', () => {
  const offsets = LineOffsets.of(Int32Array.of(0, 4, 5, 12));
  assert.equal(offsets.length, 4);
  assert.deepEqual([0, 1, 2, 3].map((line) => offsets.at(line)), [0, 4, 5, 12]);
  assert.deepEqual([...offsets], [0, 4, 5, 12]);
  assert.deepEqual([...LineOffsets.of(Int32Array.of(0))], [0], 'no lines: the end only');
});

test('kept runs are moved by the lines before them, and a run that goes on where the last stopped is merged into it', () => {
  const old = LineOffsets.of(Int32Array.from(offsetsOf([3, 0, 5, 2])));
  const builder = new LineOffsetsBuilder();
  builder.keep(old, 0, 2, 0);
  builder.add(Int32Array.of(5), 0, 1, 0); // a new line of 7 code units at offset 5
  builder.keep(old, 2, 4, 8); // the old lines 2 and 3 after it
  const made = builder.finish(offsetsOf([3, 0, 7, 5, 2]).at(-1)!);
  assert.deepEqual([...made], offsetsOf([3, 0, 7, 5, 2]));

  // The same runs kept again, next to each other with the same delta: as if kept in one piece.
  const again = new LineOffsetsBuilder();
  again.keep(made, 0, 3, 0);
  again.keep(made, 3, 5, 0);
  assert.deepEqual([...again.finish(made.at(5))], [...made]);
});

test('after any chain of writes, the offsets are those of the lines, past the point where the runs are made into one array', () => {
  const step = fc.record({ at: fc.nat(), insert: fc.array(fc.nat({ max: 9 }), { maxLength: 3 }), remove: fc.nat({ max: 2 }) });
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 30 }), fc.array(step, { minLength: 70, maxLength: 120 }), (first, steps) => {
      let lengths = [...first];
      let offsets = LineOffsets.of(Int32Array.from(offsetsOf(lengths)));
      for (const { at, insert, remove } of steps) {
        // Keep the lines before `cut`, write new ones, drop `remove` old ones, keep the rest: as the splice does.
        const cut = at % (lengths.length + 1);
        const dropped = Math.min(remove, lengths.length - cut);
        const builder = new LineOffsetsBuilder();
        builder.keep(offsets, 0, cut, 0);
        const start = offsets.at(cut);
        const fresh = Int32Array.from(offsetsOf(insert).slice(0, -1), (offset) => start + offset);
        builder.add(fresh, 0, fresh.length, 0);
        const inserted = insert.reduce((total, length) => total + length + 1, 0);
        const removed = offsets.at(cut + dropped) - start;
        builder.keep(offsets, cut + dropped, lengths.length, inserted - removed);
        lengths = [...lengths.slice(0, cut), ...insert, ...lengths.slice(cut + dropped)];
        offsets = builder.finish(offsets.at(offsets.length - 1) + inserted - removed);
        assert.deepEqual([...offsets], offsetsOf(lengths));
      }
    }),
  );
});
