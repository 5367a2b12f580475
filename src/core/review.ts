/**
 * Review of a change's annotations, as a pull request's reviewer sees them: each annotation that
 * `diffAnnotations` finds added, removed or changed since a base revision is one item, and it counts
 * as reviewed when its record carries a `review` made for this change. Pure: the caller reads both
 * versions and writes any review record.
 *
 * A review counts only when it is new since the base: a record whose `review` is the same in the base
 * was reviewed for an earlier change, and this change is not reviewed yet. A removed annotation has
 * no record left to carry a review; it is listed, and `check --require-reviewed` warns about it.
 */
import type { AnnotationDiff, ChangedAnnotation } from './diff';
import type { Annotation, Finding, Review } from './model';
import { compareStrings } from './order';

/** What happened to an annotation; a changed one may have several of the last six. */
export type ReviewChange = 'added' | 'removed' | 'relabelled' | 'moved' | 'text changed' | 'orphaned' | 'edited' | 'ambiguous';

/** One annotation to review. */
export interface ReviewItem {
  /** The document (or sidecar) key the comparison used. */
  document: string;
  /** The annotation's id. */
  id: string;
  /** What changed, in the order of `ReviewChange`. */
  changes: ReviewChange[];
  /** The record in the base; absent when it was added. */
  before?: Annotation;
  /** The record now; absent when it was removed. */
  after?: Annotation;
}

/** Where an item stands: reviewed and accepted or rejected, or not reviewed for this change. */
export type ReviewState = Review['state'] | 'unreviewed';

/** The diff's change lists that pair a record before with one after, and what each is called. */
const PAIRED: readonly (readonly [keyof AnnotationDiff['documents'][number], ReviewChange])[] = [
  ['relabelled', 'relabelled'],
  ['moved', 'moved'],
  ['textChanged', 'text changed'],
  ['orphaned', 'orphaned'],
  ['edited', 'edited'],
];

/**
 * The items to review, one per annotation: by document, then by place (the old place for a removed
 * one). The records of an id used more than once that the diff could not pair are one item each,
 * `ambiguous`, named by their record now.
 * @param diff the comparison of the base with the current version
 */
export function reviewItems(diff: AnnotationDiff): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const d of diff.documents) {
    const ofDocument: ReviewItem[] = [];
    for (const a of d.added) ofDocument.push({ document: d.document, id: a.id, changes: ['added'], after: a });
    for (const b of d.removed) ofDocument.push({ document: d.document, id: b.id, changes: ['removed'], before: b });
    const changed = new Map<ChangedAnnotation, ReviewItem>();
    for (const [list, change] of PAIRED) {
      for (const pair of d[list] as ChangedAnnotation[]) {
        const item = changed.get(pair) ?? { document: d.document, id: pair.after.id, changes: [], before: pair.before, after: pair.after };
        item.changes.push(change);
        changed.set(pair, item);
      }
    }
    ofDocument.push(...changed.values());
    for (const group of d.ambiguous) for (const a of group.after) ofDocument.push({ document: d.document, id: a.id, changes: ['ambiguous'], after: a });
    ofDocument.sort(compareItemsByPlace);
    items.push(...ofDocument);
  }
  return items;
}

/**
 * Whether an item was reviewed for this change: its record's `review`, unless the base record has
 * the same one (then it was made for an earlier change). A removed annotation is never reviewed.
 */
export function reviewState(item: ReviewItem): ReviewState {
  const review = item.after?.review;
  if (review === undefined) return 'unreviewed';
  const old = item.before?.review;
  if (old !== undefined && old.state === review.state && old.by === review.by && old.at === review.at) return 'unreviewed';
  return review.state;
}

/**
 * The findings of `check --require-reviewed` for one sidecar: an error for each changed annotation
 * without an accepted review made for this change (and for one a reviewer rejected but that still
 * stands changed), a warning for each removed one.
 * @param items the sidecar's items
 * @param base what the base is called in the messages (the revision given)
 * @param lineOf the 1-based line of a record in the current sidecar, by id
 */
export function reviewFindings(items: readonly ReviewItem[], base: string, lineOf: (id: string) => number | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const what = `annotation ${item.id} (${(item.after ?? item.before)!.label}) ${describeChanges(item.changes)} since ${base}`;
    if (item.after === undefined) {
      findings.push({
        severity: 'warning',
        code: 'removed-unreviewed',
        message: `${what}; a removal carries no review record: check it in \`marginalia diff ${base}\` or restore it`,
        line: 1,
        column: 1,
        annotationId: item.id,
      });
      continue;
    }
    const state = reviewState(item);
    if (state === 'accepted') continue;
    const line = lineOf(item.id) ?? 1;
    findings.push(
      state === 'rejected'
        ? { severity: 'error', code: 'review-rejected', message: `${what} was rejected by ${item.after.review!.by} but is still changed; undo the change or have it accepted`, line, column: 3, annotationId: item.id }
        : { severity: 'error', code: 'unreviewed-change', message: `${what} is not reviewed; a reviewer accepts it by adding \`review: {state: accepted, by: <name>, at: <ISO 8601 time>}\` to its record, or undoes the change`, line, column: 3, annotationId: item.id },
    );
  }
  return findings;
}

/** "relabelled and moved", "added". */
export function describeChanges(changes: readonly ReviewChange[]): string {
  const words = changes.map((c) => (c === 'ambiguous' ? 'changed (its id is used more than once)' : c));
  return words.length <= 1 ? (words[0] ?? 'changed') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Order two items of a document by place: start, end, then id (the old place for a removed one).
 * @param x one item
 * @param y another
 */
export function compareItemsByPlace(x: ReviewItem, y: ReviewItem): number {
  return compareByPlace(placeOf(x), placeOf(y));
}

function placeOf(item: ReviewItem): Annotation {
  return (item.after ?? item.before)!;
}

function compareByPlace(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareStrings(a.id, b.id);
}
