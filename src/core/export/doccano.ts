/**
 * doccano's sequence-labelling JSONL: one line per document,
 * `{"text": …, "label": [[start, end, "label"], …], "meta": {"source": path, "outlet", "url", "published"}}`
 * (the last three from the sidecar's `source:` header, when it holds them; doccano keeps every key
 * besides the text and label columns as the example's metadata).
 * Offsets are code points (Python's `text[start:end]`); doccano's own editor counts UTF-16 units
 * unless its project counts grapheme clusters, which only matters for texts with astral characters.
 */
import { publicationFields } from './publication';
import type { Exporter } from './types';

export const doccanoExporter: Exporter = {
  format: 'doccano',
  shape: 'file',
  extension: '.jsonl',
  description: 'doccano sequence labelling JSONL',
  write(documents) {
    const lines = documents.map((d) =>
      JSON.stringify({
        text: d.text,
        label: d.annotations.map((a) => [a.start, a.end, a.label]),
        meta: { source: d.source, ...publicationFields(d.publication) },
      }),
    );
    return { content: lines.map((line) => line + '\n').join(''), files: [] };
  },
};
