/**
 * The fields of an annotation record, in one table: the order they are written in (`emit.ts`), the
 * keys compared to tell whether a record changed (`content-key.ts`, `match.ts`), and how each is
 * checked when a sidecar is read (`validate.ts`). A new field is one more row here and its type in
 * `model.ts`; a type check below fails until both agree.
 */

import type { Annotation, Relation } from '../model';

/** How a field's value is checked when a sidecar is read. */
export type FieldCheck =
  /** A required string; `nonEmpty`: '' is refused too. `what` ends the messages: "id must be …". */
  | { readonly kind: 'text'; readonly nonEmpty: boolean; readonly what: string }
  /** A required offset in code points: a whole number, not negative; `notBefore`: not less than that field. */
  | { readonly kind: 'offset'; readonly notBefore?: 'start' }
  /** An optional string; `iso8601`: a value that is not an ISO 8601 date is a warning. */
  | { readonly kind: 'optional-text'; readonly iso8601?: boolean }
  /** An optional map of attribute names to strings or numbers. */
  | { readonly kind: 'attributes' }
  /** An optional list of relations: maps with `type` and `to` (and `document`), written with their keys in `RELATION_KEYS` order. */
  | { readonly kind: 'relations' }
  /** An optional string from a fixed list, with what to say about another. */
  | { readonly kind: 'one-of'; readonly values: readonly string[]; readonly fix: string }
  /** An optional map `{side: A|B, by: text, pair: id}` (`Dispute`). */
  | { readonly kind: 'dispute' }
  /** An optional map `{state: accepted|rejected, by: text, at: ISO 8601}` (`Review`). */
  | { readonly kind: 'review' };

/** One field of an annotation record. */
export interface AnnotationField {
  readonly key: keyof Annotation;
  readonly check: FieldCheck;
}

/** The fields, in the order a record is written. */
export const ANNOTATION_FIELDS = [
  { key: 'id', check: { kind: 'text', nonEmpty: true, what: 'text (8 hex digits when Marginalia made it)' } },
  { key: 'label', check: { kind: 'text', nonEmpty: true, what: 'a label name such as claim, quote or figure' } },
  { key: 'start', check: { kind: 'offset' } },
  { key: 'end', check: { kind: 'offset', notBefore: 'start' } },
  { key: 'text', check: { kind: 'text', nonEmpty: false, what: 'exactly the annotated text' } },
  { key: 'prefix', check: { kind: 'optional-text' } },
  { key: 'suffix', check: { kind: 'optional-text' } },
  { key: 'entity', check: { kind: 'optional-text' } },
  { key: 'attributes', check: { kind: 'attributes' } },
  { key: 'relations', check: { kind: 'relations' } },
  { key: 'note', check: { kind: 'optional-text' } },
  { key: 'author', check: { kind: 'optional-text' } },
  { key: 'created', check: { kind: 'optional-text', iso8601: true } },
  { key: 'status', check: { kind: 'one-of', values: ['orphaned', 'suggested'], fix: 'remove the line, or write `status: orphaned` or `status: suggested`' } },
  { key: 'dispute', check: { kind: 'dispute' } },
  { key: 'review', check: { kind: 'review' } },
] as const satisfies readonly AnnotationField[];

/** The keys of one relation, in the order they are written; other keys are kept after them, sorted. */
export const RELATION_KEYS = ['type', 'to', 'document'] as const satisfies readonly (keyof Relation)[];

/** The name of a field of the table. */
export type AnnotationKey = (typeof ANNOTATION_FIELDS)[number]['key'];

/** The keys of an annotation record, in the order they are written. */
export const ANNOTATION_KEYS: readonly AnnotationKey[] = ANNOTATION_FIELDS.map((field) => field.key);

/** Whether a key is a field of the table (others are kept as they are and reported). */
export function isAnnotationKey(key: string): key is AnnotationKey {
  return Object.prototype.hasOwnProperty.call(KNOWN, key);
}

const KNOWN: Readonly<Record<string, true>> = Object.fromEntries(ANNOTATION_KEYS.map((key) => [key, true]));

// Every field of the model has a row, and every row a field of the model: this line fails to compile otherwise.
const tableCoversModel: [Exclude<keyof Annotation, AnnotationKey>, Exclude<AnnotationKey, keyof Annotation>] extends [never, never] ? true : false = true;
void tableCoversModel;
