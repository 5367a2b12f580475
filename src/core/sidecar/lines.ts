/**
 * A sidecar's lines kept as one text with the offset of each line, instead of an array of line
 * strings. The splicing writer builds each new text out of long runs of the previous one: as an
 * array that is one push (and one string kept alive) per line, tens of thousands per write; here it
 * is one slice per run and one offset per line in a typed array, which the garbage collector never
 * has to trace.
 *
 * A text the builder made is also kept as its pieces (runs of the old text's pieces and the new
 * lines), and so are its UTF-8 bytes when the old text's were known: lines are sliced from the
 * pieces, never from the whole text, which V8 then keeps as a rope of them. Read whole (a slice, an
 * encoding), a rope of a 3 MB sidecar is first copied into one flat string, and encoding it costs as
 * much again: some 10 ms each per write in the extension host. Pieces are joined once there are too
 * many of them, every few dozen writes.
 */

import { LineOffsets, LineOffsetsBuilder } from './line-offsets';

/** A text as lines: every line is followed by '\n' (LF only, no byte-order mark). */
export interface LineText {
  /** The lines, each followed by '\n'. */
  readonly text: string;
  /** `starts.at(i)` is where line `i` starts in `text`; the last entry is `text.length`. */
  readonly starts: LineOffsets;
  /** The text as pieces laid end to end, each a run of whole lines (undefined: `text` is one piece). */
  readonly pieces?: Pieces<string>;
  /** The text's UTF-8 bytes, when they are known (see `withBytes`). */
  readonly bytes?: LineBytes;
}

/** A text or its bytes as pieces laid end to end, that are sliced without copying the whole. */
export interface Pieces<T extends string | Uint8Array> {
  /** The pieces in order. */
  readonly parts: readonly T[];
  /** `ends[k]` is the offset (in code units or bytes) where piece `k` ends. */
  readonly ends: Int32Array;
}

/**
 * A text's UTF-8 bytes: a text the builder made has the old text's bytes for its kept runs and
 * encodes only its new lines, so a large sidecar is written to its file without being encoded again.
 */
export interface LineBytes {
  /** The bytes; joined, they are the UTF-8 encoding of the text. */
  readonly pieces: Pieces<Uint8Array>;
  /** `starts.at(i)` is the byte offset where line `i` starts; the last entry is the bytes' length. */
  readonly starts: LineOffsets;
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
  const from = lines.starts.at(index);
  const to = lines.starts.at(index + 1) - 1;
  if (!lines.pieces) return lines.text.slice(from, to);
  // A line lies in one piece: pieces are runs of whole lines.
  const { parts, ends } = lines.pieces;
  const k = pieceAt(ends, from);
  const base = k === 0 ? 0 : ends[k - 1]!;
  return parts[k]!.slice(from - base, to - base);
}

/** The piece an offset falls in (binary search over the pieces' ends). */
function pieceAt(ends: Int32Array, offset: number): number {
  let low = 0;
  let high = ends.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ends[middle]! > offset) high = middle;
    else low = middle + 1;
  }
  return low;
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
  return { text, starts: LineOffsets.of(starts) };
}

/**
 * The same line text with its UTF-8 bytes: encoded once here, after which every text a builder makes
 * from it knows its bytes too.
 * @param lines the line text
 */
export function withBytes(lines: LineText): LineText {
  if (lines.bytes) return lines;
  const bytes = utf8(lines.text);
  const starts = lineStartsIn(bytes, lineCount(lines), 0);
  return starts ? { ...lines, bytes: { pieces: onePiece(bytes), starts: LineOffsets.of(starts) } } : lines;
}

/**
 * The byte offset of each line of UTF-8 bytes whose lines each end in '\n' (a byte that UTF-8 uses for
 * nothing else), and the bytes' length last; undefined when they do not hold `count` such lines.
 */
function lineStartsIn(bytes: Uint8Array, count: number, base: number): Int32Array | undefined {
  const starts = new Int32Array(count + 1);
  let line = 0;
  let from = 0;
  while (line < count) {
    const lf = bytes.indexOf(0x0a, from);
    if (lf === -1) return undefined;
    starts[line++] = base + from;
    from = lf + 1;
  }
  if (from !== bytes.length) return undefined;
  starts[count] = base + bytes.length;
  return starts;
}

const ENCODER = new TextEncoder();

function utf8(text: string): Uint8Array {
  return ENCODER.encode(text);
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

  /** The new text, in pieces (with its bytes when the old text's are known). */
  finish(): LineText {
    const starts = new LineOffsetsBuilder();
    const old = this.old;
    const oldPieces = old.pieces ?? onePiece(old.text);
    const pieces = new PiecesBuilder<string>((text, from, to) => text.slice(from, to));
    const bytes = old.bytes && new BytesBuilder(old.bytes);
    let offset = 0;
    for (const segment of this.segments) {
      if (segment.fresh) {
        const fresh = new Int32Array(segment.fresh.length);
        segment.fresh.forEach((line, k) => {
          fresh[k] = offset;
          offset += line.length + 1;
        });
        starts.add(fresh, 0, fresh.length, 0);
        const piece = segment.fresh.join('\n') + '\n';
        pieces.add(piece);
        bytes?.add(piece, segment.fresh.length);
      } else {
        // The old lines' offsets, moved by what the new text has before them: a run, not a copy.
        const base = old.starts.at(segment.from);
        const end = old.starts.at(segment.to);
        starts.keep(old.starts, segment.from, segment.to, offset - base);
        pieces.keep(oldPieces, base, end);
        offset += end - base;
        bytes?.keep(segment.from, segment.to);
      }
    }
    const madeBytes = bytes?.finish();
    // Too many pieces: joined, text and bytes together (a copy every few dozen writes, instead of one at each).
    const joinAll = pieces.count > MAX_PIECES || (madeBytes !== undefined && madeBytes.pieces.parts.length > MAX_PIECES);
    const text = pieces.finish(joinAll ? (parts) => parts.join('') : undefined);
    const lineText: LineText = { text: concatenate(text.parts), starts: starts.finish(offset), pieces: text };
    if (!madeBytes) return lineText;
    return { ...lineText, bytes: joinAll ? { pieces: onePiece(joinBytes(madeBytes.pieces.parts, madeBytes.starts.at(this.lines))), starts: madeBytes.starts } : madeBytes };
  }

  private size(segment: Segment): number {
    return segment.fresh ? segment.fresh.length : segment.to - segment.from;
  }
}

/** Beyond this many pieces, a new text's pieces (and bytes) are joined into one. */
const MAX_PIECES = 64;

/** Pieces laid end to end: kept runs of another text's pieces (views of them, not copies) and new ones. */
class PiecesBuilder<T extends string | Uint8Array> {
  private readonly parts: T[] = [];
  private readonly ends: number[] = [];
  private length = 0;

  /** @param cut a view of part of a piece */
  constructor(private readonly cut: (piece: T, from: number, to: number) => T) {}

  get count(): number {
    return this.parts.length;
  }

  /** Offsets `from` to `to` of other pieces. */
  keep(pieces: Pieces<T>, from: number, to: number): void {
    const { parts, ends } = pieces;
    for (let k = from < to ? pieceAt(ends, from) : parts.length; k < parts.length; k++) {
      const base = k === 0 ? 0 : ends[k - 1]!;
      const piece = parts[k]!;
      this.add(from <= base && ends[k]! <= to ? piece : this.cut(piece, Math.max(from, base) - base, Math.min(to, ends[k]!) - base));
      if (ends[k]! >= to) break;
    }
  }

  /** A new piece. */
  add(piece: T): void {
    if (piece.length === 0) return;
    this.parts.push(piece);
    this.length += piece.length;
    this.ends.push(this.length);
  }

  /** The pieces, or one piece joined from them. */
  finish(join?: (parts: readonly T[]) => T): Pieces<T> {
    if (join && this.parts.length > 1) return onePiece(join(this.parts));
    return { parts: this.parts, ends: Int32Array.from(this.ends) };
  }
}

function onePiece<T extends string | Uint8Array>(piece: T): Pieces<T> {
  return { parts: piece.length === 0 ? [] : [piece], ends: piece.length === 0 ? new Int32Array(0) : Int32Array.of(piece.length) };
}

/** The bytes of a new text, made from runs of an old text's bytes and new lines, line by line as `LineBuilder.finish` goes. */
class BytesBuilder {
  private readonly pieces = new PiecesBuilder<Uint8Array>((bytes, from, to) => bytes.subarray(from, to));
  private readonly starts = new LineOffsetsBuilder();
  private length = 0;
  private broken = false;

  constructor(private readonly old: LineBytes) {}

  /** Old lines `from` to `to`, as they were. */
  keep(from: number, to: number): void {
    const { starts } = this.old;
    const base = starts.at(from);
    const end = starts.at(to);
    this.starts.keep(starts, from, to, this.length - base);
    this.pieces.keep(this.old.pieces, base, end);
    this.length += end - base;
  }

  /** New lines, `count` of them, each followed by '\n' in `text`. */
  add(text: string, count: number): void {
    const bytes = utf8(text);
    const starts = lineStartsIn(bytes, count, this.length);
    if (!starts) {
      this.broken = true; // a line with a break of its own: not a line text; the text is encoded whole when written
      return;
    }
    this.starts.add(starts, 0, count, 0);
    this.pieces.add(bytes);
    this.length += bytes.length;
  }

  finish(): LineBytes | undefined {
    if (this.broken) return undefined;
    return { pieces: this.pieces.finish(), starts: this.starts.finish(this.length) };
  }
}

/**
 * Pieces of bytes as one array.
 * @param pieces the pieces, in order
 * @param length their total length, when the caller knows it
 */
export function joinBytes(pieces: readonly Uint8Array[], length = pieces.reduce((total, piece) => total + piece.length, 0)): Uint8Array {
  const joined = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return joined;
}

/**
 * The pieces as one string, which V8 keeps as a rope pointing at them (at most `MAX_PIECES`): the
 * splice slices the pieces, not the rope, and the file is written from the bytes, so the copy into
 * one flat string is made only if something reads the whole text.
 */
function concatenate(pieces: readonly string[]): string {
  let text = '';
  for (const piece of pieces) text += piece;
  return text;
}
