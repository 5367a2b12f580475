/**
 * What `marginalia check` finds wrong with one sidecar's annotations against its document, and what
 * `--fix` makes of them. Pure: the caller reads the files and writes the result.
 */
import { holds, reanchor, type AnchorResult, type ReanchorOptions } from './anchoring/reanchor';
import type { Annotation, Finding, Sidecar } from './model';
import { OffsetIndex, quoteForMessage } from './text';

/** Outcome of checking one sidecar's annotations. */
export interface AnnotationCheck {
  /** Problems that remain (after fixing, when a fix was asked for). */
  findings: Finding[];
  /** With `fix`: the re-anchored sidecar, present only when something changed. */
  fixed: Sidecar | undefined;
  /**
   * With `fix`: the outcome for every annotation that did not hold or that re-anchoring did not hold
   * (for every annotation when the previous text was given), with its record's position in the sidecar.
   */
  outcomes: (AnchorResult & { position: number })[];
}

/** How many characters of a text a message quotes before cutting it short. */
const QUOTE_LENGTH = 60;

/**
 * Check that every annotation still sits on its text; with `fix`, re-anchor those that do not. Records
 * are matched to their results by position, not id: two records that share an id (a finding of the
 * validator) both stay, each with its own result.
 * @param sidecar the parsed sidecar
 * @param text the document's normalised text
 * @param recordLines 1-based line of each annotation's record in the sidecar, by id
 * @param fix whether to re-anchor drifted annotations
 * @param options the text the annotations were verified against, when known (re-anchoring diffs from it)
 */
export function checkAnnotations(
  sidecar: Sidecar,
  text: string,
  recordLines: ReadonlyMap<string, number>,
  fix: boolean,
  options: ReanchorOptions = {},
): AnnotationCheck {
  const index = new OffsetIndex(text);
  const loose = sidecar.annotations.flatMap((a, i) => (a.status === 'orphaned' || !holds(a, index) ? [i] : []));
  if (!fix || loose.length === 0) {
    const findings = loose.map((i) => driftFinding(sidecar.annotations[i]!, undefined, index, recordLines));
    return { findings, fixed: undefined, outcomes: [] };
  }
  // Every annotation goes to reanchor, those that still "hold" too. With the previous text each goes
  // through the diff: one may sit on text that moved there from elsewhere while its own text moved on.
  // Without it the search weighs each placement against its neighbours, held ones included: they are
  // its witnesses, and one standing on its old offsets may be a copy or an echo there.
  const drifted = new Set(loose);
  const outcomes = reanchor(sidecar.annotations, index, options)
    .map((o, position) => ({ ...o, position }))
    .filter((o) => options.previousText !== undefined || drifted.has(o.position) || o.outcome !== 'held');
  const annotations = [...sidecar.annotations];
  for (const o of outcomes) annotations[o.position] = o.annotation;
  const changed = outcomes.some((o) => JSON.stringify(o.annotation) !== JSON.stringify(sidecar.annotations[o.position]));
  const findings = outcomes.filter((o) => o.outcome === 'orphaned').map((o) => driftFinding(o.annotation, o, index, recordLines));
  return { findings, fixed: changed ? { ...sidecar, annotations } : undefined, outcomes };
}

/**
 * The finding for an annotation that does not hold.
 * @param result what re-anchoring made of it, when it was tried
 */
function driftFinding(annotation: Annotation, result: AnchorResult | undefined, index: OffsetIndex, recordLines: ReadonlyMap<string, number>): Finding {
  const place = { line: recordLines.get(annotation.id) ?? 1, column: 3, annotationId: annotation.id };
  const name = `annotation ${annotation.id} (${annotation.label})`;
  if (annotation.status === 'orphaned') {
    const why =
      result?.ambiguous
        ? 'cannot be placed for sure: diffs against the version it was verified on as good as each other put it in different places (a copy of its passage next to it, or its first or last word became several)'
        : result?.method === 'diff'
          ? 'was deleted from the document (diffed against the version it was verified on)'
          : result
          ? `was not found in the document (searched for${result.score > 0 ? `, best score ${result.score.toFixed(2)}` : ''})`
          : 'was not found in the document';
    return {
      severity: 'error',
      code: 'orphaned',
      message: `${name} is orphaned: ${quoteForMessage(annotation.text, QUOTE_LENGTH)} ${why}; tag the passage again and remove this record, or restore the text`,
      ...place,
    };
  }
  if (annotation.end > index.length) {
    return {
      severity: 'error',
      code: 'offset-out-of-range',
      message: `${name} spans ${annotation.start}..${annotation.end} but the document has ${index.length} code points; run \`marginalia check --fix\` to re-anchor it`,
      ...place,
    };
  }
  return {
    severity: 'error',
    code: 'text-mismatch',
    message: `${name} no longer matches its text: the document holds ${quoteForMessage(index.slice(annotation.start, annotation.end), QUOTE_LENGTH)} at ${annotation.start}..${annotation.end}, the sidecar says ${quoteForMessage(annotation.text, QUOTE_LENGTH)}; run \`marginalia check --fix\` to re-anchor it`,
    ...place,
  };
}
