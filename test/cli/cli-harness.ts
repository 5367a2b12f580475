import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { REPO_ROOT } from '../fixture-path';

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
 */
export async function marginalia(args: string[], cwd: string): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd,
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
