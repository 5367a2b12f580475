// What the integration tests share with the runner that drives them (scripts/run-vscode-tests.js), in
// either extension host: the Node one and the web worker, where neither `process.env` nor `node:fs` exist.
// The runner writes `marginalia-harness.json` beside the workspace it opens (beside the folder, or beside
// the .code-workspace file) and reads what the tests log; the tests reach that file through
// `vscode.workspace.fs`, which both hosts offer.
import * as vscode from 'vscode';

/** Prefix of the line scripts/test.mjs reads to count a suite's results. */
export const RESULT_MARKER = '[[harness:result]]';
/**
 * Prefix of a line per test event (`started`, `passed`, `failed` and the full title; after `failed`,
 * `error` and the first line of its message as JSON), which
 * scripts/run-vscode-tests.js counts and hides: when the host hangs or crashes before the end, the runner
 * can still say what passed and which test was running.
 */
export const TEST_MARKER = '[[harness:test]]';

/** The file the runner writes beside the workspace it opens. */
export const HARNESS_FILE = 'marginalia-harness.json';

/** What the runner tells the tests (scripts/run-vscode-tests.js writes it). */
export interface HarnessSettings {
  /** The extension host the tests run in. */
  host: 'node' | 'web';
  /** Mocha grep of the tests to run ($MARGINALIA_TEST_GREP), if any. */
  grep?: string;
  /** Absolute path on the machine running code-server where the runner writes screenshots. */
  screenshots: string;
}

/** The harness file and its content, once read. */
export interface Harness {
  /** The harness file: a URI of the host's own scheme (file: in the Node host, vscode-remote: in the web worker). */
  uri: vscode.Uri;
  settings: HarnessSettings;
}

let read: Promise<Harness | undefined> | undefined;

/**
 * The runner's settings, or undefined when the tests run under another runner (e.g. @vscode/test-electron).
 * Read once per run.
 */
export function harness(): Promise<Harness | undefined> {
  read ??= readHarness();
  return read;
}

async function readHarness(): Promise<Harness | undefined> {
  const opened = vscode.workspace.workspaceFile ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!opened || opened.scheme === 'untitled') return undefined;
  const uri = vscode.Uri.joinPath(opened, '..', HARNESS_FILE);
  try {
    const settings = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as HarnessSettings;
    return { uri, settings };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

/**
 * A file on the runner's machine, as a URI the current host reads through `vscode.workspace.fs`.
 * @param found the harness
 * @param absolutePath an absolute POSIX path on that machine
 */
export function runnerFile(found: Harness, absolutePath: string): vscode.Uri {
  return found.uri.with({ path: absolutePath });
}

/** Counts of a run, kept current as tests end. */
export interface Counts {
  passed: number;
  failed: number;
  pending: number;
}

/**
 * Log a line per test event for the runner, and keep `counts` current.
 * @param runner the mocha run
 * @param counts updated as tests pass, fail or are skipped
 */
export function reportTestEvents(runner: Mocha.Runner, counts: Counts): void {
  runner.on('test', (test) => console.log(`${TEST_MARKER} started ${test.fullTitle()}`));
  runner.on('pass', (test) => {
    counts.passed++;
    console.log(`${TEST_MARKER} passed ${test.fullTitle()}`);
  });
  runner.on('fail', (test, error: unknown) => {
    counts.failed++;
    console.log(`${TEST_MARKER} failed ${test.fullTitle()}`);
    // The runner repeats the first line of the error in the run's last lines, where CI logs are read.
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${TEST_MARKER} error ${JSON.stringify(message.split('\n')[0].slice(0, 300))}`);
  });
  runner.on('pending', () => counts.pending++);
}
