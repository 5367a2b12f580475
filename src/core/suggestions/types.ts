/** What the suggesters find, before offsets are converted to code points. */
import type { AttributeValue } from '../model';

/** A span a suggester proposes, over the normalised text in UTF-16 offsets (as JavaScript strings count). */
export interface Candidate {
  /** First UTF-16 code unit, inclusive. */
  start: number;
  /** UTF-16 code unit after the span. */
  end: number;
  label: string;
  /** Attributes read from the text (a quote's speaker, a figure's value and unit). */
  attributes: Record<string, AttributeValue>;
  /** How sure the suggester is, 0 to 1: of two overlapping candidates of one label the surer one is kept. */
  score: number;
}
