/**
 * doccano's sequence-labelling JSONL: one line per document,
 * `{"text": …, "label": [[start, end, "label"], …], "meta": {"source": path}}`.
 * Offsets are code points (Python's `text[start:end]`); doccano's own editor counts UTF-16 units
 * unless its project counts grapheme clusters, which only matters for texts with astral characters.
 */
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
        meta: { source: d.source },
      }),
    );
    return { content: lines.map((line) => line + '\n').join(''), files: [] };
  },
};
