/**
 * The one way an annotation is orphaned by re-anchoring, whichever check decides it.
 */
import type { Annotation } from '../model';
import type { AnchorMethod, AnchorResult } from './reanchor';

/**
 * The annotation orphaned: status set, offsets and text as they were.
 * @param score the best score the method found for it
 * @param method what tried to place it
 * @param ambiguous whether it stands in more than one place as well (`AnchorResult.ambiguous`)
 */
export function orphaned(a: Annotation, score: number, method: AnchorMethod, ambiguous = false): AnchorResult {
  const result: AnchorResult = { annotation: { ...a, status: 'orphaned' }, outcome: 'orphaned', score, method };
  if (ambiguous) result.ambiguous = true;
  return result;
}
