/**
 * Where each line of a text starts (in code units, or in bytes), kept as runs of another text's
 * offsets moved by a delta. The splicing writer makes each new text of a 10,000-record sidecar out
 * of long runs of the text before; as one array, every write copied and shifted the offsets of all
 * its 70,000 lines, twice (code units and bytes). As runs, a write costs one entry per run kept,
 * and the runs are made into one array again only when there are too many of them.
 */

/** Beyond this many runs, the offsets are copied into one array (a copy every few dozen writes). */
const MAX_RUNS = 64;

/** Line offsets: `at(i)` is where line `i` starts, and the last entry (`at(length - 1)`) where the text ends. */
export class LineOffsets implements Iterable<number> {
  /**
   * Offsets as runs (`LineOffsetsBuilder` makes them; `of` makes them from one array).
   * @param firsts the first line of each run, ascending, from 0
   * @param sources the array each run reads its offsets from
   * @param indexes where in its source each run's first offset is
   * @param deltas what is added to each offset of a run
   * @param length the number of lines plus one
   * @param end where the text ends
   */
  constructor(
    private readonly firsts: Int32Array,
    private readonly sources: readonly Int32Array[],
    private readonly indexes: Int32Array,
    private readonly deltas: Int32Array,
    readonly length: number,
    private readonly end: number,
  ) {}

  /**
   * Offsets from one array.
   * @param offsets where each line starts, then where the text ends
   */
  static of(offsets: Int32Array): LineOffsets {
    const lines = offsets.length - 1;
    const runs = lines > 0 ? 1 : 0;
    return new LineOffsets(new Int32Array(runs), runs ? [offsets] : [], new Int32Array(runs), new Int32Array(runs), offsets.length, offsets[lines]!);
  }

  /**
   * Where a line starts; for `length - 1`, where the text ends.
   * @param line 0-based line
   */
  at(line: number): number {
    if (line === this.length - 1) return this.end;
    const run = this.runOf(line);
    return this.sources[run]![this.indexes[run]! + line - this.firsts[run]!]! + this.deltas[run]!;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let line = 0; line < this.length; line++) yield this.at(line);
  }

  /** The run a line is in (binary search over the runs' first lines). */
  private runOf(line: number): number {
    const firsts = this.firsts;
    let low = 0;
    let high = firsts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (firsts[middle]! <= line) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * Each run that holds some of lines `from` to `to`: its array, where those lines' offsets are in
   * it, how many, and what is added to each.
   */
  runsOver(from: number, to: number, each: (source: Int32Array, index: number, count: number, delta: number) => void): void {
    if (from >= to) return;
    const lines = this.length - 1;
    for (let run = this.runOf(from); run < this.firsts.length && this.firsts[run]! < to; run++) {
      const first = this.firsts[run]!;
      const runEnd = run + 1 < this.firsts.length ? this.firsts[run + 1]! : lines;
      const lo = Math.max(from, first);
      const hi = Math.min(to, runEnd);
      if (lo < hi) each(this.sources[run]!, this.indexes[run]! + lo - first, hi - lo, this.deltas[run]!);
    }
  }
}

/** Line offsets made run by run, as `LineBuilder` makes a new text out of an old one's lines and new lines. */
export class LineOffsetsBuilder {
  private readonly firsts: number[] = [];
  private readonly sources: Int32Array[] = [];
  private readonly indexes: number[] = [];
  private readonly deltas: number[] = [];
  private lines = 0;

  /**
   * Lines of other offsets, each moved by `shift`.
   * @param offsets the other text's offsets
   * @param from its first line
   * @param to its line after the last
   * @param shift what is added to each offset
   */
  keep(offsets: LineOffsets, from: number, to: number, shift: number): void {
    offsets.runsOver(from, to, (source, index, count, delta) => this.add(source, index, count, delta + shift));
  }

  /**
   * Lines whose offsets are in an array.
   * @param source the array
   * @param index where the first line's offset is in it
   * @param count how many lines
   * @param delta what is added to each offset
   */
  add(source: Int32Array, index: number, count: number, delta: number): void {
    if (count <= 0) return;
    const last = this.sources.length - 1;
    // Continuing the run before it (the same array, the next index, the same delta): one run.
    if (last >= 0 && this.sources[last] === source && this.deltas[last] === delta && this.indexes[last]! + this.lines - this.firsts[last]! === index) {
      this.lines += count;
      return;
    }
    this.firsts.push(this.lines);
    this.sources.push(source);
    this.indexes.push(index);
    this.deltas.push(delta);
    this.lines += count;
  }

  /**
   * The offsets, ending with `end`; in one array when there are too many runs.
   * @param end where the text ends
   */
  finish(end: number): LineOffsets {
    const runs = new LineOffsets(Int32Array.from(this.firsts), this.sources, Int32Array.from(this.indexes), Int32Array.from(this.deltas), this.lines + 1, end);
    if (this.sources.length <= MAX_RUNS) return runs;
    const flat = new Int32Array(this.lines + 1);
    let line = 0;
    runs.runsOver(0, this.lines, (source, index, count, delta) => {
      for (let k = 0; k < count; k++) flat[line++] = source[index + k]! + delta;
    });
    flat[this.lines] = end;
    return LineOffsets.of(flat);
  }
}
