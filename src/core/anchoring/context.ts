/**
 * The context kept beside an annotation's text so it can be found again after the document changed:
 * a few code points on either side, the way the W3C TextQuoteSelector and Hypothesis keep them.
 */
import type { Annotation } from '../model';
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

/** How many code units of stored context next to the text must stand next to a far copy of it. */
export const CONTEXT_CHECK = 8;

/**
 * Whether a far exact occurrence stands in the stored context (the end of the prefix before it or the
 * start of the suffix after it); without stored context nothing says it is not a copy, and it is not taken.
 */
export function contextAgrees(a: Annotation, text: string, start: number, end: number): boolean {
  const prefix = a.prefix?.slice(-CONTEXT_CHECK);
  const suffix = a.suffix?.slice(0, CONTEXT_CHECK);
  return (prefix !== undefined && prefix.length > 0 && text.endsWith(prefix, start)) || (suffix !== undefined && suffix.length > 0 && text.startsWith(suffix, end));
}
