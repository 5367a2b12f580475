/** One row of the benchmark's results. */
export interface Figure {
  /** What was measured. */
  name: string;
  /** The size of the input (annotations, sidecars, keystrokes…). */
  n: number;
  /** Median time of the project's code path, in milliseconds. */
  median_ms: number;
  /** What the reference is. */
  reference: string;
  /** Median time of the reference, measured in the same run. */
  reference_median_ms: number;
  /** median_ms / reference_median_ms. */
  ratio: number;
  /** The target the figure answers to, in words. */
  target: string;
  /** Whether the target is met. */
  met: boolean;
  /** Further measurements (counts of exact placements, heap sizes…). */
  details?: Record<string, number | string>;
  /** A Markdown table shown under the results (counts that do not fit in `details`). */
  table?: string;
}

/** Settings every figure gets. */
export interface BenchOptions {
  /** Quick mode (for CI): smaller inputs and fewer runs, to show the code paths still work. */
  quick: boolean;
  /** A scratch folder the figure may write into. */
  scratch: string;
}

/**
 * Make a figure record, computing the ratio.
 * @param fields every field but `ratio`
 */
export function figure(fields: Omit<Figure, 'ratio'>): Figure {
  const ratio = fields.reference_median_ms > 0 ? fields.median_ms / fields.reference_median_ms : 0;
  return { ...fields, ratio: Number(ratio.toFixed(3)), median_ms: round(fields.median_ms), reference_median_ms: round(fields.reference_median_ms) };
}

function round(ms: number): number {
  return Number(ms.toPrecision(4));
}
