/**
 * Three-way merge of annotation lists by id, for when a sidecar changed on disk (another window,
 * the CLI, a git checkout) while an editor held unsaved changes to the same annotations: nothing
 * either side did is lost.
 *
 * Where a span lies is not merged field by field: our copy follows the text we hold (the editor's
 * buffer), so its place wins whenever we have the annotation; one that only the other side has is
 * reported for re-anchoring against our text. What an annotation says (label, entity, attributes,
 * relations, note, author, created) is merged field by field against the common base. A relation list
 * both sides changed is merged relation by relation, as a set: what either side added is kept, what
 * either side removed is gone, and that is no conflict (see `mergeRelations`).
 *
 * An id that more than one record uses on any side (a hand merge, a copy-paste) cannot say which
 * record became which, so its records are merged as one group (see `mergeGroup`), never by id: both
 * records on disk are kept when the editor writes.
 */
import type { Annotation, Relation } from './model';
import { valueKey } from './sidecar/content-key';

/** The fields that say what an annotation is, as opposed to where it lies. */
const CONTENT_FIELDS = ['label', 'entity', 'attributes', 'relations', 'note', 'author', 'created'] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];

/** The result of a merge. */
export interface MergeResult {
  /** The merged annotations: the records of ids used more than once, then ours in our order, then those only the other side has. */
  annotations: Annotation[];
  /** Ids of annotations taken from the other side alone: their offsets count over the other side's text. */
  needsAnchoring: string[];
  /** Ids both sides changed in the same field, or one changed and the other removed; ours was kept. */
  conflicts: string[];
}

/**
 * Merge our annotations and theirs, both descended from `base`.
 * @param base the annotations as they were when we last read the file
 * @param ours our current annotations (offsets over our current text)
 * @param theirs the annotations now in the file
 */
export function mergeById(base: readonly Annotation[], ours: readonly Annotation[], theirs: readonly Annotation[]): MergeResult {
  const shared = duplicatedIds(base, ours, theirs);
  const annotations: Annotation[] = [];
  const needsAnchoring: string[] = [];
  const conflicts: string[] = [];
  for (const id of shared) {
    const group = (list: readonly Annotation[]) => list.filter((a) => a.id === id);
    const [b, o, t] = [group(base), group(ours), group(theirs)];
    const outcome = mergeGroup(b, o, t, whatItSays);
    if (outcome === 'theirs') {
      annotations.push(...t);
      if (t.length > 0) needsAnchoring.push(id);
      continue;
    }
    annotations.push(...o);
    if (outcome === 'conflict') {
      // Ours stay; what they added or changed in the group is kept beside them, never dropped.
      const added = withoutMatches(t, [...o, ...b], whatItSays);
      annotations.push(...added);
      if (added.length > 0) needsAnchoring.push(id);
      conflicts.push(id);
    }
  }
  // The other ids are used once on each side: merged by id.
  const single = (list: readonly Annotation[]) => (shared.size === 0 ? list : list.filter((a) => !shared.has(a.id)));
  const baseById = new Map(single(base).map((a) => [a.id, a]));
  const theirsById = new Map(single(theirs).map((a) => [a.id, a]));
  const oursIds = new Set(ours.map((a) => a.id));

  for (const o of single(ours)) {
    const b = baseById.get(o.id);
    const t = theirsById.get(o.id);
    if (!t) {
      // Removed on their side: follow them unless we changed what it says.
      if (!b) annotations.push(o);
      else if (sameContent(o, b)) continue;
      else {
        annotations.push(o);
        conflicts.push(o.id);
      }
      continue;
    }
    const merged = mergeContent(b, o, t);
    annotations.push(merged.annotation);
    if (merged.conflict) conflicts.push(o.id);
  }
  for (const t of single(theirs)) {
    if (oursIds.has(t.id)) continue;
    const b = baseById.get(t.id);
    if (b && sameContent(t, b)) continue; // we removed it and they did not touch it
    if (b) conflicts.push(t.id); // we removed it, they changed it: keep theirs
    annotations.push(t);
    needsAnchoring.push(t.id);
  }
  return { annotations, needsAnchoring, conflicts };
}

/**
 * The ids that more than one record uses in any of the versions (in the order first met).
 * @param versions lists of annotations
 */
export function duplicatedIds(...versions: (readonly Annotation[])[]): Set<string> {
  const duplicated = new Set<string>();
  for (const list of versions) {
    const seen = new Set<string>();
    for (const a of list) {
      if (seen.has(a.id)) duplicated.add(a.id);
      else seen.add(a.id);
    }
  }
  return duplicated;
}

/** Which side's records a group merge takes. */
export type GroupOutcome = 'ours' | 'theirs' | 'conflict';

/**
 * Three-way merge of the records of one id used more than once: the records are compared as a whole
 * (as multisets of `key`), since no id says which became which. A side that is as the base, or as
 * the other side, gives way to the other; both sides changed differently is a conflict.
 * @param base the group's records in the common base
 * @param ours our records of the group
 * @param theirs their records of the group
 * @param key what a record is compared by
 */
export function mergeGroup(
  base: readonly Annotation[],
  ours: readonly Annotation[],
  theirs: readonly Annotation[],
  key: (a: Annotation) => string,
): GroupOutcome {
  const oursKey = multisetKey(ours, key);
  const theirsKey = multisetKey(theirs, key);
  if (oursKey === theirsKey) return 'ours';
  const baseKey = multisetKey(base, key);
  if (theirsKey === baseKey) return 'ours';
  if (oursKey === baseKey) return 'theirs';
  return 'conflict';
}

function multisetKey(records: readonly Annotation[], key: (a: Annotation) => string): string {
  return JSON.stringify(records.map(key).sort());
}

/** The records of `records` left once each record of `others` has taken away one equal to it. */
function withoutMatches(records: readonly Annotation[], others: readonly Annotation[], key: (a: Annotation) => string): Annotation[] {
  const counts = new Map<string, number>();
  for (const other of others) counts.set(key(other), (counts.get(key(other)) ?? 0) + 1);
  return records.filter((record) => {
    const count = counts.get(key(record)) ?? 0;
    if (count > 0) counts.set(key(record), count - 1);
    return count === 0;
  });
}

/** What an annotation says, as a string: where it lies is left out (our offsets count over our text). */
function whatItSays(a: Annotation): string {
  return stableJson(CONTENT_FIELDS.map((field) => a[field]));
}

function mergeContent(
  base: Annotation | undefined,
  ours: Annotation,
  theirs: Annotation,
): { annotation: Annotation; conflict: boolean } {
  const result: Annotation = { ...ours };
  let conflict = false;
  for (const field of CONTENT_FIELDS) {
    const o = ours[field];
    const t = theirs[field];
    if (same(o, t)) continue;
    const b = base?.[field];
    if (same(o, b)) setField(result, field, t);
    else if (same(t, b)) continue;
    else if (field === 'relations') setField(result, field, mergeRelations(base?.relations, ours.relations, theirs.relations));
    else conflict = true; // both changed it: ours stays
  }
  return { annotation: result, conflict };
}

/**
 * Three-way merge of two relation lists, as sets of relations (a relation is its whole content, extra
 * keys included): ours, less those they removed, then those they added, in their order. Two sides
 * that link the same annotation differently both stand; a relation one side removed is removed.
 * @param base the list in the common base (absent: none)
 * @param ours our list
 * @param theirs their list
 * @returns the merged list, undefined when it is empty
 */
export function mergeRelations(base: readonly Relation[] = [], ours: readonly Relation[] = [], theirs: readonly Relation[] = []): Relation[] | undefined {
  const keys = (list: readonly Relation[]) => new Set(list.map(valueKey));
  const [baseKeys, oursKeys, theirsKeys] = [keys(base), keys(ours), keys(theirs)];
  const merged = ours.filter((relation) => {
    const key = valueKey(relation);
    return theirsKeys.has(key) || !baseKeys.has(key);
  });
  const added = new Set<string>();
  for (const relation of theirs) {
    const key = valueKey(relation);
    if (oursKeys.has(key) || baseKeys.has(key) || added.has(key)) continue;
    added.add(key);
    merged.push(relation);
  }
  return merged.length > 0 ? merged : undefined;
}

function setField(target: Annotation, field: ContentField, value: Annotation[ContentField]): void {
  if (value === undefined) delete target[field];
  else (target as unknown as Record<string, unknown>)[field] = value;
}

function sameContent(a: Annotation, b: Annotation): boolean {
  return CONTENT_FIELDS.every((f) => same(a[f], b[f]));
}

function same(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** JSON with object keys sorted, so attribute maps compare by content, not key order. */
function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
