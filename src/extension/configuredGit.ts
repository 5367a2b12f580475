/**
 * The git the editor runs, as VS Code's own git support finds it: the `git.path` setting (a path, or
 * a list of paths of which the first that exists is taken), else `git` on the PATH.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { Git } from '../core/io/git';

/** VS Code's setting for the git executable, read by its git extension too. */
export const GIT_PATH_SETTING = 'git.path';

/**
 * A `Git` running the configured git; make one per command or session, as it remembers repositories.
 * @returns the git named by `git.path` when it exists, else `git` on the PATH
 */
export function configuredGit(): Git {
  const setting = vscode.workspace.getConfiguration().get<unknown>(GIT_PATH_SETTING);
  const hints = (Array.isArray(setting) ? setting : [setting]).filter((hint): hint is string => typeof hint === 'string' && hint.trim() !== '');
  return new Git(hints.find((hint) => existsSync(hint)) ?? 'git');
}
