/**
 * Reading a sidecar: its text in, the typed content and every problem found out, as data. Nothing
 * here throws on bad input; see docs/format.md for the format and the findings.
 */

import type { Finding, Sidecar } from '../model';
import { analyzeSidecar } from './analyze';
import { rememberSource } from './source-cache';
import { prepareSource } from './splice';

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
 */
export function readSidecar(source: string): SidecarReadResult {
  const analysis = analyzeSidecar(source);
  const { sidecar, findings, recordLines, writable } = analysis;
  // A write usually follows with this text as its previous source: keep what it needs (strings only).
  if (writable) rememberSource(prepareSource(source, analysis));
  return { sidecar, findings, recordLines, writable };
}
