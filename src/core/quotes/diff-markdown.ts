/**
 * Another print of a quotation as the hover shows it: its words, with what it has that this print
 * lacks in bold and what this print has that it lacks struck through. The words come from sidecars,
 * so every one is escaped (`escapeMarkdown`); only the markers are Markdown.
 */
import { escapeMarkdown } from '../markdown-escape';
import { diffWords } from './word-diff';

/** Equal runs longer than this many words are cut in the middle: the differences are what is read. */
const MAX_EQUAL_WORDS = 12;
/** Words kept at each end of a cut equal run. */
const KEPT_EQUAL_WORDS = 5;

/**
 * The word-level difference from this print to another, as one line of Markdown.
 * @param here the print under the cursor
 * @param other another print of the same quotation
 * @returns the Markdown line, and whether any word differs (quote and dash styles, case and
 *   punctuation are not differences: they are folded as the clustering folds them)
 */
export function printDiffMarkdown(here: string, other: string): { markdown: string; differs: boolean } {
  const runs = diffWords(here, other);
  const differs = runs.some((r) => r.op !== 'equal');
  const parts = runs.map((run, i) => {
    if (run.op === 'insert') return `**${escapeMarkdown(run.text)}**`;
    if (run.op === 'delete') return `~~${escapeMarkdown(run.text)}~~`;
    const words = run.text.split(' ');
    if (!differs || words.length <= MAX_EQUAL_WORDS) return escapeMarkdown(run.text);
    // Keep the words beside the differences: the start of the first run and the end of the last need no context.
    const head = i === 0 ? [] : words.slice(0, KEPT_EQUAL_WORDS);
    const tail = i === runs.length - 1 ? [] : words.slice(-KEPT_EQUAL_WORDS);
    return [...head.map(escapeMarkdown), '…', ...tail.map(escapeMarkdown)].join(' ');
  });
  return { markdown: parts.join(' '), differs };
}
