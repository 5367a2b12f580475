// The mocha entry VS Code's extension host loads with --extensionTestsPath, under both runners:
// scripts/run-vscode-tests.js (code-server) and scripts/run-electron-tests.js (@vscode/test-electron).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { RESULT_MARKER, reportTestEvents, type Counts } from './harness';
import { takeReloadNote } from './reload';

/** The folder of the tests that run in the multi-root workspace (scripts/test.mjs's second run). */
const MULTI_ROOT_TESTS = 'multi-root';

/** Test files that reload the window, which ends the run: they run after every other (see reload.ts). */
const RELOADING_TESTS = ['pendingChanges.test.js'];

/** The counts of this run so far, for a test that reloads the window to hand on. */
export const counts: Counts = { passed: 0, failed: 0, pending: 0 };

/**
 * Every compiled `*.test.js` under a folder whose TypeScript source still exists: tsc never deletes
 * outputs, so a test file that was renamed or removed would otherwise keep running from `out/`.
 * @param dir a folder under out/test/extension
 * @param sourceDir the matching folder under test/extension
 */
function findTests(dir: string, sourceDir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(file, path.join(sourceDir, entry.name));
    if (!entry.name.endsWith('.test.js')) return [];
    return fs.existsSync(path.join(sourceDir, entry.name.replace(/\.js$/, '.ts'))) ? [file] : [];
  });
}

/**
 * Run every integration test, then log one machine-readable line with the counts.
 * Set MARGINALIA_TEST_GREP to run only the tests whose full title matches it.
 * @returns resolves when every test passed; rejects otherwise (the host then exits non-zero)
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'spec' });
  // After a reload a test asked for: only the tests it names, counted with the run before.
  const before = takeReloadNote();
  const grep = before?.grep ?? process.env.MARGINALIA_TEST_GREP;
  if (grep) mocha.grep(grep);
  const sourceDir = path.resolve(__dirname, '..', '..', '..', 'test', 'extension');
  const reloading = (file: string) => RELOADING_TESTS.includes(path.basename(file));
  // The tests of multi-root/ need the workspace of test/fixtures/multi-root; the others, seeds/ alone.
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const inMultiRoot = (file: string) => path.relative(__dirname, file).split(path.sep)[0] === MULTI_ROOT_TESTS;
  const files = findTests(__dirname, sourceDir).sort().filter((file) => inMultiRoot(file) === multiRoot);
  for (const file of [...files.filter((f) => !reloading(f)), ...files.filter(reloading)]) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = (runner.stats?.passes ?? 0) + (before?.passed ?? 0);
        const pending = (runner.stats?.pending ?? 0) + (before?.pending ?? 0);
        failures += before?.failed ?? 0;
        console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed: failures, pending })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      reportTestEvents(runner, counts);
    } catch (error) {
      reject(error);
    }
  });
}
