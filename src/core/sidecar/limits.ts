/**
 * Limits on what the sidecar reader accepts, so that no file in a workspace can make the extension or
 * the CLI run out of memory or time. docs/format.md lists them.
 */

/**
 * Largest sidecar read, in UTF-16 code units of its text (10 Mi, about 10 MB of mostly ASCII YAML,
 * some 30,000 annotations of the usual size; parsing it takes a few hundred milliseconds).
 */
export const MAX_SIDECAR_LENGTH = 10 * 1024 * 1024;

/** Deepest nesting of YAML collections accepted (a sidecar needs 4; extra keys may nest a little). */
export const MAX_NESTING_DEPTH = 32;

/** Most annotations one sidecar may hold; more is refused (the file is not rewritten) with a finding. */
export const MAX_ANNOTATIONS = 50_000;

/** Longest value of one attribute, in UTF-16 code units: attributes are short fields, notes hold prose. */
export const MAX_ATTRIBUTE_LENGTH = 4_096;
