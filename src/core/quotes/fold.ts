/**
 * The form in which two prints of one quotation compare equal. On top of the tree's folding
 * (`normalizeForGrouping`: Unicode forms, quote and dash styles, spacing, case), a quotation printed
 * by different outlets differs by what editors do to it, which is folded too:
 * - bracketed insertions ("[the Kremlin] is trying") are dropped, they are not the speaker's words;
 * - ellipses ("…", "...") mark a cut and are dropped;
 * - punctuation and dashes become word breaks, apostrophes vanish ("don't" and "don’t" are "dont").
 * The result is lower-case words separated by single spaces.
 */
import { normalizeForGrouping } from '../grouping';

/** An editor's insertion in square brackets, ellipsis marks such as "[...]" included. */
const BRACKETED = /\[[^\]]*\]/g;

/**
 * Fold a quote's text for matching.
 * @param text the quote as printed
 */
export function foldQuote(text: string): string {
  // Insertions go before the tree's folding, which trims brackets at the edges and would leave the
  // words of "[the Kremlin] is trying" in.
  return normalizeForGrouping(text.normalize('NFKC').replace(BRACKETED, ' '))
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
