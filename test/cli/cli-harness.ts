import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { Git } from '../../src/core/io/git';
import { fixturePath, REPO_ROOT } from '../fixture-path';
import { copyFolder } from './export-harness';

/** What one CLI run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI in-process, as `marginalia ...args` started in `cwd`.
 * @param args the arguments after `marginalia`
 * @param cwd the working folder
 * @param git the git it runs (default: git on the PATH)
 */
export async function marginalia(args: string[], cwd: string, git?: Git): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd,
    ...(git ? { git } : {}),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/**
 * A fresh copy of the repository's `seeds/` folder in a temporary folder.
 * @returns the copy's path and a function that deletes it
 */
export function copyOfSeeds(): { dir: string; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'marginalia-seeds-'));
  const dir = path.join(root, 'seeds');
  cpSync(path.join(REPO_ROOT, 'seeds'), dir, { recursive: true });
  return { dir, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Run the CLI as a separate process, killed after `timeoutMs`: for inputs that once hung it (a named
 * pipe), so that a regression fails the test instead of hanging the suite.
 * @param args the arguments after `marginalia`
 * @param cwd the working folder
 * @param timeoutMs how long the run may take
 * @returns what it printed and its exit code (null when it had to be killed)
 */
export function marginaliaProcess(args: string[], cwd: string, timeoutMs = 15_000): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'out', 'src', 'cli', 'main.js'), ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Run `git ...args` in `cwd`.
 * @returns what it printed on standard output
 */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Make `dir` a git repository on branch `main`, with a committer set, signing off and line ends kept
 * as they are, so that commits in it work, and hold the files byte for byte, whatever the machine's
 * git configuration.
 */
export function initRepository(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Lead');
  git(dir, 'config', 'user.email', 'lead@example.org');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'config', 'core.autocrlf', 'false');
}

/**
 * An empty git repository `repo/` in `dir` (see {@link initRepository}).
 * @returns the repository's path
 */
export function gitRepository(dir: string): string {
  const repo = path.join(dir, 'repo');
  mkdirSync(repo);
  initRepository(repo);
  return repo;
}

/** Make `dir` a git repository (see {@link initRepository}) with everything in it committed as `message`. */
export function commitAll(dir: string, message: string): void {
  initRepository(dir);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', message);
}

/**
 * A repository in `dir` whose branches `alice` and `bob` hold the fixture folders `a/` and `b/` of
 * test/fixtures/agreement under `corpus/`, and whose `main` holds neither.
 * @returns the repository's path, checked out on `main`
 */
export function twoAnnotatorBranches(dir: string): string {
  const repo = gitRepository(dir);
  writeFileSync(path.join(repo, 'README'), 'corpus\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'start');
  for (const [branch, folder] of [
    ['alice', 'a'],
    ['bob', 'b'],
  ] as const) {
    git(repo, 'checkout', '-q', '-b', branch, 'main');
    copyFolder(fixturePath('agreement', folder), path.join(repo, 'corpus'));
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', `${branch}'s annotations`);
    rmSync(path.join(repo, 'corpus'), { recursive: true });
    git(repo, 'checkout', '-q', '.');
  }
  git(repo, 'checkout', '-q', 'main');
  return repo;
}

/**
 * The fixture folders `a/` and `b/` of test/fixtures/agreement copied into `dir`, with b's sidecar of
 * report.txt replaced by one that cannot be parsed: one side unreadable, the other readable.
 */
export function twoAnnotatorFoldersOneUnreadable(dir: string): void {
  copyFolder(fixturePath('agreement', 'a'), path.join(dir, 'a'));
  copyFolder(fixturePath('agreement', 'b'), path.join(dir, 'b'));
  cpSync(fixturePath('bad', 'malformed-yaml', 'doc.txt.annotations.yaml'), path.join(dir, 'b', 'report.txt.annotations.yaml'));
}

/** A git that records the command each call runs, options left out (`ls-tree alice`, `cat-file --batch`), in the order asked. */
export class RecordingGit extends Git {
  readonly calls: string[] = [];

  override run(args: readonly string[], cwd: string): Promise<string> {
    this.calls.push(args.filter((a) => !a.startsWith('-')).join(' '));
    return super.run(args, cwd);
  }

  override runWithInput(args: readonly string[], cwd: string, input: string): Promise<Buffer> {
    this.calls.push(args.join(' '));
    return super.runWithInput(args, cwd, input);
  }
}
