/**
 * What accepting or rejecting a review item does to the current sidecar, as store operations the
 * editor runs (so that undo works): pure, so that the rules are unit-tested once.
 *
 * Accepting writes a `review` record on the annotation. Rejecting undoes the change and records the
 * verdict where a record remains: an added annotation is removed; a removed one is restored from the
 * base; a relabel or an edit of note, entity or attributes is reverted in place; a move, a text change
 * or an orphaning is reverted by putting the base record back (the store re-anchors it into the
 * current text, as it does for undo). A record reverted to its base with a new `review` alone is no
 * change to review, so `check --require-reviewed` passes on it.
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
  /** Why nothing can be done: the item cannot be undone safely. */
  refused?: string;
}

/** The fields a relabel or an edit changes, reverted in place. */
const EDITABLE = ['label', 'note', 'entity', 'attributes'] as const;

/**
 * Accept an item: a `review` record on its annotation. A removed annotation has no record to carry
 * it, so accepting a removal changes nothing (the removal stands). The records of an id used more
 * than once cannot be told apart by id, so accepting one is refused.
 * @param item the item
 * @param by the reviewer
 * @param at when, ISO 8601
 */
export function acceptAction(item: ReviewItem, by: string, at: string): ReviewAction {
  if (item.changes.includes('ambiguous')) return { refused: sharedId(item) };
  if (item.after === undefined) return {};
  const review: Review = { state: 'accepted', by, at };
  return { update: { id: item.after.id, patch: { review } } };
}

/**
 * Reject an item: undo its change, and write a `rejected` review on the record that remains. The
 * records of an id used more than once cannot be told apart by id, so their change is refused.
 * @param item the item
 * @param by the reviewer
 * @param at when, ISO 8601
 */
export function rejectAction(item: ReviewItem, by: string, at: string): ReviewAction {
  const { before, after } = item;
  if (item.changes.includes('ambiguous')) return { refused: sharedId(item) };
  const review: Review = { state: 'rejected', by, at };
  if (after === undefined) return { restore: [{ ...before!, review }] };
  if (before === undefined) return { remove: [after.id] };
  if (item.changes.every((c) => c === 'relabelled' || c === 'edited')) {
    const patch: Partial<Omit<Annotation, 'id'>> = { review };
    for (const key of EDITABLE) (patch as Record<string, unknown>)[key] = before[key];
    return { update: { id: after.id, patch } };
  }
  return { remove: [after.id], restore: [{ ...before, review }] };
}

/** Why an item whose id is used by more than one record is left as it is. */
function sharedId(item: ReviewItem): string {
  return `the id ${item.id} is used by more than one record, so which record is meant is unknown; give each record its own id first`;
}
