/**
 * The agreement report as Markdown for a pull-request comment: a table per label and overall, the
 * attributes of matched spans, and what was left out and why.
 */
import { markdownCode as code } from '../markdown-escape';
import type { AgreementReport } from './agreement';

/**
 * Render the report.
 * @param report the comparison
 * @param nameA what side A is called (a revision, a folder, an author)
 * @param nameB what side B is called
 */
export function renderAgreementMarkdown(report: AgreementReport, nameA: string, nameB: string): string {
  const lines = [`## Annotator agreement: ${code(nameA)} ↔ ${code(nameB)}`, ''];
  const docs = report.documents;
  lines.push(`${docs} document${docs === 1 ? '' : 's'} compared.`, '');
  const labels = Object.entries(report.labels);
  if (labels.length > 0) {
    lines.push('| label | A | B | exact F1 | overlap F1 | κ |', '|---|---:|---:|---:|---:|---:|');
    for (const [label, l] of labels) lines.push(`| ${code(label)} | ${l.a} | ${l.b} | ${figure(l.exact_f1)} | ${figure(l.overlap_f1)} | ${figure(l.kappa)} |`);
    const o = report.overall;
    lines.push(`| **overall** | ${o.a} | ${o.b} | ${figure(o.exact_f1)} | ${figure(o.overlap_f1)} | ${figure(o.kappa)} |`, '');
    lines.push('Exact F1 counts spans with the same start and end; overlap F1 pairs overlapping spans one to one; κ is Cohen\'s kappa over code points, overall the mean over labels.', '');
  } else {
    lines.push('No annotations to compare.', '');
  }
  const attributes = labels.flatMap(([label, l]) =>
    Object.entries(l.attributes).map(([name, a]) => `- ${code(label)} ${code(name)}: ${a.equal} of ${a.pairs} matched spans agree (${figure(a.agreement)})`),
  );
  if (attributes.length > 0) lines.push('**Attributes of matched spans**', '', ...attributes, '');
  const notes = [
    ...labels.flatMap(([label, l]) => (l.kappa_undefined === undefined ? [] : [`κ of ${code(label)} is undefined: ${l.kappa_undefined}.`])),
    ...listed(report.left_out.only_in_a, `annotated in ${code(nameA)} only, not compared`),
    ...listed(report.left_out.only_in_b, `annotated in ${code(nameB)} only, not compared`),
    ...listed(report.left_out.text_differs, 'whose text differs between the two sides, not compared'),
    ...listed(report.left_out.text_missing, 'whose text could not be read on one side, not compared'),
    ...counted(report.left_out.orphaned, 'orphaned', nameA, nameB),
    ...counted(report.left_out.drifted, 'no longer on their text (run `marginalia check --fix`)', nameA, nameB),
  ];
  if (notes.length > 0) lines.push('**Left out**', '', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

/** A figure to two decimals, or "n/a" for an undefined one. */
function figure(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

function listed(documents: readonly string[], why: string): string[] {
  if (documents.length === 0) return [];
  const shown = documents.slice(0, 20).map(code).join(', ');
  const more = documents.length > 20 ? ` and ${documents.length - 20} more` : '';
  return [`${documents.length} document${documents.length === 1 ? '' : 's'} ${why}: ${shown}${more}`];
}

function counted(counts: { a: number; b: number }, what: string, nameA: string, nameB: string): string[] {
  if (counts.a + counts.b === 0) return [];
  return [`records ${what}: ${counts.a} in ${code(nameA)}, ${counts.b} in ${code(nameB)}`];
}
