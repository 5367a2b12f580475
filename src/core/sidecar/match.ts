/**
 * Which old record each new record replaces, for the splicing writer: the first old record with the
 * same id and the same content, else the first with the same id not taken yet (new records in writing
 * order, old ones in file order).
 *
 * When the old ids are all different and the new records come in nearly the old order (the usual
 * write: one record added, changed or removed), the two lists are walked side by side and only the
 * few records out of step are looked up; this gives the same matches as looking every id up, without
 * building an index of ten thousand ids at every write. Anything else takes the lookup.
 */

import type { Annotation } from '../model';
import { sameContent } from './content-key';

/** What the match needs of the old text. */
export interface MatchSource {
  /** The ids of its records, in file order. */
  readonly ids: readonly string[];
  /** Whether no two of `ids` are the same (undefined: not known yet; set here when found out). */
  uniqueIds?: boolean;
  /** The content of each record. */
  readonly items: readonly Readonly<Record<string, unknown>>[];
}

/** For each new record (in writing order), the old record it replaces. */
export interface Matches {
  /** Index of the old record, or -1 for none. */
  index: Int32Array;
  /** 1 where that old record has the same content. */
  same: Uint8Array;
  /** Whether the new records' ids are known to be all different (undefined: not known). */
  uniqueIds: boolean | undefined;
}

/** Records out of step beyond which the side-by-side walk gives up (each costs a pass over the old ids). */
const MAX_OUT_OF_STEP = 16;
/** How far ahead in the old records the walk looks for the next new record's id. */
const LOOK_AHEAD = 8;

/**
 * Match new records to old ones.
 * @param sorted the new records in writing order
 * @param previous the old text's records
 * @param unchanged for each old record, the object it was written from, when the caller vouches that
 *   no such object changed since (see `writeSidecar`'s `revision`): a new record that is that very
 *   object has its content without comparing the two
 */
export function matchRecords(sorted: readonly Annotation[], previous: MatchSource, unchanged?: readonly object[]): Matches {
  return matchInStep(sorted, previous, unchanged) ?? matchById(sorted, previous, unchanged);
}

/**
 * The walk side by side. With all old ids different, a new record whose id pairs with an old one in
 * the walk can only replace that one, and no other new record has its id (it would have to pair with
 * another old record of that id). The records left out of the walk are looked up in all old ids; if
 * one has the id of a paired record, or of another left-out one, ids repeat and the caller looks
 * every id up instead.
 * @returns the matches, or undefined when they are not surely those of `matchById`
 */
function matchInStep(sorted: readonly Annotation[], previous: MatchSource, unchanged: readonly object[] | undefined): Matches | undefined {
  const ids = previous.ids;
  previous.uniqueIds ??= new Set(ids).size === ids.length;
  if (!previous.uniqueIds) return undefined;
  const n = sorted.length;
  const m = ids.length;
  const index = new Int32Array(n).fill(-1);
  const same = new Uint8Array(n);
  const taken = new Uint8Array(m);
  const items = previous.items;
  // Whether new record i has the content of old record j; asked as each pair is found, while the record is at hand.
  const compare = (i: number, j: number) => {
    if (unchanged?.[j] === sorted[i] || sameContent(items[j]!, sorted[i]!)) same[i] = 1;
  };
  const outOfStep: number[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const id = sorted[i]!.id;
    if (id === ids[j]) {
      compare(i, j);
      index[i++] = j;
      taken[j++] = 1;
      continue;
    }
    // Old records removed or moved on: the new record's id a little further on. Else it is new here (or moved).
    let ahead = j + 1;
    while (ahead < m && ahead <= j + LOOK_AHEAD && ids[ahead] !== id) ahead++;
    if (ahead < m && ahead <= j + LOOK_AHEAD) j = ahead;
    else {
      if (outOfStep.length === MAX_OUT_OF_STEP) return undefined;
      outOfStep.push(i++);
    }
  }
  if (n - i + outOfStep.length > MAX_OUT_OF_STEP) return undefined;
  while (i < n) outOfStep.push(i++);
  for (let a = 0; a < outOfStep.length; a++) {
    const id = sorted[outOfStep[a]!]!.id;
    for (let b = a + 1; b < outOfStep.length; b++) if (sorted[outOfStep[b]!]!.id === id) return undefined;
    const found = ids.indexOf(id);
    if (found === -1) continue;
    if (taken[found]) return undefined;
    taken[found] = 1;
    index[outOfStep[a]!] = found;
    compare(outOfStep[a]!, found);
  }
  return { index, same, uniqueIds: true };
}

/**
 * The matches by looking each id up: the definition, for any ids.
 * @param sorted the new records in writing order
 * @param previous the old text's records
 * @param unchanged as for `matchRecords`
 */
export function matchById(sorted: readonly Annotation[], previous: MatchSource, unchanged?: readonly object[]): Matches {
  // Ids are nearly always unique: one index per id, and lists only for the ids used more than once.
  const firstIndex = new Map<string, number>();
  let repeated: Map<string, number[]> | undefined;
  previous.ids.forEach((id, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else {
      repeated ??= new Map();
      const list = repeated.get(id);
      if (list) list.push(index);
      else repeated.set(id, [first, index]);
    }
  });
  const used = new Uint8Array(previous.ids.length);
  /** The first old record with this id not taken yet (and with the same content, if asked). */
  const fits = (j: number, annotation: Annotation, sameOnly: boolean): boolean =>
    !used[j] && (!sameOnly || unchanged?.[j] === annotation || sameContent(previous.items[j]!, annotation));
  const take = (annotation: Annotation, sameOnly: boolean): number => {
    const list = repeated?.get(annotation.id);
    const found = list ? (list.find((j) => fits(j, annotation, sameOnly)) ?? -1) : (firstIndex.get(annotation.id) ?? -1);
    if (found === -1 || (!list && !fits(found, annotation, sameOnly))) return -1;
    used[found] = 1;
    return found;
  };
  const index = new Int32Array(sorted.length);
  const same = new Uint8Array(sorted.length);
  sorted.forEach((annotation, i) => {
    index[i] = take(annotation, true);
    if (index[i] !== -1) same[i] = 1;
  });
  sorted.forEach((annotation, i) => {
    if (index[i] === -1) index[i] = take(annotation, false);
  });
  return { index, same, uniqueIds: undefined };
}
