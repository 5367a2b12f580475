/**
 * The findings about a sidecar's document (missing, not text, a link, outside the sidecar's folder),
 * worded once for the CLI and the editor alike. Each points at the sidecar's `document:` line.
 */
import type { Finding } from './model';
import { documentPathFor } from './paths';

/** What a file that is a symbolic link is reported as (it follows the file's name in messages). */
export const LINK_PROBLEM =
  'is a symbolic link, which Marginalia does not follow (it may lead outside the workspace); replace it with the file itself';

/**
 * 1-based line of the sidecar's `document:` key (1 when it has none), where document findings point.
 * @param source the sidecar's text
 */
export function documentKeyLine(source: string): number {
  const match = /^document\s*:/m.exec(source);
  return match ? source.slice(0, match.index).split(/\r\n?|\n/).length : 1;
}

/**
 * The document a sidecar names does not exist.
 * @param documentKey the sidecar's `document:` key
 * @param line where the key is
 */
export function documentMissing(documentKey: string, line: number): Finding {
  return {
    severity: 'error',
    code: 'document-missing',
    message: `the annotated document '${documentKey}' does not exist; restore or rename it back, or delete this sidecar if its annotations are no longer wanted`,
    line,
    column: 1,
  };
}

/**
 * The document a sidecar names exists but cannot be read as text.
 * @param documentKey the sidecar's `document:` key
 * @param problem why, phrased to follow the document's name ("is not UTF-8 text…", `LINK_PROBLEM`)
 * @param line where the key is
 */
export function documentUnreadable(documentKey: string, problem: string, line: number): Finding {
  return { severity: 'error', code: 'document-unreadable', message: `the annotated document '${documentKey}' ${problem}`, line, column: 1 };
}

/**
 * A sidecar's `document:` key names no file of the sidecar's own folder (absolute, or climbing out).
 * @param documentKey the key
 * @param sidecarPath the sidecar's path (its name gives the key it should have)
 * @param line where the key is
 */
export function documentOutsideFolder(documentKey: string, sidecarPath: string, line: number): Finding {
  const own = documentPathFor(sidecarPath).split(/[\\/]/).pop();
  return {
    severity: 'error',
    code: 'document-outside-folder',
    message: `document: '${documentKey}' must name a file in the sidecar's own folder (a plain file name such as '${own}'); fix the document key`,
    line,
    column: 1,
  };
}
