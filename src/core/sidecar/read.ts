/**
 * Reading a sidecar: its text in, the typed content and every problem found out, as data. Nothing
 * here throws on bad input; see docs/format.md for the format and the findings.
 */

import type { Annotation, Finding, Sidecar } from '../model';
import { analyzeSidecar } from './analyze';
import { MAX_SIDECAR_LENGTH } from './limits';
import { positionsFromLayout } from './positions';
import type { SourceCache } from './source-cache';
import { prepareSource, type PreparedSource } from './splice';
import { validateSidecar } from './validate';

export { checkLabels } from './check-labels';
export { MAX_NESTING_DEPTH, MAX_SIDECAR_LENGTH } from './limits';

/** What reading a sidecar gives. */
export interface SidecarReadResult {
  /** The content; undefined when the file could not be parsed at all (or is empty). Records that could
   * not be read are left out of it, with a finding each. */
  sidecar: Sidecar | undefined;
  /** Problems found, each with a 1-based line and column in the sidecar. */
  findings: Finding[];
  /** Annotation id -> 1-based line of its record (the first one when an id is used twice). Given
   * `previous` (see `readSidecar`), it is filled when one of its methods is first called: read it
   * through them, not with `structuredClone`. */
  recordLines: Map<string, number>;
  /** False when the file must not be overwritten: a syntax error, conflict markers, a newer format,
   * or records that could not be read (a rewrite would drop them). */
  writable: boolean;
}

/**
 * Read a sidecar's text.
 * @param source the whole file, as read from disk or an editor buffer
 * @param cache where texts written or read a moment ago are remembered: a text found there is not
 *   parsed again, and a text parsed here is remembered for the write that usually follows
 * @param previous for a text the writer returned a moment ago (the read-back of a write): the
 *   annotations such a read gave for the text it was written over, which the caller has kept as
 *   they were (the sync engine's merge base). The records the writer kept as they were are then
 *   taken from there instead of being made again, so that the read costs what changed, not the
 *   whole file; anything else (another text, records changed since) is read in full. The annotations
 *   of a read given `previous` are frozen: the next read shares them, so changing one throws. Its
 *   `recordLines` is filled when first used (only findings look lines up).
 */
export function readSidecar(source: string, cache?: SourceCache, previous?: readonly Annotation[]): SidecarReadResult {
  const known = cache?.recall(source);
  if (known && source.length <= MAX_SIDECAR_LENGTH) {
    const result = readKnown(known, previous);
    if (result) return result;
  }
  const analysis = analyzeSidecar(source);
  const { sidecar, findings, recordLines, writable } = analysis;
  // A write usually follows with this text as its previous source: keep what it needs.
  if (writable && cache) cache.remember(prepareSource(source, analysis));
  if (previous && sidecar) sidecar.annotations.forEach(freezeDeep);
  return { sidecar, findings, recordLines, writable };
}

/** What a read of a written text made of its items, by its annotations (see `readSidecar`'s `previous`). */
interface ReadBack {
  /** The items read (the text's `PreparedSource.items`). */
  readonly items: readonly object[];
  /** For each item, the frozen annotation made of it without a finding; undefined for the others. */
  readonly annotations: readonly (Annotation | undefined)[];
}

/** Reads of written texts, by the annotations array they gave: an array the caller gives back as `previous`. */
const readBacks = new WeakMap<readonly Annotation[], ReadBack>();

/**
 * Read a text the writer returned a moment ago (the extension reads back each sidecar it writes): its
 * content and layout are known, so only validation runs, on that content, with the same findings a
 * parse would give. Parsing a sidecar of 10,000 records takes a few hundred milliseconds. Records the
 * writer kept from a text validated before are only copied (see `validateSidecar`), or, given the
 * read of that text as `previous`, taken from it.
 */
function readKnown(known: PreparedSource, previous: readonly Annotation[] | undefined): SidecarReadResult | undefined {
  const layout = known.written && known.layout;
  if (!layout) return undefined;
  const data: Record<string, unknown> = {};
  for (const entry of layout.top) {
    const value = entry.key === 'annotations' ? known.items : known.written!.get(entry.key);
    Object.defineProperty(data, entry.key, { value, enumerable: true, writable: true, configurable: true });
  }
  const reuse = previous && keptRecords(known, previous);
  const { sidecar, findings, recordLines, writable, clean, items } = validateSidecar(data, positionsFromLayout(layout), {
    clean: known.clean,
    uniqueIds: known.uniqueIds,
    reuse,
    linesWhenAsked: previous !== undefined,
  });
  // The next text the writer makes from this one keeps most of these items: they need no check then.
  known.clean = clean;
  if (previous && sidecar) {
    sidecar.annotations.forEach(freezeDeep);
    readBacks.set(sidecar.annotations, { items: known.items, annotations: items.map((annotation, i) => (clean[i] === 1 ? annotation : undefined)) });
  }
  return { sidecar, findings, recordLines, writable };
}

/**
 * For each item of a written text, the annotation the previous read made of the same item, when the
 * writer kept that item as it was from the very text that read was of; undefined when it cannot be
 * proved so (another text, a read not given back, an item made anew).
 */
function keptRecords(known: PreparedSource, previous: readonly Annotation[]): ((index: number) => Annotation | undefined) | undefined {
  const readBack = readBacks.get(previous);
  const kept = known.keptFrom;
  if (!readBack || !kept || kept.items !== readBack.items) return undefined;
  const items = known.items;
  return (i) => {
    const j = kept.index[i]!;
    // The same item object (items are never changed once made): the same record, read the same way.
    return j === -1 || readBack.items[j] !== items[i] ? undefined : readBack.annotations[j];
  };
}

/** Freeze a value and everything in it: a record shared between reads must not change under either. */
function freezeDeep<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[key]);
  }
  return value;
}
