/**
 * What accepting or rejecting a review item does to the current sidecar, as store operations the
 * editor runs (so that undo works): pure, so that the rules are unit-tested once.
 *
 * Accepting writes a `review` record on the annotation. Rejecting undoes the change: an added
 * annotation is removed; a removed one is restored from the base; a relabel or an edit of note, entity
 * or attributes is reverted in place; a move, a text change or an orphaning is reverted by putting
 * the base record back (the store re-anchors it into the current text, as it does for undo).
 */
import type { Annotation, Review } from './model';
import type { ReviewItem } from './review';

/** The store operations of one decision, run in this order: update, remove, restore. */
export interface ReviewAction {
  /** Fields to change on the current record (undefined removes a field). */
  update?: { id: string; patch: Partial<Omit<Annotation, 'id'>> };
  /** Ids of current records to remove. */
  remove?: string[];
  /** Base records to put back. */
  restore?: Annotation[];
}

/** The fields a relabel or an edit changes, reverted in place. */
const EDITABLE = ['label', 'note', 'entity', 'attributes'] as const;

/**
 * Accept an item: a `review` record on its annotation. A removed annotation has no record to carry
 * it, so accepting a removal changes nothing (the removal stands).
 * @param item the item
 * @param by the reviewer
 * @param at when, ISO 8601
 */
export function acceptAction(item: ReviewItem, by: string, at: string): ReviewAction {
  if (item.after === undefined) return {};
  const review: Review = { state: 'accepted', by, at };
  return { update: { id: item.after.id, patch: { review } } };
}

/**
 * Reject an item: undo its change.
 * @param item the item
 */
export function rejectAction(item: ReviewItem): ReviewAction {
  const { before, after } = item;
  if (after === undefined) return { restore: [before!] };
  if (before === undefined) return { remove: [after.id] };
  if (item.changes.every((c) => c === 'relabelled' || c === 'edited')) {
    const patch: Partial<Omit<Annotation, 'id'>> = { review: before.review };
    for (const key of EDITABLE) (patch as Record<string, unknown>)[key] = before[key];
    return { update: { id: after.id, patch } };
  }
  return { remove: [after.id], restore: [before] };
}
