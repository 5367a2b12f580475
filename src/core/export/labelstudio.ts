/**
 * Label Studio tasks: a JSON array, one task per document with `data.text` (and the `outlet`, `url`
 * and `published` of the sidecar's `source:` header when it holds them: Label Studio keeps every
 * `data` key, lists each as a Data Manager column and lets a labelling configuration show it as
 * `$outlet`; the task `meta` is marked deprecated in its API), `meta.source` and one
 * annotation whose `result` holds a region of type `labels` per span (`from_name` "label",
 * `to_name` "text", the labelling configuration docs/export.md shows). Offsets are code points:
 * Label Studio stores text regions in code points since its 2022 emoji fix (label-studio-frontend
 * #308), so `data.text[start:end]` in Python gives the region's text. A note goes in the region's
 * `meta.text`, the region's own free-text field. Each task has an `id` (1, 2, … in document order):
 * label-studio-converter, which turns Label Studio exports into other formats, reads `task['id']`.
 * A relation is a result of type `relation` after the regions, `from_id`/`to_id` the regions' ids,
 * `direction` `right` (`bi` for a symmetric type) and `labels` its type; relations to another
 * document, or to a region the export leaves out, are named in a warning.
 */
import { relationTypes } from '../relations/types';
import { publicationFields } from './publication';
import { documentRelations } from './relations';
import type { Exporter } from './types';

export const labelStudioExporter: Exporter = {
  format: 'labelstudio',
  shape: 'file',
  extension: '.json',
  description: 'Label Studio tasks (JSON)',
  write(documents, labels) {
    const warnings: string[] = [];
    const symmetric = new Set(relationTypes(labels).filter((t) => t.symmetric).map((t) => t.id));
    const tasks = documents.map((d, i) => ({
      id: i + 1,
      data: { text: d.text, ...publicationFields(d.publication) },
      meta: { source: d.source },
      annotations:
        d.annotations.length === 0
          ? []
          : [
              {
                result: [
                  ...d.annotations.map((a) => ({
                    id: a.id,
                    from_name: 'label',
                    to_name: 'text',
                    type: 'labels',
                    value: { start: a.start, end: a.end, text: a.text, labels: [a.label] },
                    ...(a.note !== undefined ? { meta: { text: [a.note] } } : {}),
                  })),
                  ...documentRelations(d, 'Label Studio', warnings).map((r) => ({
                    from_id: r.from.id,
                    to_id: r.to.id,
                    type: 'relation',
                    direction: symmetric.has(r.type) ? 'bi' : 'right',
                    labels: [r.type],
                  })),
                ],
              },
            ],
    }));
    return { content: JSON.stringify(tasks, null, 2) + '\n', files: [], warnings };
  },
};
