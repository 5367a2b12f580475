#!/usr/bin/env node
// Runs the extension's integration tests (test/extension, mocha) inside a real VS Code without downloading
// anything: code-server from npm (installed by scripts/ensure-deps.sh), Chromium from Debian, driven by
// playwright-core. Adapted from the reference harness in ../shared/vscode-host.
//
// The tests run in code-server's Node extension host (the extension is loaded from a vscode-remote:// URI),
// as in VS Code's own browser integration tests, or with --host web in the workbench's web-worker extension
// host: the extension's `browser` entry, and a browser bundle of the tests (out/test/web/tests.js, from
// scripts/build-web-tests.mjs), which the workbench runs in the host of the extension whose folder holds
// them. An extension with both `main` and `browser` runs in the Node host of a remote window unless its
// extension kind says web: the payload's ["extensionDevelopmentKind","web"] would, but VS Code 1.100's
// browser workbench ignores it (it parses it as `extensionDevelopmentLocationKind`, while the extension
// service reads `extensionDevelopmentKind`), so the runner sets `remote.extensionKind` to web for the
// extension in the profile's settings, the user setting VS Code reads for the same purpose:
//   http://127.0.0.1:PORT/?folder=/tmp/.../seeds&payload=[["extensionDevelopmentPath","vscode-remote://127.0.0.1:PORT/<repo>"],
//                                                        ["extensionTestsPath","vscode-remote://127.0.0.1:PORT/<repo>/out/test/extension/index"]]
// The workbench calls window.codeAutomationLog(type, args) for each log line (the extension host's console
// included) and window.codeAutomationExit(code, logs) when the tests end; both are exposed with page.exposeFunction().
//
// Usage: node scripts/run-vscode-tests.js [options]   (build and compile first: npm test does both)
//   --host node|web              the extension host the extension and its tests run in (default node)
//   --code-server DIR            code-server package folder (default $CODE_SERVER_DIR or .cache/code-server/node_modules/code-server)
//   --extensionDevelopmentPath P the extension (default: the repository root)
//   --extensionTestsPath P       mocha entry (default: out/test/extension/index, with --host web out/test/web/tests.js)
//   --workspace P                folder copied to a temporary folder and opened (default: seeds/); the
//                                tests only ever see the copy, so they never modify the repository. A
//                                folder holding a *.code-workspace file is opened as that (multi-root) workspace
//   --timeout SECONDS            whole-run limit (default 480); on timeout exit code 124
//   --port N                     loopback port for code-server (default 0: the kernel picks a free one)
//   --artifacts DIR              logs and screenshots/ (default: .artifacts)
//   --chromium PATH              (default $CHROMIUM_PATH or /usr/bin/chromium)
//   --verbose                    also print code-server output, the browser console and the workbench's
//                                own (normally filtered) log lines
//   --keep                       keep the temporary profile and workspace copy
//   --headed                     do not run headless (needs a display)
// Exit code: the extension host's (0 = tests passed), 124 on timeout, 128+N on signal N, 1 on runner errors.
// The runner writes marginalia-harness.json beside the workspace copy (test/extension/harness.ts reads it):
// the host, $MARGINALIA_TEST_GREP and the screenshot folder.
// Test code asks for a screenshot with test/extension/screenshot.ts: it logs
// '[[harness:screenshot:NAME]] {"waitForText":"...","waitForSelector":"..."}' and waits for NAME.png (or
// NAME.error.txt) in that folder.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { ROOT, DEFAULT_CODE_SERVER_DIR, installedVersions, prepareProfile, startCodeServer } = require('./lib/code-server');
const { killTree, sleep } = require('./lib/process-tree');

const FLAGS = ['verbose', 'keep', 'headed'];
const HOSTS = ['node', 'web'];
/** Whole-run limit: the suite takes about a minute on 2 shared cores; a hung extension host should not block CI for long. */
const DEFAULT_TIMEOUT_S = 480;

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    if (FLAGS.includes(key)) out[key] = true;
    else if (i + 1 < argv.length) out[key] = argv[++i];
    else throw new Error(`${a} needs a value`);
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const extensionHost = args.host || 'node';
if (!HOSTS.includes(extensionHost)) throw new Error(`--host must be one of ${HOSTS.join(', ')}, not ${extensionHost}`);
const DEFAULT_TESTS = { node: path.join(ROOT, 'out', 'test', 'extension', 'index'), web: path.join(ROOT, 'out', 'test', 'web', 'tests.js') };
const opts = {
  host: extensionHost,
  codeServer: path.resolve(args['code-server'] || process.env.CODE_SERVER_DIR || DEFAULT_CODE_SERVER_DIR),
  extDev: path.resolve(args.extensionDevelopmentPath || ROOT),
  extTests: path.resolve(args.extensionTestsPath || DEFAULT_TESTS[extensionHost]),
  workspace: path.resolve(args.workspace || path.join(ROOT, 'seeds')),
  timeoutMs: Number(args.timeout || DEFAULT_TIMEOUT_S) * 1000,
  port: Number(args.port || 0),
  artifacts: path.resolve(args.artifacts || path.join(ROOT, '.artifacts')),
  chromium: args.chromium || process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  verbose: !!args.verbose,
  keep: !!args.keep,
  headless: !args.headed,
};

// Workbench log lines (not test output) that are expected in this setup; shown only with --verbose.
const WORKBENCH_NOISE = [
  /^Resolving connection token /,
  /^Resolved connection token /,
  /^Creating a socket \(/,
  /^\[Service Worker\] /,
  /^Updating additional builtin extensions cache/,
  /^Ignoring fetching additional builtin extensions from gallery as it is disabled/,
  /^ChatSessionStore: /,
  /^Started local extension host with pid /,
  /^\[(?:Extension Host|remote)\] /,
  /^Creation of workbench contribution '[^']*' took \d+ms\.$/, // the workbench's own start-up timing
];

/** What test/extension/index.ts reported so far, to say something useful when the run never finishes. */
const progress = { passed: 0, failed: 0, running: '', reported: false, failures: [] };

const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const info = (msg) => process.stderr.write(`[runner ${since()}] ${msg}\n`);

/** Wait until `text` is visible in the page or in any of its frames (webviews are nested iframes). */
async function waitForText(page, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.getByText(text).first().isVisible().catch(() => false)) return;
    }
    await sleep(200);
  }
  throw new Error(`text '${text}' not visible within ${timeoutMs} ms`);
}

/**
 * Settings that put the extension under development in the chosen host.
 * @returns {Record<string, unknown>} for --host web, `remote.extensionKind` web for it; else none
 */
function hostSettings() {
  if (opts.host !== 'web') return {};
  const manifest = JSON.parse(fs.readFileSync(path.join(opts.extDev, 'package.json'), 'utf8'));
  return { 'remote.extensionKind': { [`${manifest.publisher}.${manifest.name}`]: ['web'] } };
}

async function main() {
  if (!fs.existsSync(opts.extTests + '.js') && !fs.existsSync(opts.extTests)) {
    const build = opts.host === 'web' ? 'node scripts/build-web-tests.mjs' : 'npx tsc -p .';
    throw new Error(`extensionTestsPath not found (run '${build}' first): ${opts.extTests}`);
  }
  if (opts.host === 'web' && !JSON.parse(fs.readFileSync(path.join(opts.extDev, 'package.json'), 'utf8')).browser) {
    throw new Error(`--host web: ${path.join(opts.extDev, 'package.json')} has no "browser" entry, so the web worker cannot load the extension`);
  }
  if (path.relative(opts.extDev, opts.extTests).startsWith('..')) {
    // The workbench runs the tests in the host of the extension whose folder holds them, else in the Node host.
    throw new Error(`extensionTestsPath must be inside extensionDevelopmentPath (${opts.extDev}): ${opts.extTests}`);
  }
  if (!fs.existsSync(opts.chromium)) {
    throw new Error(`Chromium not found at ${opts.chromium}: run 'bash scripts/ensure-deps.sh' or pass --chromium PATH`);
  }
  const { chromium } = require('playwright-core');
  const versions = installedVersions(opts.codeServer);
  info(`code-server ${versions.codeServer} (VS Code ${versions.vscode}) from ${opts.codeServer}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-vscode-test-'));
  const profile = prepareProfile(path.join(tmp, 'profile'), { overwriteSettings: true, settings: hostSettings() });
  const workspace = path.join(tmp, path.basename(opts.workspace));
  fs.cpSync(opts.workspace, workspace, { recursive: true });
  const shotDir = path.join(opts.artifacts, 'screenshots');
  // Not emptied first: a run in parallel may be writing there; each picture is replaced by name.
  fs.mkdirSync(shotDir, { recursive: true });
  const serverLogPath = path.join(opts.artifacts, 'code-server.log');
  const browserLogPath = path.join(opts.artifacts, 'browser-console.log');
  const serverLog = fs.createWriteStream(serverLogPath);
  const browserLog = fs.createWriteStream(browserLogPath);
  const workspaceFile = fs.readdirSync(workspace).find((name) => name.endsWith('.code-workspace'));
  const opened = workspaceFile ? path.join(workspace, workspaceFile) : workspace;
  info(`workspace: ${opened} (a copy of ${opts.workspace}), ${opts.host === 'web' ? 'web-worker' : 'Node'} extension host`);
  // Beside the workspace, outside every folder of it: what the tests need to know in either host.
  const harness = { host: opts.host, grep: process.env.MARGINALIA_TEST_GREP || undefined, screenshots: shotDir };
  fs.writeFileSync(path.join(path.dirname(opened), 'marginalia-harness.json'), JSON.stringify(harness, null, 2) + '\n');

  let server; // ChildProcess
  let browser; // playwright Browser
  let page; // playwright Page
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (browser) {
      await Promise.race([browser.close().catch(() => undefined), sleep(10000)]);
      info('browser closed');
    }
    if (server && server.exitCode === null && server.signalCode === null) {
      await killTree(server.pid, 5000, info);
      info(`code-server (pid ${server.pid}) stopped`);
    }
    serverLog.end();
    browserLog.end();
    if (!opts.keep) fs.rmSync(tmp, { recursive: true, force: true });
  };
  for (const [sig, num] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
    process.once(sig, async () => {
      info(`got ${sig}, cleaning up`);
      await cleanup();
      process.exit(128 + num);
    });
  }

  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => {
      info(`TIMEOUT after ${opts.timeoutMs / 1000}s`);
      resolve(124);
    }, opts.timeoutMs);
  });

  const run = async () => {
    const tServer = Date.now();
    const started = await startCodeServer({
      codeServerDir: opts.codeServer,
      bindAddr: `127.0.0.1:${opts.port}`,
      profile,
      extraArgs: [opened],
      // Inherited by the Node extension host: the profile, whose backups the hot-exit test looks for.
      env: { HARNESS_USER_DATA_DIR: profile.userData },
      onSpawn: (child) => (server = child),
      onOutput: (chunk) => {
        serverLog.write(chunk);
        if (opts.verbose) process.stdout.write(`[code-server] ${chunk}`);
      },
    });
    const host = started.host;
    info(`code-server (pid ${server.pid}) ready on http://${host}/ in ${((Date.now() - tServer) / 1000).toFixed(1)}s`);

    // Chromium (Debian) through playwright-core; Playwright gives it a fresh temporary profile.
    browser = await chromium.launch({
      executablePath: opts.chromium,
      headless: opts.headless,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      // Chromium's crash reporter and dconf write under $XDG_CONFIG_HOME and $XDG_CACHE_HOME whatever the profile.
      env: { ...process.env, XDG_CONFIG_HOME: profile.xdgConfig, XDG_CACHE_HOME: profile.xdgCache },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();

    let resolveExit;
    const testsExited = new Promise((r) => (resolveExit = r));
    let shotChain = Promise.resolve();
    let firstOutput = false;
    let hangReported = false;
    const blog = (line) => {
      browserLog.write(line + '\n');
      if (opts.verbose) process.stdout.write(`[browser] ${line}\n`);
    };

    page.on('pageerror', (e) => blog(`pageerror: ${e}`));
    context.on('page', (p) => p !== page && blog(`new page (popup): ${p.url()}`));
    page.on('crash', () => {
      info('page crashed');
      resolveExit(1);
    });
    page.on('requestfailed', (r) => blog(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => r.status() >= 400 && blog(`HTTP ${r.status()} ${r.url()}`));
    // Browser console: only to the log file (the same messages also arrive through codeAutomationLog).
    page.on('console', (msg) => blog(`console.${msg.type()}: ${msg.text()}`));

    // In test mode the extension host's console (mocha's reporter included) reaches the workbench's log
    // service unformatted and without a label: args = [format, ...values].
    await page.exposeFunction('codeAutomationLog', (type, logArgs) => {
      const text = util.format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      browserLog.write(`[automation.${type}] ${text}\n`);
      const shot = /^\[\[harness:screenshot:([\w.-]+)\]\]\s*(\{.*\})?$/.exec(text.trim());
      if (shot) {
        const name = shot[1];
        const req = shot[2] ? JSON.parse(shot[2]) : {};
        shotChain = shotChain.then(async () => {
          const file = path.join(shotDir, `${name}.png`);
          try {
            if (req.waitForText) await waitForText(page, req.waitForText, req.timeoutMs || 20000);
            if (req.waitForSelector) await page.locator(req.waitForSelector).first().waitFor({ state: 'visible', timeout: req.timeoutMs || 20000 });
            await page.waitForTimeout(300); // let animations and decorations settle
            await page.screenshot({ path: file + '.tmp.png' });
            fs.renameSync(file + '.tmp.png', file); // the test polls for this file
            info(`screenshot ${path.relative(process.cwd(), file)}`);
          } catch (e) {
            const errShot = path.join(shotDir, `${name}.failed.png`);
            await page.screenshot({ path: errShot }).catch(() => undefined);
            fs.writeFileSync(path.join(shotDir, `${name}.error.txt`), String(e && e.message ? e.message : e));
            info(`screenshot ${name} failed: ${e} (page as it was: ${errShot})`);
          }
        });
        return;
      }
      const event = /^\[\[harness:test\]\] (started|passed|failed|error) (.*)$/.exec(text.trim());
      if (event) {
        if (event[1] === 'started') progress.running = event[2];
        else if (event[1] === 'error') {
          const last = progress.failures[progress.failures.length - 1];
          if (last) last.error = JSON.parse(event[2]);
        } else {
          if (event[1] === 'failed') progress.failures.push({ title: event[2] });
          progress[event[1]]++;
          progress.running = '';
        }
        return;
      }
      if (text.trim().startsWith('[[harness:result]]')) progress.reported = true;
      if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      if (!hangReported && /Extension host \(.+\) is unresponsive/.test(text)) {
        hangReported = true;
        info(
          `the extension host stopped answering${progress.running ? ` during '${progress.running}'` : ''}: ` +
            'the test or the extension blocks its event loop (the run ends at the timeout)',
        );
      }
      if (!firstOutput) {
        firstOutput = true;
        info('first extension-host output');
      }
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', async (code, logs) => {
      info(`extension host exited with code ${code}`);
      try {
        const logDir = path.join(opts.artifacts, 'workbench-logs');
        for (const l of logs || []) {
          const f = path.join(logDir, l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        }
      } catch (e) {
        info(`could not save workbench logs: ${e}`);
      }
      resolveExit(code);
    });

    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(opts.extDev)],
      ['extensionTestsPath', remote(opts.extTests)],
      ['skipWelcome', 'true'],
    ]);
    const url = `http://${host}/?${workspaceFile ? 'workspace' : 'folder'}=${encodeURIComponent(opened)}&payload=${encodeURIComponent(payload)}`;
    info(`opening ${url}`);
    const tTests = Date.now();
    await page.goto(url);
    const code = await testsExited;
    await shotChain;
    info(`tests finished in ${((Date.now() - tTests) / 1000).toFixed(1)}s (from page load), exit code ${code}`);
    return code;
  };

  let code;
  try {
    code = await Promise.race([run(), timeout]);
    if (code === 124 && page) {
      const f = path.join(opts.artifacts, 'timeout.png');
      await Promise.race([page.screenshot({ path: f }).then(() => info(`page at timeout: ${f}`)), sleep(5000)]).catch(() => undefined);
    }
  } catch (e) {
    info(`ERROR: ${e && e.stack ? e.stack : e}`);
    code = 1;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  info(`logs: ${path.relative(process.cwd(), serverLogPath)}, ${path.relative(process.cwd(), browserLogPath)}`);
  if (!progress.reported && progress.passed + progress.failed + (progress.running ? 1 : 0) > 0) {
    // The host never got to its result line (hang, crash, timeout): report what it did finish.
    if (progress.running) info(`the run ended during: ${progress.running}`);
    const result = { passed: progress.passed, failed: progress.failed, incomplete: true, running: progress.running || undefined };
    process.stdout.write(`[[harness:result]] ${JSON.stringify(result)}\n`);
  }
  if (progress.failures.length > 0) process.stdout.write(`[[harness:failures]] ${JSON.stringify(progress.failures)}\n`);
  return typeof code === 'number' ? code : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    info(`ERROR: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
