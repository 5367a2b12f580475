/**
 * Cohen's κ over code points: each code point of the compared documents is an item that each
 * annotator put "inside a span of this label" or not. Overlapping spans of one side count once.
 */

/** A half-open range of code points. */
export interface CodePointRange {
  start: number;
  end: number;
}

/** How the code points split between the two annotators' judgements for one label. */
export interface CoverageTable {
  /** Inside a span on both sides. */
  both: number;
  /** Inside on side A only. */
  onlyA: number;
  /** Inside on side B only. */
  onlyB: number;
  /** Inside on neither side. */
  neither: number;
}

/** κ, or why it has no value. */
export type Kappa = { value: number; reason?: undefined } | { value: null; reason: string };

/** An empty table, to add documents' tables to. */
export function emptyTable(): CoverageTable {
  return { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
}

/**
 * Add one table's counts into another.
 * @param into the running total, changed in place
 * @param table the counts added
 */
export function addTable(into: CoverageTable, table: CoverageTable): void {
  into.both += table.both;
  into.onlyA += table.onlyA;
  into.onlyB += table.onlyB;
  into.neither += table.neither;
}

/**
 * The coverage table of one document for one label.
 * @param a side A's spans of the label (any order, may overlap)
 * @param b side B's spans of the label
 * @param length the document's length in code points; spans are clipped to it
 */
export function coverageTable(a: readonly CodePointRange[], b: readonly CodePointRange[], length: number): CoverageTable {
  const inA = merged(a, length);
  const inB = merged(b, length);
  const sizeA = total(inA);
  const sizeB = total(inB);
  const both = intersection(inA, inB);
  return { both, onlyA: sizeA - both, onlyB: sizeB - both, neither: length - sizeA - sizeB + both };
}

/**
 * Cohen's κ = (pₒ − pₑ) / (1 − pₑ) of a 2×2 table. It is undefined when chance agreement is certain
 * (pₑ = 1): both annotators marked nothing, or both marked everything, so there is nothing to agree
 * or disagree on beyond chance.
 * @param table the counts
 */
export function cohenKappa(table: CoverageTable): Kappa {
  const n = table.both + table.onlyA + table.onlyB + table.neither;
  if (n === 0) return { value: null, reason: 'no text was compared' };
  const insideA = (table.both + table.onlyA) / n;
  const insideB = (table.both + table.onlyB) / n;
  const observed = (table.both + table.neither) / n;
  const chance = insideA * insideB + (1 - insideA) * (1 - insideB);
  if (insideA === 0 && insideB === 0) return { value: null, reason: 'neither side marked any text with this label' };
  if (insideA === 1 && insideB === 1) return { value: null, reason: 'both sides marked all of the text with this label' };
  return { value: (observed - chance) / (1 - chance) };
}

/** Ranges sorted, clipped to [0, length) and merged where they overlap or touch. */
function merged(ranges: readonly CodePointRange[], length: number): CodePointRange[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(length, r.end) }))
    .filter((r) => r.end > r.start)
    .sort((x, y) => x.start - y.start);
  const out: CodePointRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

function total(ranges: readonly CodePointRange[]): number {
  return ranges.reduce((sum, r) => sum + r.end - r.start, 0);
}

/** The code points two sorted, disjoint range lists share. */
function intersection(a: readonly CodePointRange[], b: readonly CodePointRange[]): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    shared += Math.max(0, Math.min(a[i]!.end, b[j]!.end) - Math.max(a[i]!.start, b[j]!.start));
    if (a[i]!.end < b[j]!.end) i++;
    else j++;
  }
  return shared;
}
