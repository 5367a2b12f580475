/**
 * The review of a change as the editor shows it: the items of `review.ts` grouped per sidecar with
 * their state and counts, the changes a reviewer rejected and undid (still listed, so the verdict
 * stays in view), and where a removed annotation's ghost goes in the current text. Pure: the editor
 * reads both versions and draws the result.
 */
import { reanchor } from './anchoring/reanchor';
import { diffAnnotations, type SidecarSnapshot } from './diff';
import type { Annotation } from './model';
import { compareItemsByPlace, reviewItems, reviewState, type ReviewChange, type ReviewItem, type ReviewState } from './review';
import { compareStrings } from './order';
import { oneLine, type OffsetIndex } from './text';

/** The changes in the order counts name them (that of `ReviewChange`). */
const CHANGE_ORDER: readonly ReviewChange[] = ['added', 'removed', 'relabelled', 'moved', 'text changed', 'orphaned', 'edited', 'ambiguous'];

/** One item of the review, as listed. */
export interface ReviewEntry {
  item: ReviewItem;
  state: ReviewState;
  /**
   * The change was rejected and undone: the record is back as in the base, with a new `rejected`
   * review (a removal restored, a relabel, move or edit reverted). No longer a change to review.
   */
  reverted: boolean;
}

/** The entries of one sidecar, in the order of the document. */
export interface ReviewDocument {
  /** The sidecar's key in the comparison (its path from the repository root). */
  sidecar: string;
  entries: ReviewEntry[];
}

/** How many entries are in each state, and how many of each change. */
export interface ReviewCounts {
  states: Record<ReviewState, number>;
  /** By change (an entry with several changes counts once under each); reverted entries under none. */
  changes: Partial<Record<ReviewChange, number>>;
  /** Entries undone after a rejection. */
  reverted: number;
}

/**
 * The review of the current sidecars against the base, per sidecar (sorted by key).
 * @param before the sidecars at the base
 * @param after the sidecars now
 * @param acceptedRemovals removals the reviewer accepted (keys of `removalKey`): a removed record has
 *   nowhere to carry its review, so the editor remembers these
 */
export function reviewDocuments(before: readonly SidecarSnapshot[], after: readonly SidecarSnapshot[], acceptedRemovals: ReadonlySet<string> = new Set()): ReviewDocument[] {
  const byKey = new Map<string, ReviewEntry[]>();
  const add = (sidecar: string, entry: ReviewEntry): void => {
    const entries = byKey.get(sidecar);
    if (entries) entries.push(entry);
    else byKey.set(sidecar, [entry]);
  };
  for (const item of reviewItems(diffAnnotations(before, after))) {
    const state = item.after === undefined && acceptedRemovals.has(removalKey(item.document, item.id)) ? 'accepted' : reviewState(item);
    add(item.document, { item, state, reverted: false });
  }
  const old = new Map(before.map((s) => [s.document, s.annotations]));
  for (const snapshot of after) {
    const listed = new Set((byKey.get(snapshot.document) ?? []).map((e) => e.item.id));
    const base = uniqueById(old.get(snapshot.document) ?? []);
    const now = uniqueById(snapshot.annotations);
    for (const [id, record] of now) {
      const was = base.get(id);
      if (!was || listed.has(id)) continue;
      // A rejection made for this change (the base does not carry the same review) undid it.
      const item: ReviewItem = { document: snapshot.document, id, changes: [], before: was, after: record };
      if (reviewState(item) === 'rejected') add(snapshot.document, { item, state: 'rejected', reverted: true });
    }
  }
  return [...byKey]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([sidecar, entries]) => ({ sidecar, entries: entries.sort((x, y) => compareItemsByPlace(x.item, y.item)) }));
}

/**
 * The key under which the editor remembers an accepted removal.
 * @param sidecar the sidecar's key
 * @param id the removed annotation's id
 */
export function removalKey(sidecar: string, id: string): string {
  return `${sidecar}\u0000${id}`;
}

/**
 * The counts of a list of entries (a document's, or all of them).
 * @param entries the entries
 */
export function countEntries(entries: readonly ReviewEntry[]): ReviewCounts {
  const counts: ReviewCounts = { states: { unreviewed: 0, accepted: 0, rejected: 0 }, changes: {}, reverted: 0 };
  for (const entry of entries) {
    counts.states[entry.state]++;
    if (entry.reverted) counts.reverted++;
    for (const change of entry.item.changes) counts.changes[change] = (counts.changes[change] ?? 0) + 1;
  }
  return counts;
}

/**
 * Counts in words, changes in the order of `ReviewChange`: "1 added, 2 moved · 2 unreviewed, 1 accepted".
 * @param counts the counts
 */
export function describeCounts(counts: ReviewCounts): string {
  const changes = CHANGE_ORDER.filter((c) => counts.changes[c] !== undefined).map((c) => `${counts.changes[c]} ${c}`);
  if (counts.reverted > 0) changes.push(`${counts.reverted} reverted`);
  const states = (['unreviewed', 'accepted', 'rejected'] as const).filter((s) => counts.states[s] > 0).map((s) => `${counts.states[s]} ${s}`);
  return [changes.join(', '), states.join(', ')].filter((part) => part !== '').join(' · ');
}

/** Where a removed annotation's ghost is drawn in the current text, or why it is not. */
export type GhostPlace = { start: number; end: number } | { unplaced: string };

/**
 * Place removed annotations in the current text: through the diff of the base text and the current
 * one when the base text is known, else by their text and context, as re-anchoring does; one that is
 * not found is not placed.
 * @param removed the removed records, with their offsets in the base text
 * @param baseText the document's normalised text at the base, when it could be read
 * @param current offsets over the document's current text
 * @returns one place per record, in the order given
 */
export function placeGhosts(removed: readonly Annotation[], baseText: string | undefined, current: OffsetIndex): GhostPlace[] {
  if (removed.length === 0) return [];
  return reanchor(removed, current, baseText === undefined ? {} : { previousText: baseText }).map((result) =>
    result.outcome === 'orphaned'
      ? { unplaced: `its text (“${oneLine(result.annotation.text)}”) is no longer in the document` }
      : { start: result.annotation.start, end: result.annotation.end },
  );
}

function uniqueById(annotations: readonly Annotation[]): Map<string, Annotation> {
  const byId = new Map<string, Annotation>();
  const twice = new Set<string>();
  for (const a of annotations) {
    if (byId.has(a.id)) twice.add(a.id);
    byId.set(a.id, a);
  }
  for (const id of twice) byId.delete(id);
  return byId;
}
