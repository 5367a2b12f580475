// `npm test`: builds, type-checks, runs the unit tests (node --test) and the integration tests (mocha in a
// real VS Code, through scripts/run-vscode-tests.js: in the Node extension host, again in a multi-root
// workspace, and in the web-worker extension host), prints one summary line per suite and host, and ends
// with one line `N passed, N failed` summing them all. Exits non-zero on any failure; a failed build or
// type check, a crashed runner or a timeout counts as one failure.
//   node scripts/test.mjs                 both suites
//   node scripts/test.mjs --unit          unit tests only (no code-server needed)
//   node scripts/test.mjs --integration   integration tests only
// Any other argument goes to scripts/run-vscode-tests.js (e.g. --verbose, --timeout 600).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS = join(ROOT, '.artifacts');
const RESULT_MARKER = '[[harness:result]]'; // logged by test/extension/index.ts
const FAILURES_MARKER = '[[harness:failures]]'; // logged by scripts/run-vscode-tests.js

const SUITE_FLAGS = ['--unit', '--integration'];
const flags = process.argv.slice(2).filter((arg) => SUITE_FLAGS.includes(arg));
// Everything else goes to the integration runner (`npm run test:integration -- --verbose`).
const runnerArgs = process.argv.slice(2).filter((arg) => !SUITE_FLAGS.includes(arg) && arg !== '--');
const runUnit = flags.length === 0 || flags.includes('--unit');
const runIntegration = flags.length === 0 || flags.includes('--integration');
// The runner stops itself after --timeout seconds (480 by default); this outer limit catches a runner that hangs.
const timeoutArg = runnerArgs.indexOf('--timeout');
const integrationLimitMs = ((timeoutArg === -1 ? 480 : Number(runnerArgs[timeoutArg + 1])) + 60) * 1000;

/** Problems outside the suites (build, type check, runner), each counted as one failure. */
const problems = [];
/** One summary per suite run: { name, passed, failed, skipped }. */
const suites = [];
/** Suites that could not run here, each with the reason, said in the summary. */
const notRun = [];
const step = (title) => console.log(`\n=== ${title}`);

/**
 * Run a command in the repository root, its output shown as it comes.
 * @param {string} command the program
 * @param {string[]} args its arguments
 * @param {{ capture?: boolean, timeoutMs?: number }} [options] capture: also collect stdout; timeoutMs: SIGTERM after that long
 * @returns {Promise<{ code: number, stdout: string, timedOut: boolean }>} exit code (128+N after signal N)
 */
function exec(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', options.capture ? 'pipe' : 'inherit', 'inherit'] });
    let stdout = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk) => {
      process.stdout.write(chunk);
      stdout += chunk;
    });
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          console.error(`test: ${command} ${args.join(' ')} still running after ${options.timeoutMs / 1000}s, stopping it`);
          child.kill('SIGTERM');
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(`test: could not start ${command}: ${error.message}`);
      resolve({ code: 127, stdout, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128 + ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0), stdout, timedOut });
    });
  });
}

/**
 * Compiled unit-test files under out/test (not out/test/extension) whose TypeScript source still exists,
 * since tsc leaves the output of a deleted test behind.
 * @param {string} dir a folder under out/test
 * @returns {string[]} paths relative to the repository root, sorted
 */
function unitTestFiles(dir = join(ROOT, 'out', 'test')) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) return file === join(ROOT, 'out', 'test', 'extension') ? [] : unitTestFiles(file);
      if (!entry.name.endsWith('.test.js')) return [];
      const source = join(ROOT, relative(join(ROOT, 'out'), file)).replace(/\.js$/, '.ts');
      return existsSync(source) ? [relative(ROOT, file)] : [];
    })
    .sort();
}

/**
 * Read a counter from the TAP summary node --test writes at the end (`# pass 12`).
 * @param {string} tap the TAP text
 * @param {string} key pass, fail, cancelled, skipped or todo
 * @returns {number | undefined} undefined when the summary is missing (the runner crashed)
 */
function tapCount(tap, key) {
  const match = new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap);
  return match ? Number(match[1]) : undefined;
}

/**
 * The tests that failed in a TAP report of node --test, innermost only (a suite whose subtests failed is
 * left out), each with the first line of its error.
 * @param {string} tap the report
 * @returns {{ title: string, error?: string }[]}
 */
function tapFailures(tap) {
  const lines = tap.split('\n');
  const failures = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*)not ok \d+ - (.*)$/.exec(lines[i]);
    if (!match) continue;
    const block = [];
    for (let j = i + 2; j < lines.length && lines[j].trim() !== '...'; j++) block.push(lines[j].trim());
    if (block.some((l) => l === "failureType: 'subtestsFailed'")) continue;
    const at = block.findIndex((l) => l.startsWith('error: '));
    const inline = at === -1 ? undefined : block[at].slice('error: '.length);
    const error = inline === '|-' || inline === '|' ? block[at + 1] : inline?.replace(/^'(.*)'$/, '$1');
    failures.push({ title: match[2], error });
  }
  return failures;
}

async function unitSuite() {
  const files = unitTestFiles();
  step(`unit tests: node --test, ${files.length} file(s)`);
  if (files.length === 0) {
    suites.push({ name: 'unit', passed: 0, failed: 0, skipped: 0 });
    return;
  }
  const tapFile = join(ARTIFACTS, 'unit-tests.tap');
  const { code } = await exec(process.execPath, [
    '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
    ...files,
  ]);
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const passed = tapCount(tap, 'pass');
  const failed = (tapCount(tap, 'fail') ?? 0) + (tapCount(tap, 'cancelled') ?? 0);
  if (passed === undefined) {
    problems.push(`node --test ended (exit ${code}) without a summary in ${relative(ROOT, tapFile)}`);
  } else if (code !== 0 && failed === 0) {
    problems.push(`node --test exited with ${code} although no test failed`);
  }
  const failures = tapFailures(tap);
  suites.push({
    name: 'unit',
    passed: passed ?? 0,
    failed,
    skipped: (tapCount(tap, 'skipped') ?? 0) + (tapCount(tap, 'todo') ?? 0),
    failures,
  });
}

/**
 * Run the integration tests once in a workspace and add its counts to the summary.
 * @param {string} name the suite's name in the summary
 * @param {string[]} suiteArgs runner arguments choosing the workspace (none: seeds/) and the host (none: Node)
 */
async function integrationSuite(name, suiteArgs) {
  step(`${name} tests: mocha in VS Code (code-server + Chromium)`);
  const { code, stdout, timedOut } = await exec(process.execPath, [join('scripts', 'run-vscode-tests.js'), ...suiteArgs, ...runnerArgs], {
    capture: true,
    timeoutMs: integrationLimitMs,
  });
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(RESULT_MARKER));
  if (!line) {
    problems.push(timedOut || code === 124 ? 'the integration run timed out' : `the integration runner ended (exit ${code}) before the tests reported`);
    suites.push({ name, passed: 0, failed: 0, skipped: 0 });
    return;
  }
  const result = JSON.parse(line.slice(RESULT_MARKER.length));
  const failed = result.failed;
  if (result.incomplete) {
    const why = timedOut || code === 124 ? 'timed out' : `ended (exit ${code})`;
    problems.push(`the integration run ${why} before it finished${result.running ? `, during: ${result.running}` : ''}`);
  } else if (code !== 0 && failed === 0) {
    problems.push(`the integration runner exited with ${code} although no test failed`);
  }
  const failuresLine = stdout.split('\n').reverse().find((l) => l.startsWith(FAILURES_MARKER));
  const failures = failuresLine ? JSON.parse(failuresLine.slice(FAILURES_MARKER.length)) : [];
  suites.push({ name, passed: result.passed, failed, skipped: result.pending ?? 0, failures });
}

/**
 * Bundle the integration tests for the browser and run them in the web-worker extension host, which loads
 * the extension's `browser` entry (docs/web-worker-tests.md).
 */
async function webWorkerSuite() {
  const name = 'integration (web worker)';
  step('build: node scripts/build-web-tests.mjs');
  if ((await exec(process.execPath, [join('scripts', 'build-web-tests.mjs')])).code !== 0) {
    problems.push('the web test bundle failed');
    suites.push({ name, passed: 0, failed: 0, skipped: 0 });
    return;
  }
  // Its own artifacts folder: the same tests take the same screenshots in both hosts.
  await integrationSuite(name, ['--host', 'web', '--artifacts', join('.artifacts', 'web-worker')]);
}

mkdirSync(ARTIFACTS, { recursive: true });
let buildOk = true;
if (runIntegration) {
  step('setup: Debian packages and code-server (scripts/ensure-deps.sh)');
  if ((await exec('bash', [join('scripts', 'ensure-deps.sh')])).code !== 0) {
    problems.push('scripts/ensure-deps.sh failed');
    buildOk = false;
  }
}
step('build: node scripts/build.mjs');
if ((await exec(process.execPath, [join('scripts', 'build.mjs')])).code !== 0) {
  problems.push('the esbuild bundle failed');
  buildOk = false;
}
step('type check and compile: tsc -p .');
if ((await exec(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'])).code !== 0) {
  // tsc still writes out/ when there are type errors, so the tests run anyway.
  problems.push('tsc reported type errors');
}
if (runUnit) await unitSuite();
if (runIntegration) {
  if (buildOk) {
    await integrationSuite('integration (extension host)', []);
    // Multi-root: a second run in a workspace of two folders, each with its own labels
    // (test/extension/multi-root/ runs only there, every other test only in seeds/).
    await integrationSuite('integration (multi-root)', ['--workspace', join('test', 'fixtures', 'multi-root')]);
    if (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).browser) await webWorkerSuite();
    else notRun.push('integration (web worker): package.json has no "browser" entry');
  }
  else console.log('\n=== integration tests skipped: setup or build failed');
}

step('summary');
for (const s of suites) {
  console.log(`${s.name}: ${s.passed} passed, ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}`);
}
// Repeated here because a CI log is often read from its end: which tests failed, and why.
for (const s of suites) {
  for (const f of s.failures ?? []) console.log(`  failed in ${s.name}: ${f.title}${f.error ? `\n    ${f.error}` : ''}`);
}
for (const n of notRun) console.log(`not run: ${n}`);
for (const p of problems) console.log(`counted as a failure: ${p}`);
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0) + problems.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
