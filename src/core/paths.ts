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

/**
 * The path of the document a sidecar's `document:` key names, when it is a file in the sidecar's own
 * folder or below it. A key that is absolute, has a drive letter or a backslash, or has a `..` segment
 * names nothing: it could make a tool read or write files it should not touch. The one rule for the
 * key, for the CLI and the editor alike; where links lead is checked when the file is read
 * (`core/io/inside.ts`).
 * @param sidecarPath the sidecar's path (`/` separators)
 * @param documentKey the value of its `document:` key
 * @returns the document's path (`/` separators), or undefined when the key names no such file
 */
export function documentPathFromKey(sidecarPath: string, documentKey: string): string | undefined {
  if (documentKey === '' || documentKey.startsWith('/') || /^[a-zA-Z]:|\\/.test(documentKey)) return undefined;
  const parts = documentKey.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return `${sidecarPath.slice(0, sidecarPath.lastIndexOf('/'))}/${parts.join('/')}`;
}
