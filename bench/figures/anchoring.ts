/**
 * Re-anchoring after the document changed outside the editor: (a) text inserted at the top of a
 * 6 KB and a 5 MB document; (b) 100 words edited inside quoted passages of a crowded 6 KB article.
 * The reference is Hypothesis's approach (`reference/hypothesis-anchor.ts`), run on the same inputs.
 */
import { reanchor } from '../../src/core/anchoring/reanchor';
import type { Annotation } from '../../src/core/model';
import { OffsetIndex } from '../../src/core/text';
import { generateAnnotations, generateProse, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';
import { hypothesisPlace } from '../reference/hypothesis-anchor';

/** An edit of the old text: `length` code points at `start` replaced by `inserted`. */
interface Edit {
  start: number;
  length: number;
  inserted: string;
}

/** Apply edits (sorted, not overlapping, code points) to a text. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const chars = [...text];
  for (const e of [...edits].reverse()) chars.splice(e.start, e.length, ...e.inserted);
  return chars.join('');
}

/** Where a span of the old text lies after the edits (no edit straddles a span edge). */
function truthAfter(a: Annotation, edits: readonly Edit[]): { start: number; end: number } {
  let start = a.start;
  let end = a.end;
  for (const e of edits) {
    const delta = [...e.inserted].length - e.length;
    if (e.start + e.length <= a.start) start += delta;
    // An insertion exactly at a span's end is outside it (docs/anchoring.md).
    if (e.start + e.length <= a.end && !(e.length === 0 && e.start === a.end)) end += delta;
  }
  return { start, end };
}

/** Placement counts against the truth. */
interface Tally {
  exact: number;
  wrong: number;
  orphaned: number;
}

function tally(placements: Placement[], truths: { start: number; end: number }[]): Tally {
  const t: Tally = { exact: 0, wrong: 0, orphaned: 0 };
  placements.forEach((p, i) => {
    if (!p) t.orphaned++;
    else if (p.start === truths[i]!.start && p.end === truths[i]!.end) t.exact++;
    else t.wrong++;
  });
  return t;
}

type Placement = { start: number; end: number } | null;

function ours(annotations: Annotation[], newText: string): Placement[] {
  return reanchor(annotations, new OffsetIndex(newText)).map((r) =>
    r.annotation.status === 'orphaned' ? null : { start: r.annotation.start, end: r.annotation.end },
  );
}

function hypothesis(annotations: Annotation[], oldIndex: OffsetIndex, newText: string): Placement[] {
  const newIndex = new OffsetIndex(newText);
  return annotations.map((a) => {
    const p = hypothesisPlace(newText, a.text, a.prefix ?? '', a.suffix ?? '', oldIndex.toUtf16(a.start));
    return p && { start: newIndex.toCodePoint(p.start), end: newIndex.toCodePoint(p.end) };
  });
}

async function insertionAtTop(options: BenchOptions, size: number, label: string, target: number): Promise<Figure> {
  const rand = seededRandom(size);
  const oldText = generateProse(rand, size);
  const annotations = generateAnnotations(rand, oldText, 1_000);
  const edits: Edit[] = [{ start: oldText.indexOf('\n') + 1, length: 0, inserted: 'UPDATE — this story was corrected on 18 December. ' }];
  const newText = applyEdits(oldText, edits);
  const truths = annotations.map((a) => truthAfter(a, edits));
  const big = size > 100_000;
  // Quick mode still warms the small case up properly: a few milliseconds a run, and a cold JIT doubles them.
  const repeats = options.quick ? (big ? { warmup: 1, runs: 3 } : { warmup: 20, runs: 21 }) : { warmup: 3, runs: big ? 11 : 31 };
  let placed: Placement[] = [];
  const oursMs = await medianMs(() => (placed = ours(annotations, newText)), repeats);
  const oldIndex = new OffsetIndex(oldText);
  let theirs: Placement[] = [];
  const refRepeats = big ? { warmup: 0, runs: options.quick ? 1 : 3 } : { warmup: 1, runs: options.quick ? 3 : 7 };
  const refMs = await medianMs(() => (theirs = hypothesis(annotations, oldIndex, newText)), refRepeats);
  const o = tally(placed, truths);
  const h = tally(theirs, truths);
  return figure({
    name: `re-anchor 1,000 annotations after an insertion at the top, ${label}`,
    n: 1_000,
    median_ms: oursMs,
    reference: "Hypothesis's approach (approx-string-match over the whole text, scored)",
    reference_median_ms: refMs,
    target: `≤ ${target} ms`,
    met: oursMs <= target && o.wrong === 0,
    details: { exact: o.exact, wrong: o.wrong, orphaned: o.orphaned, reference_exact: h.exact, reference_wrong: h.wrong, reference_orphaned: h.orphaned },
  });
}

export const reanchorInsertSmall = (options: BenchOptions) => insertionAtTop(options, 6_000, '6 KB', 5);
/** Quick mode shrinks the large document to 500 KB: the reference's whole-text search takes seconds per run on 5 MB. */
export const reanchorInsertLarge = (options: BenchOptions) =>
  options.quick ? insertionAtTop(options, 500_000, '500 KB (quick)', 50) : insertionAtTop(options, 5_000_000, '5 MB', 50);

/** Words inside quoted passages (“…”), as code-point ranges, in document order. */
function quotedWords(text: string): { start: number; length: number; word: string }[] {
  const found: { start: number; length: number; word: string }[] = [];
  const index = new OffsetIndex(text);
  for (const quote of text.matchAll(/“([^”]*)”/g)) {
    for (const w of quote[1]!.matchAll(/[A-Za-z]{4,}/g)) {
      const utf16 = quote.index! + 1 + w.index!;
      found.push({ start: index.toCodePoint(utf16), length: w[0].length, word: w[0] });
    }
  }
  return found;
}

export async function reanchorWordEdits(options: BenchOptions): Promise<Figure> {
  const rand = seededRandom(2021);
  const oldText = generateProse(rand, 6_000);
  const annotations = generateAnnotations(rand, oldText, 1_000);
  const words = quotedWords(oldText);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(100, words.length)) chosen.add(Math.floor(rand() * words.length));
  const edits: Edit[] = [...chosen]
    .sort((a, b) => a - b)
    .map((i) => words[i]!)
    .map((w) => ({ start: w.start, length: w.length, inserted: w.word.length % 2 ? w.word + 'ed' : w.word.slice(0, -1) }));
  const newText = applyEdits(oldText, edits);
  const truths = annotations.map((a) => truthAfter(a, edits));
  const touched = annotations.filter((a) => edits.some((e) => e.start >= a.start && e.start < a.end)).length;
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 3, runs: 21 };
  let placed: Placement[] = [];
  const oursMs = await medianMs(() => (placed = ours(annotations, newText)), repeats);
  const oldIndex = new OffsetIndex(oldText);
  let theirs: Placement[] = [];
  const refMs = await medianMs(() => (theirs = hypothesis(annotations, oldIndex, newText)), options.quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 5 });
  const o = tally(placed, truths);
  const h = tally(theirs, truths);
  return figure({
    name: 're-anchor after 100 word edits inside quotes, 6 KB, 1,000 annotations',
    n: 1_000,
    median_ms: oursMs,
    reference: "Hypothesis's approach (approx-string-match over the whole text, scored)",
    reference_median_ms: refMs,
    target: 'more exact than the reference, zero wrong, ≤ half its time',
    met: o.exact > h.exact && o.wrong === 0 && oursMs <= refMs / 2,
    details: { edits: edits.length, spans_touched: touched, exact: o.exact, wrong: o.wrong, orphaned: o.orphaned, reference_exact: h.exact, reference_wrong: h.wrong, reference_orphaned: h.orphaned },
  });
}
