/**
 * doccano JSONL: `{"text", "label": [[start, end, "label"], …], "meta": {"source"}}` as Marginalia
 * and doccano 1.x write it, or `{"text", "entities": [{"start_offset", "end_offset", "label"}],
 * "relations": […]}` as later doccano versions export it. Offsets are read as code points. A project
 * whose data or label column has another name (doccano's `column_data` and `column_label` import
 * options) is read with the same options. `relations` (`{"id", "from_id", "to_id", "type"}`, doccano's
 * relation extraction projects) relate the `entities` whose `id` they name.
 */
import { isObject, isOffset, jsonLines, publicationIn, sourceCandidates } from './jsonl';
import type { ImportedRelation, ImportedSpan, ParsedImport } from './types';

/** doccano's import options for the columns, named as doccano names them. */
export interface DoccanoColumns {
  /** The key holding the document text (doccano's `column_data`, default `text`). */
  columnData?: string;
  /** The key holding the spans (doccano's `column_label`, default `label`). */
  columnLabel?: string;
}

/**
 * Parse a doccano JSONL file.
 * @param content the file's content
 * @param name the file's name, for reports
 * @param columns the keys of the text and the labels, when they are not doccano's defaults
 */
export function parseDoccano(content: string, name: string, columns: DoccanoColumns = {}): ParsedImport {
  const columnData = columns.columnData ?? 'text';
  const columnLabel = columns.columnLabel ?? 'label';
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  for (const { value: record, origin } of jsonLines(content, name, parsed.problems)) {
    if (typeof record[columnData] !== 'string') {
      parsed.problems.push({ origin, message: `the record has no ${JSON.stringify(columnData)} string` });
      continue;
    }
    const spans: ImportedSpan[] = [];
    const labels = Array.isArray(record[columnLabel]) ? record[columnLabel] : [];
    const entities = Array.isArray(record['entities']) ? record['entities'] : [];
    const read = (key: string, items: unknown[]): void =>
      items.forEach((item, i) => {
        const span = doccanoSpan(item);
        const id = isObject(item) && (typeof item['id'] === 'number' || typeof item['id'] === 'string') ? String(item['id']) : undefined;
        if (span) spans.push({ ...span, origin: `${origin} ${key}[${i}]`, ...(id !== undefined ? { key: id } : {}) });
        else parsed.problems.push({ origin: `${origin} ${key}[${i}]`, message: 'expected [start, end, "label"] or {"start_offset", "end_offset", "label"}' });
      });
    read(columnLabel, labels);
    read('entities', entities);
    const relations: ImportedRelation[] = [];
    (Array.isArray(record['relations']) ? record['relations'] : []).forEach((item, i) => {
      const where = `${origin} relations[${i}]`;
      const end = (key: string): string | undefined => (isObject(item) && (typeof item[key] === 'number' || typeof item[key] === 'string') ? String(item[key]) : undefined);
      const [from, to] = [end('from_id'), end('to_id')];
      if (isObject(item) && from !== undefined && to !== undefined && typeof item['type'] === 'string') relations.push({ type: item['type'], from, to, origin: where });
      else parsed.problems.push({ origin: where, message: 'expected {"from_id", "to_id", "type"}' });
    });
    const publication = publicationIn(record['meta'], origin, parsed.ignored);
    parsed.documents.push({
      candidates: sourceCandidates(record),
      text: record[columnData],
      spans,
      ...(relations.length > 0 ? { relations } : {}),
      origin,
      ...(publication ? { publication } : {}),
    });
  }
  return parsed;
}

/** A span as doccano's `SpanLabel.parse` reads one: `[start, end, label]` or `{start_offset, end_offset, label}`. */
function doccanoSpan(item: unknown): { label: string; start: number; end: number } | undefined {
  if (Array.isArray(item) && isOffset(item[0]) && isOffset(item[1]) && typeof item[2] === 'string') return { label: item[2], start: item[0], end: item[1] };
  if (isObject(item) && isOffset(item['start_offset']) && isOffset(item['end_offset']) && typeof item['label'] === 'string') {
    return { label: item['label'], start: item['start_offset'], end: item['end_offset'] };
  }
  return undefined;
}
