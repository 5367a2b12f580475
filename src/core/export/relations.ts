/**
 * Which relations of a document an export carries: those between two of its exported annotations.
 * A relation to another document, or to an annotation the export leaves out (orphaned, filtered by
 * label, a suggestion), cannot be written by a format whose links stay inside one document; each is
 * named in a warning, never dropped silently.
 */
import type { Annotation } from '../model';
import type { ExportDocument } from './types';

/** A relation between two annotations of one exported document. */
export interface ExportedRelation {
  /** The relation type (`said-by`, `supports`, …). */
  type: string;
  /** The annotation that lists the relation. */
  from: Annotation;
  /** Its target. */
  to: Annotation;
}

/**
 * The relations of a document whose both ends an export carries, in the order of the sources'
 * annotations and then of each source's relations; a warning for each one left out.
 * @param document the prepared document
 * @param format the format's name, for the warnings
 * @param warnings where the warnings are appended
 * @param exported the annotations the format actually wrote, when it leaves out some of the prepared ones (brat)
 * @param crossDocument whether the format holds relations to other documents (W3C): then those are not reported
 */
export function documentRelations(
  document: ExportDocument,
  format: string,
  warnings: string[],
  exported: readonly Annotation[] = document.annotations,
  crossDocument = false,
): ExportedRelation[] {
  const byId = new Map(exported.map((a) => [a.id, a]));
  const relations: ExportedRelation[] = [];
  for (const from of exported) {
    for (const relation of from.relations ?? []) {
      const name = `${document.source}: relation ${relation.type} from ${from.id} to ${relation.document ? `${relation.document}#` : ''}${relation.to}`;
      if (relation.document !== undefined) {
        if (!crossDocument) warnings.push(`${name} links to another document, which ${format} cannot hold; left out`);
        continue;
      }
      const to = byId.get(relation.to);
      if (to) relations.push({ type: relation.type, from, to });
      else warnings.push(`${name}: its target is not exported (orphaned, missing, suggested or not among the exported labels); left out`);
    }
  }
  return relations;
}
