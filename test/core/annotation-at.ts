// The record tests build by hand: an annotation of `text` at `start`, its end counted in code points.
import type { Annotation } from '../../src/core/model';

/** An annotation `id` labelled `label` over `text` from `start`, with `more` fields. */
export function annotation(id: string, label: string, start: number, text: string, more: Partial<Annotation> = {}): Annotation {
  return { id, label, start, end: start + [...text].length, text, ...more };
}
