/**
 * One version of an annotated tree, as `diff`, `agree` and the editor's review compare them: a folder, or a git revision of
 * the repository holding the working folder. Its sidecars are found as `check` finds them
 * (`.marginaliaignore` applies, PATHs limit them), and, when asked, each sidecar's document is read
 * too, from the same folder or revision. Folders are read under the one path rule (`readInside`):
 * nothing outside the folder, through links included.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { decodeDocument } from '../document-bytes';
import { findSidecars } from './files';
import { Git } from './git';
import { IGNORE_FILE, IgnoreRules, parseIgnoreFile } from '../ignore';
import { describeRefusal, insideRoot, readInsideSync, readTextInsideSync } from './inside';
import type { Annotation } from '../model';
import { documentPathFor, documentPathFromKey, isSidecarPath, sidecarPathFor } from '../paths';
import { decodeSidecar } from '../sidecar/decode';
import { readSidecar } from '../sidecar/read';
import { normalizeText } from '../text';

/** The name given is neither a folder nor a revision of the repository (or there is no repository). */
export class VersionError extends Error {}

/** One document of a version, with its annotations. */
export interface VersionDocument {
  /** The document's path relative to the folder or the repository root, `/` separators. */
  document: string;
  /** Its sidecar's path, the same way. */
  sidecar: string;
  /** Its annotations. */
  annotations: Annotation[];
  /** The document's normalised text, when it was asked for and could be read. */
  text: string | undefined;
}

/** A version's sidecars, and those that could not be read. */
export interface Version {
  /** Documents in the order their sidecars were found. */
  documents: VersionDocument[];
  /** Sidecars that could not be read. */
  unreadable: UnreadableSidecar[];
  /** The folder compared, or the repository root for a revision. */
  root: string;
  /** Whether the version is a git revision rather than a folder. */
  isRevision: boolean;
}

/** A sidecar of a version that could not be read. */
export interface UnreadableSidecar {
  /** Its path, as `VersionDocument.sidecar` names one. */
  sidecar: string;
  /** Why, when it is not that it cannot be parsed (`is a link to a file outside …`). */
  refusal?: string;
}

/**
 * How a report names an unreadable sidecar: its path, and why when it was refused.
 * @param unreadable the sidecar
 */
export function describeUnreadable(unreadable: UnreadableSidecar): string {
  return unreadable.refusal === undefined ? unreadable.sidecar : `${unreadable.sidecar} (it ${unreadable.refusal})`;
}

/**
 * The documents of versions compared with each other, without those whose sidecar one of them could
 * not read: nothing is known of what that side holds, and comparing it as absent would report each
 * record of the other side as added, removed or annotated on one side only.
 * @param versions the versions compared
 * @returns each version's documents, in the order of `versions`
 */
export function comparableDocuments(versions: readonly Version[]): VersionDocument[][] {
  const unreadable = new Set(versions.flatMap((v) => v.unreadable.map((u) => u.sidecar)));
  return versions.map((v) => (unreadable.size === 0 ? v.documents : v.documents.filter((d) => !unreadable.has(d.sidecar))));
}

/** What to read besides the sidecars, and with which git. */
export interface VersionOptions {
  /** Read each sidecar's document too. */
  texts: boolean;
  /** The git a revision is read with (default: `git` on the PATH); share one to ask for the repository root once. */
  git?: Git;
}

/**
 * Read a version's sidecars (and documents).
 * @param name a folder or a git revision
 * @param limits PATHs the comparison is limited to (none: everything)
 * @param cwd the working folder
 * @param options what else to read
 * @throws VersionError when the name is neither a folder nor a revision
 */
export async function readVersion(name: string, limits: readonly string[], cwd: string, options: VersionOptions = { texts: false }): Promise<Version> {
  const folder = path.resolve(cwd, name);
  const isFolder = await fs.stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return isFolder ? readFolder(folder, limits, options) : readRevision(name, limits, cwd, options);
}

/**
 * Read several versions at once (two annotators' branches, a diff's two sides): one's git commands and
 * file reads overlap the other's parsing. Share `options.git` to ask for the repository once.
 * @param names folders or git revisions
 * @param limits PATHs the comparison is limited to (none: everything)
 * @param cwd the working folder
 * @param options what else to read
 * @returns the versions, in the order of `names`
 * @throws the first failure in the order of `names` (a VersionError when a name is neither a folder nor a revision), whichever failed first in time
 */
export async function readVersions(names: readonly string[], limits: readonly string[], cwd: string, options: VersionOptions = { texts: false }): Promise<Version[]> {
  const settled = await Promise.allSettled(names.map((name) => readVersion(name, limits, cwd, options)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<Version>).value);
}

async function readFolder(folder: string, limits: readonly string[], options: VersionOptions): Promise<Version> {
  const version: Version = { documents: [], unreadable: [], root: folder, isRevision: false };
  const given = await Promise.all(
    limits.map(async (limit) => ((await exists(path.resolve(folder, limit))) || (await exists(path.resolve(folder, sidecarPathFor(limit)))) ? [limit] : [])),
  );
  if (limits.length > 0 && given.flat().length === 0) return version;
  const sidecars = await findSidecars(limits.length ? given.flat() : [folder], folder);
  // Read as the rest of the CLI reads a corpus (`CorpusReader`): synchronously, under the path rule,
  // against the folder's real path resolved once (docs/performance.md measures it the faster way).
  const root = insideRoot(folder);
  for (const sidecarPath of sidecars) {
    const relative = path.relative(folder, sidecarPath).split(path.sep).join('/');
    const source = readTextInsideSync(sidecarPath, root);
    if (source.refusal) {
      version.unreadable.push({ sidecar: relative, refusal: describeRefusal(source.refusal) });
      continue;
    }
    const document = documentOf(relative, source.text);
    if (!document) {
      version.unreadable.push({ sidecar: relative });
      continue;
    }
    if (options.texts) document.text = textOf(readInsideSync(path.join(folder, ...document.document.split('/')), root).bytes);
    version.documents.push(document);
  }
  return version;
}

/** One sidecar's document, named relative to the root; undefined when the sidecar cannot be parsed. */
function documentOf(sidecarRelative: string, source: string): VersionDocument | undefined {
  const { sidecar } = readSidecar(source);
  if (!sidecar) return undefined;
  const named = sidecar.document ? documentPathFromKey(`/${sidecarRelative}`, sidecar.document)?.slice(1) : undefined;
  return { document: named ?? documentPathFor(sidecarRelative), sidecar: sidecarRelative, annotations: sidecar.annotations, text: undefined };
}

/** A document's normalised text, or undefined when it is missing or not UTF-8 text. */
function textOf(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  const decoded = decodeDocument(bytes);
  return decoded.text === undefined ? undefined : normalizeText(decoded.text);
}

/** The sidecars of a git revision: listed with `git ls-tree`, read in one `git cat-file --batch`. */
async function readRevision(revision: string, limits: readonly string[], cwd: string, options: VersionOptions): Promise<Version> {
  const git = options.git ?? new Git();
  const root = await git.repositoryRoot(cwd);
  if (root === undefined) {
    // Outside a repository and without a git to run, git says the same: only the second is mended in the settings.
    const runs = await git.run(['--version'], cwd).then(() => true, () => false);
    throw new VersionError(runs ? `'${revision}' is not a folder, and ${cwd} is not in a git repository` : `'${revision}' is not a folder, and git ('${git.executable}') cannot be run to read it as a revision`);
  }
  const listing = await git.run(['ls-tree', '-r', '-z', '--full-tree', revision], root).catch(() => {
    throw new VersionError(`'${revision}' is neither a folder nor a revision of the repository at ${root}`);
  });
  const files = listing
    .split('\0')
    .map((entry) => /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ mode: m[1]!, sha: m[2]!, path: m[3]! }));
  const ignoreFiles = files.filter((f) => path.posix.basename(f.path) === IGNORE_FILE);
  const ignoreContents = (await catFiles(git, ignoreFiles.map((f) => f.sha), root)).map(decodeSidecar);
  const rules = new IgnoreRules(ignoreFiles.map((f, i) => parseIgnoreFile(parentOf(f.path), ignoreContents[i]!)));
  const named = limits.map((limit) => path.relative(root, path.resolve(cwd, limit)).split(path.sep).join('/'));
  const blobs = files.filter((f) => isSidecarPath(f.path) && (named.length === 0 ? !rules.ignores(f.path, false) : named.some((n) => isNamedBy(f.path, n, rules))));
  const contents = await catFiles(
    git,
    blobs.map((b) => b.sha),
    root,
  );
  const version: Version = { documents: [], unreadable: [], root, isRevision: true };
  blobs.forEach((blob, i) => {
    const document = documentOf(blob.path, decodeSidecar(contents[i]!));
    if (document) version.documents.push(document);
    else version.unreadable.push({ sidecar: blob.path });
  });
  if (options.texts) {
    // Regular files only: a symbolic link's blob is the path it points to, not a document.
    const regular = new Map(files.filter((f) => f.mode === '100644' || f.mode === '100755').map((f) => [f.path, f.sha]));
    const wanted = version.documents.filter((d) => regular.has(d.document));
    const texts = await catFiles(
      git,
      wanted.map((d) => regular.get(d.document)!),
      root,
    );
    wanted.forEach((d, i) => (d.text = textOf(texts[i])));
  }
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

/** The contents of blobs, in order, from one `git cat-file --batch` process. */
async function catFiles(git: Git, shas: readonly string[], cwd: string): Promise<Buffer[]> {
  if (shas.length === 0) return [];
  return splitCatFileBatch(await git.runWithInput(['cat-file', '--batch'], cwd, shas.join('\n') + '\n'), shas.length);
}

/**
 * The contents in the output of `git cat-file --batch`: per object a header `<sha> <type> <size>`, then
 * the bytes. A header of another form (`<sha> missing`, `<name> ambiguous`) is an error, never read as a
 * size: a wrong reading would hand back other bytes as the file.
 * @param output what git wrote
 * @param count how many objects were asked for
 * @throws Error naming the object when a header is not one of an object found
 */
export function splitCatFileBatch(output: Buffer, count: number): Buffer[] {
  const contents: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const headerEnd = output.indexOf(0x0a, at);
    const header = output.subarray(at, headerEnd === -1 ? output.length : headerEnd).toString('utf8');
    const found = /^[0-9a-f]+ [a-z]+ (\d+)$/.exec(header);
    const size = found ? Number(found[1]) : NaN;
    if (headerEnd === -1 || !found || headerEnd + 1 + size > output.length) throw new Error(`git cat-file could not read an object: ${header || 'no answer'}`);
    contents.push(output.subarray(headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return contents;
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}
