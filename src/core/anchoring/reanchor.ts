/**
 * Verifying annotations against their document and re-anchoring those that no longer hold after the
 * document changed outside the editor. Offsets are code points at this boundary; the search itself
 * (`match-quote.ts`) works in UTF-16 over the OffsetIndex's text. Method and figures: docs/anchoring.md.
 */
import type { Annotation } from '../model';
import { OffsetIndex } from '../text';
import { CONTEXT_CHECK, contextAgrees, contextAround, contextFromOverlaps, contextRefutes } from './context';
import { Claims, orphanEditedOnCopies, orphanFarOnCopies, orphanUnsupportedCopies } from './copies';
import { DiffMap } from './diff-map';
import { similarAtLeast, similarity } from './bit-parallel';
import { DOUBT_FLOOR, findQuote, type QuoteMatch } from './match-quote';
import { Occurrences } from './occurrences';
import { orphaned } from './orphaned';
import { placementShift } from './shift';
import { isWordChar } from './words';

/**
 * The least score (0..1, the weighted agreement of quote, prefix, suffix and position) a placement
 * needs to be accepted; below it the annotation is orphaned. Chosen from measurements, see
 * docs/anchoring.md.
 */
export const MIN_QUALITY = 0.72;

/**
 * The least similarity (1 − edit distance / longer length, in UTF-16 units) between the stored text and
 * the text of an accepted placement: a re-anchored annotation's text never differs from what was
 * annotated by more than this allows, however well its context agrees.
 */
export const MIN_TEXT_SIMILARITY = 0.5;

/** What happened to one annotation. */
export type AnchorOutcome = 'held' | 'moved' | 'edited' | 'orphaned';

/**
 * What placed an annotation: `held` it was where it was; `diff` it was mapped through the edits between
 * the text it was verified against and the new text; `search` it was looked for by its text and context.
 */
export type AnchorMethod = 'held' | 'diff' | 'search';

/** One annotation after re-anchoring. */
export interface AnchorResult {
  /** An updated copy of the annotation (the input is never modified). */
  annotation: Annotation;
  /** held: unchanged; moved: same text elsewhere; edited: new bounds and new text; orphaned: not found. */
  outcome: AnchorOutcome;
  /**
   * The placement's score (1 for held and for a span the diff moved unchanged; for one the diff edited,
   * the share of its text the edits kept); for an orphan of the search the best score seen, 0 if none.
   */
  score: number;
  /** What placed (or orphaned) it. */
  method: AnchorMethod;
  /**
   * Set on an orphan of the diff whose text still stands, but where two diffs as good put it in
   * different places (a copy next to it, an edge word become several): orphaned rather than guessed.
   */
  ambiguous?: true;
}

/** What re-anchoring knows besides the new text. */
export interface ReanchorOptions {
  /** The normalised text (code points, LF, no BOM) the annotations were last verified against, when known. */
  previousText?: string;
}

/**
 * Whether an annotation still holds: its `text` is exactly the document's code points start..end.
 * @param annotation the annotation
 * @param index offsets over the current document text
 */
export function holds(annotation: Annotation, index: OffsetIndex): boolean {
  const { start, end } = annotation;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= index.length)) return false;
  if (end - start > annotation.text.length) return false; // each code point takes at least one UTF-16 unit
  return index.slice(start, end) === annotation.text;
}

/**
 * Re-anchor annotations in a document that may have changed since they were made. When the text they
 * were verified against is given, each annotation that holds on it is mapped through the diff of that
 * text and the new one (`DiffMap`, method 'diff'): moved exactly, edited where an edit overlaps it, or
 * orphaned where its text was deleted. The others (all of them without a previous text) are placed by
 * search (method 'search'). Those that hold are kept (unless a word at their edge was lengthened: an
 * annotation that began or ended at a word's edge is then widened to the whole word, outcome 'edited');
 * the others are looked for in document order, each near its old place moved by however much the
 * annotations before it moved: the exact text first, then an approximate match of text, prefix and
 * suffix scored with the position, in ±256 and ±4,096 code points and then the whole text, under the
 * invariants of `search`. A placement is accepted at `MIN_QUALITY` and `MIN_TEXT_SIMILARITY` or better;
 * otherwise the annotation is returned orphaned (`status: 'orphaned'`, offsets and text as they were).
 * Moved annotations get fresh prefix/suffix where they had them; a formerly orphaned annotation that is
 * found loses its status.
 * @param given the annotations of one document, any order
 * @param index offsets over the current (normalised) document text
 * @param options the text the annotations were last verified against, when known
 * @returns one result per annotation, in the order given
 */
export function reanchor(given: readonly Annotation[], index: OffsetIndex, options: ReanchorOptions = {}): AnchorResult[] {
  const results = options.previousText === undefined ? new Array<AnchorResult>(given.length) : mapByDiff(given, index, options.previousText);
  // Stored without context, an annotation is looked for with what the others' texts tell of it (a
  // figure inside a claim); the sidecar is not given context it did not have.
  const knownContext = contextFromOverlaps(given);
  const annotations = given.map((a, i) => {
    if (results[i] !== undefined || hasStoredContext(a) || a.status === 'orphaned') return a;
    const context = knownContext(a);
    return hasStoredContext(context) ? { ...a, ...context } : a;
  });
  const order = annotations.map((_, i) => i);
  order.sort((i, j) => annotations[i]!.start - annotations[j]!.start || annotations[i]!.end - annotations[j]!.end);
  const shifts = new ShiftTracker();
  /** Which annotations the search placed far (more than `NEAR`) from where their neighbours predicted. */
  const far = new Array<boolean>(annotations.length).fill(false);
  const occurrences = new Occurrences(index.text);
  /** The placements of unchanged text so far (the diff's, then the walk's). */
  const claims = Claims.of(annotations, results);
  /** Which annotations the search placed far away on characters an earlier placement had taken. */
  const onClaimedCopy = new Array<boolean>(annotations.length).fill(false);
  /** Which annotations the walk kept where they were, their text standing there (not the diff's). */
  const heldByWalk = new Array<boolean>(annotations.length).fill(false);
  /** The places, as good and as far from the walk's prediction, between which the search could not choose. */
  const tied = new Map<number, QuoteMatch[]>();
  for (const i of order) {
    const a = annotations[i]!;
    const mapped = results[i];
    if (mapped) {
      if (mapped.outcome !== 'orphaned') shifts.record(a.start, a.end, mapped.annotation.start, mapped.annotation.end);
      continue;
    }
    if (holds(a, index) && !wordEdgeBroken(a, index)) {
      results[i] = { annotation: withoutStatus({ ...a }), outcome: 'held', score: 1, method: 'held' };
      heldByWalk[i] = true;
      claims.add(i, a, results[i]);
      shifts.record(a.start, a.end, a.start, a.end);
      continue;
    }
    const expected = index.toUtf16(clamp(a.start + shifts.shiftAt(a.start), 0, index.length));
    const placement = search(a, index.text, expected, shifts.learnt, occurrences);
    if ('best' in placement) {
      results[i] = orphaned(a, placement.best, 'search');
      if (placement.tied) tied.set(i, placement.tied);
      continue;
    }
    const result = placed(a, index, placement.start, placement.end, placement.score, 'search');
    // Edited text that took in a line break the stored text had none of ran into another paragraph.
    if (result.outcome === 'edited' && result.annotation.text.includes('\n') && !a.text.includes('\n')) {
      results[i] = orphaned(a, placement.score, 'search');
      continue;
    }
    far[i] = Math.abs(placement.start - expected) > NEAR;
    results[i] = result;
    // Far away, on characters a placement made before took from another old place: a copy, not to be
    // learnt from (the annotations after it would be looked for next to the copy); orphaned below
    // unless its neighbours on both sides find it another place.
    if (far[i] && result.outcome === 'moved' && claims.claimed(i, result.annotation.start, result.annotation.end, result.annotation.start - a.start)) {
      onClaimedCopy[i] = true;
      continue;
    }
    claims.add(i, a, result);
    shifts.record(a.start, a.end, result.annotation.start, result.annotation.end);
  }
  placeTiesWhereNeighboursPredict(annotations, results, index, order, tied);
  // Before the neighbours are asked: a far one on a copy would predict for them from the copy (271501).
  orphanFarOnCopies(annotations, results, index, order, far, occurrences, true);
  // A placement the neighbours moved off a copy predicts anew for the ones next to it (two paragraphs
  // copied to the top together: the second's annotations are the first's neighbours).
  const followed = new Set<number>();
  for (let pass = 0, moved = true; moved && pass < NEIGHBOUR_PASSES; pass++) moved = followNeighbours(annotations, results, index, order, far, followed);
  // Those left on a copy whose characters another placement had taken first; not orphanClashes's
  // choice, which would orphan the other one too when the search placed it far as well.
  onClaimedCopy.forEach((copy, i) => {
    if (copy && far[i]) results[i] = orphaned(annotations[i]!, results[i]!.score, 'search');
  });
  orphanFarOnCopies(annotations, results, index, order, far, occurrences, false);
  orphanClashes(annotations, results, far);
  // Echoes first as well: one left placed is taken for a witness to the shift around a copy (167798).
  // Not single words yet: the neighbour that makes one doubtful may be orphaned by the checks between.
  const echoes: Echoes = { orphaned: new Set(), stillVouching: new Map() };
  orphanUnsupportedEchoes(annotations, results, index, order, far, echoes, false);
  orphanUnsupportedCopies(annotations, results, index, order, far, occurrences);
  orphanEditedOnCopies(annotations, results, occurrences);
  orphanUnsupportedEchoes(annotations, results, index, order, far, echoes, true);
  // Last, against neighbours as placed: one put on a copy whose original was deleted is orphaned by now.
  questionHeldCopies(annotations, results, index, order, heldByWalk);
  given.forEach((a, i) => {
    if (annotations[i] === a) return;
    if (a.prefix === undefined) delete results[i]!.annotation.prefix;
    if (a.suffix === undefined) delete results[i]!.annotation.suffix;
  });
  return results;
}

/**
 * Place an annotation the search left between equally good places (`findQuote`'s `tied`) on the one
 * holding its stored text exactly where the nearest placed annotation before or after it predicts (by
 * as much as it moved): an exact copy elsewhere is never preferred to that place. A paragraph copied
 * above, as far from the walk's prediction as the original below: the annotation after it, placed
 * with the original, tells (109353). None or both such places: it stays orphaned (311487).
 * @param order the annotations' indices in document order (old offsets)
 * @param tied the places the search could not choose between, by annotation
 */
function placeTiesWhereNeighboursPredict(annotations: readonly Annotation[], results: AnchorResult[], index: OffsetIndex, order: readonly number[], tied: ReadonlyMap<number, QuoteMatch[]>): void {
  order.forEach((i, k) => {
    const places = tied.get(i);
    if (!places) return;
    const a = annotations[i]!;
    const placedAt = (step: -1 | 1) => {
      for (let m = k + step; m >= 0 && m < order.length; m += step) if (results[order[m]!]!.outcome !== 'orphaned') return order[m]!;
      return undefined;
    };
    const predicted = [placedAt(-1), placedAt(1)].flatMap((j) => (j === undefined ? [] : [a.start + placementShift(annotations, results, j)]));
    const exact = places.filter((p) => index.text.slice(p.start, p.end) === a.text && predicted.includes(index.toCodePoint(p.start)));
    if (exact.length === 1) results[i] = placed(a, index, exact[0]!.start, exact[0]!.end, exact[0]!.score, 'search');
  });
}

/**
 * Check every annotation held (its text stands at its old offsets) against the annotations placed right
 * before and after it. A paragraph copied above the annotated one by as much as the text above moved
 * puts the copy's text on the old offsets; the original then stands where a neighbour that moved
 * predicts. Where one such place holds the text exactly and no neighbour stayed where it was, the
 * neighbours win (an exact copy is never preferred to the place their shift predicts); where a
 * neighbour stayed too, or two places hold it, no text tells which is the original: orphaned.
 * (The diff's placements are no question: it knows which is the copy.)
 * @param order the annotations' indices in document order (old offsets)
 * @param heldByWalk which annotations the walk kept where they were
 */
function questionHeldCopies(annotations: readonly Annotation[], results: AnchorResult[], index: OffsetIndex, order: readonly number[], heldByWalk: readonly boolean[]): void {
  const placedOrder = order.filter((i) => results[i]!.outcome !== 'orphaned');
  const shifts = placedOrder.map((i) => placementShift(annotations, results, i));
  placedOrder.forEach((i, k) => {
    const r = results[i]!;
    if (!heldByWalk[i] || r.method !== 'held') return;
    const a = annotations[i]!;
    const length = a.end - a.start;
    const beside = [shifts[k - 1], shifts[k + 1]].filter((s) => s !== undefined);
    // A shift shorter than the text puts it overlapping itself: the same text, not a copy.
    const places = [...new Set(beside.filter((s) => Math.abs(s) >= length).map((s) => a.start + s))].filter(
      (at) => at >= 0 && at + length <= index.length && index.slice(at, at + length) === a.text,
    );
    if (places.length === 0) return;
    if (places.length === 1 && !beside.includes(0)) {
      results[i] = placed(a, index, index.toUtf16(places[0]!), index.toUtf16(places[0]!) + a.text.length, r.score, 'search');
    } else {
      results[i] = orphaned(a, r.score, 'search');
    }
  });
}

/**
 * Least similarity of the stored text to the text where the neighbours' shift puts it for that place to
 * count as the annotation's own, edited: a copy found elsewhere is then doubtful.
 */
const EDITED_IN_PLACE = 0.8;

/**
 * Check every annotation the search placed, unchanged, against the shifts of the annotations around it.
 * The search walks the document forwards, so it predicts each place from the annotations before it
 * only; a paragraph copied above the annotated one, with no annotation between, is then nearer that
 * prediction than the original. The nearest annotation before and after it that moved by another
 * amount predict two more places: where its stored text stands exactly at one of them (and not where
 * the search put it), the neighbours win — an exact copy elsewhere is never preferred to a placement
 * the neighbours' shift predicts; where the text stands there edited (a word changed inside the
 * original, its copy intact), where its first or last words stand near there and the rest does not
 * (`edgeWordsNear`: the rest of the original replaced, or a sentence inserted in it), or where a
 * placement far from the walk's prediction has its surrounding words standing there too
 * (`surroundingsStandAt`: the annotated text deleted from the original), the copy is doubtful and the
 * annotation is orphaned. The search looked for those inside a far one
 * orphaned so, that moved alike, on its copy: unless their text stands exactly where the neighbours
 * predict, they are orphaned with it. One it moved before that the neighbours would move again is
 * orphaned: each side's neighbours predict another place holding its text, and no text tells which.
 * A placement of edited text is orphaned where its stored text stands exactly at one of those places:
 * a paragraph copied beside itself and one of the two edited, which no text tells from the original.
 * The first or last words are looked for within `PREDICTED_SLACK` of where the neighbours put them, or
 * `NEAR` when no placement next to it moved by as much (nothing vouches for its shift).
 * @param order the annotations' indices in document order (old offsets)
 * @param far which annotations the search placed far from their predicted place (updated)
 * @param followed which annotations it has moved, over the passes (updated)
 * @returns whether it moved a placement to where the neighbours predict it
 */
function followNeighbours(annotations: readonly Annotation[], results: AnchorResult[], index: OffsetIndex, order: readonly number[], far: boolean[], followed: Set<number>): boolean {
  const placedOrder = order.filter((i) => results[i]!.outcome !== 'orphaned');
  const shift = (i: number) => placementShift(annotations, results, i);
  // The neighbours that moved by another amount, found for every placement in one pass each way: a
  // scan from each placement was quadratic when an insertion at the top moved them all alike.
  const shifts = placedOrder.map(shift);
  const differentBefore = new Array<number>(shifts.length);
  for (let k = 0; k < shifts.length; k++) differentBefore[k] = k > 0 && shifts[k - 1] === shifts[k] ? differentBefore[k - 1]! : k - 1;
  const differentAfter = new Array<number>(shifts.length);
  for (let k = shifts.length - 1; k >= 0; k--) differentAfter[k] = k < shifts.length - 1 && shifts[k + 1] === shifts[k] ? differentAfter[k + 1]! : k + 1;
  /** Which placements (by their place in `placedOrder`) lie inside one orphaned here, on its copy. */
  const followedCopy = new Array<boolean>(shifts.length).fill(false);
  let moved = false;
  placedOrder.forEach((i, k) => {
    const r = results[i]!;
    if (r.method !== 'search' || (r.outcome !== 'moved' && r.outcome !== 'edited')) return;
    const a = annotations[i]!;
    const before = differentBefore[k]!;
    const after = differentAfter[k]!;
    const length = a.end - a.start;
    const { start } = r.annotation;
    const within = (at: number | undefined): at is number => at !== undefined && at >= 0 && at + length <= index.length;
    const apart = (at: number) => at + length <= start || at >= start + length;
    const [byBefore, byAfter] = [placedOrder[before], placedOrder[after]].map((j) => (j === undefined ? undefined : a.start + shift(j)));
    const inRange = [byBefore, byAfter].filter(within);
    // Places apart from where the search put it: one overlapping it is the same text, a little shifted.
    const predicted = inRange.filter(apart);
    const exact = predicted.filter((at) => index.slice(at, at + length) === a.text);
    // Edited where the search found it, its text whole where a neighbour puts it: a paragraph copied
    // beside itself and one of the two edited, which no text tells from the original (300783).
    if (r.outcome === 'edited') {
      if (exact.length > 0) results[i] = orphaned(a, r.score, 'search');
      return;
    }
    // Where the neighbours put its end: the one after it moved with any edit inside the span.
    const predictedEnds = [placedOrder[before], placedOrder[after]].flatMap((j) => (j === undefined || !apart(a.end + shift(j) - length) ? [] : [a.end + shift(j)]));
    let edges: KeptEdges | null | undefined;
    // Moved as no neighbour did, nothing vouches for its shift: its edited original may stand anywhere
    // the search would have looked near the prediction (a copy of its paragraph pushed it on by its length).
    const alone = shifts[k - 1] !== shifts[k] && shifts[k + 1] !== shifts[k];
    const edgeNear = (at: number, atEnd: boolean) => {
      edges ??= keptEdges(a.text);
      return edges !== null && edgeWordsNear(index, a.text, atEnd ? edges.last : edges.first, at, atEnd, r.annotation, alone ? NEAR : PREDICTED_SLACK);
    };
    if (exact.length === 1 && !followed.has(i)) {
      results[i] = placed(a, index, index.toUtf16(exact[0]!), index.toUtf16(exact[0]!) + a.text.length, r.score, 'search');
      far[i] = false;
      followed.add(i);
      moved = true;
    } else if (
      exact.length > 0 ||
      followedCopy[k] ||
      predicted.some((at) => similarAtLeast(a.text, index.slice(at, at + length), EDITED_IN_PLACE)) ||
      predicted.some((at) => edgeNear(at, false)) ||
      predictedEnds.some((endAt) => edgeNear(endAt, true)) ||
      (far[i] && predicted.length === inRange.length && surroundingsStandAt(index, r.annotation, within(byBefore) ? byBefore : undefined, within(byAfter) ? byAfter : undefined))
    ) {
      results[i] = orphaned(a, r.score, 'search');
      // The ones inside it that moved alike were looked for where it put them: they followed it onto
      // the copy, as doubtful unless their text stands where their neighbours predict. (Those after
      // it stand on their own: a doubt about it need not be one about the next paragraph.)
      if (far[i]) {
        for (let m = k + 1; m < shifts.length && shifts[m] === shifts[k] && results[placedOrder[m]!]!.method === 'search'; m++) {
          const inner = annotations[placedOrder[m]!]!;
          if (inner.start >= a.start && inner.end <= a.end) followedCopy[m] = true;
        }
      }
      // Put back and forth between two places that hold its text: the ones after it in its paragraph
      // that moved alike stand on the same copy, or the same original, which no text tells either.
      if (followed.has(i)) {
        for (let m = k + 1; m < shifts.length && shifts[m] === shifts[k] && results[placedOrder[m]!]!.method === 'search'; m++) {
          const lineBreak = index.text.indexOf('\n', index.toUtf16(results[placedOrder[m - 1]!]!.annotation.end));
          if (lineBreak >= 0 && lineBreak < index.toUtf16(results[placedOrder[m]!]!.annotation.start)) break;
          followedCopy[m] = true;
        }
      }
    }
  });
  return moved;
}

/**
 * The least share of a stored text's words that, standing whole at its start (or end) where the
 * neighbours' shift puts it, makes that place the annotation's own, edited after (before) them: the
 * rest of a sentence replaced or a sentence inserted inside the original, copied intact elsewhere.
 */
const KEPT_EDGE = 1 / 3;

/** The fewest words `edgeWordsNear` counts as the annotation's own: a phrase of three or four is easily repeated. */
const KEPT_EDGE_WORDS = 5;

/** The first and last words of a stored text that `edgeWordsNear` looks for. */
interface KeptEdges {
  first: string;
  last: string;
}

/**
 * The first and the last `KEPT_EDGE` of a stored text's words, `KEPT_EDGE_WORDS` at least, with what
 * stands between them; null when that would be all of its words. Read without a regular expression:
 * it runs for most placements the neighbours check, and the match objects cost a collection.
 */
function keptEdges(text: string): KeptEdges | null {
  let words = 0;
  for (let i = 0; i < text.length; i++) if (isWordAt(text, i) && (i === 0 || !isWordAt(text, i - 1))) words++;
  const need = Math.max(KEPT_EDGE_WORDS, Math.ceil(words * KEPT_EDGE));
  if (need >= words) return null;
  // The end of the `need`th word, and the start of the `need`th from the end.
  let firstEnd = 0;
  for (let seen = 0; seen < need; firstEnd++) if (isWordAt(text, firstEnd) && !isWordAt(text, firstEnd + 1)) seen++;
  let lastStart = text.length;
  for (let seen = 0; seen < need; ) if (isWordAt(text, --lastStart) && (lastStart === 0 || !isWordAt(text, lastStart - 1))) seen++;
  return { first: text.slice(0, firstEnd), last: text.slice(lastStart) };
}

/**
 * Whether the first (last, `atEnd`) words of a stored text (`keptEdges`) stand as they are within
 * `slack` code points of `at`, where the neighbours put its start (end), apart from its placement, and
 * the rest of it not after (before) them: its original, edited past them.
 * @param edge those words
 * @param placement where the search put it (code points)
 */
function edgeWordsNear(index: OffsetIndex, text: string, edge: string, at: number, atEnd: boolean, placement: { start: number; end: number }, slack: number): boolean {
  const from = index.toUtf16(clamp(at - slack, 0, index.length));
  const to = index.toUtf16(clamp(at + slack, 0, index.length));
  const [start, end] = [index.toUtf16(placement.start), index.toUtf16(placement.end)];
  // The window holds where the edge begins (start side) or ends (end side).
  const window = atEnd ? index.text.slice(Math.max(0, from - edge.length), to) : index.text.slice(from, to + edge.length);
  const offset = atEnd ? Math.max(0, from - edge.length) : from;
  for (let k = window.indexOf(edge); k >= 0; k = window.indexOf(edge, k + 1)) {
    const found = offset + k;
    // The whole text standing there is a copy of it, which other checks weigh.
    const whole = atEnd ? index.text.slice(found + edge.length - text.length, found + edge.length) === text : index.text.startsWith(text, found);
    if (!whole && (found + edge.length <= start || found >= end)) return true;
  }
  return false;
}

/** How many times `followNeighbours` runs at most, while it moves placements. */
const NEIGHBOUR_PASSES = 3;

/** How far (UTF-16 units) from a placement the text `surroundingsStandAt` compares begins. */
const SURROUNDINGS_GAP = 8;

/** How many UTF-16 units of the text around a placement `surroundingsStandAt` compares. */
const SURROUNDINGS_LENGTH = 32;

/**
 * Whether the text around a far placement also stands, apart from there, where it would stand beside
 * the place its neighbours predict (give or take `PREDICTED_SLACK`): a stretch a little before it where
 * the annotation before it predicts, or a stretch a little after it where the one after it predicts
 * (text moves as the annotation on its side did). The placement is then in a copy of its paragraph,
 * and the original, where the neighbours put it, still has the words around it but no longer the
 * annotated text (deleted or edited after the copy was made); a paragraph moved takes its text along
 * and leaves no such trace. The stretches keep a few units off the placement's edges, which the edit
 * that removed the annotated text may have taken with it.
 * @param placement where the search put the annotation (code points)
 * @param byBefore where the annotation before it, that moved by another amount, puts it (code points)
 * @param byAfter where the annotation after it, that moved by another amount, puts it (code points)
 */
function surroundingsStandAt(index: OffsetIndex, placement: { start: number; end: number }, byBefore: number | undefined, byAfter: number | undefined): boolean {
  const { text } = index;
  const start = index.toUtf16(placement.start);
  const end = index.toUtf16(placement.end);
  /** Whether the stretch at `offset` from the placement's start stands at that offset from `predicted` too. */
  const standsBeside = (predicted: number | undefined, offset: number) => {
    if (predicted === undefined || start + offset < 0 || start + offset + SURROUNDINGS_LENGTH > text.length) return false;
    const stretch = text.slice(start + offset, start + offset + SURROUNDINGS_LENGTH);
    const from = Math.max(0, index.toUtf16(predicted) + offset - PREDICTED_SLACK);
    const window = text.slice(from, index.toUtf16(predicted) + offset + PREDICTED_SLACK + SURROUNDINGS_LENGTH);
    for (let k = window.indexOf(stretch); k >= 0; k = window.indexOf(stretch, k + 1)) if (from + k !== start + offset) return true;
    return false;
  };
  return standsBeside(byBefore, -SURROUNDINGS_GAP - SURROUNDINGS_LENGTH) || standsBeside(byAfter, end - start + SURROUNDINGS_GAP);
}

/**
 * Orphan placements that claim the same characters for two different old places. Two placements of
 * their unchanged text that overlap in the new text must have moved by the same amount (the characters
 * they share were at one old place); when they did not, one of them sits on a copy — the same words
 * repeated elsewhere, or another annotation's text. A placement the search took far from where its
 * neighbours predicted is then doubtful and orphaned (both, when both are far); one at its predicted
 * place stays.
 * @param far which annotations the search placed far from their predicted place
 */
function orphanClashes(annotations: readonly Annotation[], results: AnchorResult[], far: readonly boolean[]): void {
  const unchanged = results.flatMap((r, i) => (r.outcome === 'held' || r.outcome === 'moved' ? [i] : []));
  unchanged.sort((i, j) => results[i]!.annotation.start - results[j]!.annotation.start);
  const doubtful = new Set<number>();
  unchanged.forEach((i, k) => {
    const placedI = results[i]!.annotation;
    for (let m = k + 1; m < unchanged.length; m++) {
      const j = unchanged[m]!;
      const placedJ = results[j]!.annotation;
      if (placedJ.start >= placedI.end) break;
      if (placedI.start - annotations[i]!.start === placedJ.start - annotations[j]!.start) continue;
      if (far[i]) doubtful.add(i);
      if (far[j]) doubtful.add(j);
    }
  });
  for (const i of doubtful) {
    const { score, method } = results[i]!;
    results[i] = orphaned(annotations[i]!, score, method);
  }
}

/**
 * How far (UTF-16 units) from the place the neighbouring annotations' shift predicts a placement still
 * counts as that place.
 */
const PREDICTED_SLACK = 64;

/**
 * Look for an annotation by its text and context, keeping the invariants of the fallback:
 * - the only exact occurrence of its text in the document is taken, unless the search placed it, edited,
 *   where the shift of the annotations before it predicts (a copy elsewhere never wins over that place);
 * - a placement of changed text does not start or end inside a word unless the stored text did (known
 *   from the stored context; without context the stored text is taken to have begun and ended at word
 *   edges, but its exact text is still taken where it cuts a word): such an edge is moved out to the
 *   word's edge, and the placement is dropped when its text then differs too much; a first or last word
 *   the placement left just outside it is taken in;
 * - anything else doubtful is orphaned (`findQuote`'s rules).
 * @param expected UTF-16 offset where the annotation is expected to start
 * @param predicted whether `expected` comes from annotations placed before it (not only its old offset)
 * @param occurrences the exact occurrences of stored texts in `text`
 * @returns the placement (UTF-16), or the best score seen when there is none
 */
function search(
  a: Annotation,
  text: string,
  expected: number,
  predicted: boolean,
  occurrences: Occurrences,
): { start: number; end: number; score: number } | { best: number; tied?: QuoteMatch[] } {
  const { found, best, tied } = findQuote(text, { text: a.text, prefix: a.prefix, suffix: a.suffix }, expected, acceptable);
  const foundExact = found && text.slice(found.start, found.end) === a.text && keepsWordEdges(a, text, found.start, found.end);
  if (foundExact) {
    // The stored text itself, chosen by its context and place among any copies; far away, only as a far exact occurrence is taken.
    const far = Math.abs(found.start - expected) > NEAR;
    if (far && (editedNear(best, expected, found.start, found.end) || contextRefutes(a, text, found.start, found.end))) return { best: found.score };
    if (mayBeEcho(a, text, found.start, found.end)) return { best: found.score };
    // The only exact occurrence scores 1 wherever it is: there is nothing to choose between.
    return found.score < 1 && occurrences.only(a.text) === found.start ? { ...found, score: 1 } : found;
  }
  const exact = occurrences.only(a.text);
  if (exact >= 0 && keepsWordEdges(a, text, exact, exact + a.text.length)) {
    const exactEnd = exact + a.text.length;
    const elsewhere = found && (found.end <= exact || found.start >= exactEnd);
    const foundPredicted = found && predicted && Math.abs(found.start - expected) <= PREDICTED_SLACK;
    if (Math.abs(exact - expected) <= NEAR) {
      if ((!elsewhere || !foundPredicted) && !mayBeEcho(a, text, exact, exactEnd)) return { start: exact, end: exactEnd, score: 1 };
    } else if (!elsewhere && !editedNear(best, expected, exact, exactEnd) && contextAgrees(a, text, exact, exactEnd)) {
      return { start: exact, end: exactEnd, score: 1 };
    } else if (!found) return { best: best?.score ?? 0 };
  }
  if (!found) return { best: best?.score ?? 0, ...(tied && { tied }) };
  const start = startsInsideWord(a) ? found.start : outToWordStart(text, withFirstWord(a.text, text, found.start, found.end));
  const end = endsInsideWord(a) ? found.end : outToWordEnd(text, withLastWord(a.text, text, found.start, found.end));
  // Changed text is accepted only between the stored first and last words: where an edge word was
  // replaced or deleted, the text alone cannot say whether a neighbouring word took its place.
  if (!edgesVouchedFor(a, text, start, end)) return { best: found.score };
  if (start === found.start && end === found.end) return found;
  // Widened to the edges of the words it cut: accepted only if still close enough to the stored text.
  const widened = similarity(a.text, text.slice(start, end));
  return widened >= MIN_TEXT_SIMILARITY ? { start, end, score: found.score } : { best: found.score };
}

/**
 * How far (UTF-16 units) from the expected place the only exact occurrence of the stored text is taken
 * without more questions; further away it may be a copy (the original edited or deleted) as well as the
 * text moved.
 */
const NEAR = 256;

/** Whether the search saw something like the quote near where it was expected (edited in place), apart from `[start, end)`. */
function editedNear(best: QuoteMatch | undefined, expected: number, start: number, end: number): boolean {
  return best !== undefined && best.score >= DOUBT_FLOOR && Math.abs(best.start - expected) <= NEAR && (best.end <= start || best.start >= end);
}

/**
 * The fewest words of a stored text that, found exactly, stand for themselves: a shorter one (a figure,
 * a name, a two-word quote) may be its words echoed by unrelated prose after a rewrite.
 */
const SHORT_TEXT_WORDS = 8;

/**
 * Whether the exact occurrence `text[start, end)` of a short stored text (`isShort`) may be an echo
 * rather than the annotation: neither the words that stood right before it (the stored prefix's last
 * two, `VOUCHING_WORDS`) nor those right after it (the suffix's first two) stand next to it — words, so that quote marks
 * restyled around a quote do not count. (Without stored context, see `orphanUnsupportedEchoes`.)
 */
function mayBeEcho(a: Annotation, text: string, start: number, end: number): boolean {
  // The stored context standing there as it was (the usual case) settles it without reading words.
  if (!hasStoredContext(a) || contextAgrees(a, text, start, end) || !isShort(a)) return false;
  // A side of which nothing is known (context read off other annotations: `contextFromOverlaps`) leaves it to the neighbours.
  const { before, after } = contextWordsBeside(a, text, start, end);
  return before === false && after === false;
}

/**
 * On which sides of `text[start, end)` the words of the stored context next to the text stand
 * (`VOUCHING_WORDS` of the prefix's last, of the suffix's first): words, so that marks restyled around
 * it (quotes) do not count. A side without stored context is undefined.
 */
function contextWordsBeside(a: Annotation, text: string, start: number, end: number): { before?: boolean; after?: boolean } {
  return {
    before: a.prefix === undefined ? undefined : sameWords(lastWords(a.prefix), lastWords(text.slice(Math.max(0, start - a.prefix.length), start))),
    after: a.suffix === undefined ? undefined : sameWords(firstWords(a.suffix), firstWords(text.slice(end, end + a.suffix.length))),
  };
}

/** The last `VOUCHING_WORDS` runs of letters and digits of `s`. */
function lastWords(s: string): string[] {
  return (s.match(WORDS) ?? []).slice(-VOUCHING_WORDS);
}

/** The first `VOUCHING_WORDS` runs of letters and digits of `s`. */
function firstWords(s: string): string[] {
  return (s.match(WORDS) ?? []).slice(0, VOUCHING_WORDS);
}

/** Whether two lists of words are the same, and not empty. */
function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((w, k) => w === b[k]);
}

/**
 * How many stored neighbouring words must stand next to an exact occurrence of a short text for them to
 * vouch for it: one may be an echo's by chance (`about 15,000 people` echoed as `Readers asked about
 * 15,000 people`).
 */
const VOUCHING_WORDS = 2;

/** Whether a stored text is a single run of letters and digits, with nothing but marks around it. */
function oneWord(text: string): boolean {
  return (text.match(WORDS) ?? []).length <= 1;
}

/** Whether a stored text has fewer than `SHORT_TEXT_WORDS` words (runs of letters and digits). */
function isShort(a: Annotation): boolean {
  const { text } = a;
  let words = 0;
  for (let i = 0; i < text.length; i++) if (isWordAt(text, i) && (i === 0 || !isWordAt(text, i - 1)) && ++words >= SHORT_TEXT_WORDS) return false;
  return true;
}

/** Whether the code unit at `i` is a letter or digit (`WORDS`); false past the end. */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  // ASCII by its code: the Unicode class test, per character, cost more than the rest of a placement.
  return c < 128 ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : c === c && isWordChar(text.charAt(i));
}

/**
 * Orphan the short texts (`isShort`) without stored context, or whose stored context stands on neither
 * side of them with other words beside them than it holds, that the search placed, unchanged, at a
 * shift no neighbour placed (the annotation before it, by its end, and the one after it, by its
 * start) shares exactly, once every other check had its say: nothing tells them from their words
 * echoed by a rewrite nearby. A text moved by an edit moves as the annotations on one side of it did;
 * one moved otherwise had an edit next to it as well, which may as well have been the rewrite — unless
 * it has one neighbour only and an orphaned annotation between them, not holding it, shows the edit
 * (text deleted there) while it stands near (`NEAR`) that neighbour's shift, or both barely moved
 * (`ECHO_SLACK`). Without neighbours, a placement far from where the walk expected it is doubtful.
 * So is one whose nearest annotations on both sides were orphaned, their passage rewritten around it,
 * unless one around it was placed by as much (`rewrittenAround`). One held on its old offsets is asked
 * that last question alone, when its stored context's words stand on neither side of it, and only of
 * orphans of which nothing like them was found. An echo orphaned so vouches for no neighbour: the others are asked again, of their next neighbour
 * out; a single word orphaned only because it is one word, moved as a neighbour did, still vouches.
 * @param order the annotations' indices in document order (old offsets)
 * @param far which annotations the search placed far from their predicted place
 * @param echoes what the calls before orphaned as echoes (updated)
 * @param oneWords whether single words are orphaned too, or only echoes (a first call, before the
 *   other checks have orphaned what stands beside them)
 */
function orphanUnsupportedEchoes(
  annotations: readonly Annotation[],
  results: AnchorResult[],
  index: OffsetIndex,
  order: readonly number[],
  far: readonly boolean[],
  echoes: Echoes,
  oneWords: boolean,
): void {
  const { stillVouching } = echoes;
  const rank = new Map(order.map((i, k) => [i, k]));
  // Orphans of the other checks: an echo orphaned here (or in a call before) shows no edit.
  const orphanedBefore = new Set(order.filter((i) => results[i]!.outcome === 'orphaned' && !echoes.orphaned.has(i)));
  // An orphan holding the short text itself is no edit beside it: the passage it stood in is gone.
  const orphanBetween = (x: number, y: number) => {
    const [from, to] = [rank.get(x)!, rank.get(y)!].sort((p, q) => p - q);
    const { start, end } = annotations[y]!;
    return order.slice(from! + 1, to).some((j) => orphanedBefore.has(j) && (annotations[j]!.end <= start || annotations[j]!.start >= end));
  };
  /**
   * Whether the passage around a short text was rewritten: the nearest annotations before and after
   * it, apart from it, were both orphaned before (at the document's edge, the one there is, and one
   * around it), and none around it (overlapping it, next to it in the old order) was placed by as much
   * as it moved. Its place then rests on its words alone. With `nothingLeft`, the two must have been
   * orphaned with nothing like them found (a best score under `MIN_TEXT_SIMILARITY`): an orphan edited
   * in place, its text still there, is no passage rewritten.
   */
  const rewrittenAround = (i: number, shift: number, nothingLeft = false): boolean => {
    const { start, end } = annotations[i]!;
    const apart = (j: number) => annotations[j]!.end <= start || annotations[j]!.start >= end;
    const k = rank.get(i)!;
    let before = k - 1;
    while (before >= 0 && !apart(order[before]!)) before--;
    let after = k + 1;
    while (after < order.length && !apart(order[after]!)) after++;
    const around = order.slice(before + 1, after).filter((j) => j !== i);
    // At the document's edge, one side only: an annotation around it orphaned too shows the passage gone.
    const aroundOrphaned = around.some((j) => orphanedBefore.has(j));
    const gone = (at: number) =>
      at < 0 || at >= order.length ? aroundOrphaned : orphanedBefore.has(order[at]!) && (!nothingLeft || results[order[at]!]!.score < MIN_TEXT_SIMILARITY);
    if (!gone(before) || !gone(after)) return false;
    return !around.some((j) => results[j]!.outcome !== 'orphaned' && placementShift(annotations, results, j) === shift);
  };
  const placement = (i: number) => (stillVouching.get(i) ?? results[i]!).annotation;
  // A longer annotation placed between the two in the new text came from elsewhere: the text between
  // them was not only shortened by the orphan's passage, so the neighbour's shift says nothing of it.
  // (A short one there may be an echo itself, orphaned in the same pass.)
  const movedInBetween = (x: number, y: number) => {
    const from = Math.min(placement(x).start, placement(y).start);
    const to = Math.max(placement(x).start, placement(y).start);
    return order.some((j) => j !== x && j !== y && results[j]!.outcome !== 'orphaned' && !isShort(annotations[j]!) && results[j]!.annotation.start > from && results[j]!.annotation.start < to);
  };
  /** Why the placement `k` of `placedOrder` is doubtful: an echo, one word (easily echoed), or not. */
  const doubt = (placedOrder: readonly number[], i: number, k: number): 'echo' | 'one word' | undefined => {
    const a = annotations[i]!;
    const r = results[i]!;
    const hasContext = hasStoredContext(a);
    // Its text standing where it stood is no witness when the passage around it was rewritten, nothing
    // left of the words it stood between: an echo written there may come to stand on its old offsets (264841).
    if (r.method === 'held') {
      if (!isShort(a)) return undefined;
      if (hasContext) {
        const { before, after } = contextWordsBeside(a, index.text, index.toUtf16(a.start), index.toUtf16(a.end));
        if (before === true || after === true) return undefined;
      }
      return rewrittenAround(i, 0, true) ? 'echo' : undefined;
    }
    if (r.method !== 'search' || !(r.outcome === 'moved' || (r.outcome === 'edited' && !hasContext))) return undefined;
    // The stored context standing as it was (the usual case) settles it before the words are counted.
    if (hasContext) {
      const from = index.toUtf16(r.annotation.start);
      const to = index.toUtf16(r.annotation.end);
      if (contextAgrees(a, index.text, from, to) || !isShort(a)) return undefined;
      // Only marks restyled around it, its context's words standing on each side: no question.
      const { before, after } = contextWordsBeside(a, index.text, from, to);
      if (before !== false && after !== false) return undefined;
    } else if (!isShort(a)) return undefined;
    const shift = r.annotation.start - a.start;
    const before = placedOrder[k - 1];
    const after = placedOrder[k + 1];
    const byBefore = before === undefined ? undefined : placement(before).end - annotations[before]!.end;
    const byAfter = after === undefined ? undefined : placement(after).start - annotations[after]!.start;
    // Edited where it stood, it begins as far on as the text before it moved, or ends as the text after
    // it did; moved otherwise on both sides, it is its words found again in prose written nearby (183650:
    // `US President Biden` in a sentence put after its rewritten paragraph).
    if (r.outcome === 'edited') return byBefore !== undefined && byAfter !== undefined && byBefore !== shift && byAfter !== r.annotation.end - a.end ? 'echo' : undefined;
    if (rewrittenAround(i, shift)) return 'echo';
    if (byBefore === undefined && byAfter === undefined) return far[i] ? 'echo' : undefined;
    // Moved as every neighbour did: no length changed between them, so no rewrite put an echo there.
    if ((byBefore === undefined || byBefore === shift) && (byAfter === undefined || byAfter === shift)) return undefined;
    // One word alone, with one side moved otherwise: an edit lies between, and a word is easily echoed.
    if (byBefore !== undefined && byAfter !== undefined && (byBefore === shift || byAfter === shift)) return oneWord(a.text) ? 'one word' : undefined;
    if (byBefore !== undefined && byAfter !== undefined) return 'echo';
    // Stored offsets a few units off (a sidecar written by hand, or counting UTF-16 units) are no rewrite.
    if (Math.abs((byBefore ?? byAfter!) - shift) <= ECHO_SLACK && Math.abs(shift) <= ECHO_SLACK) return undefined;
    // Near the only neighbour's shift is enough only across an orphan, an edit known between them (its
    // text deleted); otherwise a rewrite may have put the echo at the start of a paragraph nearby. The
    // text between may have shrunk by up to `NEAR` and `ECHO_SHRUNK` of what it was (the orphan's passage
    // deleted), but grown by no more than `ECHO_GAP`: words written there as well are a rewrite, which
    // echoes; nearly all of it gone is the passage rewritten, the text's own place with it.
    const [neighbour, by] = before !== undefined ? [before, byBefore!] : [after!, byAfter!];
    const gap = before !== undefined ? a.start - annotations[before]!.end : annotations[after!]!.start - a.end;
    const grown = before !== undefined ? shift - by : by - shift;
    const near = Math.abs(by - shift) <= NEAR && grown <= Math.max(ECHO_SLACK, gap * ECHO_GAP) && -grown <= gap * ECHO_SHRUNK;
    return near && orphanBetween(neighbour, i) && !movedInBetween(neighbour, i) ? undefined : 'echo';
  };
  // An echo vouches for no neighbour: once it is orphaned, the next neighbour out is asked.
  for (let found = true; found; ) {
    found = false;
    const placedOrder = order.filter((i) => results[i]!.outcome !== 'orphaned' || stillVouching.has(i));
    const doubts = placedOrder.map((i, k) => (stillVouching.has(i) ? undefined : doubt(placedOrder, i, k)));
    placedOrder.forEach((i, k) => {
      const why = doubts[k];
      if (!why || (why === 'one word' && !oneWords)) return;
      if (why === 'one word') stillVouching.set(i, results[i]!);
      else found = true;
      echoes.orphaned.add(i);
      results[i] = orphaned(annotations[i]!, results[i]!.score, 'search');
    });
  }
}

/** What `orphanUnsupportedEchoes` orphaned, kept from one call to the next. */
interface Echoes {
  /** The annotations it orphaned (by index): they show no edit to the next call. */
  orphaned: Set<number>;
  /** Those orphaned only because they are one word, moved as a neighbour did, with their placements: they still vouch for it. */
  stillVouching: Map<number, AnchorResult>;
}

/**
 * How far (code points) a short text without context may stand from both its stored place and its only
 * neighbour's shift and still be taken (`orphanUnsupportedEchoes`): offsets a little off, not an echo.
 */
const ECHO_SLACK = 8;

/**
 * The most, as a share of what it was, that the text between a short text without context and its only
 * neighbour may have grown across an orphan for the text still to be taken (`orphanUnsupportedEchoes`).
 */
const ECHO_GAP = 1 / 3;

/**
 * The most, as a share of what it was, that the text between a short text without context and its only
 * neighbour may have shrunk across an orphan for the text still to be taken (`orphanUnsupportedEchoes`).
 * Over scenarios 0-149999 no deleted passage shrank it by more (141142: 57%); an echo pasted near the
 * neighbour after the text's paragraph was rewritten did by 77% to 86% (48726, 65811, 147901).
 */
const ECHO_SHRUNK = 2 / 3;

/** Runs of letters and digits. */
const WORDS = /[\p{L}\p{N}]+/gu;

/** Edge words this short vouch for an edge only with the word next to them. */
const SHORT_WORD = 3;

/**
 * Whether each edge of a placement of changed text is vouched for: by the stored text's first (last)
 * word standing there, perhaps lengthened (a word of up to `SHORT_WORD` characters only with the
 * stored second (second-last) word next to it), or by the stored prefix (suffix) standing right before
 * (after) it, unless the stored edge word stands next to it inside (a word inserted at the edge). An
 * edge word replaced or deleted, with no context to place the edge, is a doubt.
 */
function edgesVouchedFor(a: Annotation, text: string, start: number, end: number): boolean {
  const placed = text.slice(start, end);
  const first = /^\S+/.exec(a.text)?.[0];
  const last = /\S+$/.exec(a.text)?.[0];
  if (first === undefined || last === undefined) return false;
  const prefix = a.prefix?.slice(-CONTEXT_CHECK);
  const suffix = a.suffix?.slice(0, CONTEXT_CHECK);
  const words = placed.split(/\s+/).filter((w) => w !== '');
  const stored = a.text.split(/\s+/).filter((w) => w !== '');
  // A short edge word ("the", "a", "to") standing there by chance vouches for nothing; with its
  // neighbour word it does.
  const firstStands = (words[0] ?? '').endsWith(first) && (first.length > SHORT_WORD || words[1] === stored[1]);
  const lastStands = (words[words.length - 1] ?? '').startsWith(last) && (last.length > SHORT_WORD || words[words.length - 2] === stored[stored.length - 2]);
  // A word added next to the stored edge word (it stands second) was inserted at the edge: outside.
  // A replaced edge word that became several reads the same as a word inserted beside one replaced.
  // Marks on its far side aside: `The,` is the word `The` with the word after it deleted (`$2.5` keeps its `$`).
  const trailingBare = (word: string | undefined) => word?.replace(/[^\p{L}\p{N}]+$/u, '');
  const leadingBare = (word: string | undefined) => word?.replace(/^[^\p{L}\p{N}]+/u, '');
  const startOk =
    firstStands ||
    (prefix !== undefined && prefix.length > 0 && text.endsWith(prefix, start) && trailingBare(words[1]) !== trailingBare(first) && !becameSeveral(words, stored));
  const endOk =
    lastStands ||
    (suffix !== undefined &&
      suffix.length > 0 &&
      text.startsWith(suffix, end) &&
      leadingBare(words[words.length - 2]) !== leadingBare(last) &&
      !becameSeveral([...words].reverse(), [...stored].reverse()));
  return startOk && endOk;
}

/**
 * Whether the stored first word, replaced, became two or three words: the stored second word stands
 * third or fourth among the placement's words, not second, and none of the words before it begins or
 * ends as the stored first word did (else a word was put inside it: `$2.5` → `$also 2.5`).
 * `formally allied published` for `Russia published` may as well be `formally` inserted before the
 * annotation and `Russia` replaced by `allied`: the edge is a doubt. (Given the words reversed, the
 * same for the last word.)
 * @param words the placement's words
 * @param stored the stored text's words
 */
function becameSeveral(words: readonly string[], stored: readonly string[]): boolean {
  if (stored.length < 2 || words[1] === stored[1]) return false;
  const count = words[2] === stored[1] ? 2 : words[3] === stored[1] ? 3 : 0;
  const edge = stored[0]!;
  return count > 0 && !words.slice(0, count).some((w) => w.startsWith(edge.charAt(0)) || w.endsWith(edge.slice(-1)));
}

/**
 * Whether the exact occurrence `text[start, end)` begins and ends inside a word only where the stored
 * text did, or may have: on a side without stored context nothing says it did not.
 */
function keepsWordEdges(a: Annotation, text: string, start: number, end: number): boolean {
  const cutsStart = isWordChar(text.charAt(start - 1)) && isWordChar(text.charAt(start));
  const cutsEnd = isWordChar(text.charAt(end - 1)) && isWordChar(text.charAt(end));
  return (!cutsStart || a.prefix === undefined || startsInsideWord(a)) && (!cutsEnd || a.suffix === undefined || endsInsideWord(a));
}

/** Whether the stored text began inside a word, as its stored prefix shows (without one: no). */
function startsInsideWord(a: Annotation): boolean {
  return a.prefix !== undefined && isWordChar(a.prefix.slice(-1)) && isWordChar(a.text.charAt(0));
}

/** Whether the stored text ended inside a word, as its stored suffix shows (without one: no). */
function endsInsideWord(a: Annotation): boolean {
  return a.suffix !== undefined && isWordChar(a.suffix.charAt(0)) && isWordChar(a.text.slice(-1));
}

/**
 * The start of a placement that left out the stored text's first words (runs without white space) when
 * they stand, unchanged, just before it and it does not begin with them: moved back to take them in.
 * The approximate match may begin at a later copy of the first word: `Western powers have` found in
 * `Western powers Western have` as `Western have` (one unit fewer to delete than to insert).
 */
function withFirstWord(quote: string, text: string, start: number, end: number): number {
  const words = quote.match(/\S+/g) ?? [];
  const to = start - /\s*$/.exec(text.slice(Math.max(0, start - 64), start))![0].length;
  for (let k = Math.min(words.length, EDGE_RUN); k > 0; k--) {
    const run = words.slice(0, k).join(' ');
    if (text.endsWith(run, to)) return text.startsWith(run, start) || to - run.length >= end ? start : to - run.length;
  }
  return start;
}

/**
 * The end of a placement that left out the stored text's last words when they follow it, unchanged,
 * and it does not end with them: moved on to take them in.
 */
function withLastWord(quote: string, text: string, start: number, end: number): number {
  const words = quote.match(/\S+/g) ?? [];
  const from = end + /^\s*/.exec(text.slice(end, end + 64))![0].length;
  for (let k = Math.min(words.length, EDGE_RUN); k > 0; k--) {
    const run = words.slice(-k).join(' ');
    if (text.startsWith(run, from)) return text.endsWith(run, end) || end <= start ? end : from + run.length;
  }
  return end;
}

/** How many edge words, at most, `withFirstWord` and `withLastWord` take in (single-spaced, as stored). */
const EDGE_RUN = 3;

/** A start inside a word moved back to the word's start. */
function outToWordStart(text: string, start: number): number {
  let at = start;
  if (!isWordChar(text.charAt(at))) return at;
  while (at > 0 && isWordChar(text.charAt(at - 1))) at--;
  return at;
}

/** An end inside a word moved on to the word's end. */
function outToWordEnd(text: string, end: number): number {
  let at = end;
  if (!isWordChar(text.charAt(at - 1))) return at;
  while (at < text.length && isWordChar(text.charAt(at))) at++;
  return at;
}

/**
 * The results of the annotations that hold on the previous text, mapped through its diff with the new
 * one; the others (orphans, annotations that do not hold on it, spans a coarse edit overlaps, and all
 * of them when the texts are too different to diff) are left for the search.
 */
function mapByDiff(annotations: readonly Annotation[], index: OffsetIndex, previousText: string): AnchorResult[] {
  const results = new Array<AnchorResult>(annotations.length);
  const previous = new OffsetIndex(previousText);
  const diff = DiffMap.between(previousText, index.text);
  if (!diff) return results;
  annotations.forEach((a, i) => {
    if (a.status === 'orphaned' || !holds(a, previous)) return;
    const mapping = diff.map(previous.toUtf16(a.start), previous.toUtf16(a.end));
    if (mapping.kind === 'unknown') return;
    if (mapping.kind === 'deleted' || mapping.kind === 'ambiguous') {
      results[i] = orphaned(a, 0, 'diff', mapping.kind === 'ambiguous');
      return;
    }
    results[i] = placed(a, index, mapping.start, mapping.end, mapping.score, 'diff');
  });
  return results;
}

/**
 * The result of placing an annotation at UTF-16 `[from, to)` of the new text: held when that is where
 * and what it was, else moved or edited with fresh context (only the sides it had).
 */
function placed(a: Annotation, index: OffsetIndex, from: number, to: number, score: number, method: AnchorMethod): AnchorResult {
  const start = index.toCodePoint(from);
  const end = index.toCodePoint(to);
  const text = index.text.slice(from, to);
  if (start === a.start && end === a.end && text === a.text) {
    return { annotation: withoutStatus({ ...a }), outcome: 'held', score: 1, method: 'held' };
  }
  const moved = withoutStatus({ ...a, start, end, text });
  if (hasStoredContext(a)) {
    const context = contextAround(index, start, end);
    if (a.prefix !== undefined) moved.prefix = context.prefix;
    if (a.suffix !== undefined) moved.suffix = context.suffix;
  }
  return { annotation: moved, outcome: text === a.text ? 'moved' : 'edited', score, method };
}

/** Whether an annotation carries stored context (a prefix, a suffix or both). */
function hasStoredContext(a: Pick<Annotation, 'prefix' | 'suffix'>): boolean {
  return a.prefix !== undefined || a.suffix !== undefined;
}

/** Whether a placement is good enough to accept. */
function acceptable(match: QuoteMatch): boolean {
  return match.score >= MIN_QUALITY && match.quote >= MIN_TEXT_SIMILARITY;
}

/**
 * Whether a holding annotation that began (ended) at a word's edge, as its stored context shows, now
 * begins (ends) inside a word: its first (last) word was lengthened, and it is re-anchored to the whole
 * word rather than kept on part of it.
 */
function wordEdgeBroken(a: Annotation, index: OffsetIndex): boolean {
  const { text } = index;
  const start = index.toUtf16(a.start);
  const end = start + a.text.length;
  const startBroken =
    a.prefix !== undefined && !isWordChar(a.prefix.slice(-1)) && isWordChar(a.text.charAt(0)) && isWordChar(text.charAt(start - 1));
  const endBroken =
    a.suffix !== undefined && !isWordChar(a.suffix.charAt(0)) && isWordChar(a.text.slice(-1)) && isWordChar(text.charAt(end));
  return startBroken || endBroken;
}

/** An annotation found again is no longer orphaned; a suggestion stays one until it is confirmed. */
function withoutStatus(a: Annotation): Annotation {
  if (a.status === 'orphaned') delete a.status;
  return a;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * How far old offsets have moved, learnt from the annotations placed so far: the shift of the placed
 * start or end with the greatest old offset not after the one asked about. Queried with non-decreasing
 * offsets (document order), so ends are kept until the walk passes them.
 */
class ShiftTracker {
  private lastOld = -1;
  private lastShift = 0;
  /** Placed ends not yet passed: [old offset, shift], sorted by old offset. */
  private readonly pendingEnds: [number, number][] = [];

  /** Whether any placement has been learnt from, so that a shift is predicted rather than assumed 0. */
  get learnt(): boolean {
    return this.lastOld >= 0 || this.pendingEnds.length > 0;
  }

  /** The shift to expect at old offset `at`. */
  shiftAt(at: number): number {
    while (this.pendingEnds.length > 0 && this.pendingEnds[0]![0] <= at) {
      const [old, shift] = this.pendingEnds.shift()!;
      if (old >= this.lastOld) {
        this.lastOld = old;
        this.lastShift = shift;
      }
    }
    return this.lastShift;
  }

  /** Learn from an annotation placed: old start/end → new start/end (code points). */
  record(oldStart: number, oldEnd: number, newStart: number, newEnd: number): void {
    if (oldStart >= this.lastOld) {
      this.lastOld = oldStart;
      this.lastShift = newStart - oldStart;
    }
    let i = this.pendingEnds.length;
    while (i > 0 && this.pendingEnds[i - 1]![0] > oldEnd) i--;
    this.pendingEnds.splice(i, 0, [oldEnd, newEnd - oldEnd]);
  }
}
