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

/**
 * Whether the stored context says an exact occurrence far from where it was expected is not the
 * annotation: stored on both sides, and standing next to it on neither (`contextAgrees`). A side of
 * which nothing is known (none stored, or none read off the other annotations) refutes nothing, as
 * for an annotation without context.
 */
export function contextRefutes(a: Annotation, text: string, start: number, end: number): boolean {
  return a.prefix !== undefined && a.suffix !== undefined && !contextAgrees(a, text, start, end);
}

/**
 * The context an annotation stored without any had on the text it was made on, as far as the other
 * annotations' texts tell it: where their spans covered the code points right before (after) it, those
 * code points are known. A sidecar written by hand or imported carries no prefix or suffix, yet a
 * figure tagged inside a tagged claim has the claim's words around it.
 *
 * Only annotations that are not orphaned speak (an orphan's offsets are those of an older text), and
 * only when every one of them that overlaps the span and its surroundings agrees with its text: offsets
 * that disagree are no evidence. A side is given only with at least `CONTEXT_CHECK` code points of it
 * known, so that it tells as much as stored context would; an empty side would mean the document's edge.
 * The annotations are sorted once, so that asking for each of many is not quadratic.
 * @param annotations the annotations of one document
 * @returns for an annotation without prefix and suffix (one of them or not), its known prefix (ending
 *   at its start) and suffix (beginning at its end), each where known
 */
export function contextFromOverlaps(annotations: readonly Annotation[]): (a: Annotation) => { prefix?: string; suffix?: string } {
  const speaking = annotations.filter((b) => b.status !== 'orphaned').sort((x, y) => x.start - y.start);
  const longest = speaking.reduce((most, b) => Math.max(most, b.end - b.start), 0);
  /** The first speaking annotation that starts at `at` or later. */
  const firstFrom = (at: number) => {
    let [lo, hi] = [0, speaking.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (speaking[mid]!.start < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const codePoints = new Map<Annotation, string[]>();
  const charsOf = (b: Annotation) => {
    let chars = codePoints.get(b);
    if (!chars) codePoints.set(b, (chars = [...b.text]));
    return chars;
  };
  return (a) => {
    const from = a.start - CONTEXT_LENGTH;
    const to = a.end + CONTEXT_LENGTH;
    const own = charsOf(a);
    if (own.length !== a.end - a.start) return {};
    /** The code points known of `[from, to)`, by offset from `from`. */
    const known: (string | undefined)[] = new Array(to - from);
    for (let k = 0; k < own.length; k++) known[CONTEXT_LENGTH + k] = own[k];
    for (let k = firstFrom(from - longest); k < speaking.length && speaking[k]!.start < to; k++) {
      const b = speaking[k]!;
      if (b === a || b.end <= from) continue;
      const chars = charsOf(b);
      if (chars.length !== b.end - b.start) return {};
      for (let at = Math.max(b.start, from); at < Math.min(b.end, to); at++) {
        const ch = chars[at - b.start]!;
        if ((known[at - from] ?? ch) !== ch) return {};
        known[at - from] = ch;
      }
    }
    let before = CONTEXT_LENGTH;
    while (before > 0 && known[before - 1] !== undefined) before--;
    let after = to - from - CONTEXT_LENGTH;
    while (after < to - from && known[after] !== undefined) after++;
    const context: { prefix?: string; suffix?: string } = {};
    if (CONTEXT_LENGTH - before >= CONTEXT_CHECK) context.prefix = known.slice(before, CONTEXT_LENGTH).join('');
    if (after - (to - from - CONTEXT_LENGTH) >= CONTEXT_CHECK) context.suffix = known.slice(to - from - CONTEXT_LENGTH, after).join('');
    return context;
  };
}
