/**
 * Prodigy's JSONL (also what spaCy users feed to `Doc.char_span`): one line per document,
 * `{"text": …, "spans": [{"start", "end", "label"}, …], "meta": {"source": path, "outlet", "url",
 * "published"}}` (the last three from the sidecar's `source:` header, when it holds them; Prodigy
 * keeps `meta` with the task and shows it under the text), offsets in code points as Python counts them.
 */
import { publicationFields } from './publication';
import type { Exporter } from './types';

export const prodigyExporter: Exporter = {
  format: 'prodigy',
  shape: 'file',
  extension: '.jsonl',
  description: 'Prodigy / spaCy JSONL',
  write(documents) {
    const lines = documents.map((d) =>
      JSON.stringify({
        text: d.text,
        spans: d.annotations.map((a) => ({ start: a.start, end: a.end, label: a.label })),
        meta: { source: d.source, ...publicationFields(d.publication) },
      }),
    );
    return { content: lines.map((line) => line + '\n').join(''), files: [] };
  },
};
