/**
 * A few recently read or written sidecar texts, prepared for splicing. Writing usually follows a read
 * or a write of the same text (the extension reads a sidecar, the user changes one annotation, the
 * store writes it with the text it read as `previousSource`); remembering the analysis saves parsing
 * that text a second time. Entries hold only strings, keyed by the exact text, so they can never be
 * stale or changed by a caller.
 */

import type { PreparedSource } from './splice';

const CAPACITY = 4;
const entries: PreparedSource[] = [];

/**
 * Remember a prepared text.
 * @param prepared the text and its analysis
 */
export function rememberSource(prepared: PreparedSource): void {
  const existing = entries.findIndex((entry) => entry.source === prepared.source);
  if (existing !== -1) entries.splice(existing, 1);
  entries.unshift(prepared);
  if (entries.length > CAPACITY) entries.pop();
}

/**
 * The prepared form of a text, if it was remembered.
 * @param source the exact text
 */
export function recallSource(source: string): PreparedSource | undefined {
  return entries.find((entry) => entry.source === source);
}
