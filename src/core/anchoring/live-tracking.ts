/**
 * Live tracking: keeping annotations on their text while the document is edited in the editor, one
 * change at a time, without searching. Pure arithmetic on offsets; the rules are in docs/anchoring.md.
 */
import type { Annotation } from '../model';
import { codePointLength } from '../text';

/** One edit of the document: `deleted` code points removed at `start`, then `inserted` put there. */
export interface TextChange {
  /** Code-point offset of the change in the text before it. */
  start: number;
  /** How many code points were removed from `start`. */
  deleted: number;
  /** The text put at `start`, already normalised (LF line ends). */
  inserted: string;
}

/**
 * Update annotations for one change of the document they are anchored in. Spans before the change stay;
 * spans after it shift; an insertion at a span's start shifts it and one at its end leaves it as it is;
 * an edit inside a span (insertion strictly inside, or a deletion or replacement within its bounds that
 * leaves some of it) resizes it and updates its `text`; a deletion or replacement across one edge clips
 * the span to the characters it keeps; one that covers a whole span orphans it: `status: 'orphaned'`,
 * `start` = `end` = the change's start, `text` kept as it was so that re-anchoring can find it again
 * (after an undo, say). Orphaned annotations only have their offsets carried along.
 *
 * Assumes every annotation that is not orphaned holds (its `text` is the span's text) before the change.
 * @param annotations the document's annotations, in any order; mutated in place
 * @param change the edit, in code points over the text before it
 * @returns the annotations whose offsets, text or status changed, in input order
 */
export function applyChange(annotations: Annotation[], change: TextChange): Annotation[] {
  const cs = change.start;
  const ce = cs + change.deleted;
  const insertedLength = codePointLength(change.inserted);
  const delta = insertedLength - change.deleted;
  if (change.deleted === 0 && insertedLength === 0) return [];
  // Sized once and cut to length at the end: growing it push by push cost more than the whole scan.
  const changed = new Array<Annotation>(annotations.length);
  let count = 0;
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i]!;
    const s = a.start;
    if (ce <= s) {
      // Wholly before the span, an insertion at its start included: the span only moves.
      if (delta !== 0) {
        a.start = s + delta;
        a.end += delta;
        changed[count++] = a;
      }
      continue;
    }
    const e = a.end;
    if (cs >= e) continue; // wholly after it, an insertion at its end included
    changed[count++] = a;
    if (a.status === 'orphaned' || s === e) {
      // Its offsets no longer delimit its text: carry them along as points.
      a.start = Math.min(s, cs);
      a.end = e >= ce ? e + delta : cs;
    } else if (cs <= s && ce >= e) {
      a.status = 'orphaned';
      a.start = cs;
      a.end = cs;
    } else if (cs >= s && ce <= e) {
      a.text = sliceCodePoints(a.text, 0, cs - s) + change.inserted + sliceCodePoints(a.text, ce - s, e - s);
      a.end = e + delta;
    } else if (cs < s) {
      a.text = sliceCodePoints(a.text, ce - s, e - s);
      a.start = cs + insertedLength;
      a.end = e + delta;
    } else {
      a.text = sliceCodePoints(a.text, 0, cs - s);
      a.end = cs;
    }
  }
  changed.length = count;
  return changed;
}

/**
 * The part of a string between two code-point offsets.
 * @param s the string
 * @param from first code point, inclusive
 * @param to code point after the last one
 */
function sliceCodePoints(s: string, from: number, to: number): string {
  if (!/[\uD800-\uDBFF]/.test(s)) return s.slice(from, to);
  let unit = 0;
  let from16 = s.length;
  let to16 = s.length;
  for (let cp = 0; unit <= s.length; cp++) {
    if (cp === from) from16 = unit;
    if (cp === to) {
      to16 = unit;
      break;
    }
    const c = s.charCodeAt(unit);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
    unit += pair ? 2 : 1;
  }
  return s.slice(from16, to16);
}
