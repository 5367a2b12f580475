/**
 * doccano JSONL: `{"text", "label": [[start, end, "label"], …], "meta": {"source"}}` as Marginalia
 * and doccano 1.x write it, or `{"text", "entities": [{"start_offset", "end_offset", "label"}]}` as
 * later doccano versions export it. Offsets are read as code points.
 */
import { isObject, isOffset, jsonLines, sourceCandidates } from './jsonl';
import type { ImportedSpan, ParsedImport } from './types';

/** doccano's `column_data` and `column_label`: the fields holding the text and the spans, when a project renamed them. */
export interface DoccanoColumns {
  columnData?: string | undefined;
  columnLabel?: string | undefined;
}

/**
 * Parse a doccano JSONL file.
 * @param content the file's content
 * @param name the file's name, for reports
 * @param columns the fields holding the text and the spans (default `text` and `label`)
 */
export function parseDoccano(content: string, name: string, columns: DoccanoColumns = {}): ParsedImport {
  const dataField = columns.columnData ?? 'text';
  const labelField = columns.columnLabel ?? 'label';
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  for (const { value: record, origin } of jsonLines(content, name, parsed.problems)) {
    const text = record[dataField];
    if (typeof text !== 'string') {
      parsed.problems.push({ origin, message: `the record has no ${JSON.stringify(dataField)} string` });
      continue;
    }
    const spans: ImportedSpan[] = [];
    const labels = Array.isArray(record[labelField]) ? record[labelField] : [];
    const entities = Array.isArray(record['entities']) ? record['entities'] : [];
    labels.forEach((item: unknown, i) => {
      if (Array.isArray(item) && isOffset(item[0]) && isOffset(item[1]) && typeof item[2] === 'string') {
        spans.push({ label: item[2], start: item[0], end: item[1], origin: `${origin} ${labelField}[${i}]` });
      } else parsed.problems.push({ origin: `${origin} ${labelField}[${i}]`, message: 'expected [start, end, "label"]' });
    });
    entities.forEach((item: unknown, i) => {
      if (isObject(item) && isOffset(item['start_offset']) && isOffset(item['end_offset']) && typeof item['label'] === 'string') {
        spans.push({ label: item['label'], start: item['start_offset'], end: item['end_offset'], origin: `${origin} entities[${i}]` });
      } else parsed.problems.push({ origin: `${origin} entities[${i}]`, message: 'expected {"start_offset", "end_offset", "label"}' });
    });
    parsed.documents.push({ candidates: sourceCandidates(record), text, spans, origin });
  }
  return parsed;
}
