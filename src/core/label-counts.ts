/**
 * Annotation counts per label, worded for the status bar and the explorer badge's tooltip
 * ("3 claims · 2 quotes · 1 figure").
 */
import type { Annotation } from './model';

/** How many annotations of one label a document has. */
export interface LabelCount {
  /** The label id. */
  readonly label: string;
  /** Number of annotations with it. */
  readonly count: number;
}

/**
 * Count annotations per label: labels in `labelOrder` first, in that order, then any other label
 * alphabetically; labels without annotations are left out.
 * @param annotations the annotations of one document (or more)
 * @param labelOrder label ids in the order of the label configuration
 */
export function countByLabel(annotations: readonly Annotation[], labelOrder: readonly string[] = []): LabelCount[] {
  const counts = new Map<string, number>();
  for (const a of annotations) counts.set(a.label, (counts.get(a.label) ?? 0) + 1);
  const rank = (label: string): number => {
    const i = labelOrder.indexOf(label);
    return i === -1 ? labelOrder.length : i;
  };
  return [...counts]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => rank(a.label) - rank(b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/**
 * A count with its label as an English noun: "1 claim", "3 claims", "2 speeches", "4 entities".
 * Label ids are nouns chosen by a project, so the regular plural rules are enough.
 * @param label the label id
 * @param count how many
 */
export function countNoun(label: string, count: number): string {
  if (count === 1) return `1 ${label}`;
  let plural: string;
  if (/(s|x|z|ch|sh)$/i.test(label)) plural = `${label}es`;
  else if (/[^aeiou]y$/i.test(label)) plural = `${label.slice(0, -1)}ies`;
  else plural = `${label}s`;
  return `${count} ${plural}`;
}

/**
 * Counts as one line, e.g. "3 claims · 2 quotes · 1 figure".
 * @param counts counts per label, in display order
 * @param separator what goes between two counts
 */
export function formatLabelCounts(counts: readonly LabelCount[], separator = ' · '): string {
  return counts.map((c) => countNoun(c.label, c.count)).join(separator);
}
