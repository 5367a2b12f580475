/**
 * Orders that must be the same on every machine and in every locale: sorted output (exports, diffs,
 * stats, the tree's ties) has to give the same bytes wherever it is made.
 */

/**
 * Compare two strings by UTF-16 code units, as `<` does: no locale, no normalisation.
 * @param a one string
 * @param b another
 * @returns negative when a comes first, positive when b does, 0 when equal
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
