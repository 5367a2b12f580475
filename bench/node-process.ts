/**
 * Running node as a whole process, as the whole-process figures time it: what it prints is not read
 * (a command's output is part of its cost, not of the figure's), and a non-zero exit fails the figure.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
/** Room for a command's warnings: export over 10,000 seed copies writes 2.5 MB of them (one per relation left out). */
const STDERR_LIMIT_BYTES = 256 * 1024 * 1024;

/**
 * Run `node ARGS` and wait for it.
 * @param args node's arguments: a script and its own
 * @param cwd the working folder (default: the repository root)
 * @throws when it exits non-zero (check exits 1 on findings, export and stats on an unreadable file), with its stderr
 */
export function runNode(args: string[], cwd: string = ROOT): void {
  const result = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: STDERR_LIMIT_BYTES });
  if (result.error) throw new Error(`node ${args.join(' ')} failed: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${(result.stderr ?? '').slice(0, 500)}`);
}
