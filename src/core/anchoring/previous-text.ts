/**
 * Finding the text a sidecar's annotations were last verified against, so that re-anchoring can diff
 * from it (`reanchor`'s `previousText`). Where earlier versions of a document come from (git, for the
 * CLI) is behind `DocumentVersions`, so this stays pure and testable.
 */
import type { Annotation } from '../model';
import { OffsetIndex, normalizeText } from '../text';
import { holds } from './reanchor';

/** Earlier versions of one document, newest first, as stored (raw: CRLF and BOM are normalised here). */
export type DocumentVersions = AsyncIterable<string>;

/**
 * The newest earlier version of a document on which every annotation that is not orphaned holds.
 * A sidecar written by hand or by another tool needs no key of its own for this: its annotations say
 * which version they were made on.
 * @param annotations the sidecar's annotations
 * @param currentText the document's normalised text now
 * @param versions earlier versions, newest first (read only as far as needed)
 * @returns that version's normalised text, or undefined when none fits (or there is nothing to check)
 */
export async function findPreviousText(
  annotations: readonly Annotation[],
  currentText: string,
  versions: DocumentVersions,
): Promise<string | undefined> {
  const placed = annotations.filter((a) => a.status !== 'orphaned');
  if (placed.length === 0) return undefined;
  let tried: string | undefined;
  for await (const raw of versions) {
    const text = normalizeText(raw);
    if (text === currentText || text === tried) continue; // the staged version is often the last commit's
    tried = text;
    const index = new OffsetIndex(text);
    if (placed.every((a) => holds(a, index))) return text;
  }
  return undefined;
}
