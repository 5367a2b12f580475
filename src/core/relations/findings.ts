/**
 * The findings `marginalia check` (and the editor's Problems panel) gives for relations that do not
 * stand: a target that is not there, a type the configuration does not define, an end whose label the
 * type does not allow. Each points at the relation's own line in the sidecar. Pure.
 */

import type { Finding, RelationTypeSpec } from '../model';
import type { ResolvedRelation } from './resolve';

/** A 1-based line and column. */
export interface RelationPlace {
  line: number;
  column: number;
}

/**
 * The findings of relations listed by one sidecar's annotations.
 * @param relations resolved relations whose source is in that sidecar
 * @param types the relation types of its configuration, named when a type is unknown
 * @param placeOf where relation `index` of annotation `id` is in the sidecar
 */
export function relationFindings(
  relations: readonly ResolvedRelation[],
  types: readonly RelationTypeSpec[],
  placeOf: (id: string, index: number) => RelationPlace,
): Finding[] {
  const findings: Finding[] = [];
  const typeList = types.map((t) => t.id).join(', ') || '(none defined)';
  for (const resolved of relations) {
    const { relation, from, to } = resolved;
    const name = `relation ${resolved.index + 1} of annotation ${from.id} (${relation.type} → ${relation.document === undefined ? '' : `${relation.document} `}${relation.to})`;
    const report = (code: string, message: string) => findings.push({ severity: 'error', code, message: `${name}: ${message}`, ...placeOf(from.id, resolved.index), annotationId: from.id });
    for (const problem of resolved.problems) {
      switch (problem.kind) {
        case 'bad-document-path':
          report(
            'relation-document',
            `document must be a path relative to this document's folder, with "/", that stays inside the workspace, got ${JSON.stringify(relation.document)}`,
          );
          break;
        case 'missing-document':
          report('relation-target-missing', `there is no sidecar for ${to.document} (the document is missing, or has no annotations); fix document: or remove the relation`);
          break;
        case 'missing-annotation':
          report('relation-target-missing', `${to.document} has no annotation ${to.id}; it was removed or the id is misspelt: fix to: or remove the relation`);
          break;
        case 'unknown-type':
          report('relation-type', `relation type "${relation.type}" is not configured; use one of ${typeList}, or add it under relations: in .marginalia.yaml`);
          break;
        case 'label-not-allowed': {
          const which = problem.end === 'from' ? 'the source' : `the target`;
          report(
            'relation-label',
            `${which} is a ${problem.label}, but ${relation.type} allows ${problem.allowed.join(' or ')} at that end${resolved.type?.symmetric ? ' (either way round)' : ''}; use another type or annotation, or change the type in .marginalia.yaml`,
          );
          break;
        }
      }
    }
  }
  return findings;
}
