'use strict';
// Starting code-server (VS Code's server and web workbench) isolated in one profile folder, for the
// integration runner and for `npm start`. The version is pinned in scripts/code-server.version and
// installed by scripts/ensure-deps.sh into .cache/code-server.
const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { sleep } = require('./process-tree');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = fs.readFileSync(path.join(ROOT, 'scripts', 'code-server.version'), 'utf8').trim();
const DEFAULT_CODE_SERVER_DIR = path.join(ROOT, '.cache', 'code-server', 'node_modules', 'code-server');

/** Workbench settings that keep a fresh profile quiet: no welcome page, trust prompt, updates or telemetry. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'workbench.enableExperiments': false,
};

/**
 * The versions of a code-server install, read from its package files.
 * @param {string} codeServerDir the code-server package folder
 * @returns {{ codeServer: string, vscode: string }} e.g. 4.100.3 and 1.100.3
 */
function installedVersions(codeServerDir) {
  const read = (file) => JSON.parse(fs.readFileSync(file, 'utf8')).version;
  return {
    codeServer: read(path.join(codeServerDir, 'package.json')),
    vscode: read(path.join(codeServerDir, 'lib', 'vscode', 'package.json')),
  };
}

/**
 * Create (or reuse) a profile folder holding everything code-server writes: user data, extensions,
 * its config, XDG data and temporary sockets; without it code-server writes into ~/.config,
 * ~/.local/share and leaves sockets in /tmp.
 * @param {string} dir the profile folder
 * @param {{ overwriteSettings?: boolean, settings?: Record<string, unknown> }} [options] overwriteSettings: rewrite
 *   settings.json even if it exists; settings: written over the quiet defaults (e.g. the demo's word wrap)
 * @returns {{ dir: string, userData: string, extensions: string, config: string, xdgData: string, xdgConfig: string, xdgCache: string, tmp: string }} the paths
 */
function prepareProfile(dir, options = {}) {
  const profile = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    config: path.join(dir, 'config.yaml'),
    xdgData: path.join(dir, 'xdg-data'),
    xdgConfig: path.join(dir, 'xdg-config'),
    xdgCache: path.join(dir, 'xdg-cache'),
    tmp: path.join(dir, 'tmp'),
  };
  for (const d of [path.join(profile.userData, 'User'), profile.extensions, profile.xdgData, profile.xdgConfig, profile.xdgCache, profile.tmp]) {
    fs.mkdirSync(d, { recursive: true });
  }
  const settings = path.join(profile.userData, 'User', 'settings.json');
  if (options.overwriteSettings || !fs.existsSync(settings)) {
    fs.writeFileSync(settings, JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2) + '\n');
  }
  return profile;
}

/**
 * Whether an HTTP GET answers with a 2xx or 3xx status.
 * @param {string} url the address
 * @returns {Promise<boolean>} true when it answered successfully within 2 s
 */
function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 400);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * Start code-server on a loopback address without authentication and wait until it answers.
 * @param {object} options
 * @param {string} options.codeServerDir the code-server package folder
 * @param {string} options.bindAddr host:port; port 0 lets the kernel pick a free one (no race)
 * @param {ReturnType<typeof prepareProfile>} options.profile where code-server keeps its state
 * @param {string[]} [options.extraArgs] more command-line arguments (e.g. the folder to open)
 * @param {Record<string, string>} [options.env] more environment variables (inherited by the extension host)
 * @param {(chunk: Buffer) => void} [options.onOutput] receives code-server's stdout and stderr
 * @param {(child: import('child_process').ChildProcess) => void} [options.onSpawn] gets the process at once,
 *   so a caller can stop it even when waiting for it to answer fails or times out
 * @returns {Promise<{ child: import('child_process').ChildProcess, host: string, exited: Promise<{ code: number | null, signal: string | null }> }>}
 *   the process (leader of its own process group), the host:port it listens on, and its exit
 */
async function startCodeServer({ codeServerDir, bindAddr, profile, extraArgs = [], env = {}, onOutput = () => undefined, onSpawn = () => undefined }) {
  const entry = path.join(codeServerDir, 'out', 'node', 'entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(`code-server not found in ${codeServerDir}: run 'bash scripts/ensure-deps.sh' (or pass --code-server DIR)`);
  }
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', bindAddr,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', profile.userData,
    '--extensions-dir', profile.extensions,
    '--config', profile.config,
    ...extraArgs,
  ];
  const child = cp.spawn(process.execPath, args, {
    detached: true, // its own process group, so the whole tree can be signalled
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_DATA_HOME: profile.xdgData, // code-server's heartbeat file and logs
      XDG_CONFIG_HOME: profile.xdgConfig,
      XDG_CACHE_HOME: profile.xdgCache, // VS Code's device id (Microsoft/DeveloperTools)
      TMPDIR: profile.tmp, // the server and extension host leave vscode-ipc-*.sock files here
      // An empty gallery URL turns the marketplace off; there may be no network to reach it.
      EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY || JSON.stringify({ serviceUrl: '' }),
      ...env,
    },
  });
  onSpawn(child);
  let output = '';
  const collect = (chunk) => {
    if (output.length < 100000) output += chunk.toString();
    onOutput(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  // code-server prints "HTTP server listening on http://127.0.0.1:PORT/" (the real port when 0 was asked).
  for (;;) {
    const ended = await Promise.race([exited, sleep(100).then(() => null)]);
    if (ended) {
      throw new Error(`code-server exited early (${ended.code ?? ended.signal}):\n${output.slice(-3000)}`);
    }
    const match = /HTTP server listening on http:\/\/([^/\s]+)\//.exec(output);
    if (match && (await httpOk(`http://${match[1]}/healthz`))) return { child, host: match[1], exited };
  }
}

module.exports = {
  ROOT,
  CODE_SERVER_VERSION,
  DEFAULT_CODE_SERVER_DIR,
  QUIET_SETTINGS,
  installedVersions,
  prepareProfile,
  startCodeServer,
};
