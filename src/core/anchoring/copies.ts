/**
 * Checks of the search fallback's placements against copies: text repeated in the document (a
 * paragraph copied, a phrase the article says twice) can stand where an annotation's text moved as well
 * as where it never was. Without the previous text, the places of the other annotations are the only
 * witnesses; these checks orphan a placement they do not vouch for. Rules and figures: docs/anchoring.md.
 */
import type { Annotation } from '../model';
import type { OffsetIndex } from '../text';
import { contextAgrees } from './context';
import type { Occurrences } from './occurrences';
import { orphaned } from './orphaned';
import type { AnchorResult } from './reanchor';
import { placementShift } from './shift';

/** At most this many exact occurrences of a text are weighed; a text repeated more often is as good as countless. */
const MAX_OCCURRENCES = 32;

/**
 * Orphan the placements on one of several copies that nothing but their nearness vouches for. A
 * placement the search made of a text that stands more than once in the document was chosen by
 * distance alone (near where the annotations before it predicted, too: a paragraph copied just above
 * its original); it stands only when an annotation that
 * moved by the same amount next to it (a run of them, in the old order) has a text standing once,
 * apart from copies other placements account for. Otherwise the whole run is orphaned: the others in
 * it were looked for where the doubtful one put them (a paragraph copied whole and its original moved
 * away: the walk follows the copy).
 * @param order the annotations' indices in document order (old offsets)
 * @param far which annotations the search placed far from their predicted place
 */
export function orphanUnsupportedCopies(
  annotations: readonly Annotation[],
  results: AnchorResult[],
  index: OffsetIndex,
  order: readonly number[],
  far: readonly boolean[],
  occurrences: Occurrences,
): void {
  const placedOrder = order.filter((i) => results[i]!.outcome !== 'orphaned');
  const shifts = placedOrder.map((i) => placementShift(annotations, results, i));
  const claims = Claims.of(annotations, results);
  const places = exactPlaces(index);
  /** Whether a run (by its first place in `placedOrder`) has a member whose text stands once: the same for each doubtful one in it. */
  const runStandsOnce = new Map<number, boolean>();
  const doubtful = new Set<number>();
  placedOrder.forEach((i, k) => {
    const r = results[i]!;
    if (r.method !== 'search' || r.outcome !== 'moved') return;
    // Near where it was expected, a placement that moved as the one before it did (the walk's very
    // prediction) or that the stored context singles out was not chosen by distance.
    if (!far[i] && k > 0 && shifts[k - 1] === shifts[k]) return;
    if (!occurrences.repeated(annotations[i]!.text) || (!far[i] && contextSingles(annotations[i]!, r.annotation, index, places))) return;
    let first = k;
    while (first > 0 && shifts[first - 1] === shifts[k]) first--;
    let last = k;
    while (last < placedOrder.length - 1 && shifts[last + 1] === shifts[k]) last++;
    const run = placedOrder.slice(first, last + 1);
    let supported = runStandsOnce.get(first);
    if (supported === undefined) {
      supported = run.some((j) => results[j]!.outcome !== 'edited' && standsOnce(annotations[j]!, j, places, occurrences, claims));
      runStandsOnce.set(first, supported);
    }
    if (supported) return;
    const witnesses = { before: placedOrder[first - 1], after: placedOrder[last + 1] };
    if (fewestEdits(annotations, results, index, places, i, witnesses, claims, run)) return;
    for (const j of run) if (results[j]!.method === 'search') doubtful.add(j);
  });
  for (const i of doubtful) {
    const { score, method } = results[i]!;
    results[i] = orphaned(annotations[i]!, score, method);
  }
}

/**
 * Orphan the placements the search made far from their prediction on a copy of a passage: where an
 * annotation next to one in the old order, apart from it, not placed by the same shift (placed by
 * another, or orphaned), has its own text standing at the far one's shift as well, in the far one's
 * paragraph, the far one stands in a copy of the passage that holds both, and the neighbour was not
 * taken there (247178: a paragraph copied to the top and a sentence of the original replaced; the
 * annotation on that sentence was found whole in the copy, the next one stayed). A passage moved takes
 * both along. Without the paragraph condition a neighbour's text in the next paragraph (a paragraph
 * moved, the next one's quotes restyled) counted too: 17 intact spans orphaned on two sets, not 2.
 * @param order the annotations' indices in document order (old offsets)
 * @param far which annotations the search placed far from their predicted place
 * @param vouchedOnly whether a placed neighbour counts only where the annotation on its other side
 *   moved by as much: before the neighbours' checks, one placed alone may itself be misplaced, its
 *   original beside the far one (6378: `dangerous point` placed on another annotation's copy of it)
 */
export function orphanFarOnCopies(
  annotations: readonly Annotation[],
  results: AnchorResult[],
  index: OffsetIndex,
  order: readonly number[],
  far: readonly boolean[],
  occurrences: Occurrences,
  vouchedOnly: boolean,
): void {
  const shift = (i: number) => placementShift(annotations, results, i);
  const placed = (j: number | undefined): j is number => j !== undefined && results[j]!.outcome !== 'orphaned';
  /** Whether the neighbour at `m` in `order`, next to a far placement moved by `by`, is no copy's: orphaned, or placed otherwise (vouched for by the one past it). */
  const placedElsewhere = (m: number, by: number, step: number) => {
    const j = order[m];
    if (j === undefined) return false;
    if (!placed(j)) return true;
    const past = order[m + step];
    return shift(j) !== by && (!vouchedOnly || (placed(past) && shift(past) === shift(j)));
  };
  const onCopy = order.filter((i, k) => {
    const r = results[i]!;
    if (!far[i] || r.method !== 'search' || r.outcome === 'orphaned') return false;
    const a = annotations[i]!;
    const by = shift(i);
    const inCopy = (j: number) => {
      const b = annotations[j]!;
      if (b.end > a.start && b.start < a.end) return false;
      if (b.start + by < 0 || b.end + by > index.length || index.slice(b.start + by, b.end + by) !== b.text) return false;
      // Standing there alone, the neighbour's text is no copy: it was orphaned (or placed) for other reasons.
      if (!occurrences.repeated(b.text)) return false;
      const [from, to] = b.start < a.start ? [b.start + by, a.end + by] : [a.start + by, b.end + by];
      return !index.slice(from, to).includes('\n');
    };
    return [-1, 1].some((step) => placedElsewhere(k + step, by, step) && inCopy(order[k + step]!));
  });
  for (const i of onCopy) results[i] = orphaned(annotations[i]!, results[i]!.score, 'search');
}

/**
 * Orphan, as ambiguous, the placements of edited text that stands more than once in the document: a
 * paragraph edited, then copied, holds the edit in both places, and the search found the nearer.
 */
export function orphanEditedOnCopies(annotations: readonly Annotation[], results: AnchorResult[], occurrences: Occurrences): void {
  results.forEach((r, i) => {
    if (r.method !== 'search' || r.outcome !== 'edited' || !occurrences.repeated(r.annotation.text)) return;
    results[i] = orphaned(annotations[i]!, r.score, r.method, true);
  });
}

/**
 * Whether annotation `i` stands on the one copy of its text that the fewest edits put there, of those in
 * order between the annotations placed next to it that moved by other amounts (the document's start
 * counts as one that never moves). Text between two annotations moves by the insertions and deletions
 * made between them: a copy that needs more of them (a stretch deleted before it and as much inserted
 * after it) is the less likely place; two copies in order that need as many (pasted in the same stretch)
 * are as likely, and without an annotation after it nothing measures the stretch after it. So are two
 * copies of its run pasted beside each other (`pastedBeside`) when no annotation outside the run moved
 * as either did.
 * @param witnesses the nearest placed annotations before and after that moved by other amounts
 * @param run the placed annotations next to it (it among them) that moved as it did
 */
function fewestEdits(
  annotations: readonly Annotation[],
  results: readonly AnchorResult[],
  index: OffsetIndex,
  places: Places,
  i: number,
  witnesses: { before: number | undefined; after: number | undefined },
  claims: Claims,
  run: readonly number[],
): boolean {
  const { before, after } = witnesses;
  if (after === undefined) return false;
  const a = annotations[i]!;
  const placedAt = results[i]!.annotation.start;
  const shiftOf = (j: number) => placementShift(annotations, results, j);
  const shiftBefore = before === undefined ? 0 : shiftOf(before);
  const shiftAfter = shiftOf(after);
  const found = places(a.text);
  if (!found) return false;
  let placedCost = Infinity;
  let otherCost = Infinity;
  for (const { start, end } of found) {
    const shift = start - a.start;
    if (claims.claimed(i, start, end, shift)) continue;
    if (before !== undefined && !inOrder(annotations[before]!, results[before]!.annotation, a, { start, end })) continue;
    if (!inOrder(a, { start, end }, annotations[after]!, results[after]!.annotation)) continue;
    const cost = Math.abs(shift - shiftBefore) + Math.abs(shiftAfter - shift);
    if (start === placedAt) placedCost = cost;
    // Where neither moved as a neighbour did, the run's other copy pasted beside this one is as likely the original.
    else if (shift !== shiftBefore && shift !== shiftAfter && pastedBeside(annotations, results, index, places, run, placedAt - a.start, shift)) return false;
    else otherCost = Math.min(otherCost, cost);
  }
  return placedCost < otherCost;
}

/**
 * Whether a run of annotations placed at one shift stands whole at another as well, the two copies near
 * each other (`besideLength`) and no other annotation placed between them: a copy pasted beside its
 * original, or past the paragraph next to it. The shifts around cannot tell which is which: the copy
 * pasted before the original and a paragraph deleted further on shift the annotations after it as the
 * copy taken for the original, with the line between moved, would (45356: one annotation; 167798: a
 * paragraph of two copied above the one before it).
 * @param run the annotations (indices) that moved alike
 * @param placed the shift they were placed by
 * @param other the shift of the other copy
 */
function pastedBeside(
  annotations: readonly Annotation[],
  results: readonly AnchorResult[],
  index: OffsetIndex,
  places: Places,
  run: readonly number[],
  placed: number,
  other: number,
): boolean {
  if (!run.every((j) => places(annotations[j]!.text)?.some((span) => span.start === annotations[j]!.start + other))) return false;
  const from = Math.min(...run.map((j) => annotations[j]!.start));
  const to = Math.max(...run.map((j) => annotations[j]!.end));
  const [first, second] = placed < other ? [placed, other] : [other, placed];
  if (second - first - (to - from) > besideLength(index, from + first, to + second, to - from)) return false;
  const members = new Set(run);
  return !results.some((r, j) => !members.has(j) && r.outcome !== 'orphaned' && r.annotation.start >= to + first && r.annotation.start < from + second);
}

/**
 * How far apart (code points between them) two copies of a run, the first starting at `start` and the
 * second ending at `end`, count as pasted beside each other: less than the run's length, or, in
 * different paragraphs, less than the first copy's paragraph (a paragraph copied past a shorter one
 * next to it, 168177). Copies in one paragraph are a phrase said twice in it, however long the line.
 * @param run the run's length
 */
function besideLength(index: OffsetIndex, start: number, end: number, run: number): number {
  const { text } = index;
  const from = index.toUtf16(start);
  const to = index.toUtf16(end);
  const lineEnd = text.indexOf('\n', from);
  if (lineEnd < 0 || lineEnd >= to) return run;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  return Math.max(run, index.toCodePoint(lineEnd) - index.toCodePoint(lineStart));
}

/** Whether the stored context stands next to `placed` (`contextAgrees`) and next to no other exact occurrence of the text. */
function contextSingles(a: Annotation, placed: Span, index: OffsetIndex, places: Places): boolean {
  const agrees = (span: Span) => contextAgrees(a, index.text, index.toUtf16(span.start), index.toUtf16(span.end));
  const found = places(a.text);
  return found !== undefined && agrees(placed) && found.every((span) => span.start === placed.start || !agrees(span));
}

/**
 * Whether two spans stand in the new text in the order they stood in the old one (`first` began no
 * later than `second`): their starts in that order, and, when `first` ended before `second` began, its
 * end still before the other's start.
 */
function inOrder(first: Span, firstNow: Span, second: Span, secondNow: Span): boolean {
  return firstNow.start <= secondNow.start && (first.end > second.start || firstNow.end <= secondNow.start);
}

/** Code point offsets of a span. */
interface Span {
  start: number;
  end: number;
}

/**
 * Whether annotation `i`'s text stands exactly once in the document, not counting the occurrences whose
 * characters another placement of unchanged text took from another old place.
 */
function standsOnce(a: Annotation, i: number, places: Places, occurrences: Occurrences, claims: Claims): boolean {
  if (occurrences.only(a.text) >= 0) return true;
  const found = places(a.text);
  return found !== undefined && found.filter(({ start, end }) => !claims.claimed(i, start, end, start - a.start)).length === 1;
}

/** The exact occurrences of a text (code points), in order; undefined beyond `MAX_OCCURRENCES`. */
type Places = (text: string) => Span[] | undefined;

/** `Places` in `index`, each distinct text looked up in the whole document once (an entity tagged ten times). */
function exactPlaces(index: OffsetIndex): Places {
  const known = new Map<string, Span[] | undefined>();
  return (text) => {
    if (known.has(text)) return known.get(text);
    let places: Span[] | undefined = [];
    for (let at = index.text.indexOf(text); at >= 0; at = index.text.indexOf(text, at + 1)) {
      if (places.length === MAX_OCCURRENCES) {
        places = undefined;
        break;
      }
      places.push({ start: index.toCodePoint(at), end: index.toCodePoint(at + text.length) });
    }
    known.set(text, places);
    return places;
  };
}

/** The placements of unchanged text (held or moved), to tell whose characters an occurrence is. */
export class Claims {
  /** [new start, new end, shift, annotation index], code points. */
  private readonly spans: [number, number, number, number][] = [];

  /**
   * The placements of unchanged text among `results` so far.
   * @param annotations the annotations, for their old offsets
   * @param results their results, some perhaps not made yet
   */
  static of(annotations: readonly Annotation[], results: readonly (AnchorResult | undefined)[]): Claims {
    const claims = new Claims();
    results.forEach((r, i) => r && claims.add(i, annotations[i]!, r));
    return claims;
  }

  /** Count annotation `i`'s result, if it placed its text unchanged. */
  add(i: number, a: Annotation, r: AnchorResult): void {
    if (r.outcome === 'held' || r.outcome === 'moved') this.spans.push([r.annotation.start, r.annotation.end, r.annotation.start - a.start, i]);
  }

  /**
   * Whether `[start, end)`, were it annotation `i` moved by `shift`, shares characters with another
   * placement that moved by another amount: those characters stood at another old place, so they are
   * not annotation `i`'s.
   */
  claimed(i: number, start: number, end: number, shift: number): boolean {
    return this.spans.some(([s, e, d, j]) => j !== i && s < end && start < e && d !== shift);
  }
}
