/**
 * Where each exported document was published, as the formats that have a place for it write it:
 * the sidecar's `source:` header (docs/sources.md), never a field it does not hold.
 */
import type { DocumentSource } from '../model';

/** The header's fields in the order every export writes them. */
export const PUBLICATION_FIELDS = ['outlet', 'url', 'published'] as const;

/**
 * The fields a document's header holds, in `PUBLICATION_FIELDS` order; empty without a header.
 * @param publication the document's header
 */
export function publicationFields(publication: DocumentSource | undefined): DocumentSource {
  const fields: DocumentSource = {};
  for (const name of PUBLICATION_FIELDS) if (publication?.[name] !== undefined) fields[name] = publication[name];
  return fields;
}
