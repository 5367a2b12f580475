/**
 * Word edges: quotes are usually annotated from a word's start to a word's end, and a re-anchored quote
 * should still begin and end on word edges when it did before.
 */

/**
 * Kind of a character for boundary comparison: 0 word character, 1 white space, 2 other, 3 none.
 * @param c one UTF-16 code unit as a string, or '' for none
 */
export function charKind(c: string): number {
  if (c === '') return 3;
  if (isWordChar(c)) return 0;
  return /\s/.test(c) ? 1 : 2;
}

/**
 * Move a quote edge that falls inside a word to the nearest word edge, the tighter one on a tie: for a
 * start, the start of that word or of the next word; for an end, the end of that word or of the previous one.
 * @param text the document text
 * @param start the quote's start
 * @param end the quote's end
 * @param atStart move the start (else the end)
 */
export function nearestWordEdge(text: string, start: number, end: number, atStart: boolean): number {
  const at = atStart ? start : end;
  if (!(isWordChar(text.charAt(at - 1)) && isWordChar(text.charAt(at)))) return at;
  let outward = at;
  let inward = at;
  if (atStart) {
    while (outward > 0 && isWordChar(text.charAt(outward - 1))) outward--;
    while (inward < end && isWordChar(text.charAt(inward))) inward++;
    while (inward < end && !isWordChar(text.charAt(inward))) inward++;
    return inward < end && inward - at <= at - outward ? inward : outward;
  }
  while (outward < text.length && isWordChar(text.charAt(outward))) outward++;
  while (inward > start && isWordChar(text.charAt(inward - 1))) inward--;
  while (inward > start && !isWordChar(text.charAt(inward - 1))) inward--;
  return inward > start && at - inward <= outward - at ? inward : outward;
}

/**
 * Whether an offset falls inside a word: between two letters or digits, or on either side of an
 * apostrophe that joins two (`NATO’|s`, `NATO|’s`): a possessive or contraction is one word.
 * @param text the text
 * @param at an offset in it
 */
export function splitsWord(text: string, at: number): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at);
  if (isWordChar(before) && isWordChar(after)) return true;
  if (APOSTROPHE.test(before)) return isWordChar(text.charAt(at - 2)) && isWordChar(after);
  return APOSTROPHE.test(after) && isWordChar(before) && isWordChar(text.charAt(at + 1));
}

/** An apostrophe, typographic or typed. */
const APOSTROPHE = /^['’]$/;

/**
 * Whether a one-code-unit string is a letter or digit.
 * @param c one UTF-16 code unit as a string, or '' (not a word character)
 */
export function isWordChar(c: string): boolean {
  return c !== '' && /[\p{L}\p{N}]/u.test(c);
}
