/**
 * The tree grouped by relation: one group per configured relation type (in the configuration's order,
 * empty ones too, so the annotator sees which types exist), each relation below its type as
 * "from → to" ("a ↔ b" for a symmetric type, listed once even when both ends list it), and last a
 * group of the relations that do not stand (target missing, type not configured, a label the type does
 * not allow). Pure: it takes relations already resolved (`relationsOf`), so the extension's tree only
 * turns these groups into items.
 */

import { matchesFilter, type TreeFilter } from '../grouping';
import type { RelationTypeSpec } from '../model';
import { compareStrings } from '../order';
import type { RelationProblem, ResolvedRelation } from './resolve';

/** The key of the group of relations that do not stand. */
export const BROKEN_RELATIONS_KEY = 'relations:broken';

/** One relation as the tree lists it. */
export interface RelationEntry {
  /** Identifies the entry among its siblings and across refreshes. */
  readonly key: string;
  /** The relation as resolved. */
  readonly resolved: ResolvedRelation;
  /** `→`, or `↔` for a symmetric type. */
  readonly arrow: '→' | '↔';
  /** The other document's path, when the target is in another document than the source. */
  readonly elsewhere: string | undefined;
}

/** A relation type and its relations, or (`broken`) the relations that do not stand. */
export interface RelationGroup {
  readonly kind: 'relation-type' | 'broken';
  /** `relation:<type id>`, or `BROKEN_RELATIONS_KEY`. */
  readonly key: string;
  /** The type's id, or "broken relations". */
  readonly title: string;
  /** The configured type (undefined for the broken group). */
  readonly type: RelationTypeSpec | undefined;
  /** The relations, by source document path, then source start, then list order. */
  readonly entries: readonly RelationEntry[];
}

/**
 * Group relations by type for the tree.
 * @param relations every relation of the workspace (folder), resolved (`RelationGraph.all`)
 * @param types the configured relation types, in the configuration's order
 * @param filter the tree's filter: a relation stays when either end passes it
 */
export function groupRelations(relations: readonly ResolvedRelation[], types: readonly RelationTypeSpec[], filter: TreeFilter = {}): RelationGroup[] {
  const byType = new Map<string, RelationEntry[]>(types.map((type) => [type.id, []]));
  const broken: RelationEntry[] = [];
  const symmetricSeen = new Set<string>();
  for (const resolved of [...relations].sort(compareBySource)) {
    if (!passes(resolved, filter)) continue;
    const symmetric = resolved.type?.symmetric === true;
    const from = `${resolved.from.document}#${resolved.from.id}`;
    const to = `${resolved.to.document ?? resolved.relation.document ?? ''}#${resolved.to.id}`;
    if (symmetric && resolved.problems.length === 0) {
      // Either end may list it, or both: the pair, in a fixed order, is the relation.
      const pair = `${resolved.relation.type}\n${[from, to].sort(compareStrings).join('\n')}`;
      if (symmetricSeen.has(pair)) continue;
      symmetricSeen.add(pair);
    }
    const entry: RelationEntry = {
      key: `${resolved.relation.type}|${from}|${resolved.index}`,
      resolved,
      arrow: symmetric ? '↔' : '→',
      elsewhere: resolved.to.document === undefined ? resolved.relation.document : resolved.to.document !== resolved.from.document ? resolved.to.document : undefined,
    };
    const list = resolved.problems.length > 0 ? broken : byType.get(resolved.relation.type);
    list?.push(entry);
  }
  const groups: RelationGroup[] = types.map((type) => ({ kind: 'relation-type', key: `relation:${type.id}`, title: type.id, type, entries: byType.get(type.id)! }));
  if (broken.length > 0) groups.push({ kind: 'broken', key: BROKEN_RELATIONS_KEY, title: 'broken relations', type: undefined, entries: broken });
  return groups;
}

/**
 * Why a relation does not stand, in a few words for the tree ("target missing", "type not configured").
 * @param problem one of the relation's problems
 */
export function problemSummary(problem: RelationProblem): string {
  switch (problem.kind) {
    case 'bad-document-path':
      return 'document path outside the workspace';
    case 'missing-document':
      return 'target document missing';
    case 'missing-annotation':
      return 'target missing';
    case 'unknown-type':
      return 'type not configured';
    case 'label-not-allowed':
      return `a ${problem.label} is not allowed at the ${problem.end === 'from' ? 'source' : 'target'}`;
  }
}

function passes(resolved: ResolvedRelation, filter: TreeFilter): boolean {
  return matchesFilter(resolved.from.annotation, filter) || (resolved.to.annotation !== undefined && matchesFilter(resolved.to.annotation, filter));
}

function compareBySource(a: ResolvedRelation, b: ResolvedRelation): number {
  return (
    compareStrings(a.from.document, b.from.document) ||
    a.from.annotation.start - b.from.annotation.start ||
    compareStrings(a.from.id, b.from.id) ||
    a.index - b.index
  );
}
