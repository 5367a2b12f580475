/** Live tracking: one keystroke applied to a document with 10,000 annotations. */
import { applyChange } from '../../src/core/anchoring/live-tracking';
import type { Annotation } from '../../src/core/model';
import { generateAnnotations, generateProse, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';

const KEYSTROKES_PER_RUN = 200;

/** The naive way: a fresh copy of every annotation, shifted, for every change. */
function copyShifted(annotations: readonly Annotation[], at: number, length: number): Annotation[] {
  return annotations.map((a) => (a.end <= at ? { ...a } : { ...a, start: a.start >= at ? a.start + length : a.start, end: a.end + length }));
}

export async function liveTracking(options: BenchOptions): Promise<Figure> {
  const n = 10_000;
  const rand = seededRandom(7);
  const text = generateProse(rand, 900_000);
  const annotations = generateAnnotations(rand, text, n);
  const repeats = options.quick ? { warmup: 10, runs: 21 } : { warmup: 10, runs: 51 };
  const positions = Array.from({ length: KEYSTROKES_PER_RUN }, () => Math.floor(rand() * 800_000));
  const ours =
    (await medianMs(() => {
      for (const start of positions) applyChange(annotations, { start, deleted: 0, inserted: 'x' });
    }, repeats)) / KEYSTROKES_PER_RUN;
  let copy: Annotation[] = annotations;
  const reference =
    (await medianMs(() => {
      for (const at of positions) copy = copyShifted(copy, at, 1);
    }, { warmup: 1, runs: options.quick ? 3 : 7 })) / KEYSTROKES_PER_RUN;
  return figure({
    name: 'live tracking: one keystroke, 10,000 annotations',
    n,
    median_ms: ours,
    reference: 'copying every annotation, shifted, per keystroke',
    reference_median_ms: reference,
    target: '≤ 0.050 ms',
    met: ours <= 0.05,
  });
}
