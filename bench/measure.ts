/**
 * Timing primitives for the benchmark: warm-up, then the median of repeated runs. Medians, not
 * means, because a shared 2-core machine has outliers that say nothing about the code.
 */
import { performance } from 'node:perf_hooks';

/** How many runs a figure takes. */
export interface Repeats {
  /** Untimed runs first, so the JIT and caches have settled. */
  warmup: number;
  /** Timed runs; the median of these is the figure. */
  runs: number;
}

/**
 * The median wall time of `fn` in milliseconds.
 * @param fn the work to time; it gets the run number, to pick fresh inputs where one run would spoil the next
 * @param repeats warm-up and timed run counts
 */
export async function medianMs(fn: (run: number) => unknown, repeats: Repeats): Promise<number> {
  for (let i = 0; i < repeats.warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < repeats.runs; i++) {
    const t0 = performance.now();
    await fn(repeats.warmup + i);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Median of a list of numbers.
 * @param values at least one number
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The median wall times of two pieces of work timed in turn (ours, reference, ours, reference…), so
 * that the load of a shared machine, which changes from second to second, weighs on both alike.
 * @param ours the project's code path
 * @param reference what it is compared with
 * @param repeats warm-up and timed run counts, for each of the two
 * @returns the two medians, in milliseconds
 */
export async function medianPairMs(ours: (run: number) => unknown, reference: (run: number) => unknown, repeats: Repeats): Promise<[number, number]> {
  for (let i = 0; i < repeats.warmup; i++) {
    await ours(i);
    await reference(i);
  }
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < repeats.runs; i++) {
    for (const [k, fn] of [ours, reference].entries()) {
      const t0 = performance.now();
      await fn(repeats.warmup + i);
      times[k]!.push(performance.now() - t0);
    }
  }
  return [median(times[0]), median(times[1])];
}
