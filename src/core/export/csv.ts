/**
 * CSV, RFC 4180: a header, then one row per annotation: document, id, label, start, end, text,
 * entity, note, outlet, url, published (where the document was published, from its sidecar's
 * `source:` header; empty without one), then one column per attribute name found in the export (sorted; an attribute that
 * shares a fixed column's name is headed `attribute:<name>`). Fields holding a comma, a double quote
 * or a line break are quoted, quotes doubled; records end with CRLF as the RFC says (a line break
 * inside a span's text stays LF, inside quotes). No byte-order mark. Offsets are code points.
 *
 * One row per annotation leaves no room for the document texts, so they travel beside the CSV:
 * `files` holds one file per document, its path the `document` column's value, for a companion
 * folder (see `csvCompanionFolder`).
 */
import { folderPaths } from './names';
import { PUBLICATION_FIELDS } from './publication';
import type { Exporter } from './types';

const FIXED_COLUMNS: readonly string[] = ['document', 'id', 'label', 'start', 'end', 'text', 'entity', 'note', ...PUBLICATION_FIELDS];

/**
 * The companion folder holding the document texts of a CSV export: the CSV's path without its
 * `.csv` extension, plus `.texts` (`annotations.csv` -> `annotations.texts/`).
 * @param csvPath where the CSV is written
 */
export function csvCompanionFolder(csvPath: string): string {
  return csvPath.replace(/\.csv$/i, '') + '.texts';
}

/**
 * One CSV field, quoted when RFC 4180 requires it.
 * @param value the field's value; undefined is an empty field
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvExporter: Exporter = {
  format: 'csv',
  shape: 'file',
  extension: '.csv',
  description: 'CSV, one row per annotation (document texts in a companion folder)',
  write(documents) {
    const paths = folderPaths(documents.map((d) => d.source));
    const names = new Set<string>();
    for (const d of documents) for (const a of d.annotations) for (const name of Object.keys(a.attributes ?? {})) names.add(name);
    const attributeNames = [...names].sort();
    const header = [...FIXED_COLUMNS, ...attributeNames.map((n) => (FIXED_COLUMNS.includes(n) ? `attribute:${n}` : n))];
    const rows = [header.map(csvField).join(',')];
    documents.forEach((d, i) => {
      for (const a of d.annotations) {
        const fixed = [paths[i], a.id, a.label, a.start, a.end, a.text, a.entity, a.note, ...PUBLICATION_FIELDS.map((f) => d.publication?.[f])];
        rows.push([...fixed, ...attributeNames.map((n) => a.attributes?.[n])].map(csvField).join(','));
      }
    });
    return {
      content: rows.map((row) => row + '\r\n').join(''),
      files: documents.map((d, i) => ({ path: paths[i]!, content: d.text })),
    };
  },
};
