/**
 * Checking a sidecar's annotations against the label configuration: labels it does not define,
 * attributes it does not define, attribute values of the wrong type or outside an enum, required
 * attributes left out. Separate from reading, because the configuration lives in another file.
 */

import type { Annotation, AttributeSpec, AttributeValue, Finding, LabelConfig, LabelSpec, Severity, Sidecar } from '../model';

const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});

/**
 * Check annotations against the labels and attributes the configuration defines.
 * @param sidecar the sidecar read
 * @param config the workspace's label configuration (or the defaults)
 * @param recordLines annotation id -> 1-based line of its record, from `readSidecar`
 * @returns one finding per problem, pointing at the record's line
 */
export function checkLabels(sidecar: Sidecar, config: LabelConfig, recordLines: Map<string, number>): Finding[] {
  const labels = new Map<string, LabelSpec>(config.labels.map((label) => [label.id, label]));
  const labelList = config.labels.map((label) => label.id).join(', ');
  // Once per label, not per annotation: a document may have 10,000 annotations of three labels.
  const specsOf = new Map(config.labels.map((label) => [label, new Map<string, AttributeSpec>(label.attributes.map((spec) => [spec.name, spec]))]));
  const findings: Finding[] = [];
  // One function for every annotation, not a closure each: this runs after every change in the editor.
  const report = (annotation: Annotation, severity: Severity, code: string, message: string) =>
    findings.push({ severity, code, message, line: recordLines.get(annotation.id) ?? 1, column: 1, annotationId: annotation.id });
  for (const annotation of sidecar.annotations) {
    const label = labels.get(annotation.label);
    if (!label) {
      report(
        annotation,
        'error',
        'unknown-label',
        `unknown label "${annotation.label}"; use one of ${labelList || '(none defined)'}, or add "${annotation.label}" to the labels in .marginalia.yaml`,
      );
      continue;
    }
    const specs = specsOf.get(label)!;
    const attributes = annotation.attributes ?? NO_ATTRIBUTES;
    for (const name in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, name)) continue;
      const value = attributes[name]!;
      const spec = specs.get(name);
      if (!spec) {
        const defined = label.attributes.map((a) => a.name).join(', ') || 'none';
        report(
          annotation,
          'warning',
          'unknown-attribute',
          `label "${label.id}" has no attribute "${name}" (it has: ${defined}); remove it, or add it to the label in .marginalia.yaml`,
        );
        continue;
      }
      const problem = valueProblem(spec, value);
      if (problem) report(annotation, 'error', problem.code, `attribute "${name}" of this ${label.id} ${problem.message}`);
    }
    for (const spec of label.attributes) {
      if (spec.required && !(spec.name in attributes))
        report(annotation, 'warning', 'missing-attribute', `this ${label.id} has no "${spec.name}", which the label requires; add it under attributes:`);
    }
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
