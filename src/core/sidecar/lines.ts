/**
 * A sidecar's lines kept as one text with the offset of each line, instead of an array of line
 * strings. The splicing writer builds each new text out of long runs of the previous one: as an
 * array that is one push (and one string kept alive) per line, tens of thousands per write; here it
 * is one slice per run and one offset per line in a typed array, which the garbage collector never
 * has to trace.
 */

/** A text as lines: every line is followed by '\n' (LF only, no byte-order mark). */
export interface LineText {
  /** The lines, each followed by '\n'. */
  readonly text: string;
  /** `starts[i]` is where line `i` starts in `text`; the last entry is `text.length`. */
  readonly starts: Int32Array;
}

/**
 * Number of lines of a line text.
 * @param lines the line text
 */
export function lineCount(lines: LineText): number {
  return lines.starts.length - 1;
}

/**
 * One line, without its line break.
 * @param lines the line text
 * @param index 0-based line
 */
export function lineAt(lines: LineText, index: number): string {
  return lines.text.slice(lines.starts[index], lines.starts[index + 1]! - 1);
}

/**
 * Some lines as strings, without line breaks.
 * @param lines the line text
 * @param from first 0-based line
 * @param to the line after the last one
 */
export function linesOf(lines: LineText, from: number, to: number): string[] {
  const result: string[] = [];
  for (let i = from; i < to; i++) result.push(lineAt(lines, i));
  return result;
}

/**
 * A line text from lines (without terminators).
 * @param lines the lines
 * @param joined the same lines each followed by '\n', when the caller already has that text (so it is not built again)
 */
export function lineTextOf(lines: readonly string[], joined?: string): LineText {
  const starts = new Int32Array(lines.length + 1);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += lines[i]!.length + 1;
  }
  starts[lines.length] = offset;
  // The text must be exactly the lines, each followed by a line break; otherwise it is built from them.
  const text = joined !== undefined && joined.length === offset ? joined : lines.length === 0 ? '' : lines.join('\n') + '\n';
  return { text, starts };
}

/** A run of lines of the new text: lines `from` to `to` of the old text, or new lines. */
interface Segment {
  /** 0-based line of the new text where the segment starts. */
  at: number;
  /** First old line (kept runs only). */
  from: number;
  /** The old line after the last one (kept runs only). */
  to: number;
  /** New lines (undefined for kept runs). */
  fresh: string[] | undefined;
}

/**
 * The lines of a new text, written as runs kept from an old text and new lines between them. Nothing
 * is copied per kept line until `finish`, which copies offsets only.
 */
export class LineBuilder {
  private readonly segments: Segment[] = [];
  private lines = 0;

  /** @param old the text that kept runs come from */
  constructor(private readonly old: LineText) {}

  /** Number of lines so far. */
  get count(): number {
    return this.lines;
  }

  /**
   * Keep old lines.
   * @param from first old line
   * @param to the old line after the last one
   */
  keep(from: number, to: number): void {
    if (from >= to) return;
    const last = this.segments[this.segments.length - 1];
    if (last && !last.fresh && last.to === from) last.to = to;
    else this.segments.push({ at: this.lines, from, to, fresh: undefined });
    this.lines += to - from;
  }

  /**
   * Add new lines.
   * @param lines lines without line breaks
   */
  addAll(lines: readonly string[]): void {
    if (lines.length === 0) return;
    const last = this.segments[this.segments.length - 1];
    if (last?.fresh) last.fresh.push(...lines);
    else this.segments.push({ at: this.lines, from: 0, to: 0, fresh: [...lines] });
    this.lines += lines.length;
  }

  /**
   * The lines from one line of the new text to the end so far (a record block just written: few).
   * @param from 0-based line of the new text
   */
  linesFrom(from: number): string[] {
    const result: string[] = [];
    for (let s = this.segments.length - 1; s >= 0 && this.segments[s]!.at + this.size(this.segments[s]!) > from; s--) {
      const segment = this.segments[s]!;
      const skip = Math.max(0, from - segment.at);
      const part = segment.fresh ? segment.fresh.slice(skip) : linesOf(this.old, segment.from + skip, segment.to);
      result.unshift(...part);
    }
    return result;
  }

  /** The new text. */
  finish(): LineText {
    const starts = new Int32Array(this.lines + 1);
    const pieces: string[] = [];
    const old = this.old;
    let offset = 0;
    let line = 0;
    for (const segment of this.segments) {
      let piece: string;
      if (segment.fresh) {
        for (const fresh of segment.fresh) {
          starts[line++] = offset;
          offset += fresh.length + 1;
        }
        piece = segment.fresh.join('\n') + '\n';
      } else {
        const base = old.starts[segment.from]!;
        const shift = offset - base;
        for (let i = segment.from; i < segment.to; i++) starts[line++] = old.starts[i]! + shift;
        piece = old.text.slice(base, old.starts[segment.to]);
        offset += piece.length;
      }
      pieces.push(piece);
    }
    starts[line] = offset;
    return { text: concatenate(pieces), starts };
  }

  private size(segment: Segment): number {
    return segment.fresh ? segment.fresh.length : segment.to - segment.from;
  }
}

/** Beyond this many pieces, the text is joined into one flat string at once. */
const MAX_ROPE_PIECES = 64;

/**
 * The pieces as one string. A few long pieces are concatenated, which V8 keeps as a rope pointing at
 * them: the copy into one flat string (a few milliseconds for a large sidecar) is left to the first
 * reader of the whole text (the encoder that writes it to disk, or else the next splice), which V8
 * flattens once, in place. Joining here would make the same copy, only earlier. Many pieces are
 * joined, so that no deep rope is made.
 */
function concatenate(pieces: readonly string[]): string {
  if (pieces.length > MAX_ROPE_PIECES) return pieces.join('');
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}
