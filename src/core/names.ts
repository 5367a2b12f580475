/**
 * What annotation ids and label names may be made of. Both reach trusted Markdown (hovers, the status
 * bar) and command arguments, so they are kept to characters with no meaning there; a sidecar record
 * or a label outside these patterns is an error, reported with its line.
 */

/** An annotation id: 1 to 64 ASCII letters, digits, `_` and `-` (Marginalia makes 8 lowercase hex digits). */
export const ANNOTATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A label name: letters and digits of any script, then also `_`, `.` and `-`. */
export const LABEL_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

/**
 * Whether a text can be an annotation id.
 * @param id the candidate
 */
export function isAnnotationId(id: string): boolean {
  return ANNOTATION_ID.test(id);
}

/**
 * Whether a text can be a label name.
 * @param label the candidate
 */
export function isLabelName(label: string): boolean {
  return LABEL_NAME.test(label);
}

/** An attribute name: a letter or `_`, then letters, digits, `_` and `-`. */
const ATTRIBUTE_NAME = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/**
 * Whether a text can be the name of a label's attribute.
 * @param name the candidate
 */
export function isAttributeName(name: string): boolean {
  return ATTRIBUTE_NAME.test(name);
}
