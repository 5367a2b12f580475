/**
 * Running git, and what the review of a change asks of it besides the sidecars of a revision
 * (`versions.ts`): the repository holding a folder, the revisions a reviewer picks the base from, and
 * who the reviewer is.
 */
import { execFile } from 'node:child_process';

/** The most bytes git's output may have (it is buffered whole). */
const MAX_BYTES = 256 * 1024 * 1024;

/** How many branches and tags the base picker offers, newest first. */
export const MAX_REFS = 30;

/** Where the default base is looked for: the remote's default branch, then the usual names. */
const DEFAULT_BRANCHES = ['origin/HEAD', 'main', 'master', 'origin/main', 'origin/master'] as const;

/**
 * Run git and resolve to its standard output.
 * @param args git's arguments
 * @param cwd where to run it
 * @param gitPath the git executable (tests name one that does not exist)
 * @throws when git cannot be run or exits with an error
 */
export function runGit(args: readonly string[], cwd: string, gitPath = 'git'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(gitPath, args, { cwd, maxBuffer: MAX_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** A revision the review may compare with. */
export interface BaseChoice {
  /** What git is given: a branch, a tag, or a commit id. */
  revision: string;
  /** What the reviewer reads. */
  label: string;
  /** Why it is offered. */
  detail: string;
}

/**
 * The top folder of the git repository holding a folder, or undefined outside one (or without git).
 * @param folder a folder of the working tree
 * @param gitPath the git executable (tests name one that does not exist)
 */
export async function repositoryRoot(folder: string, gitPath = 'git'): Promise<string | undefined> {
  return runGit(['rev-parse', '--show-toplevel'], folder, gitPath).then(
    (out) => out.trim() || undefined,
    () => undefined,
  );
}

/**
 * The revisions a reviewer picks the base from, the likely one first: where the current branch left
 * the default branch (its merge base with `origin/HEAD`, `main` or `master`, as a pull request's diff
 * counts), then local and remote branches and tags, most recent first.
 * @param folder a folder of the working tree
 * @param gitPath the git executable (tests name one that does not exist)
 */
export async function baseChoices(folder: string, gitPath = 'git'): Promise<BaseChoice[]> {
  const choices: BaseChoice[] = [];
  for (const branch of DEFAULT_BRANCHES) {
    const base = await runGit(['merge-base', 'HEAD', branch], folder, gitPath).then(
      (out) => out.trim(),
      () => '',
    );
    if (base === '') continue;
    choices.push({ revision: base, label: `${branch} (merge base ${base.slice(0, 7)})`, detail: `where this branch left ${branch}, as a pull request into it is compared` });
    break;
  }
  const refs = async (pattern: string, sort: string): Promise<string[]> =>
    runGit(['for-each-ref', `--sort=${sort}`, `--count=${MAX_REFS}`, '--format=%(refname:short)', pattern], folder, gitPath).then(
      (out) => out.split('\n').filter((name) => name !== '' && !name.endsWith('/HEAD') && name !== 'origin'),
      () => [],
    );
  for (const name of await refs('refs/heads', '-committerdate')) choices.push({ revision: name, label: name, detail: 'branch' });
  for (const name of await refs('refs/remotes', '-committerdate')) choices.push({ revision: name, label: name, detail: 'remote branch' });
  for (const name of await refs('refs/tags', '-creatordate')) choices.push({ revision: name, label: name, detail: 'tag' });
  return choices;
}

/**
 * The reviewer's name as git knows it (`user.name`), or undefined when it is not set.
 * @param folder a folder of the working tree (a repository may set its own)
 * @param gitPath the git executable (tests name one that does not exist)
 */
export async function gitUserName(folder: string, gitPath = 'git'): Promise<string | undefined> {
  return runGit(['config', 'user.name'], folder, gitPath).then(
    (out) => out.trim() || undefined,
    () => undefined,
  );
}
