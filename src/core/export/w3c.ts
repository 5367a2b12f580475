/**
 * A W3C Web Annotation `AnnotationCollection` (JSON-LD, https://www.w3.org/TR/annotation-model/).
 * Each annotation has a tagging body with the label, a commenting body for a note and an identifying
 * body for an entity; its target names the document and selects the span twice: a
 * `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector` (start, end in code
 * points, as the selectors specification counts them). The model has no place for a document's text
 * or for key-value attributes, so two plain-JSON keys outside the anno.jsonld context carry them:
 * `documents` on the collection (one `Text` resource per document, its `value` the text the
 * offsets count in) and `attributes` on an annotation. JSON-LD processors ignore both.
 *
 * Where a document was published (its sidecar's `source:` header) goes in two places: the target's
 * `scope`, the model's own term for the resource in whose context the source was seen (the page at
 * the header's `url`), and the document's entry in `documents`, which also gets the header's
 * `outlet`, `url` and `published` as they are: anno.jsonld has no term for a publisher or a date
 * of publication, and a second context would change what every reader of `@context` expects.
 *
 * A relation is an annotation of its own after its document's annotations, motivated by `linking`:
 * its target is the relation's source annotation (by IRI), its body the relation type as a tagging
 * `TextualBody` and the target annotation as a `SpecificResource` whose purpose is `linking`. The
 * target may be in another document of the export, so cross-document relations are kept; one whose
 * target is not in the export is named in a warning.
 */
import { contextAround } from '../anchoring/context';
import type { Annotation } from '../model';
import { resolveDocumentPath } from '../relations/paths';
import { OffsetIndex } from '../text';
import { toXsdDateTime } from './datetime';
import { publicationFields } from './publication';
import { documentRelations } from './relations';
import type { ExportDocument, Exporter } from './types';

/** The JSON-LD context every Web Annotation document names. */
export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * The IRI (relative reference) standing for a document in targets and in `documents`.
 * @param source the document's path, `/` separators
 */
export function sourceIri(source: string): string {
  return encodeURI(source).replace(/[#?]/g, (c) => encodeURIComponent(c));
}

/**
 * The IRI of one annotation: a URN made of its document and its id (ids are unique per document only).
 * @param source the document's path
 * @param id the annotation's id
 */
export function annotationIri(source: string, id: string): string {
  return `urn:marginalia:${sourceIri(source)}:${encodeURIComponent(id)}`;
}

export const w3cExporter: Exporter = {
  format: 'w3c',
  shape: 'file',
  extension: '.jsonld',
  description: 'W3C Web Annotation collection (JSON-LD)',
  write(documents) {
    const warnings: string[] = [];
    const exported = new Set(documents.flatMap((d) => d.annotations.map((a) => annotationIri(d.source, a.id))));
    const items = documents.flatMap((d) => {
      const index = new OffsetIndex(d.text);
      const spans = d.annotations.map((a) => {
        const created = a.created === undefined ? undefined : toXsdDateTime(a.created);
        if (a.created !== undefined && created === undefined) {
          warnings.push(`${d.source}: annotation ${a.id} (${a.label}): created ${JSON.stringify(a.created)} is not an ISO 8601 date; left out of its Web Annotation`);
        }
        return webAnnotation(d.source, a, index, created, d.publication?.url);
      });
      return [...spans, ...relationAnnotations(d, exported, warnings)];
    });
    const collection = {
      '@context': W3C_CONTEXT,
      type: 'AnnotationCollection',
      label: 'Marginalia annotations',
      total: items.length,
      documents: documents.map((d) => ({ id: sourceIri(d.source), type: 'Text', format: 'text/plain', ...publicationFields(d.publication), value: d.text })),
      first: { type: 'AnnotationPage', startIndex: 0, items },
    };
    return { content: JSON.stringify(collection, null, 2) + '\n', files: [], warnings };
  },
};

function webAnnotation(source: string, a: Annotation, index: OffsetIndex, created: string | undefined, publishedAt: string | undefined): object {
  const { prefix, suffix } = contextAround(index, a.start, a.end);
  const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.label }];
  if (a.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note });
  if (a.entity !== undefined) body.push({ type: 'TextualBody', purpose: 'identifying', value: a.entity });
  return {
    id: annotationIri(source, a.id),
    type: 'Annotation',
    motivation: 'tagging',
    ...(a.author !== undefined ? { creator: { type: 'Person', name: a.author } } : {}),
    ...(created !== undefined ? { created } : {}),
    body,
    target: {
      source: sourceIri(source),
      selector: [
        { type: 'TextQuoteSelector', exact: a.text, ...(prefix ? { prefix } : {}), ...(suffix ? { suffix } : {}) },
        { type: 'TextPositionSelector', start: a.start, end: a.end },
      ],
      ...(publishedAt !== undefined ? { scope: publishedAt } : {}),
    },
    ...(a.attributes && Object.keys(a.attributes).length ? { attributes: sortedAttributes(a.attributes) } : {}),
  };
}

/**
 * The linking annotations of a document's relations, within it (as `documentRelations` gives them)
 * and to other documents of the export (their `document:` read relative to this document's folder).
 */
function relationAnnotations(d: ExportDocument, exported: ReadonlySet<string>, warnings: string[]): object[] {
  const within = new Set(documentRelations(d, 'w3c', warnings, d.annotations, true).map((r) => `${r.from.id}\u0000${r.type}\u0000${r.to.id}`));
  const items: object[] = [];
  for (const a of d.annotations) {
    (a.relations ?? []).forEach((relation, i) => {
      let target: string | undefined;
      if (relation.document === undefined) {
        if (!within.has(`${a.id}\u0000${relation.type}\u0000${relation.to}`)) return;
        target = annotationIri(d.source, relation.to);
      } else {
        const targetDocument = resolveDocumentPath(d.source, relation.document);
        target = targetDocument === undefined ? undefined : annotationIri(targetDocument, relation.to);
        if (target === undefined || !exported.has(target)) {
          warnings.push(`${d.source}: relation ${relation.type} from ${a.id} to ${relation.document}#${relation.to}: its target is not in the export; left out`);
          return;
        }
      }
      items.push({
        id: `${annotationIri(d.source, a.id)}:relation:${i + 1}`,
        type: 'Annotation',
        motivation: 'linking',
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: relation.type },
          { type: 'SpecificResource', purpose: 'linking', source: target },
        ],
        target: annotationIri(d.source, a.id),
      });
    });
  }
  return items;
}

function sortedAttributes(attributes: Record<string, string | number>): Record<string, string | number> {
  return Object.fromEntries(Object.keys(attributes).sort().map((k) => [k, attributes[k]!]));
}
