/**
 * doccano JSONL: `{"text", "label": [[start, end, "label"], …], "meta": {"source"}}` as Marginalia
 * and doccano 1.x write it, or `{"text", "entities": [{"start_offset", "end_offset", "label"}]}` as
 * later doccano versions export it. Offsets are read as code points.
 */
import { isObject, isOffset, jsonLines, sourceCandidates } from './jsonl';
import type { ImportedSpan, ParsedImport } from './types';

/**
 * Parse a doccano JSONL file.
 * @param content the file's content
 * @param name the file's name, for reports
 */
export function parseDoccano(content: string, name: string): ParsedImport {
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  for (const { value: record, origin } of jsonLines(content, name, parsed.problems)) {
    if (typeof record['text'] !== 'string') {
      parsed.problems.push({ origin, message: 'the record has no "text" string' });
      continue;
    }
    const spans: ImportedSpan[] = [];
    const labels = Array.isArray(record['label']) ? record['label'] : [];
    const entities = Array.isArray(record['entities']) ? record['entities'] : [];
    labels.forEach((item: unknown, i) => {
      if (Array.isArray(item) && isOffset(item[0]) && isOffset(item[1]) && typeof item[2] === 'string') {
        spans.push({ label: item[2], start: item[0], end: item[1], origin: `${origin} label[${i}]` });
      } else parsed.problems.push({ origin: `${origin} label[${i}]`, message: 'expected [start, end, "label"]' });
    });
    entities.forEach((item: unknown, i) => {
      if (isObject(item) && isOffset(item['start_offset']) && isOffset(item['end_offset']) && typeof item['label'] === 'string') {
        spans.push({ label: item['label'], start: item['start_offset'], end: item['end_offset'], origin: `${origin} entities[${i}]` });
      } else parsed.problems.push({ origin: `${origin} entities[${i}]`, message: 'expected {"start_offset", "end_offset", "label"}' });
    });
    parsed.documents.push({ candidates: sourceCandidates(record), text: record['text'], spans, origin });
  }
  return parsed;
}
