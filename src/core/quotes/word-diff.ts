/**
 * What differs between two prints of one quotation, word by word, for the hover that shows the other
 * prints. Words are compared folded (`foldQuote`), so a curly apostrophe or an em dash for `--` is not
 * a difference; the words returned are as printed.
 */
import { myersDiff } from '../anchoring/myers';
import { foldQuote } from './fold';

/** A run of words: in both prints, only in the first (`delete`) or only in the second (`insert`). */
export interface WordChange {
  op: 'equal' | 'delete' | 'insert';
  /** The words as printed, separated by single spaces. */
  text: string;
}

/** Beyond this many word edits the prints are shown as wholly different: the work grows with its square. */
const MAX_WORD_EDITS = 2000;

/**
 * The word-level difference from one print to another.
 * @param a the first print
 * @param b the second print
 * @returns runs in reading order; joined, the `equal` and `delete` runs give `a`'s words, the `equal` and `insert` runs `b`'s
 */
export function diffWords(a: string, b: string): WordChange[] {
  const wa = a.split(/\s+/).filter(Boolean);
  const wb = b.split(/\s+/).filter(Boolean);
  const fa = wa.map(foldQuote);
  const fb = wb.map(foldQuote);
  const changes = myersDiff(wa.length, wb.length, (i, j) => fa[i] === fb[j], MAX_WORD_EDITS) ?? [{ aStart: 0, aEnd: wa.length, bStart: 0, bEnd: wb.length }];
  const runs: WordChange[] = [];
  const push = (op: WordChange['op'], words: string[]): void => {
    if (words.length) runs.push({ op, text: words.join(' ') });
  };
  let i = 0;
  for (const c of changes) {
    push('equal', wa.slice(i, c.aStart));
    push('delete', wa.slice(c.aStart, c.aEnd));
    push('insert', wb.slice(c.bStart, c.bEnd));
    i = c.aEnd;
  }
  push('equal', wa.slice(i));
  return runs;
}
