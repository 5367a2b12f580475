/**
 * Settling a dispute `adjudicate` left (docs/agreement.md, "Settling"): the curator keeps one side's
 * version, keeps both, or drops both. Pure: given a document's records, it says which records to
 * remove and which to write back changed; the caller applies that as one step (the editor through
 * its store, with undo). A record's pair is trusted only when it is there and disputed itself: a
 * pair settled by hand since, or gone, leaves the record standing alone.
 */
import type { Annotation } from '../model';
import { compareAnnotations } from '../sidecar/write';

/** What the curator decides for a disputed record and its pair. */
export type Settlement = 'keep-this' | 'keep-both' | 'drop-both';

/** The settlements, for validating what a command is given. */
export const SETTLEMENTS: readonly Settlement[] = ['keep-this', 'keep-both', 'drop-both'];

/** A disputed record and the other side's version it disagrees with, if that is still there. */
export interface DisputedPair {
  /** The record. */
  record: Annotation;
  /** Its pair: the record its `dispute.pair` names, when it is in the document and disputed itself. */
  pair: Annotation | undefined;
}

/** The records a settlement changes, by id: the record to write in its place, or null to remove it. */
export type RecordChanges = Map<string, Annotation | null>;

/** What settling does to a document. */
export interface SettlementPlan {
  /** Every record changed or removed. */
  changes: RecordChanges;
  /** Whether the document is settled afterwards (no dispute left): its `settled:` header. */
  settled: boolean;
  /** Relations of other records that now point at the version kept instead of the one removed. */
  relationsMoved: number;
  /** Relations of other records removed because both versions they pointed at were dropped. */
  relationsDropped: number;
}

/**
 * A disputed record of a document with its pair.
 * @param annotations the document's records
 * @param id the record's id
 * @returns undefined when there is no such record or it is not disputed
 */
export function disputedPair(annotations: readonly Annotation[], id: string): DisputedPair | undefined {
  const record = annotations.find((a) => a.id === id);
  if (!record?.dispute) return undefined;
  const pairId = record.dispute.pair;
  const pair = pairId === undefined || pairId === id ? undefined : annotations.find((a) => a.id === pairId);
  return { record, pair: pair?.dispute && pair.dispute.side !== record.dispute.side ? pair : undefined };
}

/**
 * Every dispute of a document, one per decision: a pair once (its A side first), a record without
 * pair alone; in the order of the records' places.
 * @param annotations the document's records
 */
export function disputesOf(annotations: readonly Annotation[]): DisputedPair[] {
  const seen = new Set<string>();
  const result: DisputedPair[] = [];
  const ordered = annotations.filter((a) => a.dispute).sort(compareAnnotations);
  for (const a of ordered) {
    if (seen.has(a.id)) continue;
    const found = disputedPair(annotations, a.id)!;
    seen.add(a.id);
    if (found.pair) seen.add(found.pair.id);
    result.push(found.pair && found.record.dispute!.side === 'B' ? { record: found.pair, pair: found.record } : found);
  }
  return result;
}

/**
 * What settling a disputed record does:
 * - keep-this: the record stays without its dispute and its pair is removed; relations that pointed
 *   at the pair point at the record now (the curator said they mark the same thing);
 * - keep-both: both stay, neither disputed;
 * - drop-both: both are removed, and relations that pointed at them with them.
 * Without a pair, keep-this and keep-both keep the record, drop-both removes it.
 * @param annotations the document's records
 * @param id the disputed record the curator acts on
 * @param settlement the decision
 * @throws Error when the record is not there or not disputed
 */
export function planSettlement(annotations: readonly Annotation[], id: string, settlement: Settlement): SettlementPlan {
  const found = disputedPair(annotations, id);
  if (!found) throw new Error(annotations.some((a) => a.id === id) ? `annotation ${id} is not disputed (any more)` : `there is no annotation ${id} in this document (any more)`);
  const { record, pair } = found;
  const changes: RecordChanges = new Map();
  const removed = new Map<string, string | undefined>(); // removed id → the id its relations move to
  if (settlement === 'drop-both') {
    for (const r of [record, pair]) if (r) removed.set(r.id, undefined);
  } else {
    changes.set(record.id, withoutDispute(record));
    if (pair && settlement === 'keep-this') removed.set(pair.id, record.id);
    else if (pair) changes.set(pair.id, withoutDispute(pair));
  }
  for (const gone of removed.keys()) changes.set(gone, null);
  let relationsMoved = 0;
  let relationsDropped = 0;
  for (const a of annotations) {
    if (changes.get(a.id) === null || !a.relations?.some((r) => r.document === undefined && removed.has(r.to))) continue;
    const base = changes.get(a.id) ?? a;
    const relations: NonNullable<Annotation['relations']> = [];
    const stays = (r: { to: string; document?: string }) => r.document !== undefined || !removed.has(r.to);
    // What the record relates to in this document already, wherever in its list: a moved relation is not made twice.
    const has = new Set((base.relations ?? []).filter((r) => stays(r) && r.document === undefined).map((r) => `${r.type}\u0000${r.to}`));
    for (const r of base.relations ?? []) {
      if (stays(r)) relations.push(r);
      else {
        const to = removed.get(r.to);
        const key = `${r.type}\u0000${to}`;
        // A relation to the record itself, or one it already has, is not made.
        if (to === undefined || to === a.id || has.has(key)) relationsDropped++;
        else {
          has.add(key);
          relations.push({ ...r, to });
          relationsMoved++;
        }
      }
    }
    const { relations: _old, ...rest } = base;
    changes.set(a.id, relations.length > 0 ? { ...rest, relations } : rest);
  }
  const settled = !annotations.some((a) => {
    const after = changes.has(a.id) ? changes.get(a.id) : a;
    return after?.dispute !== undefined;
  });
  return { changes, settled, relationsMoved, relationsDropped };
}

/** A record without its dispute. */
function withoutDispute(record: Annotation): Annotation {
  const { dispute: _dispute, ...rest } = record;
  return rest;
}
