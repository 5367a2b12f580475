import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diffAnnotations, renderDiffMarkdown, type SidecarSnapshot } from '../../core/diff';
import { findSidecars } from '../../core/io/files';
import { IGNORE_FILE, IgnoreRules, parseIgnoreFile } from '../../core/ignore';
import { describeRefusal, insideRoot, readTextInsideSync } from '../../core/io/inside';
import { documentPathFor, isSidecarPath, sidecarPathFor } from '../../core/paths';
import { decodeSidecar } from '../../core/sidecar/decode';
import { readSidecar } from '../../core/sidecar/read';
import type { CliIO } from '../run';
import { parseOptions, UsageError } from '../options';

export const DIFF_USAGE = `usage: marginalia diff OLD NEW [PATH...] [--json]

Compares the annotations of two versions and prints Markdown for a pull-request comment: per
document, annotations added, removed, relabelled, re-anchored, text-changed, orphaned and edited,
with their text quoted, then totals per label. OLD and NEW are each a folder or a git revision
(main, HEAD~1, a commit) of the repository holding the working folder; documents are named by
their path from the folder or the repository root. Records of an id that a document uses more than
once are never paired by id: identical ones are unchanged, the others added, removed or ambiguous,
and the ids are named in a warning. PATH limits the comparison to the sidecars of
those files and folders (relative to the working folder for revisions, to OLD and NEW for folders).
Sidecars that .marginaliaignore leaves out are not compared, unless a PATH names them.
  --json   print the comparison as JSON instead
Exit status: 0 compared, 1 a sidecar could not be read, 2 usage error.
`;

/** A version's sidecars, and those that could not be read. */
interface Version {
  snapshots: SidecarSnapshot[];
  unreadable: string[];
}

/**
 * `marginalia diff`: summarise annotation changes between two versions.
 * @param args the arguments after `diff`
 * @param io output streams and working folder
 */
export async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const options = parseOptions(args, { flags: ['json', 'help'] });
  if (options.flags.has('help')) {
    io.stdout.write(DIFF_USAGE);
    return 0;
  }
  if (options.positional.length < 2) throw new UsageError('give two versions: OLD and NEW');
  const [oldName, newName, ...limits] = options.positional as [string, string, ...string[]];
  const [before, after] = [await readVersion(oldName, limits, io.cwd), await readVersion(newName, limits, io.cwd)];
  const found = (v: Version): number => v.snapshots.length + v.unreadable.length;
  if (limits.length > 0 && found(before) + found(after) === 0) throw new UsageError(`no sidecar in ${oldName} or ${newName} under ${limits.join(', ')}`);
  for (const file of [...before.unreadable, ...after.unreadable]) io.stderr.write(`marginalia diff: warning: ${file} cannot be read; left out\n`);
  const diff = diffAnnotations(before.snapshots, after.snapshots);
  io.stdout.write(options.flags.has('json') ? JSON.stringify(diff, null, 2) + '\n' : renderDiffMarkdown(diff, oldName, newName));
  return before.unreadable.length + after.unreadable.length > 0 ? 1 : 0;
}

/**
 * A version's sidecars.
 * @param name a folder or a git revision
 * @param limits PATHs the comparison is limited to (none: everything)
 * @param cwd the working folder
 */
async function readVersion(name: string, limits: readonly string[], cwd: string): Promise<Version> {
  const folder = path.resolve(cwd, name);
  const isFolder = await fs.stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isFolder ? readFolder(folder, limits) : readRevision(name, limits, cwd);
}

async function readFolder(folder: string, limits: readonly string[]): Promise<Version> {
  const version: Version = { snapshots: [], unreadable: [] };
  const given = await Promise.all(
    limits.map(async (limit) => ((await exists(path.resolve(folder, limit))) || (await exists(path.resolve(folder, sidecarPathFor(limit)))) ? [limit] : [])),
  );
  if (limits.length > 0 && given.flat().length === 0) return version;
  const root = insideRoot(folder);
  for (const sidecarPath of await findSidecars(limits.length ? given.flat() : [folder], folder)) {
    const relative = path.relative(folder, sidecarPath).split(path.sep).join('/');
    const source = readTextInsideSync(sidecarPath, root);
    if (source.refusal) version.unreadable.push(`${relative} (it ${describeRefusal(source.refusal)})`);
    else addSnapshot(version, relative, source.text);
  }
  return version;
}

/** Read one sidecar's source into the version, its document named relative to the root. */
function addSnapshot(version: Version, sidecarRelative: string, source: string): void {
  const { sidecar } = readSidecar(source);
  if (!sidecar) {
    version.unreadable.push(sidecarRelative);
    return;
  }
  const folder = path.posix.dirname(sidecarRelative);
  const document = sidecar.document ? path.posix.normalize(path.posix.join(folder, sidecar.document)) : documentPathFor(sidecarRelative);
  version.snapshots.push({ document, annotations: sidecar.annotations });
}

/** The sidecars of a git revision: listed with `git ls-tree`, read in one `git cat-file --batch`. */
async function readRevision(revision: string, limits: readonly string[], cwd: string): Promise<Version> {
  const root = (await git(['rev-parse', '--show-toplevel'], cwd).catch(() => {
    throw new UsageError(`'${revision}' is not a folder, and ${cwd} is not in a git repository`);
  })).trim();
  const listing = await git(['ls-tree', '-r', '-z', '--full-tree', revision], root).catch(() => {
    throw new UsageError(`'${revision}' is neither a folder nor a revision of the repository at ${root}`);
  });
  const files = listing
    .split('\0')
    .map((entry) => /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ sha: m[1]!, path: m[2]! }));
  const ignoreFiles = files.filter((f) => path.posix.basename(f.path) === IGNORE_FILE);
  const ignoreContents = await catFiles(
    ignoreFiles.map((f) => f.sha),
    root,
  );
  const rules = new IgnoreRules(ignoreFiles.map((f, i) => parseIgnoreFile(parentOf(f.path), ignoreContents[i]!)));
  const named = limits.map((limit) => path.relative(root, path.resolve(cwd, limit)).split(path.sep).join('/'));
  const blobs = files.filter((f) => isSidecarPath(f.path) && (named.length === 0 ? !rules.ignores(f.path, false) : named.some((n) => isNamedBy(f.path, n, rules))));
  const contents = await catFiles(
    blobs.map((b) => b.sha),
    root,
  );
  const version: Version = { snapshots: [], unreadable: [] };
  blobs.forEach((blob, i) => addSnapshot(version, blob.path, contents[i]!));
  return version;
}

/**
 * Whether a sidecar is among those a PATH names, as `check PATH` would find them: the sidecar
 * itself, its document, or a folder above it (then the ignore files apply below that folder).
 */
function isNamedBy(sidecarPath: string, named: string, rules: IgnoreRules): boolean {
  if (named === '' || named === '.') return !rules.ignores(sidecarPath, false);
  if (sidecarPath === named || sidecarPath === sidecarPathFor(named)) return true;
  return sidecarPath.startsWith(named + '/') && !rules.ignores(sidecarPath, false, named);
}

function parentOf(posixPath: string): string {
  const parent = path.posix.dirname(posixPath);
  return parent === '.' ? '' : parent;
}

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/** The contents of blobs, in order, from one `git cat-file --batch` process. */
function catFiles(shas: readonly string[], cwd: string): Promise<string[]> {
  if (shas.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file exited with ${code}`));
      const output = Buffer.concat(chunks);
      const contents: string[] = [];
      let at = 0;
      for (let i = 0; i < shas.length; i++) {
        const headerEnd = output.indexOf(0x0a, at);
        const size = Number(output.subarray(at, headerEnd).toString('utf8').split(' ')[2]);
        contents.push(decodeSidecar(output.subarray(headerEnd + 1, headerEnd + 1 + size)));
        at = headerEnd + 1 + size + 1;
      }
      resolve(contents);
    });
    child.stdin.end(shas.join('\n') + '\n');
  });
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}
