/**
 * Verifying annotations against their document and re-anchoring those that no longer hold after the
 * document changed outside the editor. Offsets are code points at this boundary; the search itself
 * (`match-quote.ts`) works in UTF-16 over the OffsetIndex's text. Method and figures: docs/anchoring.md.
 */
import type { Annotation } from '../model';
import type { OffsetIndex } from '../text';
import { contextAround } from './context';
import { findQuote, type QuoteMatch } from './match-quote';
import { isWordChar } from './words';

/**
 * The least score (0..1, the weighted agreement of quote, prefix, suffix and position) a placement
 * needs to be accepted; below it the annotation is orphaned. Chosen from measurements, see
 * docs/anchoring.md.
 */
export const MIN_QUALITY = 0.72;

/**
 * The least similarity (1 − edit distance / longer length, in UTF-16 units) between the stored text and
 * the text of an accepted placement: a re-anchored annotation's text never differs from what was
 * annotated by more than this allows, however well its context agrees.
 */
export const MIN_TEXT_SIMILARITY = 0.5;

/** What happened to one annotation. */
export type AnchorOutcome = 'held' | 'moved' | 'edited' | 'orphaned';

/** One annotation after re-anchoring. */
export interface AnchorResult {
  /** An updated copy of the annotation (the input is never modified). */
  annotation: Annotation;
  /** held: unchanged; moved: same text elsewhere; edited: new bounds and new text; orphaned: not found. */
  outcome: AnchorOutcome;
  /** The placement's score (1 for held); for an orphan the best score seen, 0 if none. */
  score: number;
}

/**
 * Whether an annotation still holds: its `text` is exactly the document's code points start..end.
 * @param annotation the annotation
 * @param index offsets over the current document text
 */
export function holds(annotation: Annotation, index: OffsetIndex): boolean {
  const { start, end } = annotation;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= index.length)) return false;
  if (end - start > annotation.text.length) return false; // each code point takes at least one UTF-16 unit
  return index.slice(start, end) === annotation.text;
}

/**
 * Re-anchor annotations in a document that may have changed since they were made. Those that hold are
 * kept (unless a word at their edge was lengthened: an annotation that began or ended at a word's
 * edge is then widened to the whole word, outcome 'edited'); the others are looked for in document order, each near its old place moved by however much the
 * annotations before it moved: the exact text first, then an approximate match of text, prefix and
 * suffix scored with the position, in ±256 and ±4,096 code points and then the whole text. A placement
 * is accepted at `MIN_QUALITY` and `MIN_TEXT_SIMILARITY` or better; otherwise the annotation is returned
 * orphaned (`status: 'orphaned'`, offsets and text as they were). Moved annotations get fresh
 * prefix/suffix where they had them; a formerly orphaned annotation that is found loses its status.
 * @param annotations the annotations of one document, any order
 * @param index offsets over the current (normalised) document text
 * @returns one result per annotation, in the order given
 */
export function reanchor(annotations: readonly Annotation[], index: OffsetIndex): AnchorResult[] {
  const results = new Array<AnchorResult>(annotations.length);
  const order = annotations.map((_, i) => i);
  order.sort((i, j) => annotations[i]!.start - annotations[j]!.start || annotations[i]!.end - annotations[j]!.end);
  const shifts = new ShiftTracker();
  for (const i of order) {
    const a = annotations[i]!;
    if (holds(a, index) && !wordEdgeBroken(a, index)) {
      results[i] = { annotation: withoutStatus({ ...a }), outcome: 'held', score: 1 };
      shifts.record(a.start, a.end, a.start, a.end);
      continue;
    }
    const expected = clamp(a.start + shifts.shiftAt(a.start), 0, index.length);
    const { found, best } = findQuote(index.text, { text: a.text, prefix: a.prefix, suffix: a.suffix }, index.toUtf16(expected), acceptable);
    if (!found) {
      results[i] = { annotation: { ...a, status: 'orphaned' }, outcome: 'orphaned', score: best?.score ?? 0 };
      continue;
    }
    const start = index.toCodePoint(found.start);
    const end = index.toCodePoint(found.end);
    const text = index.text.slice(found.start, found.end);
    const moved = withoutStatus({ ...a, start, end, text });
    if (a.prefix !== undefined || a.suffix !== undefined) {
      const context = contextAround(index, start, end);
      if (a.prefix !== undefined) moved.prefix = context.prefix;
      if (a.suffix !== undefined) moved.suffix = context.suffix;
    }
    results[i] = { annotation: moved, outcome: text === a.text ? 'moved' : 'edited', score: found.score };
    shifts.record(a.start, a.end, start, end);
  }
  return results;
}

/** Whether a placement is good enough to accept. */
function acceptable(match: QuoteMatch): boolean {
  return match.score >= MIN_QUALITY && match.quote >= MIN_TEXT_SIMILARITY;
}

/**
 * Whether a holding annotation that began (ended) at a word's edge, as its stored context shows, now
 * begins (ends) inside a word: its first (last) word was lengthened, and it is re-anchored to the whole
 * word rather than kept on part of it.
 */
function wordEdgeBroken(a: Annotation, index: OffsetIndex): boolean {
  const { text } = index;
  const start = index.toUtf16(a.start);
  const end = start + a.text.length;
  const startBroken =
    a.prefix !== undefined && !isWordChar(a.prefix.slice(-1)) && isWordChar(a.text.charAt(0)) && isWordChar(text.charAt(start - 1));
  const endBroken =
    a.suffix !== undefined && !isWordChar(a.suffix.charAt(0)) && isWordChar(a.text.slice(-1)) && isWordChar(text.charAt(end));
  return startBroken || endBroken;
}

function withoutStatus(a: Annotation): Annotation {
  delete a.status;
  return a;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * How far old offsets have moved, learnt from the annotations placed so far: the shift of the placed
 * start or end with the greatest old offset not after the one asked about. Queried with non-decreasing
 * offsets (document order), so ends are kept until the walk passes them.
 */
class ShiftTracker {
  private lastOld = -1;
  private lastShift = 0;
  /** Placed ends not yet passed: [old offset, shift], sorted by old offset. */
  private readonly pendingEnds: [number, number][] = [];

  /** The shift to expect at old offset `at`. */
  shiftAt(at: number): number {
    while (this.pendingEnds.length > 0 && this.pendingEnds[0]![0] <= at) {
      const [old, shift] = this.pendingEnds.shift()!;
      if (old >= this.lastOld) {
        this.lastOld = old;
        this.lastShift = shift;
      }
    }
    return this.lastShift;
  }

  /** Learn from an annotation placed: old start/end → new start/end (code points). */
  record(oldStart: number, oldEnd: number, newStart: number, newEnd: number): void {
    if (oldStart >= this.lastOld) {
      this.lastOld = oldStart;
      this.lastShift = newStart - oldStart;
    }
    let i = this.pendingEnds.length;
    while (i > 0 && this.pendingEnds[i - 1]![0] > oldEnd) i--;
    this.pendingEnds.splice(i, 0, [oldEnd, newEnd - oldEnd]);
  }
}
