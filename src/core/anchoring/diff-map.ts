/**
 * Mapping spans from the text annotations were verified against to a newer text through a diff of
 * the two: lines first (cheap, and most of a long document is equal), then words inside the lines
 * that changed, so that an edit is always a whole word, space or punctuation mark and a span never
 * ends up cut inside a word nobody edited. Everything here counts UTF-16 code units; `reanchor.ts`
 * converts to code points. Method: docs/anchoring.md.
 */
import { myersDiff, type Change } from './myers';
import { isWordChar } from './words';

/**
 * The most line edits (deletions plus insertions) diffed; beyond it the texts are too different for a
 * diff to say where anything went, and re-anchoring searches instead.
 */
const MAX_LINE_EDITS = 4_000;

/** The most word edits inside one changed run of lines; beyond it that run is left coarse. */
const MAX_WORD_EDITS = 2_000;

/**
 * The least share of an edited span's text (of the longer of its old and new text) that must be old
 * text the diff kept; below it the span was rewritten, and the few words the diff matched (a space, a
 * "the") do not make it the same passage.
 */
export const MIN_SURVIVAL = 1 / 3;

/** One edit: old `[oldStart, oldEnd)` replaced by new `[newStart, newEnd)`, UTF-16 units. */
export interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  /** Whether the words inside were too different to diff: what the hunk did to a span is not known. */
  coarse: boolean;
}

/** Where a span of the old text is in the new one. */
export type SpanMapping =
  /** Untouched by the edits (`edited` false), or overlapped by some of them: new bounds (UTF-16). */
  | { kind: 'mapped'; start: number; end: number; edited: boolean; score: number }
  /** Its text was deleted, and not inserted again elsewhere. */
  | { kind: 'deleted' }
  /** An edit too large to diff overlaps it: the diff cannot tell. */
  | { kind: 'unknown' };

/** The diff of two texts, and spans mapped through it. */
export class DiffMap {
  /** The edits, in order, neither overlapping nor touching. */
  readonly hunks: readonly Hunk[];
  /** Old start of each hunk, for binary search. */
  private readonly oldStarts: Int32Array;
  /** Length change of the text up to and including each hunk. */
  private readonly shiftAfter: Int32Array;

  private constructor(
    private readonly oldText: string,
    private readonly newText: string,
    hunks: Hunk[],
  ) {
    this.hunks = hunks;
    this.oldStarts = Int32Array.from(hunks, (h) => h.oldStart);
    let shift = 0;
    this.shiftAfter = Int32Array.from(hunks, (h) => (shift += h.newEnd - h.newStart - (h.oldEnd - h.oldStart)));
  }

  /**
   * Diff two texts (normalised: LF line ends, no BOM).
   * @param oldText the text the spans are over
   * @param newText the text they are wanted in
   * @returns the diff, or undefined when the texts differ too much for a diff to place anything
   */
  static between(oldText: string, newText: string): DiffMap | undefined {
    const hunks = diffTexts(oldText, newText);
    return hunks && new DiffMap(oldText, newText, hunks);
  }

  /**
   * Where a span of the old text lies in the new text. A span no edit overlaps moves exactly. One an edit
   * overlaps takes what replaced its edge words, but a pure insertion at its start or end stays outside
   * (as in live tracking); it is `edited`, scored by the share of its text that survived, and deleted
   * when that share is below `MIN_SURVIVAL`. A span none of whose letters or digits survive is deleted,
   * unless its whole text was inserted again unchanged in exactly one place (a cut and paste): it follows.
   * @param start first UTF-16 unit of the span in the old text
   * @param end UTF-16 unit after it
   */
  map(start: number, end: number): SpanMapping {
    const first = this.lastHunkStartingBefore(start, true);
    const last = this.lastHunkStartingBefore(end, false);
    let touched = false;
    let survived = 0;
    let survivedWord = false;
    let at = start;
    for (let i = Math.max(0, first); i <= last; i++) {
      const h = this.hunks[i]!;
      if (h.oldEnd <= start) continue; // before the span; an insertion at its start stays outside it
      if (h.coarse) return { kind: 'unknown' };
      touched = true;
      const keptTo = Math.max(at, Math.min(h.oldStart, end));
      survived += keptTo - at;
      survivedWord ||= hasWordChar(this.oldText, at, keptTo);
      at = Math.max(at, Math.min(h.oldEnd, end));
    }
    if (!touched) {
      const newStart = this.mapStart(start);
      // An empty span is one point: an insertion there puts it after the inserted text, as live tracking does.
      return { kind: 'mapped', start: newStart, end: start === end ? newStart : this.mapEnd(end), edited: false, score: 1 };
    }
    survived += end - at;
    survivedWord ||= hasWordChar(this.oldText, at, end);
    if (!survivedWord) return this.followMove(start, end);
    const newStart = this.mapStart(start);
    const newEnd = this.mapEnd(end);
    const score = survived / Math.max(end - start, newEnd - newStart);
    if (newEnd <= newStart || score < MIN_SURVIVAL) return { kind: 'deleted' };
    return { kind: 'mapped', start: newStart, end: newEnd, edited: true, score };
  }

  /** Index of the last hunk starting before `at` (at or before it when `inclusive`), -1 if none. */
  private lastHunkStartingBefore(at: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.oldStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.oldStarts[mid]! < at || (inclusive && this.oldStarts[mid] === at)) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The new place of a span's start: the start of what replaced the text there, or shifted. */
  private mapStart(start: number): number {
    const i = this.lastHunkStartingBefore(start, true);
    if (i < 0) return start;
    const h = this.hunks[i]!;
    if (start < h.oldEnd) return h.newStart;
    return start + this.shiftAfter[i]!;
  }

  /** The new place of a span's end: the end of what replaced the text there, or shifted. */
  private mapEnd(end: number): number {
    const i = this.lastHunkStartingBefore(end, false);
    if (i < 0) return end;
    const h = this.hunks[i]!;
    if (end <= h.oldEnd) return h.newEnd;
    return end + this.shiftAfter[i]!;
  }

  /** A span whose text was deleted: found again when exactly one insertion holds that text unchanged. */
  private followMove(start: number, end: number): SpanMapping {
    const text = this.oldText.slice(start, end);
    let found = -1;
    for (const h of this.hunks) {
      if (h.newEnd - h.newStart < text.length) continue;
      const inserted = this.newText.slice(h.newStart, h.newEnd);
      const at = inserted.indexOf(text);
      if (at < 0) continue;
      if (found >= 0 || inserted.indexOf(text, at + 1) >= 0) return { kind: 'deleted' }; // copies: no telling which
      found = h.newStart + at;
    }
    if (found < 0 || text.length === 0) return { kind: 'deleted' };
    return { kind: 'mapped', start: found, end: found + text.length, edited: false, score: 1 };
  }
}

/** Whether old text `[from, to)` holds a letter or digit. */
function hasWordChar(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isWordChar(text.charAt(i))) return true;
  return false;
}

/** The edits between two texts, words inside changed lines; undefined when there are too many lines changed. */
function diffTexts(oldText: string, newText: string): Hunk[] | undefined {
  if (oldText === newText) return [];
  // Equal head and tail, cut back to whole lines so that the line pass sees each changed line whole.
  const shorter = Math.min(oldText.length, newText.length);
  let head = 0;
  while (head < shorter && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++;
  head = oldText.lastIndexOf('\n', head - 1) + 1;
  let tail = 0;
  while (tail < shorter - head && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  let oldTailStart = oldText.length - tail;
  if (oldTailStart > head && oldText.charCodeAt(oldTailStart - 1) !== 10) {
    const lineEnd = oldText.indexOf('\n', oldTailStart);
    oldTailStart = lineEnd < 0 ? oldText.length : lineEnd + 1;
  }
  const newTailStart = oldTailStart + newText.length - oldText.length;
  const oldLines = lineStarts(oldText, head, oldTailStart);
  const newLines = lineStarts(newText, head, newTailStart);
  const lineChanges = myersDiff(
    oldLines.length - 1,
    newLines.length - 1,
    (i, j) => sameSlice(oldText, oldLines[i]!, oldLines[i + 1]!, newText, newLines[j]!, newLines[j + 1]!),
    MAX_LINE_EDITS,
  );
  if (!lineChanges) return undefined;
  const hunks: Hunk[] = [];
  for (const c of lineChanges) {
    const hunk = { oldStart: oldLines[c.aStart]!, oldEnd: oldLines[c.aEnd]!, newStart: newLines[c.bStart]!, newEnd: newLines[c.bEnd]!, coarse: false };
    if (hunk.oldStart === hunk.oldEnd || hunk.newStart === hunk.newEnd) hunks.push(hunk);
    else hunks.push(...diffWords(oldText, newText, hunk));
  }
  return hunks;
}

/** Starts of the lines of `text[from, to)`, each line with its LF, and `to` last. */
function lineStarts(text: string, from: number, to: number): number[] {
  const starts = [from];
  for (let i = text.indexOf('\n', from); i >= 0 && i < to - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  if (to > from) starts.push(to);
  return starts;
}

function sameSlice(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  return aEnd - aStart === bEnd - bStart && a.charCodeAt(aStart) === b.charCodeAt(bStart) && a.slice(aStart, aEnd) === b.slice(bStart, bEnd);
}

/** Kinds of token: a word (letters and digits), a run of white space, one other character. */
const WORD = 0;
const SPACE = 1;
const OTHER = 2;

/** Kind of the character (code point) at `i`: ASCII by its code, the rest by Unicode class. */
function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return WORD;
    return c === 32 || (c >= 9 && c <= 13) ? SPACE : OTHER;
  }
  const char = String.fromCodePoint(text.codePointAt(i)!);
  return /[\p{L}\p{N}]/u.test(char) ? WORD : /\s/u.test(char) ? SPACE : OTHER;
}

/** UTF-16 length of the code point at `i`. */
function widthAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** Token starts of `text[from, to)`, and `to` last: words, runs of white space, other characters one by one. */
function tokenStarts(text: string, from: number, to: number): number[] {
  const starts: number[] = [];
  let i = from;
  while (i < to) {
    starts.push(i);
    const kind = kindAt(text, i);
    i += widthAt(text, i);
    if (kind === OTHER) continue;
    while (i < to && kindAt(text, i) === kind) i += widthAt(text, i);
  }
  starts.push(to);
  return starts;
}

/** The edits inside one changed run of lines, word by word; the run whole and coarse when they are too many. */
function diffWords(oldText: string, newText: string, lines: Hunk): Hunk[] {
  const oldTokens = tokenStarts(oldText, lines.oldStart, lines.oldEnd);
  const newTokens = tokenStarts(newText, lines.newStart, lines.newEnd);
  const changes: Change[] | undefined = myersDiff(
    oldTokens.length - 1,
    newTokens.length - 1,
    (i, j) => sameSlice(oldText, oldTokens[i]!, oldTokens[i + 1]!, newText, newTokens[j]!, newTokens[j + 1]!),
    MAX_WORD_EDITS,
  );
  if (!changes) return [{ ...lines, coarse: true }];
  return changes.map((c) => ({
    oldStart: oldTokens[c.aStart]!,
    oldEnd: oldTokens[c.aEnd]!,
    newStart: newTokens[c.bStart]!,
    newEnd: newTokens[c.bEnd]!,
    coarse: false,
  }));
}
