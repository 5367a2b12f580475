/**
 * The one rule for which `.marginalia.yaml` applies to a file, the same for the CLI and the editor:
 * the nearest one in the file's folder or a folder above it, stopping at the repository root (a folder
 * holding `.git`) or at the workspace root, whichever comes first. A configuration above the
 * repository (or above the workspace) never applies: a stray file in a home or temporary folder must
 * not change a project's labels. Without one, the defaults apply. Documented in docs/format.md.
 *
 * Paths are plain strings with `/` separators (file system paths or URI paths alike).
 */

/** What the rule needs to know of a folder. */
export interface ConfigFolderFacts {
  /** The folder holds a `.marginalia.yaml`. */
  hasConfig: boolean;
  /** The folder is a repository root: it holds `.git` (a folder, or a file for a submodule or worktree). */
  isRepositoryRoot: boolean;
}

/**
 * The folder whose `.marginalia.yaml` applies to files in `folder`.
 * @param folder the folder of the document or sidecar (absolute, `/` separators)
 * @param workspaceRoot the workspace root (the editor's workspace folder), or undefined for none (the
 *   CLI: the repository root, or the file system's root outside a repository, ends the search)
 * @param facts what is known of a folder; asked nearest first, at most once per folder
 * @returns the folder holding the configuration, or undefined when the defaults apply
 */
export function labelConfigFolder(folder: string, workspaceRoot: string | undefined, facts: (folder: string) => ConfigFolderFacts): string | undefined {
  const root = workspaceRoot === undefined ? undefined : trimSlash(workspaceRoot);
  let current = trimSlash(folder);
  if (root !== undefined && current !== root && !current.startsWith(root === '/' ? '/' : `${root}/`)) return undefined;
  for (;;) {
    const known = facts(current);
    if (known.hasConfig) return current;
    const parent = parentOf(current);
    if (known.isRepositoryRoot || current === root || parent === undefined) return undefined;
    current = parent;
  }
}

function trimSlash(folder: string): string {
  return folder.length > 1 && folder.endsWith('/') && !/^[a-zA-Z]:\/$/.test(folder) ? folder.slice(0, -1) : folder;
}

/** The folder above, or undefined at a root (`/`, `C:/`). */
function parentOf(folder: string): string | undefined {
  const slash = folder.lastIndexOf('/');
  if (slash < 0 || folder === '/' || /^[a-zA-Z]:\/?$/.test(folder)) return undefined;
  const parent = folder.slice(0, slash);
  return parent === '' ? '/' : /^[a-zA-Z]:$/.test(parent) ? `${parent}/` : parent;
}
