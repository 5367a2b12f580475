/**
 * The context kept beside an annotation's text so it can be found again after the document changed:
 * a few code points on either side, the way the W3C TextQuoteSelector and Hypothesis keep them.
 */
import type { OffsetIndex } from '../text';

/** How many code points of context `contextAround` takes on each side of a span. */
export const CONTEXT_LENGTH = 32;

/**
 * The text just before and just after a span, up to `CONTEXT_LENGTH` code points each (less at the
 * document's edges).
 * @param index offsets over the document text
 * @param start first code point of the span
 * @param end code point after the span
 * @returns `prefix` ends at `start`, `suffix` begins at `end`
 */
export function contextAround(index: OffsetIndex, start: number, end: number): { prefix: string; suffix: string } {
  return {
    prefix: index.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: index.slice(end, Math.min(index.length, end + CONTEXT_LENGTH)),
  };
}
