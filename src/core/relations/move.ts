/**
 * Keeping relations standing when a document or a folder is renamed or moved: a relation names its
 * target's document by a path relative to its own document's folder, so the `document:` of relations
 * that point into what moved changes, and so does that of relations listed by what moved, when its
 * folder changed. Ids do not change. Pure: the caller reads and writes the sidecars.
 */

import type { Annotation } from '../model';
import { relativeDocumentPath, resolveDocumentPath } from './paths';

/** A rename or move: of a document, or of a folder and all under it. Paths are `/`-separated, from one root. */
export interface DocumentMove {
  from: string;
  to: string;
}

/**
 * Where a document is after a move.
 * @param path the document's path before
 * @param move what moved
 */
export function movedPath(path: string, move: DocumentMove): string {
  if (path === move.from) return move.to;
  const folder = move.from.endsWith('/') ? move.from : move.from + '/';
  return path.startsWith(folder) ? (move.to.endsWith('/') ? move.to : move.to + '/') + path.slice(folder.length) : path;
}

/**
 * The annotations of one document with the `document:` of their relations rewritten for a move, or
 * undefined when none changes. A relation whose `document:` names no document (see
 * `resolveDocumentPath`) is left as it is, for `check` to report.
 * @param documentPath the path of the annotations' document before the move
 * @param annotations its annotations
 * @param move what moved
 */
export function relationsAfterMove(documentPath: string, annotations: readonly Annotation[], move: DocumentMove): Annotation[] | undefined {
  const newPath = movedPath(documentPath, move);
  let changed = false;
  const result = annotations.map((annotation) => {
    if (!annotation.relations?.some((r) => r.document !== undefined)) return annotation;
    let own = false;
    const relations = annotation.relations.map((relation) => {
      if (relation.document === undefined) return relation;
      const target = resolveDocumentPath(documentPath, relation.document);
      if (target === undefined) return relation;
      const document = relativeDocumentPath(newPath, movedPath(target, move));
      if (document === relation.document) return relation;
      own = true;
      const rewritten = { ...relation };
      if (document === undefined) delete rewritten.document;
      else rewritten.document = document;
      return rewritten;
    });
    if (!own) return annotation;
    changed = true;
    return { ...annotation, relations };
  });
  return changed ? result : undefined;
}
