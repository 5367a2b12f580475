/**
 * How far re-anchoring moved one annotation: what its neighbours' placements are compared by.
 */
import type { Annotation } from '../model';
import type { AnchorResult } from './reanchor';

/**
 * How many code points the placement of annotation `i` moved its start (0 for an orphan, which keeps
 * its old offsets).
 * @param annotations the annotations as they were
 * @param results their placements, in the same order
 */
export function placementShift(annotations: readonly Annotation[], results: readonly AnchorResult[], i: number): number {
  return results[i]!.annotation.start - annotations[i]!.start;
}
