/**
 * Earlier versions of a document from git, for `check --fix` to find the text a sidecar's annotations
 * were verified against (`findPreviousText`). Outside a repository, for a file git does not track, or
 * without git, there are none.
 */
import * as path from 'node:path';
import type { DocumentVersions } from '../core/anchoring/previous-text';
import { Git } from '../core/io/git';

/** How many commits touching the document are looked at, newest first. */
export const MAX_COMMITS = 50;

/**
 * The versions of a file that git holds, newest first: the staged one, then the one of each of the
 * last `MAX_COMMITS` commits that touched it (following renames).
 * @param file the document's path
 * @param git the git to run (share one across documents: the repository of their folder is asked once)
 */
export async function* gitVersions(file: string, git = new Git()): DocumentVersions {
  const cwd = path.dirname(file);
  const run = (args: string[]): Promise<string | undefined> => git.run(args, cwd).catch(() => undefined);
  if ((await git.repositoryRoot(cwd)) === undefined) return; // not a repository, or no git
  // `:./name` is the staged file relative to `cwd`; `commit:name` below is relative to the root, as the log names it.
  const staged = await run(['show', `:./${path.basename(file)}`]);
  if (staged !== undefined) yield staged;
  const log = await run(['log', '--follow', '--format=%x00%H', '--name-only', `-n${MAX_COMMITS}`, '--', path.basename(file)]);
  for (const entry of (log ?? '').split('\0').slice(1)) {
    const [commit, ...names] = entry.split('\n').filter((line) => line !== '');
    const name = names[names.length - 1];
    if (commit === undefined || name === undefined) continue;
    const version = await run(['show', `${commit}:${name}`]);
    if (version !== undefined) yield version;
  }
}
