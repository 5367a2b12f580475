/**
 * Annotations as the cross-source commands (`figures`, `conflicts`, `quotes`) see them: each with the
 * document it belongs to, its line there and the outlet that published the document.
 */
import type { Annotation } from '../model';
import { compareStrings } from '../order';

/** One annotation placed in its document. */
export interface PlacedAnnotation {
  annotation: Annotation;
  /** The document's path as shown (relative to the working folder, `/` separators). */
  file: string;
  /** 1-based line of the span's first character in the document; null when the document could not be read or the annotation is orphaned. */
  line: number | null;
  /** The outlet of the sidecar's `source:` header; null without one. */
  outlet: string | null;
}

/**
 * Order of reports: by document, then line, then id, so output is the same on every run.
 * @param a one annotation
 * @param b another
 */
export function comparePlaced(a: Pick<PlacedAnnotation, 'file' | 'line'> & { id: string }, b: Pick<PlacedAnnotation, 'file' | 'line'> & { id: string }): number {
  return compareStrings(a.file, b.file) || (a.line ?? Infinity) - (b.line ?? Infinity) || compareStrings(a.id, b.id);
}
