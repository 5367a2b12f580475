/**
 * Relation types: the kinds of link annotations may have to each other (`said-by`, `supports`, …), as
 * the label configuration defines them or, when it defines none, the defaults. Pure.
 */

import type { LabelConfig, RelationTypeSpec } from '../model';

/**
 * The relation types used when `.marginalia.yaml` has no `relations:` key: they fit the default
 * labels (claim, quote, figure). `said-by` leaves its target open, because the defaults have no label
 * for the span naming a speaker (the seeds' configuration adds `speaker`). Frozen: copy it to change it.
 */
export const DEFAULT_RELATION_TYPES: readonly RelationTypeSpec[] = frozen([
  { id: 'said-by', description: 'A quote attributed to the span that names its speaker', from: ['quote'], symmetric: false },
  { id: 'supports', description: 'A figure that backs a claim', from: ['figure'], to: ['claim'], symmetric: false },
  { id: 'contradicts', description: 'Two claims or figures that cannot both be true', from: ['claim', 'figure'], to: ['claim', 'figure'], symmetric: true },
  { id: 'same-as', description: 'The same claim, made in another place or another document', from: ['claim'], to: ['claim'], symmetric: true },
]);

/**
 * The relation types of a label configuration: its own when it defines them (`relations:`, possibly
 * none at all), else the defaults.
 * @param config the label configuration
 */
export function relationTypes(config: LabelConfig): readonly RelationTypeSpec[] {
  return config.relations ?? DEFAULT_RELATION_TYPES;
}

/**
 * The end of a relation whose label the type does not allow, or undefined when both fit. A symmetric
 * type allows its ends either way round.
 * @param type the relation type
 * @param fromLabel the source annotation's label
 * @param toLabel the target annotation's label
 */
export function disallowedEnd(type: RelationTypeSpec, fromLabel: string, toLabel: string): 'from' | 'to' | undefined {
  const allowed = (labels: readonly string[] | undefined, label: string) => !labels || labels.includes(label);
  const fromFits = allowed(type.from, fromLabel);
  const toFits = allowed(type.to, toLabel);
  if (fromFits && toFits) return undefined;
  if (type.symmetric && allowed(type.from, toLabel) && allowed(type.to, fromLabel)) return undefined;
  return fromFits ? 'to' : 'from';
}

function frozen(types: RelationTypeSpec[]): readonly RelationTypeSpec[] {
  for (const type of types) {
    if (type.from) Object.freeze(type.from);
    if (type.to) Object.freeze(type.to);
    Object.freeze(type);
  }
  return Object.freeze(types);
}
