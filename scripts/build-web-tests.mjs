// Bundles the integration tests that apply in a browser, with mocha's browser build and the runner of
// test/web/index.ts, into one CommonJS module for the web-worker extension host: out/test/web/tests.js
// (scripts/run-vscode-tests.js --host web loads it). Every test file under test/extension runs in both
// hosts except those listed in NODE_ONLY below, each with the reason. A test file that imports a Node
// built-in fails this build: rewrite it through vscode.workspace.fs (test/extension/repo-files.ts), or list it.
// `node:assert/strict` is replaced by test/web/assert.ts; a test using a function it lacks fails the build too.
//   node scripts/build-web-tests.mjs [--tests DIR] [--outfile FILE]
//     --tests DIR      the test folder (default test/extension); fixtures use their own
//     --outfile FILE   (default out/test/web/tests.js)
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { noNodeBuiltins } from './lib/no-node-builtins.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Test files (below test/extension) that need the Node extension host, and why. */
const NODE_ONLY = {
  'adjudication.test.ts': 'adjudicates git branches and folders made with Node fs and child_process; adjudicating runs git, which the web worker host has not',
  'exportCommand.test.ts': 'compares with the CLI\'s output (src/cli, Node fs) in a temporary folder',
  'pendingChanges.test.ts': 'reloads the window, and carries the run across it in a file written with Node fs (reload.ts)',
  'performance.test.ts': 'times the Node host on a generated workspace written with Node fs; speed is the benchmark\'s',
  'reliability.test.ts': 'makes git repositories (child_process), symbolic links and unreadable files',
  'review.test.ts': 'makes a git repository (child_process) and runs the CLI; the review runs git, which the web worker host has not',
  'sidecarCache.test.ts': 'sets modification times and a storage folder under os.tmpdir() with Node fs',
  'multi-root': 'runs only in the multi-root workspace, the Node host\'s second run',
};

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

const testsDir = resolve(ROOT, option('--tests', join('test', 'extension')));
const outfile = resolve(ROOT, option('--outfile', join('out', 'test', 'web', 'tests.js')));
const excluded = testsDir === join(ROOT, 'test', 'extension') ? NODE_ONLY : {};

/** Test files below a folder, in path order, less the excluded ones (names relative to the folder). */
function testFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const name = prefix + entry.name;
      if (name in excluded) return [];
      if (entry.isDirectory()) return testFiles(join(dir, entry.name), `${name}/`);
      return /\.test\.[jt]s$/.test(entry.name) ? [name] : [];
    });
}

const files = testFiles(testsDir);
const load = (name) => `  [${JSON.stringify(name)}, () => require(${JSON.stringify('./' + relative(ROOT, join(testsDir, name)))})],`;
const entry = `const { run } = require('./test/web/index.ts');\nexports.run = () => run([\n${files.map(load).join('\n')}\n]);\n`;

/** node:assert/strict → the stand-in of test/web/assert.ts. */
const assertStandIn = {
  name: 'assert-stand-in',
  setup(bundler) {
    bundler.onResolve({ filter: /^(node:)?assert\/strict$/ }, () => ({ path: join(ROOT, 'test', 'web', 'assert.ts') }));
  },
};

const result = await build({
  stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'web-tests-entry.js', loader: 'js' },
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  outfile,
  external: ['vscode'],
  // The stand-in resolves node:assert/strict first; any other Node built-in is refused, its importer named.
  plugins: [assertStandIn, noNodeBuiltins(ROOT, 'rewrite it through vscode.workspace.fs (test/extension/repo-files.ts), or list the test file in NODE_ONLY')],
  sourcemap: true,
  logLevel: 'error',
});
// esbuild only warns about an import that does not exist (an assert function the stand-in lacks): fail.
if (result.warnings.length > 0) {
  for (const warning of result.warnings) console.error(`build-web-tests: ${warning.location?.file ?? ''}:${warning.location?.line ?? ''}: ${warning.text}`);
  process.exit(1);
}
console.log(`build-web-tests: ${files.length} test file(s) → ${relative(ROOT, outfile)} (Node only: ${Object.keys(excluded).join(', ') || 'none'})`);
