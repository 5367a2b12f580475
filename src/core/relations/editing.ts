/**
 * What the editor needs to make and unmake relations: the types an annotation may start, the
 * annotations a type may point at (nearest first), the relation to write (a symmetric one only once),
 * and the relations that must go with an annotation being deleted. Pure: it takes annotations already
 * read, by document paths relative to one root (see `resolve.ts`).
 */

import type { Annotation, Relation, RelationTypeSpec } from '../model';
import { relativeDocumentPath, resolveDocumentPath } from './paths';
import type { RelatedDocument } from './resolve';
import { disallowedEnd } from './types';

/** An annotation and the document it is in. */
export interface PlacedEnd {
  /** The document's path relative to the root. */
  document: string;
  /** The annotation. */
  annotation: Annotation;
}

/**
 * The relation types an annotation of a label may start: those whose source end allows it (or, for a
 * symmetric type, either end), in the configuration's order.
 * @param types the configuration's relation types
 * @param label the source annotation's label
 */
export function typesStartingAt(types: readonly RelationTypeSpec[], label: string): RelationTypeSpec[] {
  const allows = (labels: readonly string[] | undefined) => !labels || labels.includes(label);
  return types.filter((type) => allows(type.from) || (type.symmetric && allows(type.to)));
}

/**
 * The annotations a relation of a type may point at from a source, nearest first: those of the
 * source's document by distance from it, then those of the other documents, by path and position.
 * Left out: the source itself, orphans, labels the type does not allow, and targets the source is
 * already related to by this type (either way round, for a symmetric type).
 * @param source the annotation the relation starts from
 * @param type the relation type
 * @param documents every annotated document under the root
 */
export function relationTargets(source: PlacedEnd, type: RelationTypeSpec, documents: readonly RelatedDocument[]): PlacedEnd[] {
  const near: { end: PlacedEnd; distance: number }[] = [];
  const far: PlacedEnd[] = [];
  const { start, end } = source.annotation;
  for (const document of [...documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    for (const annotation of document.annotations) {
      if (annotation.status === 'orphaned') continue;
      if (document.path === source.document && annotation.id === source.annotation.id) continue;
      if (disallowedEnd(type, source.annotation.label, annotation.label) !== undefined) continue;
      const target = { document: document.path, annotation };
      if (alreadyRelated(source, target, type)) continue;
      if (document.path !== source.document) far.push(target);
      else near.push({ end: target, distance: annotation.end <= start ? start - annotation.end : annotation.start >= end ? annotation.start - end : 0 });
    }
  }
  near.sort((a, b) => a.distance - b.distance || a.end.annotation.start - b.end.annotation.start);
  return [...near.map((n) => n.end), ...far.sort((a, b) => (a.document === b.document ? a.annotation.start - b.annotation.start : 0))];
}

/**
 * The relation a source writes to point at a target: `document:` only when the target is elsewhere.
 * @param type the relation type's id
 * @param source where the relation starts
 * @param target where it points
 */
export function relationTo(type: string, source: PlacedEnd, target: PlacedEnd): Relation {
  const document = relativeDocumentPath(source.document, target.document);
  return document === undefined ? { type, to: target.annotation.id } : { type, to: target.annotation.id, document };
}

/**
 * Whether a source already has a relation of the type to a target: it lists it, or, for a symmetric
 * type, the target lists it back (a symmetric relation is written once, by either end).
 * @param source one end
 * @param target the other end
 * @param type the relation type
 */
export function alreadyRelated(source: PlacedEnd, target: PlacedEnd, type: RelationTypeSpec): boolean {
  const lists = (from: PlacedEnd, to: PlacedEnd) =>
    (from.annotation.relations ?? []).some((r) => r.type === type.id && r.to === to.annotation.id && (r.document === undefined ? from.document : resolveDocumentPath(from.document, r.document)) === to.document);
  return lists(source, target) || (type.symmetric && lists(target, source));
}

/** An annotation whose relations change because another is deleted: its list before, and after. */
export interface RelationsCut {
  /** The annotation that lists relations to what is deleted. */
  holder: PlacedEnd;
  /** Its relations as they are (to put back on undo). */
  before: Relation[];
  /** Its relations without those pointing at what is deleted (undefined: none left). */
  after: Relation[] | undefined;
  /** The relations removed. */
  removed: Relation[];
}

/**
 * The relations other annotations list to annotations about to be deleted, per annotation listing
 * them: deleting a target removes the relations pointing at it, so none is left dangling. The deleted
 * annotations' own relations go with them and are not listed.
 * @param deleted the annotations to delete (all in one document)
 * @param documents every annotated document under the root
 */
export function relationsToDeleted(deleted: { document: string; ids: readonly string[] }, documents: readonly RelatedDocument[]): RelationsCut[] {
  const gone = new Set(deleted.ids);
  const cuts: RelationsCut[] = [];
  for (const document of documents) {
    for (const annotation of document.annotations) {
      if (document.path === deleted.document && gone.has(annotation.id)) continue;
      const before = annotation.relations ?? [];
      const pointsAtDeleted = (r: Relation) => gone.has(r.to) && (r.document === undefined ? document.path : resolveDocumentPath(document.path, r.document)) === deleted.document;
      const removed = before.filter(pointsAtDeleted);
      if (removed.length === 0) continue;
      const kept = before.filter((r) => !pointsAtDeleted(r));
      cuts.push({ holder: { document: document.path, annotation }, before: [...before], after: kept.length > 0 ? kept : undefined, removed });
    }
  }
  return cuts;
}
