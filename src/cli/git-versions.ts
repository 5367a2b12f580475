/**
 * Earlier versions of a document from git, for `check --fix` to find the text a sidecar's annotations
 * were verified against (`findPreviousText`). Outside a repository, for a file git does not track, or
 * without git on the PATH, there are none.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { DocumentVersions } from '../core/anchoring/previous-text';

/** How many commits touching the document are looked at, newest first. */
export const MAX_COMMITS = 50;

/** The most bytes one version may have (git's output is buffered whole). */
const MAX_BYTES = 256 * 1024 * 1024;

/**
 * The versions of a file that git holds, newest first: the staged one, then the one of each of the
 * last `MAX_COMMITS` commits that touched it (following renames).
 * @param file the document's path
 * @param git the git executable (tests name one that does not exist)
 */
export async function* gitVersions(file: string, git = 'git'): DocumentVersions {
  const cwd = path.dirname(file);
  const run = (args: string[]): Promise<string | undefined> =>
    new Promise((resolve) => {
      execFile(git, args, { cwd, maxBuffer: MAX_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout));
    });
  const prefix = await run(['rev-parse', '--show-prefix']);
  if (prefix === undefined) return; // not a repository, or no git
  const inRepository = prefix.trim() + path.basename(file);
  const staged = await run(['show', `:${inRepository}`]);
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
