// The mocha entry the web-worker extension host loads with --extensionTestsPath (scripts/run-vscode-tests.js
// --host web). The worker has no Node: scripts/build-web-tests.mjs bundles this runner, mocha's browser
// build and the integration tests that apply in a browser into one CommonJS module, out/test/web/tests.js,
// whose `run` calls the one here with every test file. It reports as test/extension/index.ts does, so
// scripts/test.mjs counts both hosts the same way.
import { harness, RESULT_MARKER, reportTestEvents, type Counts } from '../extension/harness';

/** A test file of the bundle: its path below test/extension, and a function that runs its top level. */
export type TestFile = [name: string, load: () => unknown];

/** Mocha's browser build, as scripts/build-web-tests.mjs bundles it (it also sets the `mocha` global). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadMocha = (): BrowserMocha => require('mocha/mocha.js') as BrowserMocha;

/**
 * Run the bundled integration tests in the web worker, then log one machine-readable line with the counts.
 * The runner's harness file gives the grep ($MARGINALIA_TEST_GREP of the run).
 * @param files the test files, in the order to load them
 * @returns resolves when every test passed; rejects otherwise (the host then exits non-zero)
 */
export async function run(files: TestFile[]): Promise<void> {
  const mocha = loadMocha();
  // `reporter` is spec, which writes through console.log (the browser build's default would need a DOM).
  mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 20000 });
  const grep = (await harness())?.settings.grep;
  if (grep) mocha.grep(grep);
  for (const [name, load] of files) {
    try {
      load();
    } catch (error) {
      throw new Error(`test/extension/${name} failed to load: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  const counts: Counts = { passed: 0, failed: 0, pending: 0 };
  return new Promise((resolve, reject) => {
    // Mocha's own run, not the browser build's wrapper: that one reads `location`, which VS Code's worker lacks.
    const runner = Mocha.prototype.run.call(mocha, (failures) => {
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: counts.passed, failed: failures, pending: counts.pending })}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    reportTestEvents(runner, counts);
  });
}
