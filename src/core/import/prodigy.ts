/**
 * Prodigy JSONL: `{"text", "spans": [{"start", "end", "label"}], "meta": {"source"}, "answer"?}`.
 * Offsets are code points. A task Prodigy's annotator rejected or ignored is not imported.
 */
import { isObject, isOffset, jsonLines, publicationIn, sourceCandidates } from './jsonl';
import type { ImportedSpan, ParsedImport } from './types';

/**
 * Parse a Prodigy JSONL file.
 * @param content the file's content
 * @param name the file's name, for reports
 */
export function parseProdigy(content: string, name: string): ParsedImport {
  const parsed: ParsedImport = { documents: [], problems: [], ignored: [] };
  for (const { value: record, origin } of jsonLines(content, name, parsed.problems)) {
    if (typeof record['text'] !== 'string') {
      parsed.problems.push({ origin, message: 'the task has no "text" string' });
      continue;
    }
    const items = Array.isArray(record['spans']) ? record['spans'] : [];
    const answer = record['answer'];
    if (answer !== undefined && answer !== 'accept') {
      parsed.ignored.push(`${origin}: the task's answer is ${JSON.stringify(answer)}; its ${items.length} span(s) not imported`);
      continue;
    }
    const spans: ImportedSpan[] = [];
    items.forEach((item: unknown, i) => {
      if (isObject(item) && isOffset(item['start']) && isOffset(item['end']) && typeof item['label'] === 'string') {
        spans.push({
          label: item['label'],
          start: item['start'],
          end: item['end'],
          ...(typeof item['text'] === 'string' ? { text: item['text'] } : {}),
          origin: `${origin} spans[${i}]`,
        });
      } else parsed.problems.push({ origin: `${origin} spans[${i}]`, message: 'expected {"start", "end", "label"}' });
    });
    const publication = publicationIn(record['meta'], origin, parsed.ignored);
    parsed.documents.push({ candidates: sourceCandidates(record), text: record['text'], spans, origin, ...(publication ? { publication } : {}) });
  }
  return parsed;
}
