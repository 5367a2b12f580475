/**
 * The reference re-anchoring method the benchmark compares against: Hypothesis's published approach
 * (the quote searched approximately over the whole text with `approx-string-match`, each candidate
 * scored by quote similarity, prefix and suffix similarity and closeness to the old position, best
 * score wins, no minimum). Written here from its description, for comparison only.
 */
import search from 'approx-string-match';

const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** A placement in UTF-16 units, or null when nothing was found. */
export type Placement = { start: number; end: number } | null;

function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const matches = search(a, b, b.length);
  return matches.length ? 1 - matches[0]!.errors / b.length : 0;
}

/**
 * Place a quote in a text the way Hypothesis does.
 * @param text the document text
 * @param quote the annotated text
 * @param prefix stored context before the quote
 * @param suffix stored context after the quote
 * @param hint the old start position (UTF-16)
 */
export function hypothesisPlace(text: string, quote: string, prefix: string, suffix: string, hint: number): Placement {
  const exact = text.indexOf(quote);
  const candidates =
    exact !== -1 && text.indexOf(quote, exact + 1) === -1
      ? [{ start: exact, end: exact + quote.length, errors: 0 }]
      : search(text, quote, Math.min(256, Math.floor(quote.length / 2)));
  let best: Placement = null;
  let bestScore = -Infinity;
  for (const m of candidates) {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = prefix ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix) : 1;
    const suffixScore = suffix ? similarity(text.slice(m.end, m.end + suffix.length), suffix) : 1;
    const positionScore = 1 - Math.abs(m.start - hint) / text.length;
    const score =
      (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) /
      (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
    if (score > bestScore) {
      bestScore = score;
      best = { start: m.start, end: m.end };
    }
  }
  return best;
}
