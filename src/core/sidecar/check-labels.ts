/**
 * Checking a sidecar's annotations against the label configuration: labels it does not define,
 * attributes it does not define, attribute values of the wrong type or outside an enum, required
 * attributes left out. Separate from reading, because the configuration lives in another file.
 */

import type { Annotation, AttributeSpec, AttributeValue, Finding, LabelConfig, LabelSpec, Severity, Sidecar } from '../model';

const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});

/** A problem of one annotation against the label configuration, before it is placed at its record's line. */
export interface LabelProblem {
  severity: Severity;
  code: string;
  message: string;
}

/** What an annotation without problems gets: one shared empty list, nothing allocated. */
const NO_PROBLEMS: readonly LabelProblem[] = Object.freeze([]);

/**
 * A label configuration prepared for checking one annotation after another: its look-ups are made once
 * per configuration, not per annotation (a document may have 10,000 annotations of three labels).
 */
export class LabelChecker {
  private readonly labels: Map<string, LabelSpec>;
  private readonly labelList: string;
  private readonly specsOf: Map<LabelSpec, Map<string, AttributeSpec>>;

  /** @param config the workspace's label configuration (or the defaults) */
  constructor(config: LabelConfig) {
    this.labels = new Map<string, LabelSpec>(config.labels.map((label) => [label.id, label]));
    this.labelList = config.labels.map((label) => label.id).join(', ');
    this.specsOf = new Map(config.labels.map((label) => [label, new Map<string, AttributeSpec>(label.attributes.map((spec) => [spec.name, spec]))]));
  }

  /**
   * The problems of one annotation. They depend on its label and attributes alone.
   * @param annotation the annotation
   * @returns its problems in the order `checkLabels` reports them (a shared empty list when none)
   */
  problemsOf(annotation: Annotation): readonly LabelProblem[] {
    const label = this.labels.get(annotation.label);
    if (!label) {
      return [
        {
          severity: 'error',
          code: 'unknown-label',
          message: `unknown label "${annotation.label}"; use one of ${this.labelList || '(none defined)'}, or add "${annotation.label}" to the labels in .marginalia.yaml`,
        },
      ];
    }
    // Allocated at the first problem: nearly every annotation has none, and this runs after every change in the editor.
    let problems: LabelProblem[] | undefined;
    const specs = this.specsOf.get(label)!;
    const attributes = annotation.attributes ?? NO_ATTRIBUTES;
    for (const name in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, name)) continue;
      const value = attributes[name]!;
      const spec = specs.get(name);
      if (!spec) {
        const defined = label.attributes.map((a) => a.name).join(', ') || 'none';
        (problems ??= []).push({
          severity: 'warning',
          code: 'unknown-attribute',
          message: `label "${label.id}" has no attribute "${name}" (it has: ${defined}); remove it, or add it to the label in .marginalia.yaml`,
        });
        continue;
      }
      const problem = valueProblem(spec, value);
      if (problem) (problems ??= []).push({ severity: 'error', code: problem.code, message: `attribute "${name}" of this ${label.id} ${problem.message}` });
    }
    for (const spec of label.attributes) {
      if (spec.required && !(spec.name in attributes))
        (problems ??= []).push({ severity: 'warning', code: 'missing-attribute', message: `this ${label.id} has no "${spec.name}", which the label requires; add it under attributes:` });
    }
    return problems ?? NO_PROBLEMS;
  }
}

/**
 * A problem placed at its annotation's record.
 * @param problem the problem
 * @param annotationId the annotation's id
 * @param recordLines annotation id -> 1-based line of its record (line 1 when it has none yet)
 */
export function labelFinding(problem: LabelProblem, annotationId: string, recordLines: ReadonlyMap<string, number>): Finding {
  return { ...problem, line: recordLines.get(annotationId) ?? 1, column: 1, annotationId };
}

/**
 * Check annotations against the labels and attributes the configuration defines.
 * @param sidecar the sidecar read
 * @param config the workspace's label configuration (or the defaults)
 * @param recordLines annotation id -> 1-based line of its record, from `readSidecar`
 * @returns one finding per problem, pointing at the record's line
 */
export function checkLabels(sidecar: Sidecar, config: LabelConfig, recordLines: ReadonlyMap<string, number>): Finding[] {
  const checker = new LabelChecker(config);
  const findings: Finding[] = [];
  for (const annotation of sidecar.annotations) {
    for (const problem of checker.problemsOf(annotation)) findings.push(labelFinding(problem, annotation.id, recordLines));
  }
  return findings;
}

function valueProblem(spec: AttributeSpec, value: unknown): { code: string; message: string } | undefined {
  switch (spec.type) {
    case 'number':
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      return { code: 'attribute-type', message: `must be a number, got ${shown(value)}; write digits only, without quotes (e.g. 1200 or 3.5)` };
    case 'enum': {
      const values = spec.values ?? [];
      if ((typeof value === 'string' || typeof value === 'number') && values.includes(String(value))) return undefined;
      return { code: 'attribute-value', message: `must be one of ${values.join(', ')}; got ${shown(value)}` };
    }
    default:
      if (typeof value === 'string') return undefined;
      return { code: 'attribute-type', message: `must be text, got the number ${shown(value)}; put it in quotes ('${shown(value)}')` };
  }
}

/** A value as a message quotes it (only for a message: nearly every value is fine, and this runs for each). */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
