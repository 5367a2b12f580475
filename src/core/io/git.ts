/**
 * Running git, and what the review of a change asks of it besides the sidecars of a revision
 * (`versions.ts`): the repository holding a folder, the revisions a reviewer picks the base from, and
 * who the reviewer is.
 */
import { execFile, spawn } from 'node:child_process';
import * as path from 'node:path';

/** The most bytes git's output may have (it is buffered whole). */
const MAX_BYTES = 256 * 1024 * 1024;

/** How much of git's standard error a failure quotes: its end, where git says what went wrong. */
const MAX_COMPLAINT_CHARS = 2000;

/** How many branches and tags the base picker offers, newest first. */
export const MAX_REFS = 30;

/** Where the default base is looked for: the remote's default branch, then the usual names. */
const DEFAULT_BRANCHES = ['origin/HEAD', 'main', 'master', 'origin/main', 'origin/master'] as const;

/**
 * The git executable, and the one place git is run through: every command, the `cat-file --batch`
 * reads of a revision included, so that a configured git (VS Code's `git.path`) is the one used for
 * all of them. Which repository holds a folder is asked of git once per folder and `Git`: make one per
 * command or session, since a folder can become a repository later.
 */
export class Git {
  private readonly roots = new Map<string, Promise<string | undefined>>();

  /** @param executable the git to run: a path to it, or a name looked up on the PATH (tests name one that does not exist) */
  constructor(readonly executable = 'git') {}

  /**
   * Run git and resolve to its standard output.
   * @param args git's arguments
   * @param cwd where to run it
   * @throws when git cannot be run or exits with an error
   */
  run(args: readonly string[], cwd: string): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(this.executable, args, { cwd, maxBuffer: MAX_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    });
  }

  /**
   * Run git with `input` on its standard input (`cat-file --batch`) and resolve to its output's bytes.
   * @param args git's arguments
   * @param cwd where to run it
   * @param input what git reads
   * @throws when git cannot be run or exits with an error
   */
  runWithInput(args: readonly string[], cwd: string, input: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
      const chunks: Buffer[] = [];
      // Standard error is drained as it comes (left in a pipe, a long complaint would stall git) and its
      // end kept to say why git failed.
      let complaint = '';
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (complaint = (complaint + chunk.toString('utf8')).slice(-MAX_COMPLAINT_CHARS)));
      child.on('error', reject);
      child.on('close', (code) => {
        if (code === 0) resolve(Buffer.concat(chunks));
        else reject(new Error(`git ${args[0] ?? ''} exited with ${code}${complaint.trim() ? `: ${complaint.trim()}` : ''}`));
      });
      child.stdin.on('error', () => undefined); // git gone early: its exit code says why
      child.stdin.end(input);
    });
  }

  /**
   * The top folder of the git repository holding a folder, or undefined outside one (or without git).
   * @param folder a folder of the working tree
   */
  repositoryRoot(folder: string): Promise<string | undefined> {
    const key = path.resolve(folder);
    let root = this.roots.get(key);
    if (root === undefined) {
      root = this.run(['rev-parse', '--show-toplevel'], key).then(
        (out) => out.trim() || undefined,
        () => undefined,
      );
      this.roots.set(key, root);
    }
    return root;
  }
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
 * The revisions a reviewer picks the base from, the likely one first: where the current branch left
 * the default branch (its merge base with `origin/HEAD`, `main` or `master`, as a pull request's diff
 * counts), then local and remote branches and tags, most recent first.
 * @param folder a folder of the working tree
 * @param git the git to run
 */
export async function baseChoices(folder: string, git: Git): Promise<BaseChoice[]> {
  const refs = async (pattern: string, sort: string): Promise<string[]> =>
    git.run(['for-each-ref', `--sort=${sort}`, `--count=${MAX_REFS}`, '--format=%(refname:short)', pattern], folder).then(
      (out) => out.split('\n').filter((name) => name !== '' && !name.endsWith('/HEAD') && name !== 'origin'),
      () => [],
    );
  // Asked of git all at once (the picker waits for every answer), taken in the order of preference.
  const [bases, heads, remotes, tags] = await Promise.all([
    Promise.all(
      DEFAULT_BRANCHES.map((branch) =>
        git.run(['merge-base', 'HEAD', branch], folder).then(
          (out) => out.trim(),
          () => '',
        ),
      ),
    ),
    refs('refs/heads', '-committerdate'),
    refs('refs/remotes', '-committerdate'),
    refs('refs/tags', '-creatordate'),
  ]);
  const choices: BaseChoice[] = [];
  const found = bases.findIndex((base) => base !== '');
  if (found !== -1) {
    const [branch, base] = [DEFAULT_BRANCHES[found]!, bases[found]!];
    choices.push({ revision: base, label: `${branch} (merge base ${base.slice(0, 7)})`, detail: `where this branch left ${branch}, as a pull request into it is compared` });
  }
  for (const name of heads) choices.push({ revision: name, label: name, detail: 'branch' });
  for (const name of remotes) choices.push({ revision: name, label: name, detail: 'remote branch' });
  for (const name of tags) choices.push({ revision: name, label: name, detail: 'tag' });
  return choices;
}

/**
 * The reviewer's name as git knows it (`user.name`), or undefined when it is not set.
 * @param folder a folder of the working tree (a repository may set its own)
 * @param git the git to run
 */
export async function gitUserName(folder: string, git: Git): Promise<string | undefined> {
  return git.run(['config', 'user.name'], folder).then(
    (out) => out.trim() || undefined,
    () => undefined,
  );
}
