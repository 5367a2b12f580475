/**
 * Where a quote's match stops being the quote: when text after a quote was deleted, an alignment of the
 * whole stored quote runs on into whatever follows, substituting it for the deleted words. Scoring
 * matched characters +1 and errors −1 and keeping the best-scoring stretch cuts that run off.
 */

/** Row buffer reused across calls (sized to the longest quote seen). */
let column = new Int32Array(256);

/**
 * How many code units of `text`, read from `at`, the beginning of `quote` covers before the alignment
 * turns to noise: the k maximising (matches − errors) of some beginning of the quote aligned with
 * `text[at, at + k)`, the least such k on ties; but all of `limit` unless cutting there gains at least
 * `margin` (a replaced last word costs a few points, a deleted sentence many).
 * @param quote the stored quote (UTF-16)
 * @param text the document text
 * @param at where the quote starts in `text` (or, backwards, where it ends)
 * @param limit the most code units to consider
 * @param backwards read the quote from its end and the text from `at` towards its start
 * @param margin the least gain in score that justifies cutting
 */
export function matchedExtent(quote: string, text: string, at: number, limit: number, backwards: boolean, margin: number): number {
  const m = quote.length;
  if (column.length < m + 1) column = new Int32Array(m + 1);
  const h = column;
  // Column 0: i quote characters against no text, all errors.
  for (let i = 0; i <= m; i++) h[i] = -i;
  let bestK = 0;
  let bestScore = 0;
  let lastScore = 0;
  for (let k = 1; k <= limit; k++) {
    const t = text.charCodeAt(backwards ? at - k : at + k - 1);
    let diagonal = h[0]!;
    h[0] = -k;
    let columnBest = h[0];
    for (let i = 1; i <= m; i++) {
      const q = quote.charCodeAt(backwards ? m - i : i - 1);
      const value = Math.max(diagonal + (q === t ? 1 : -1), h[i]! - 1, h[i - 1]! - 1);
      diagonal = h[i]!;
      h[i] = value;
      if (value > columnBest) columnBest = value;
    }
    if (columnBest > bestScore) {
      bestScore = columnBest;
      bestK = k;
    }
    lastScore = columnBest;
  }
  return bestScore - lastScore >= margin ? bestK : limit;
}
