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
