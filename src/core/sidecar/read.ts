/**
 * Reading a sidecar: its text in, the typed content and every problem found out, as data. Nothing
 * here throws on bad input; see docs/format.md for the format and the findings.
 */

import type { Finding, Sidecar } from '../model';
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
  /** Annotation id -> 1-based line of its record (the first one when an id is used twice). */
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
 */
export function readSidecar(source: string, cache?: SourceCache): SidecarReadResult {
  const known = cache?.recall(source);
  if (known && source.length <= MAX_SIDECAR_LENGTH) {
    const result = readKnown(known);
    if (result) return result;
  }
  const analysis = analyzeSidecar(source);
  const { sidecar, findings, recordLines, writable } = analysis;
  // A write usually follows with this text as its previous source: keep what it needs.
  if (writable && cache) cache.remember(prepareSource(source, analysis));
  return { sidecar, findings, recordLines, writable };
}

/**
 * Read a text the writer returned a moment ago (the extension reads back each sidecar it writes): its
 * content and layout are known, so only validation runs, on that content, with the same findings a
 * parse would give. Parsing a sidecar of 10,000 records takes a few hundred milliseconds. Records the
 * writer kept from a text validated before are only copied (see `validateSidecar`).
 */
function readKnown(known: PreparedSource): SidecarReadResult | undefined {
  const layout = known.written && known.layout;
  if (!layout) return undefined;
  const data: Record<string, unknown> = {};
  for (const entry of layout.top) {
    const value = entry.key === 'annotations' ? known.items : known.written!.get(entry.key);
    Object.defineProperty(data, entry.key, { value, enumerable: true, writable: true, configurable: true });
  }
  const { sidecar, findings, recordLines, writable, clean } = validateSidecar(data, positionsFromLayout(layout), known);
  // The next text the writer makes from this one keeps most of these items: they need no check then.
  known.clean = clean;
  return { sidecar, findings, recordLines, writable };
}
