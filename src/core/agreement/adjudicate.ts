/**
 * Adjudication: two annotators' versions of the same documents merged into one, where what they
 * agree on is kept once and every disagreement is kept once per side, marked with a `dispute` (which
 * side, who, and the other side's record), for a curator to settle. A document without disagreement
 * is marked `settled: true`. Pure: the caller reads both versions and writes the result. The rules
 * are in docs/agreement.md.
 */
import { newAnnotationId } from '../ids';
import type { Annotation } from '../model';
import { compareStrings } from '../order';
import { contentKey } from '../sidecar/content-key';
import type { SideDocument } from './agreement';
import { overlapPairs } from './matching';

/** One document as adjudicated. */
export interface AdjudicatedDocument {
  /** The document's path relative to the root compared, `/` separators. */
  document: string;
  /** Its normalised text (the same on both sides). */
  text: string;
  /** The records: agreed ones once, disputed ones once per side. */
  annotations: Annotation[];
  /** Records both sides agree on. */
  agreed: number;
  /** Records kept with a dispute. */
  disputed: number;
}

/** The result, with every document that could not be adjudicated and why. */
export interface Adjudication {
  /** Documents both sides annotated over the same text, sorted by path. */
  adjudicated: AdjudicatedDocument[];
  /** Documents only one side annotated: not adjudicated (the other annotator has not done them). */
  onlyInA: string[];
  onlyInB: string[];
  /** Documents whose text differs between the sides, or could not be read: offsets cannot be compared. */
  textDiffers: string[];
  textMissing: string[];
}

/** What the two sides are called in the disputes (`dispute.by`). */
export interface SideNames {
  a: string;
  b: string;
}

/**
 * Adjudicate two versions.
 * @param sideA side A's documents
 * @param sideB side B's documents
 * @param names what each side is called (a revision, a folder)
 */
export function adjudicate(sideA: readonly SideDocument[], sideB: readonly SideDocument[], names: SideNames): Adjudication {
  const byPathB = new Map(sideB.map((d) => [d.document, d]));
  const pathsA = new Set(sideA.map((d) => d.document));
  const result: Adjudication = { adjudicated: [], onlyInA: [], onlyInB: sideB.filter((d) => !pathsA.has(d.document)).map((d) => d.document).sort(compareStrings), textDiffers: [], textMissing: [] };
  for (const docA of [...sideA].sort((x, y) => compareStrings(x.document, y.document))) {
    const docB = byPathB.get(docA.document);
    if (!docB) result.onlyInA.push(docA.document);
    else if (docA.text === undefined || docB.text === undefined) result.textMissing.push(docA.document);
    else if (docA.text !== docB.text) result.textDiffers.push(docA.document);
    else result.adjudicated.push({ document: docA.document, text: docA.text, ...adjudicateRecords(docA.annotations, docB.annotations, names) });
  }
  return result;
}

/**
 * One document's records. Records with the same content (label, offsets, text, entity, attributes,
 * note, status; not who made them or when) agree and are kept once, A's record. The others disagree:
 * those that overlap are paired one to one, the largest overlap first, whatever their labels; each
 * record is kept with its dispute, naming its pair when it has one (see `pairDisagreements`). A record of B whose id A's
 * records already use gets a new id, so that the ids stay unique.
 */
function adjudicateRecords(a: readonly Annotation[], b: readonly Annotation[], names: SideNames): Pick<AdjudicatedDocument, 'annotations' | 'agreed' | 'disputed'> {
  const unmatchedB = new Map<string, Annotation[]>();
  for (const record of b) {
    const key = agreementKey(record);
    const same = unmatchedB.get(key);
    if (same) same.push(record);
    else unmatchedB.set(key, [record]);
  }
  const agreed: Annotation[] = [];
  const onlyA: Annotation[] = [];
  const idOfB = new Map<string, string>();
  for (const record of a) {
    const same = unmatchedB.get(agreementKey(record));
    if (same && same.length > 0) {
      // B's relations to its twin now point at A's record, the one kept.
      const twin = same.shift()!;
      if (twin.id !== record.id) idOfB.set(twin.id, record.id);
      agreed.push(withoutDispute(record));
    } else onlyA.push(record);
  }
  const onlyB = [...unmatchedB.values()].flat();
  const taken = new Set([...agreed, ...onlyA].map((r) => r.id));
  const idsB = onlyB.map((r) => {
    const id = taken.has(r.id) ? newAnnotationId(taken) : r.id;
    taken.add(id);
    if (id !== r.id) idOfB.set(r.id, id);
    return id;
  });
  const pairOfA = pairDisagreements(onlyA, onlyB);
  const pairOfB = new Map([...pairOfA].map(([i, j]) => [j, i]));
  const disputedA = onlyA.map((r, i) => ({ ...withoutDispute(r), dispute: dispute('A', names.a, pairOfA.has(i) ? idsB[pairOfA.get(i)!] : undefined) }));
  const disputedB = onlyB.map((r, j) => ({ ...withoutDispute(followIds(r, idOfB)), id: idsB[j]!, dispute: dispute('B', names.b, pairOfB.has(j) ? onlyA[pairOfB.get(j)!]!.id : undefined) }));
  return { annotations: [...agreed, ...disputedA, ...disputedB], agreed: agreed.length, disputed: disputedA.length + disputedB.length };
}

/**
 * Which disagreeing records answer each other: overlapping spans of the same label first (the same
 * thing marked with other bounds or attributes), then overlapping spans left over whatever their
 * label (the same passage labelled otherwise); one to one, the largest overlap first. Orphaned
 * records have no place in the text to overlap at.
 * @returns index in `a` → index in `b`
 */
function pairDisagreements(a: readonly Annotation[], b: readonly Annotation[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const pairedB = new Set<number>();
  const pass = (sameLabel: boolean): void => {
    const groups = new Map<string, { a: number[]; b: number[] }>();
    const groupOf = (record: Annotation): { a: number[]; b: number[] } => {
      const key = sameLabel ? record.label : '';
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { a: [], b: [] }));
      return g;
    };
    a.forEach((r, i) => {
      if (r.status !== 'orphaned' && !pairs.has(i)) groupOf(r).a.push(i);
    });
    b.forEach((r, j) => {
      if (r.status !== 'orphaned' && !pairedB.has(j)) groupOf(r).b.push(j);
    });
    for (const g of groups.values()) {
      for (const [i, j] of overlapPairs(
        g.a.map((i) => a[i]!),
        g.b.map((j) => b[j]!),
      )) {
        pairs.set(g.a[i]!, g.b[j]!);
        pairedB.add(g.b[j]!);
      }
    }
  };
  pass(true);
  pass(false);
  return pairs;
}

function dispute(side: 'A' | 'B', by: string, pair: string | undefined): NonNullable<Annotation['dispute']> {
  return pair === undefined ? { side, by } : { side, by, pair };
}

/** What two records must share to agree: everything but who made them, when, their id and the context kept to re-anchor them. */
function agreementKey(record: Annotation): string {
  const { id: _id, author: _author, created: _created, prefix: _prefix, suffix: _suffix, dispute: _dispute, ...content } = record;
  return contentKey(content);
}

/**
 * A record of B whose relations within its document point at the ids its targets have after
 * adjudication: a renamed record's new id, or A's id for a record both sides agree on. Without it a
 * relation to a renamed record would silently point at A's record of the old id.
 */
function followIds(record: Annotation, idOfB: ReadonlyMap<string, string>): Annotation {
  if (!record.relations?.some((r) => r.document === undefined && idOfB.has(r.to))) return record;
  return { ...record, relations: record.relations.map((r) => (r.document === undefined && idOfB.has(r.to) ? { ...r, to: idOfB.get(r.to)! } : r)) };
}

/** A record without the dispute an earlier adjudication gave it. */
function withoutDispute(record: Annotation): Annotation {
  const { dispute: _dispute, ...rest } = record;
  return rest;
}
