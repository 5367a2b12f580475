/**
 * Findings about where annotations lie now compared with what their sidecar says: moved (the text
 * is found elsewhere), edited (found, but the text changed) or orphaned (not found). They point at
 * the annotation's record in the sidecar and carry its id, for the Problems panel and its quick fixes.
 */
import type { AnchorMethod } from '../anchoring/reanchor';
import type { Annotation, Finding } from '../model';
import { quoteForMessage } from '../text';

/** How re-anchoring placed (or orphaned) one annotation. */
export interface Placement {
  method: AnchorMethod;
  /** 1 for a span the diff moved unchanged; else how well the placement agrees (0..1). */
  score: number;
}

/** Finding codes of anchoring, as the diagnostics and quick fixes know them. */
export const ANCHOR_CODES = { drifted: 'drifted', edited: 'edited', orphaned: 'orphaned' } as const;

/** How many characters of a text a message quotes before cutting it short. */
const QUOTE_LENGTH = 50;

/**
 * The anchoring findings of a document's annotations.
 * @param annotations the annotations as they lie in the current text
 * @param stored the sidecar's copy of each annotation that re-anchoring moved, changed or orphaned, by id
 * @param recordLines 1-based line of each annotation's record in the sidecar, by id
 * @param placements how re-anchoring placed each of them, by id (said in the message when known)
 */
export function anchorFindings(
  annotations: readonly Annotation[],
  stored: ReadonlyMap<string, Annotation>,
  recordLines: ReadonlyMap<string, number>,
  placements: ReadonlyMap<string, Placement> = new Map(),
): Finding[] {
  const findings: Finding[] = [];
  for (const a of annotations) {
    // Most annotations hold where the sidecar says: look no further, and allocate nothing for them.
    const before = stored.get(a.id);
    if (before === undefined && a.status !== 'orphaned') continue;
    const place = { line: recordLines.get(a.id) ?? 1, column: 1, annotationId: a.id };
    const name = `annotation ${a.id} (${a.label})`;
    const placement = placements.get(a.id);
    if (a.status === 'orphaned') {
      const how = placement?.method === 'diff' ? ' (the diff from the text it was made on shows it deleted)' : '';
      findings.push({
        severity: 'error',
        code: ANCHOR_CODES.orphaned,
        message: `${name} is orphaned: ${quoteForMessage(a.text, QUOTE_LENGTH)} is no longer in the document${how}; restore the text and re-anchor, or remove the annotation`,
        ...place,
      });
    } else if (before && before.text !== a.text) {
      findings.push({
        severity: 'warning',
        code: ANCHOR_CODES.edited,
        message: `${name}: its text changed from ${quoteForMessage(before.text, QUOTE_LENGTH)} to ${quoteForMessage(a.text, QUOTE_LENGTH)}${placedBy(placement)}; re-anchor to accept the new text`,
        ...place,
      });
    } else if (before) {
      findings.push({
        severity: 'warning',
        code: ANCHOR_CODES.drifted,
        message: `${name} drifted: the sidecar says ${before.start}..${before.end}, its text is now at ${a.start}..${a.end}${placedBy(placement)}; re-anchor (or save the document) to write the new place`,
        ...place,
      });
    }
  }
  return findings;
}

/** " (re-anchored by diff)", " (re-anchored by search, score 0.91)", or nothing when not known. */
function placedBy(placement: Placement | undefined): string {
  if (!placement || placement.method === 'held') return '';
  const exact = placement.method === 'diff' && placement.score === 1;
  return ` (re-anchored by ${placement.method}${exact ? '' : `, score ${placement.score.toFixed(2)}`})`;
}
