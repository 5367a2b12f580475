/**
 * Three-way merge of annotation lists by id, for when a sidecar changed on disk (another window,
 * the CLI, a git checkout) while an editor held unsaved changes to the same annotations: nothing
 * either side did is lost.
 *
 * Where a span lies is not merged field by field: our copy follows the text we hold (the editor's
 * buffer), so its place wins whenever we have the annotation; one that only the other side has is
 * reported for re-anchoring against our text. What an annotation says (label, entity, attributes,
 * note, author, created) is merged field by field against the common base.
 */
import type { Annotation } from './model';

/** The fields that say what an annotation is, as opposed to where it lies. */
const CONTENT_FIELDS = ['label', 'entity', 'attributes', 'note', 'author', 'created'] as const;
type ContentField = (typeof CONTENT_FIELDS)[number];

/** The result of a merge. */
export interface MergeResult {
  /** The merged annotations: ours in our order, then those only the other side has. */
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
  const baseById = new Map(base.map((a) => [a.id, a]));
  const theirsById = new Map(theirs.map((a) => [a.id, a]));
  const oursIds = new Set(ours.map((a) => a.id));
  const annotations: Annotation[] = [];
  const needsAnchoring: string[] = [];
  const conflicts: string[] = [];

  for (const o of ours) {
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
  for (const t of theirs) {
    if (oursIds.has(t.id)) continue;
    const b = baseById.get(t.id);
    if (b && sameContent(t, b)) continue; // we removed it and they did not touch it
    if (b) conflicts.push(t.id); // we removed it, they changed it: keep theirs
    annotations.push(t);
    needsAnchoring.push(t.id);
  }
  return { annotations, needsAnchoring, conflicts };
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
    else if (!same(t, b)) conflict = true; // both changed it: ours stays
  }
  return { annotation: result, conflict };
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
