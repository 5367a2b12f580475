/**
 * How good suggestions are against annotations made by hand: precision and recall per label, counted
 * two ways, exact spans and overlapping ones (Jaccard index of the two spans at least 1/2: an annotator
 * who confirms a suggestion that is a word off still saves most of the selecting). Each annotation is
 * matched to at most one suggestion. Used by the tests and the benchmark (bench/results.md).
 */

/** A labelled span, in any unit as long as both sides use the same. */
export interface LabelledSpan {
  label: string;
  start: number;
  end: number;
}

/** The scores of one label. */
export interface LabelScore {
  label: string;
  /** Annotations made by hand. */
  gold: number;
  /** Suggestions made. */
  suggested: number;
  /** Suggestions with exactly the span of an annotation. */
  exact: number;
  /** Suggestions that overlap an annotation by at least half of their union (exact ones included). */
  overlapping: number;
  /** overlapping / suggested (1 when nothing was suggested). */
  precision: number;
  /** overlapping / gold (1 when there is nothing to find). */
  recall: number;
  exactPrecision: number;
  exactRecall: number;
}

/** The least Jaccard index of two spans that counts as a match. */
export const OVERLAP_MATCH = 0.5;

/**
 * Score suggestions against annotations, per label.
 * @param suggested the suggestions
 * @param gold the annotations made by hand
 * @param labels the labels to score (default: every label of either side), in that order
 */
export function scoreSuggestions(suggested: readonly LabelledSpan[], gold: readonly LabelledSpan[], labels?: readonly string[]): LabelScore[] {
  const all = labels ?? [...new Set([...gold, ...suggested].map((s) => s.label))].sort();
  return all.map((label) => {
    const mine = suggested.filter((s) => s.label === label);
    const wanted = gold.filter((g) => g.label === label);
    const exact = matchCount(mine, wanted, (s, g) => s.start === g.start && s.end === g.end);
    const overlapping = matchCount(mine, wanted, (s, g) => jaccard(s, g) >= OVERLAP_MATCH);
    const ratio = (n: number, d: number): number => (d === 0 ? 1 : Math.round((n / d) * 1000) / 1000);
    return {
      label,
      gold: wanted.length,
      suggested: mine.length,
      exact,
      overlapping,
      precision: ratio(overlapping, mine.length),
      recall: ratio(overlapping, wanted.length),
      exactPrecision: ratio(exact, mine.length),
      exactRecall: ratio(exact, wanted.length),
    };
  });
}

/** Greedy one-to-one matching, each annotation taking the first free suggestion that matches it. */
function matchCount(suggested: readonly LabelledSpan[], gold: readonly LabelledSpan[], matches: (s: LabelledSpan, g: LabelledSpan) => boolean): number {
  const used = new Set<number>();
  let count = 0;
  for (const g of gold) {
    const i = suggested.findIndex((s, j) => !used.has(j) && matches(s, g));
    if (i === -1) continue;
    used.add(i);
    count++;
  }
  return count;
}

function jaccard(a: LabelledSpan, b: LabelledSpan): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union === 0 ? 0 : inter / union;
}
