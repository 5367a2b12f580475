/**
 * Counts over a set of annotated documents for `marginalia stats`: per label, per document, per
 * author, and the entities found in more than one document. An entity is what the tree of tagged
 * entities groups by: a label with the annotation's `entity`, or its normalised text when it has none
 * (see `grouping.ts`), so the stats and the tree agree on what "the same thing" is.
 */
import { entityKey, snippet } from './grouping';
import { countByLabel, type LabelCount } from './label-counts';
import type { Annotation } from './model';
import { compareStrings } from './order';

/** The annotations of one document. */
export interface StatsDocument {
  /** The document's path relative to the working folder, `/` separators. */
  document: string;
  annotations: readonly Annotation[];
}

/** An entity occurring in several documents. */
export interface SharedEntity {
  label: string;
  /** The `entity` id, when the annotations carry one. */
  entity: string | undefined;
  /** The text of its first occurrence (documents in path order). */
  text: string;
  /** The documents it occurs in, sorted. */
  documents: string[];
  /** Its occurrences in all of them. */
  occurrences: number;
}

/** Everything `stats` reports. */
export interface AnnotationStats {
  documents: number;
  annotations: number;
  /** Orphaned annotations (counted in the totals too). */
  orphaned: number;
  byLabel: LabelCount[];
  byDocument: { document: string; total: number; byLabel: LabelCount[] }[];
  /** Per author, most annotations first; annotations without an author under `author` undefined. */
  byAuthor: { author: string | undefined; count: number }[];
  /** Most documents first, then most occurrences, then label and text. */
  sharedEntities: SharedEntity[];
}

/**
 * Count annotations.
 * @param documents the documents, in any order
 * @param labelOrder label ids in the order of the label configuration (for the per-label lists)
 */
export function computeStats(documents: readonly StatsDocument[], labelOrder: readonly string[] = []): AnnotationStats {
  const sorted = [...documents].sort((a, b) => compareStrings(a.document, b.document));
  const all = sorted.flatMap((d) => d.annotations);
  const authors = new Map<string | undefined, number>();
  for (const a of all) authors.set(a.author, (authors.get(a.author) ?? 0) + 1);
  const entities = new Map<string, SharedEntity>();
  for (const d of sorted) {
    for (const a of d.annotations) {
      const key = `${a.label}\u0000${entityKey(a)}`;
      let e = entities.get(key);
      if (!e) {
        e = { label: a.label, entity: a.entity || undefined, text: a.text, documents: [], occurrences: 0 };
        entities.set(key, e);
      }
      e.occurrences++;
      // Documents come one after another, so a repeat can only be the last one: `includes` made this quadratic.
      if (e.documents[e.documents.length - 1] !== d.document) e.documents.push(d.document);
    }
  }
  return {
    documents: sorted.length,
    annotations: all.length,
    orphaned: all.filter((a) => a.status === 'orphaned').length,
    byLabel: countByLabel(all, labelOrder),
    byDocument: sorted.map((d) => ({ document: d.document, total: d.annotations.length, byLabel: countByLabel(d.annotations, labelOrder) })),
    byAuthor: [...authors]
      .map(([author, count]) => ({ author, count }))
      .sort((a, b) => b.count - a.count || compareStrings(a.author ?? '\uffff', b.author ?? '\uffff')),
    sharedEntities: [...entities.values()]
      .filter((e) => e.documents.length > 1)
      .sort((a, b) => b.documents.length - a.documents.length || b.occurrences - a.occurrences || compareStrings(a.label, b.label) || compareStrings(a.text, b.text)),
  };
}

/**
 * The stats as plain text for a terminal.
 * @param stats what `computeStats` gave
 */
export function renderStats(stats: AnnotationStats): string {
  const out: string[] = [];
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  out.push(
    `${plural(stats.annotations, 'annotation')} in ${plural(stats.documents, 'document')}` +
      (stats.orphaned ? ` (${stats.orphaned} orphaned)` : ''),
    '',
  );
  const table = (title: string, rows: [string, string][]): void => {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map(([name]) => [...name].length));
    out.push(title);
    for (const [name, value] of rows) out.push(`  ${name}${' '.repeat(width - [...name].length)}  ${value}`);
    out.push('');
  };
  table('per label:', stats.byLabel.map((c) => [c.label, String(c.count)]));
  const totalWidth = Math.max(0, ...stats.byDocument.map((d) => String(d.total).length));
  table(
    'per document:',
    stats.byDocument.map((d) => [
      d.document,
      String(d.total).padStart(totalWidth) + (d.byLabel.length ? `  (${d.byLabel.map((c) => `${c.label} ${c.count}`).join(', ')})` : ''),
    ]),
  );
  table('per author:', stats.byAuthor.map((a) => [a.author ?? '(no author)', String(a.count)]));
  if (stats.sharedEntities.length) {
    out.push('in more than one document:');
    for (const e of stats.sharedEntities) {
      const name = e.entity !== undefined ? `${e.entity} ` : '';
      out.push(`  ${e.label} ${name}"${snippet(e.text)}": ${plural(e.documents.length, 'document')}, ${plural(e.occurrences, 'occurrence')}`);
      for (const d of e.documents) out.push(`    ${d}`);
    }
    out.push('');
  }
  return out.join('\n');
}
