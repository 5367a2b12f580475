/**
 * Remembering turned-down suggestions: the sidecar's `rejected:` header holds each one's label, text
 * and the text just before it, so that it survives edits and re-anchoring and a colleague who opens the
 * document is not offered it again. See docs/suggestions.md.
 */
import type { RejectedSuggestion } from '../model';

/** How much text before a rejected span is kept to tell it from another span of the same text, in code points. */
export const REJECTED_CONTEXT = 16;

/**
 * The record that remembers a rejected suggestion.
 * @param label the suggestion's label
 * @param text its text
 * @param precedingText the document text before it (only its end is used)
 */
export function rejectionOf(label: string, text: string, precedingText: string): RejectedSuggestion {
  const before = contextBefore(precedingText);
  return before ? { label, text, before } : { label, text };
}

/**
 * A test for whether a suggestion was rejected, built once per document.
 * @param rejected the sidecar's `rejected:` records
 * @returns a function of a suggestion's label, text and the document text before it
 */
export function rejectionMatcher(rejected: readonly RejectedSuggestion[]): (label: string, text: string, precedingText: string) => boolean {
  const byKey = new Map<string, (string | undefined)[]>();
  for (const r of rejected) {
    const key = `${r.label}\u0000${r.text}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r.before]);
  }
  return (label, text, precedingText) => {
    const befores = byKey.get(`${label}\u0000${text}`);
    if (!befores) return false;
    const before = contextBefore(precedingText);
    return befores.some((b) => b === undefined || before.endsWith(b));
  };
}

/** The last REJECTED_CONTEXT code points of a text, runs of white space folded to one space. */
function contextBefore(precedingText: string): string {
  const folded = precedingText.slice(-4 * REJECTED_CONTEXT).replace(/\s+/g, ' ');
  return [...folded].slice(-REJECTED_CONTEXT).join('');
}
