/**
 * Suggestions as sidecar records: `status: suggested`, with the context every record stores, and an
 * id drawn from the span so that applying the same suggestions twice gives the same ids.
 */
import { contextAround } from '../anchoring/context';
import { keyedRandom, newAnnotationId } from '../ids';
import type { Annotation } from '../model';
import type { OffsetIndex } from '../text';
import type { Suggestion } from './suggest';

/**
 * The records to add for suggestions.
 * @param suggestions the suggestions (already free of spans the document has)
 * @param index the document's text
 * @param taken the ids the sidecar uses (the new ones are added to it)
 */
export function suggestionRecords(suggestions: readonly Suggestion[], index: OffsetIndex, taken: Set<string>): Annotation[] {
  return suggestions.map((s) => {
    const id = newAnnotationId(taken, keyedRandom(`${s.label}:${s.start}:${s.end}`));
    taken.add(id);
    const attributes = Object.keys(s.attributes).length > 0 ? { attributes: { ...s.attributes } } : {};
    return { id, label: s.label, start: s.start, end: s.end, text: s.text, ...contextAround(index, s.start, s.end), ...attributes, status: 'suggested' };
  });
}
