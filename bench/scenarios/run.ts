/**
 * Running the scenarios through the four re-anchoring methods compared in docs/anchoring.md, with and
 * without the annotations' stored prefix/suffix, and collecting the verdicts: the counts and the
 * cases that went wrong, silently wrong ones first.
 */
import { performance } from 'node:perf_hooks';
import { reanchor, type AnchorResult } from '../../src/core/anchoring/reanchor';
import type { Annotation } from '../../src/core/model';
import { OffsetIndex, normalizeText } from '../../src/core/text';
import { hypothesisPlace } from '../reference/hypothesis-anchor';
import { classify, emptyTally, type Placement, type Tally, type TallyRow, type Verdict } from './classify';
import type { Scenario } from './generate';
import type { Truth } from './tracked-text';

/** A re-anchoring method: the placement of every annotation of a scenario, in order. */
export interface Mode {
  name: string;
  place(scenario: Scenario, annotations: readonly Annotation[], newText: string): Placement[];
}

function fromResults(results: readonly AnchorResult[]): Placement[] {
  return results.map(({ annotation: a }) => (a.status === 'orphaned' ? null : { start: a.start, end: a.end, text: a.text }));
}

/** Ours, mapping through a diff from the text the annotations were verified against. */
export const DIFF_FIRST: Mode = {
  name: 'diff-first',
  place: (s, annotations, newText) => fromResults(reanchor(annotations, new OffsetIndex(newText), { previousText: s.oldText })),
};

/** Ours without the previous text: the search fallback. */
export const SEARCH_FALLBACK: Mode = {
  name: 'search fallback',
  place: (_, annotations, newText) => fromResults(reanchor(annotations, new OffsetIndex(newText))),
};

/** Hypothesis's approach (`bench/reference/hypothesis-anchor.ts`). */
export const HYPOTHESIS: Mode = {
  name: "Hypothesis's approach",
  place: (s, annotations, newText) => {
    const oldIndex = new OffsetIndex(s.oldText);
    const newIndex = new OffsetIndex(newText);
    return annotations.map((a) => {
      const p = hypothesisPlace(newText, a.text, a.prefix ?? '', a.suffix ?? '', oldIndex.toUtf16(a.start));
      return p && { start: newIndex.toCodePoint(p.start), end: newIndex.toCodePoint(p.end), text: newText.slice(p.start, p.end) };
    });
  },
};

/** The naive baseline: the first exact occurrence of the stored text, else orphaned. */
export const NAIVE: Mode = {
  name: 'first exact occurrence',
  place: (_, annotations, newText) => {
    const newIndex = new OffsetIndex(newText);
    return annotations.map((a) => {
      const at = newText.indexOf(a.text);
      return at < 0 ? null : { start: newIndex.toCodePoint(at), end: newIndex.toCodePoint(at + a.text.length), text: a.text };
    });
  },
};

/** The four methods, ours first. */
export const MODES: readonly Mode[] = [DIFF_FIRST, SEARCH_FALLBACK, HYPOTHESIS, NAIVE];

/** Whether the annotations keep their stored prefix/suffix or have none (hand-written, imported). */
export type ContextVariant = 'with prefix/suffix' | 'without prefix/suffix';

/** Both variants. */
export const CONTEXT_VARIANTS: readonly ContextVariant[] = ['with prefix/suffix', 'without prefix/suffix'];

/**
 * The annotations as the variant has them.
 * @param annotations the seed's annotations
 * @param variant with or without context
 */
export function withContext(annotations: readonly Annotation[], variant: ContextVariant): Annotation[] {
  if (variant === 'with prefix/suffix') return [...annotations];
  return annotations.map((a) => {
    const copy = { ...a };
    delete copy.prefix;
    delete copy.suffix;
    return copy;
  });
}

/** One placement that was not right, with what is needed to reproduce it. */
export interface Case {
  verdict: Verdict;
  mode: string;
  variant: ContextVariant;
  scenario: number;
  seed: string;
  edits: string[];
  annotation: Annotation;
  truth: Truth;
  /** What the method did. */
  got: Placement;
  /** The truth's text (empty when gone). */
  expectedText: string;
}

/** The verdicts of a run of many scenarios. */
export interface ScenarioReport {
  /** One row per mode and variant, in the order run. */
  rows: TallyRow[];
  /** Silently wrong, then orphaned wrongly, then orphaned though edited: at most `keep` of each row. */
  cases: Case[];
  /** The time each row's method took per scenario (milliseconds), by row name. */
  times: Map<string, number[]>;
}

/**
 * Judge placements of one scenario and add them to a tally.
 * @param scenario the scenario
 * @param placements what a method did, one per annotation
 * @param tally counts to add to
 * @param onCase called for every placement that is not right
 */
export function judge(scenario: Scenario, placements: readonly Placement[], tally: Tally, onCase: (index: number, verdict: Verdict) => void): void {
  const codePoints = [...scenario.newText];
  scenario.truths.forEach((truth, i) => {
    const verdict = classify(truth, placements[i] ?? null, codePoints);
    tally[verdict]++;
    if (verdict === 'silently-wrong' || verdict === 'orphaned-wrongly' || verdict === 'orphaned-edited') onCase(i, verdict);
  });
}

/**
 * Run scenarios through methods and variants, one scenario at a time (a stream of 10,000 is never
 * held in memory at once).
 * @param scenarios the scenarios, e.g. from `scenarioStream`
 * @param modes the methods
 * @param keep how many cases of each verdict and row to keep for the report
 */
export function runScenarios(scenarios: Iterable<Scenario>, modes: readonly Mode[] = MODES, keep = 20): ScenarioReport {
  const runs = modes.flatMap((mode) =>
    CONTEXT_VARIANTS.map((variant) => ({ mode, variant, name: `${mode.name}, ${variant}`, tally: emptyTally(), kept: new Map<Verdict, number>(), ms: [] as number[] })),
  );
  const cases: Case[] = [];
  for (const s of scenarios) {
    const newText = normalizeText(s.raw);
    for (const run of runs) {
      const annotations = withContext(s.annotations, run.variant);
      const t0 = performance.now();
      const placements = run.mode.place(s, annotations, newText);
      run.ms.push(performance.now() - t0);
      judge(s, placements, run.tally, (i, verdict) => {
        if ((run.kept.get(verdict) ?? 0) >= keep) return;
        run.kept.set(verdict, (run.kept.get(verdict) ?? 0) + 1);
        const truth = s.truths[i]!;
        cases.push({
          verdict,
          mode: run.mode.name,
          variant: run.variant,
          scenario: s.number,
          seed: s.seed,
          edits: s.edits,
          annotation: annotations[i]!,
          truth,
          got: placements[i] ?? null,
          expectedText: truth.kind === 'gone' ? '' : [...s.newText].slice(truth.start, truth.end).join(''),
        });
      });
    }
  }
  const order: Verdict[] = ['silently-wrong', 'orphaned-wrongly', 'orphaned-edited'];
  cases.sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict) || a.scenario - b.scenario);
  return {
    rows: runs.map(({ name, tally }) => ({ name, tally })),
    cases,
    times: new Map(runs.map(({ name, ms }) => [name, ms])),
  };
}

/**
 * One case in a few lines: the scenario, the edits, the annotation, what was expected and what was got.
 * @param c the case
 */
export function describeCase(c: Case): string {
  const expected = c.truth.kind === 'gone' ? 'orphaned (its text is gone)' : `${c.truth.start}..${c.truth.end} ${JSON.stringify(c.expectedText)}`;
  const got = c.got === null ? 'orphaned' : `${c.got.start}..${c.got.end} ${JSON.stringify(c.got.text)}`;
  return [
    `${c.verdict}: ${c.mode}, ${c.variant}: scenario ${c.scenario} (${c.seed}), annotation ${c.annotation.id} at ${c.annotation.start}..${c.annotation.end} ${JSON.stringify(c.annotation.text)}`,
    ...c.edits.map((e) => `    edit: ${e}`),
    `    expected ${expected}`,
    `    got      ${got}`,
  ].join('\n');
}
