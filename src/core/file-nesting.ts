/**
 * The explorer file-nesting entry that shows each sidecar under its document. VS Code's
 * `explorer.fileNesting.patterns` maps a file-name pattern to a comma-separated list of child
 * patterns; the key `*` matches every file and `${capture}` stands for the whole name, so
 * `"*": "${capture}.annotations.yaml"` nests `a.txt.annotations.yaml` under `a.txt`. These functions
 * add or remove that one child pattern in whatever list the user already has under `*`, so the user's
 * own patterns survive.
 */
import { SIDECAR_SUFFIX } from './paths';

/** The key of `explorer.fileNesting.patterns` the sidecar pattern goes under. */
export const NESTING_KEY = '*';

/** The child pattern naming a document's sidecar. */
export const SIDECAR_NESTING_PATTERN = '${capture}' + SIDECAR_SUFFIX;

function parts(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * Whether a child-pattern list already nests sidecars.
 * @param list the value under `*`, if any
 */
export function hasSidecarPattern(list: string | undefined): boolean {
  return parts(list).includes(SIDECAR_NESTING_PATTERN);
}

/**
 * The child-pattern list with the sidecar pattern added at the end (unchanged when it is there).
 * @param list the value under `*`, if any
 */
export function withSidecarPattern(list: string | undefined): string {
  if (hasSidecarPattern(list)) return list!;
  return [...parts(list), SIDECAR_NESTING_PATTERN].join(', ');
}

/**
 * The child-pattern list without the sidecar pattern; undefined when nothing else is left, so the
 * caller can remove the key.
 * @param list the value under `*`, if any
 */
export function withoutSidecarPattern(list: string | undefined): string | undefined {
  const rest = parts(list).filter((p) => p !== SIDECAR_NESTING_PATTERN);
  return rest.length > 0 ? rest.join(', ') : undefined;
}
