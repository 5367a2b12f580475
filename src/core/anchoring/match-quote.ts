/**
 * Finding one quote again in a changed text: widening windows around the place it is expected, and in
 * each the decision between the candidates `quote-matcher.ts` scores — take the best, keep looking, or
 * give up because the answer is doubtful. Everything here counts UTF-16 code units; `reanchor.ts`
 * converts to and from code points. The method and its figures are in docs/anchoring.md.
 */
import {
  ANCHORED_CONTEXT,
  QuoteMatcher,
  RIVAL_CONTEXT_MARGIN,
  SEED_LENGTH,
  WINDOW_RADII,
  contextOf,
  type Acceptance,
  type QuoteMatch,
  type QuoteSelector,
} from './quote-matcher';

export type { Acceptance, QuoteMatch, QuoteSelector } from './quote-matcher';
export { POSITION_SCALE, WEIGHTS, WINDOW_RADII } from './quote-matcher';

/**
 * A candidate this good near the expected place that still falls short of acceptance stops the search:
 * the quote's place is there, edited beyond recognition, and a far match would be a copy.
 */
export const DOUBT_FLOOR = 0.6;

/** Two placements whose distances from the expected place differ by at most this (UTF-16 units) are as far. */
const EQUALLY_FAR = 8;

/** Texts up to this length (UTF-16 units) are scanned whole in the last stage; longer ones around seeds. */
const FULL_SCAN_LIMIT = 1 << 16;

/**
 * Find a quote in a text near where it is expected: first an exact occurrence there, then exact and
 * approximate candidates in ±64, ±256 and ±4,096 code units, then in the whole text; in each stage the
 * best scored candidate is returned if `accept` takes it and nothing makes it doubtful.
 * @param text the document text (normalised)
 * @param selector the quote and its stored context
 * @param hint UTF-16 offset where the quote is expected to start
 * @param accept whether a best candidate is good enough
 * @returns `found` when a candidate was accepted; otherwise `best`, the best one seen (or undefined),
 *   and `tied`, the best one and those as good as far from `hint` (`EQUALLY_FAR`), when they alone
 *   stood in the way: which of them is the quote, the neighbours may tell (`reanchor`)
 */
export function findQuote(
  text: string,
  selector: QuoteSelector,
  hint: number,
  accept: Acceptance,
): { found: QuoteMatch | undefined; best: QuoteMatch | undefined; tied?: QuoteMatch[] } {
  const matcher = new QuoteMatcher(text, selector, hint);
  let best: QuoteMatch | undefined;
  /** Decide on one stage's candidates: true when the search is over (found, or doubtful). */
  const stage = (candidates: QuoteMatch[]): { over: boolean; found?: QuoteMatch; tied?: QuoteMatch[] } => {
    const top = candidates.reduce<QuoteMatch | undefined>((b, m) => (!b || m.score > b.score || (m.score === b.score && m.distance < b.distance) ? m : b), undefined);
    if (!top) return { over: false };
    if (!best || top.score > best.score) best = top;
    // A plausible placement nearer the expected place than the best one, elsewhere, whose context agrees
    // about as well: two readings, no answer. (A nearer copy with the wrong context is no rival: the
    // prefix and suffix choose between repeats.) So is one as like the quote, in as like a context, as
    // far to within `EQUALLY_FAR`: which of two copies an unknown edit left the nearer no text tells (311487).
    const plausibleElsewhere = (m: QuoteMatch) => m !== top && m.score >= DOUBT_FLOOR && (m.end <= top.start || m.start >= top.end);
    const nearer = candidates.some((m) => plausibleElsewhere(m) && m.distance < top.distance && contextOf(m) >= contextOf(top) - RIVAL_CONTEXT_MARGIN);
    const equallyFar = candidates.filter(
      (m) => plausibleElsewhere(m) && m.distance >= top.distance && m.distance - top.distance <= EQUALLY_FAR && m.quote >= top.quote && contextOf(m) >= contextOf(top),
    );
    if (accept(top) && !nearer && equallyFar.length === 0) return { over: true, found: top };
    if (accept(top) && !nearer) return { over: true, tied: [top, ...equallyFar] };
    // Something like the quote, in its context, is still near its place, only changed too much: looking
    // further away would find copies of the old text, not this one. Better orphaned than misplaced.
    return { over: nearer || equallyFar.length > 0 || (top.score >= DOUBT_FLOOR && contextOf(top) >= ANCHORED_CONTEXT) };
  };
  if (selector.text.length === 0) return { found: undefined, best };
  const immediate = matcher.immediate(accept);
  if (immediate) return { found: immediate, best: immediate };
  let searched = { from: hint, to: hint };
  for (const radius of WINDOW_RADII) {
    const from = Math.max(0, hint - radius);
    const to = Math.min(text.length, hint + radius);
    // A window offers the placements that start in it: an approximate match traced back from an end
    // inside it may start far outside, and a nearer window must not take what a wider one would weigh.
    const { over, found, tied } = stage(matcher.candidatesIn(from, to).filter((m) => m.start >= from && m.start <= to));
    if (over || (from === 0 && to === text.length)) return { found, best, ...(tied && { tied }) };
    searched = { from, to };
  }
  if (text.length <= FULL_SCAN_LIMIT) {
    const { found, tied } = stage(matcher.candidatesIn(0, text.length));
    return { found, best, ...(tied && { tied }) };
  }
  const far: QuoteMatch[] = [];
  for (const seed of matcher.seeds(searched.from, searched.to)) {
    far.push(...matcher.candidatesIn(Math.max(0, seed - SEED_LENGTH), Math.min(text.length, seed + SEED_LENGTH)));
  }
  const { found, tied } = stage(far);
  return { found, best, ...(tied && { tied }) };
}
