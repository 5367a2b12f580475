/**
 * Where a document's sidecar lives: beside it, named `<document file name>.annotations.yaml`.
 * Paths here are plain strings with `/` separators (file system paths or URI paths alike).
 */

/** The suffix every sidecar file name ends with. */
export const SIDECAR_SUFFIX = '.annotations.yaml';

/**
 * The sidecar path of a document.
 * @param documentPath the document's path
 */
export function sidecarPathFor(documentPath: string): string {
  return documentPath + SIDECAR_SUFFIX;
}

/**
 * Whether a path names a sidecar.
 * @param path any path
 */
export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX);
}

/**
 * The path of the document a sidecar would belong to by its name alone (the `document:` key inside
 * the sidecar is what counts when it differs).
 * @param sidecarPath a path for which `isSidecarPath` holds
 */
export function documentPathFor(sidecarPath: string): string {
  return sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
}
