/**
 * Relations across a workspace: for each annotation, the relations it lists (outgoing) and those
 * other annotations list to it (incoming), each with its target found or the reason it is not. Takes
 * annotations already read, so the editor (from its index) and the CLI (from disk) share it. Pure.
 */

import type { Annotation, Relation, RelationTypeSpec } from '../model';
import { resolveDocumentPath } from './paths';
import { disallowedEnd } from './types';

/** One annotated document as the resolver takes it. */
export interface RelatedDocument {
  /** The document's path relative to the root all documents share (a workspace folder), `/`-separated. */
  path: string;
  /** Its annotations. */
  annotations: readonly Annotation[];
}

/** An end of a relation: an annotation of a document. */
export interface RelationEnd {
  /** The document's path, as given to the resolver. */
  document: string;
  /** The annotation's id. */
  id: string;
  /** The annotation, when it was found. */
  annotation: Annotation | undefined;
}

/** Why a relation does not stand as written. */
export type RelationProblem =
  /** `document:` is absolute, has a backslash, or climbs above the root: it names no document. */
  | { kind: 'bad-document-path' }
  /** No document of that path has annotations (or the document is not there). */
  | { kind: 'missing-document' }
  /** The document is there, but no annotation of it has the id. */
  | { kind: 'missing-annotation' }
  /** The relation type is not in the configuration. */
  | { kind: 'unknown-type' }
  /** The label at one end is not one the type allows there. */
  | { kind: 'label-not-allowed'; end: 'from' | 'to'; label: string; allowed: readonly string[] };

/** One relation as written in a sidecar, resolved. */
export interface ResolvedRelation {
  /** The relation as its source lists it. */
  relation: Relation;
  /** Its position in the source's `relations` list. */
  index: number;
  /** The annotation that lists it. */
  from: RelationEnd & { annotation: Annotation };
  /** The annotation it points at; `document` is undefined when `document:` names none (`bad-document-path`). */
  to: Omit<RelationEnd, 'document'> & { document: string | undefined };
  /** The relation type, when it is configured. */
  type: RelationTypeSpec | undefined;
  /** What is wrong with it: none when it stands. */
  problems: RelationProblem[];
}

/** How a relation is seen from one of its ends. */
export type RelationDirection =
  /** This annotation lists it. */
  | 'outgoing'
  /** Another annotation lists it, pointing here. */
  | 'incoming'
  /** A symmetric type: the same from either end, whichever lists it. */
  | 'mutual';

/** A relation as seen from one end: which way it goes and the annotation at the other end. */
export interface RelationLink {
  relation: ResolvedRelation;
  direction: RelationDirection;
  /** The other end. */
  other: RelationEnd | ResolvedRelation['to'];
}

/** The relations of a set of documents, looked up by annotation. */
export interface RelationGraph {
  /** Every relation listed, in document order, then record order, then list order. */
  readonly all: readonly ResolvedRelation[];
  /**
   * The relations of one annotation: those it lists, then those pointing at it. A symmetric relation
   * is `mutual` at both ends, and listed once even when both ends list it.
   * @param document the annotation's document path
   * @param id its id
   */
  linksOf(document: string, id: string): RelationLink[];
}

/**
 * Resolve every relation of the given documents.
 * @param documents the annotated documents (paths unique), relative to one root
 * @param types the relation types of the configuration (`relationTypes(config)`)
 */
export function relationsOf(documents: readonly RelatedDocument[], types: readonly RelationTypeSpec[]): RelationGraph {
  const byPath = new Map<string, RelatedDocument>(documents.map((document) => [document.path, document]));
  // A document's ids are mapped when a relation first points into it: the editor resolves the relations
  // after every change, and a folder whose documents relate nothing need not map 10,000 ids each time.
  const idsOf = new Map<string, Map<string, Annotation>>();
  const targetsIn = (path: string): ReadonlyMap<string, Annotation> | undefined => {
    let ids = idsOf.get(path);
    if (ids) return ids;
    const document = byPath.get(path);
    if (!document) return undefined;
    ids = new Map<string, Annotation>();
    for (const annotation of document.annotations) if (!ids.has(annotation.id)) ids.set(annotation.id, annotation);
    idsOf.set(path, ids);
    return ids;
  };
  const typeById = new Map(types.map((type) => [type.id, type]));
  const all: ResolvedRelation[] = [];
  for (const document of documents) {
    for (const annotation of document.annotations) {
      const relations = annotation.relations;
      if (relations === undefined) continue;
      for (let index = 0; index < relations.length; index++) all.push(resolve(document.path, annotation, relations[index]!, index, targetsIn, typeById));
    }
  }
  // Looked up by end only when asked: `marginalia check` wants each relation's problems, not the links.
  let ends: { outgoing: Map<string, ResolvedRelation[]>; incoming: Map<string, ResolvedRelation[]> } | undefined;
  return {
    all,
    linksOf(document, id) {
      ends ??= relationEnds(all);
      const links: RelationLink[] = [];
      const mutualSeen = new Set<string>();
      const add = (relation: ResolvedRelation, direction: 'outgoing' | 'incoming') => {
        const other = direction === 'outgoing' ? relation.to : relation.from;
        if (!relation.type?.symmetric) {
          links.push({ relation, direction, other });
          return;
        }
        const seen = `${relation.type.id}\n${other.document ?? ''}\n${other.id}`;
        if (mutualSeen.has(seen)) return;
        mutualSeen.add(seen);
        links.push({ relation, direction: 'mutual', other });
      };
      const key = endKey(document, id);
      for (const relation of ends.outgoing.get(key) ?? []) add(relation, 'outgoing');
      for (const relation of ends.incoming.get(key) ?? []) add(relation, 'incoming');
      return links;
    },
  };
}

/** The relations by the annotation that lists them (outgoing) and by the one they point at (incoming), in the order of `all`. */
function relationEnds(all: readonly ResolvedRelation[]): { outgoing: Map<string, ResolvedRelation[]>; incoming: Map<string, ResolvedRelation[]> } {
  const outgoing = new Map<string, ResolvedRelation[]>();
  const incoming = new Map<string, ResolvedRelation[]>();
  const push = (map: Map<string, ResolvedRelation[]>, key: string, relation: ResolvedRelation) => {
    const list = map.get(key);
    if (list) list.push(relation);
    else map.set(key, [relation]);
  };
  for (const resolved of all) {
    push(outgoing, endKey(resolved.from.document, resolved.from.id), resolved);
    if (resolved.to.document !== undefined) push(incoming, endKey(resolved.to.document, resolved.to.id), resolved);
  }
  return { outgoing, incoming };
}

function resolve(
  path: string,
  annotation: Annotation,
  relation: Relation,
  index: number,
  targetsIn: (path: string) => ReadonlyMap<string, Annotation> | undefined,
  typeById: ReadonlyMap<string, RelationTypeSpec>,
): ResolvedRelation {
  const from = { document: path, id: annotation.id, annotation };
  const targetPath = relation.document === undefined ? path : resolveDocumentPath(path, relation.document);
  const targets = targetPath === undefined ? undefined : targetsIn(targetPath);
  const target = targets?.get(relation.to);
  const to = { document: targetPath, id: relation.to, annotation: target };
  const type = typeById.get(relation.type);
  const problems: RelationProblem[] = [];
  if (targetPath === undefined) problems.push({ kind: 'bad-document-path' });
  else if (!targets) problems.push({ kind: 'missing-document' });
  else if (!target) problems.push({ kind: 'missing-annotation' });
  if (!type) problems.push({ kind: 'unknown-type' });
  else if (target) {
    const end = disallowedEnd(type, annotation.label, target.label);
    if (end) problems.push({ kind: 'label-not-allowed', end, label: end === 'from' ? annotation.label : target.label, allowed: (end === 'from' ? type.from : type.to) ?? [] });
  }
  return { relation, index, from, to, type, problems };
}

function endKey(document: string, id: string): string {
  return `${document}\n${id}`;
}
