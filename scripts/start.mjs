// `npm start`: the main job. Installs what is missing (scripts/ensure-deps.sh), builds the extension, and
// serves VS Code (code-server) on 127.0.0.1 with Marginalia loaded from this repository, opening seeds/.
// Prints the URL to open; stays in the foreground until Ctrl-C, then stops code-server and its children.
//   npm start                  port $PORT, else 8080, else any free port
//   npm start -- path/to/dir   open another folder
// The extension is loaded by a symlink to the repository in the profile's extensions folder
// (.cache/start-profile/extensions/<publisher>.<name>-<version>), which code-server 4.100 scans at start:
// after `npm run build`, reload the browser window to run the new bundle.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { DEFAULT_CODE_SERVER_DIR, installedVersions, prepareProfile, startCodeServer } = require('./lib/code-server.js');
const { killTree } = require('./lib/process-tree.js');

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8080;
/**
 * The demo profile's settings, over the quiet defaults the tests use too (rewritten at each start: the
 * profile is a throw-away under .cache/). Prose wraps; git stays on, because a sidecar's diff in the
 * Source Control view is how a reviewer reads annotation changes; seeds/ lies inside this repository,
 * which git then opens without asking. Every annotated article opens in an editor of its own.
 */
const DEMO_SETTINGS = {
  'editor.wordWrap': 'on',
  'git.enabled': true,
  'git.openRepositoryInParentFolders': 'always',
  'marginalia.openAnnotatedDocumentsAtStartup': true,
};

/**
 * Run a setup step in the foreground; exit with its status when it fails.
 * @param {string} title what the step does
 * @param {string} command the program
 * @param {string[]} args its arguments
 */
function setupStep(title, command, args) {
  console.log(`[start] ${title}`);
  const { status } = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`[start] ${title} failed (exit ${status})`);
    process.exit(status || 1);
  }
}

/**
 * Whether a loopback port can be listened on right now.
 * @param {number} port the port
 * @returns {Promise<boolean>} true when it is free
 */
function portIsFree(port) {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/**
 * Make the profile's extensions folder hold exactly one entry: a symlink to this repository, named the
 * way VS Code names an installed extension. The folder is recreated each time so a version bump never
 * leaves a stale entry behind.
 * @param {string} extensionsDir the profile's extensions folder
 * @returns {string} the extension's id (publisher.name)
 */
function linkExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  // rmSync removes symlinks themselves, never what they point to.
  rmSync(extensionsDir, { recursive: true, force: true });
  mkdirSync(extensionsDir, { recursive: true });
  symlinkSync(ROOT, join(extensionsDir, `${id}-${manifest.version}`), 'dir');
  return id;
}

/**
 * The URL parameter that opens the folder's first document (by name, sidecars and dot files left out)
 * in an editor: the web workbench's `payload` opens one file, so the demo starts on an article, its
 * annotations highlighted, with the others one click away in the Explorer and the Entities tree.
 * @param {string} dir the folder opened
 * @param {string} host code-server's host:port, the authority of its files' URIs
 * @returns {string} `&payload=…`, or '' when the folder holds no document
 */
function openFirstDocument(dir, host) {
  const first = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !entry.name.endsWith('.annotations.yaml'))
    .map((entry) => entry.name)
    .sort()[0];
  if (!first) return '';
  const uri = `vscode-remote://${host}${encodeURI(join(dir, first))}`;
  return `&payload=${encodeURIComponent(JSON.stringify([['openFile', uri]]))}`;
}

const folderArg = process.argv[2];
const folder = resolve(folderArg ?? join(ROOT, 'seeds'));
if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  console.error(`[start] not a folder: ${folder}`);
  process.exit(2);
}

setupStep('checking Debian packages and code-server (scripts/ensure-deps.sh)', 'bash', [join(ROOT, 'scripts', 'ensure-deps.sh')]);
setupStep('building the extension (scripts/build.mjs)', process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);

const profile = prepareProfile(join(ROOT, '.cache', 'start-profile'), { overwriteSettings: true, settings: DEMO_SETTINGS });
const extensionId = linkExtension(profile.extensions);
const wanted = Number(process.env.PORT || DEFAULT_PORT);
let port = wanted;
if (!(await portIsFree(wanted))) {
  console.log(`[start] port ${wanted} is busy, using a free one`);
  port = 0;
}
const logPath = join(profile.dir, 'code-server.log');
const log = createWriteStream(logPath);
const versions = installedVersions(DEFAULT_CODE_SERVER_DIR);
console.log(`[start] code-server ${versions.codeServer} (VS Code ${versions.vscode}), log: ${logPath}`);

let child;
let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${signal}: stopping code-server`);
  if (child && child.exitCode === null && child.signalCode === null) await killTree(child.pid, 5000, (m) => console.log(`[start] ${m}`));
  log.end();
  process.exit(0);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(signal));

try {
  const started = await startCodeServer({
    codeServerDir: DEFAULT_CODE_SERVER_DIR,
    bindAddr: `127.0.0.1:${port}`,
    profile,
    onOutput: (chunk) => log.write(chunk),
    onSpawn: (spawned) => (child = spawned),
  });
  const url = `http://${started.host}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}${openFirstDocument(folder, started.host)}`;
  console.log(`[start] VS Code with ${extensionId} (loaded from ${ROOT}) is ready. Open:\n\n    ${url}\n`);
  console.log('[start] press Ctrl-C to stop');
  const { code, signal } = await started.exited;
  if (!stopping) {
    console.error(`[start] code-server stopped by itself (${code ?? signal}); see ${logPath}`);
    process.exit(1);
  }
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  if (child) await killTree(child.pid);
  process.exit(1);
}
