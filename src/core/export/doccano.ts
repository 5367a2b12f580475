/**
 * doccano's sequence-labelling JSONL: one line per document,
 * `{"text": …, "label": [[start, end, "label"], …], "meta": {"source": path, "outlet", "url", "published"}}`
 * (the last three from the sidecar's `source:` header, when it holds them; doccano keeps every key
 * besides the text and label columns as the example's metadata).
 * Offsets are code points (Python's `text[start:end]`); doccano's own editor counts UTF-16 units
 * unless its project counts grapheme clusters, which only matters for texts with astral characters.
 * When the export carries relations, every line takes the shape of doccano's relation extraction
 * projects instead: `"entities": [{"id", "label", "start_offset", "end_offset"}]` and
 * `"relations": [{"id", "from_id", "to_id", "type"}]`, ids numbered 1, 2, … across the file as
 * doccano numbers them. Relations to another document, or to a span left out, are named in a warning.
 */
import { publicationFields } from './publication';
import { documentRelations, type ExportedRelation } from './relations';
import type { Exporter } from './types';

export const doccanoExporter: Exporter = {
  format: 'doccano',
  shape: 'file',
  extension: '.jsonl',
  description: 'doccano sequence labelling JSONL',
  write(documents) {
    const warnings: string[] = [];
    const relations = documents.map((d) => documentRelations(d, 'doccano', warnings));
    const withRelations = relations.some((r) => r.length > 0);
    let entityId = 0;
    let relationId = 0;
    const lines = documents.map((d, i) => {
      const meta = { source: d.source, ...publicationFields(d.publication) };
      if (!withRelations) return JSON.stringify({ text: d.text, label: d.annotations.map((a) => [a.start, a.end, a.label]), meta });
      const ids = new Map(d.annotations.map((a) => [a.id, ++entityId]));
      const entities = d.annotations.map((a) => ({ id: ids.get(a.id)!, label: a.label, start_offset: a.start, end_offset: a.end }));
      const links = relations[i]!.map((r: ExportedRelation) => ({ id: ++relationId, from_id: ids.get(r.from.id)!, to_id: ids.get(r.to.id)!, type: r.type }));
      return JSON.stringify({ text: d.text, entities, relations: links, meta });
    });
    return { content: lines.map((line) => line + '\n').join(''), files: [], warnings };
  },
};
