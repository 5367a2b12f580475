/**
 * Pairing one annotator's spans with the other's, within one document and label: exactly (same start
 * and end) and by overlap, one to one.
 */
import type { CodePointRange } from './kappa';

/**
 * How many spans of A have a span of B with the same start and end, each span used once (two
 * identical spans on one side match at most two on the other).
 * @param a side A's spans
 * @param b side B's spans
 */
export function countExactMatches(a: readonly CodePointRange[], b: readonly CodePointRange[]): number {
  const unmatched = new Map<string, number>();
  for (const r of b) unmatched.set(`${r.start}:${r.end}`, (unmatched.get(`${r.start}:${r.end}`) ?? 0) + 1);
  let matches = 0;
  for (const r of a) {
    const key = `${r.start}:${r.end}`;
    const left = unmatched.get(key) ?? 0;
    if (left > 0) {
      unmatched.set(key, left - 1);
      matches++;
    }
  }
  return matches;
}

/**
 * Pairs of overlapping spans, one to one, the largest overlap first. Among equal overlaps the pair
 * whose spans are closer in extent (the smaller union) goes first, then the earlier span of A, then
 * of B, so the pairing does not depend on the order of the records.
 * @param a side A's spans
 * @param b side B's spans
 * @returns index pairs [index in a, index in b]
 */
export function overlapPairs(a: readonly CodePointRange[], b: readonly CodePointRange[]): [number, number][] {
  const candidates: { i: number; j: number; overlap: number; union: number }[] = [];
  // Sweep both sides by start: a span overlaps the spans of the other side still open when it starts.
  const events = [...a.map((r, i) => ({ r, i, side: 0 })), ...b.map((r, i) => ({ r, i, side: 1 }))].sort((x, y) => x.r.start - y.r.start || x.side - y.side);
  const open: [typeof events, typeof events] = [[], []];
  for (const e of events) {
    const other = open[1 - e.side]!;
    let kept = 0;
    for (const o of other) {
      if (o.r.end <= e.r.start) continue;
      other[kept++] = o;
      const overlap = Math.min(o.r.end, e.r.end) - e.r.start;
      if (overlap <= 0) continue;
      const union = Math.max(o.r.end, e.r.end) - Math.min(o.r.start, e.r.start);
      const [i, j] = e.side === 0 ? [e.i, o.i] : [o.i, e.i];
      candidates.push({ i, j, overlap, union });
    }
    other.length = kept;
    if (e.r.end > e.r.start) open[e.side]!.push(e);
  }
  candidates.sort((x, y) => y.overlap - x.overlap || x.union - y.union || a[x.i]!.start - a[y.i]!.start || b[x.j]!.start - b[y.j]!.start || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: [number, number][] = [];
  for (const c of candidates) {
    if (usedA.has(c.i) || usedB.has(c.j)) continue;
    usedA.add(c.i);
    usedB.add(c.j);
    pairs.push([c.i, c.j]);
  }
  return pairs;
}
