/**
 * Sidecar and document I/O on the local file system, for the CLI. (The extension reads and writes
 * through `vscode.workspace.fs` instead, so it also works on remote and virtual file systems.)
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseLabelConfig, DEFAULT_LABEL_CONFIG, LABEL_CONFIG_FILE } from '../config';
import type { Finding, LabelConfig } from '../model';
import { isSidecarPath, sidecarPathFor } from '../paths';
import { readSidecar, type SidecarReadResult } from '../sidecar/read';
import { normalizeText } from '../text';
import { decodeDocument } from '../document-bytes';
import { IGNORE_FILE, IgnoreRules, parseIgnoreFile } from '../ignore';

/** Folders never searched for sidecars. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Every sidecar under the given files and folders.
 * A document path stands for its sidecar; folders are searched recursively, without following
 * symbolic links, skipping `node_modules`, `.git` and what `.marginaliaignore` files leave out: those
 * of the folders searched and of the folders above a named one, up to the repository root (the folder
 * holding `.git`), or up to `cwd` outside a repository. A file or folder named in `paths` is searched
 * even when an ignore file leaves it out.
 * @param paths files or folders, relative to `cwd` or absolute
 * @param cwd the folder relative paths start from
 * @returns absolute sidecar paths, sorted, each once
 * @throws when a path does not exist (a usage error for the CLI)
 */
export async function findSidecars(paths: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.lstat(absolute);
    if (stat.isDirectory()) {
      const root = await searchRoot(absolute, path.resolve(cwd));
      const rules = new IgnoreRules();
      for (let folder = absolute; folder !== root; ) {
        folder = path.dirname(folder);
        await addIgnoreFile(rules, root, folder);
      }
      await collect(absolute, { root, from: toPosix(path.relative(root, absolute)), rules }, found);
    } else if (isSidecarPath(absolute)) found.add(absolute);
    else if (await exists(sidecarPathFor(absolute))) found.add(sidecarPathFor(absolute));
  }
  return [...found].sort();
}

/** A folder search: its root, the named folder it started from (relative to the root) and the ignore files read so far. */
interface Search {
  root: string;
  from: string;
  rules: IgnoreRules;
}

async function collect(folder: string, search: Search, found: Set<string>): Promise<void> {
  await addIgnoreFile(search.rules, search.root, folder);
  const entries = await fs.readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const relative = toPosix(path.relative(search.root, full));
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !search.rules.ignores(relative, true, search.from)) await collect(full, search, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isSidecarPath(entry.name) && !search.rules.ignores(relative, false, search.from)) {
      found.add(full);
    }
  }
}

/**
 * Where the ignore files of a search for sidecars under `folder` start: the repository root above it,
 * else `cwd` when the folder lies within it, else the folder itself. Nothing above is read.
 */
async function searchRoot(folder: string, cwd: string): Promise<string> {
  for (let at = folder; ; at = path.dirname(at)) {
    if (await exists(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) return isWithin(cwd, folder) ? cwd : folder;
  }
}

async function addIgnoreFile(rules: IgnoreRules, root: string, folder: string): Promise<void> {
  const content = await fs.readFile(path.join(folder, IGNORE_FILE), 'utf8').catch(() => undefined);
  if (content !== undefined) rules.add(parseIgnoreFile(toPosix(path.relative(root, folder)), content));
}

/** Whether `inner` is `outer` or lies below it. */
function isWithin(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * The file operations `writeFileAtomic` uses: node's `fs.promises` by default; tests pass an object
 * whose operations fail half-way (disk full, permission denied) to prove nothing is lost.
 */
export type AtomicWriteOps = Pick<typeof fs, 'writeFile' | 'rename' | 'rm'>;

/**
 * Write a file atomically: the content goes to a temporary file in the same folder, which then
 * replaces the target by rename, so a reader sees the old bytes or the new ones, never a mix, and a
 * failure half-way leaves the old file as it was.
 * @param file the file to write
 * @param content its new content, written as UTF-8
 * @param ops the file operations to use (default: node's `fs.promises`)
 * @throws the error of the failed operation (the temporary file removed first), so the caller can say what went wrong
 */
export async function writeFileAtomic(file: string, content: string, ops: AtomicWriteOps = fs): Promise<void> {
  await replaceFile(file, content, ops);
}

/** The file operations `writeFileIfUnchanged` uses (tests pass their own, as for `writeFileAtomic`). */
export type ReplaceOps = AtomicWriteOps & Pick<typeof fs, 'readFile'>;

/**
 * Write a file atomically, unless it changed since it was read: for a read, change, write cycle
 * (`check --fix`, `import`), so that an edit another writer (the editor, say) made meanwhile is not
 * overwritten. The file is compared with what was read just before the new content replaces it, which
 * leaves a window of one read and one rename instead of the whole cycle.
 * @param file the file to write
 * @param previous its content as read at the start of the cycle (undefined: it did not exist)
 * @param content its new content, written as UTF-8
 * @param ops the file operations to use (default: node's `fs.promises`)
 * @returns false when the file was not written because it is no longer `previous` (nothing is left behind)
 * @throws the error of a failed write or rename (the temporary file removed first)
 */
export async function writeFileIfUnchanged(file: string, previous: string | undefined, content: string, ops: ReplaceOps = fs): Promise<boolean> {
  return replaceFile(file, content, ops, async () => (await ops.readFile(file, 'utf8').catch(() => undefined)) === previous);
}

/**
 * Content to a temporary file beside `file`, then renamed over it if `mayReplace` still says so.
 * @returns whether the file was replaced
 */
async function replaceFile(file: string, content: string, ops: AtomicWriteOps, mayReplace?: () => Promise<boolean>): Promise<boolean> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await ops.writeFile(temporary, content, { encoding: 'utf8', flag: 'wx' });
    if (mayReplace && !(await mayReplace())) {
      await ops.rm(temporary, { force: true });
      return false;
    }
    await ops.rename(temporary, file);
    return true;
  } catch (error) {
    // The first failure is what the user needs to hear about, even if cleaning up fails as well.
    await ops.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** A sidecar as read from disk, with its document. */
export interface LoadedDocument {
  /** Absolute path of the sidecar. */
  sidecarPath: string;
  /** The sidecar's bytes as text. */
  sidecarSource: string;
  /** What the sidecar reader made of it. */
  read: SidecarReadResult;
  /** Absolute path of the annotated document, when the sidecar names one that may be read. */
  documentPath: string | undefined;
  /** The document's normalised text, when it could be read. */
  text: string | undefined;
  /** Problems with the document itself (missing, unreadable, outside the sidecar's folder), on the sidecar's `document:` line. */
  findings: Finding[];
}

/**
 * Read a sidecar and the document it names. Neither is read when it is, through a symbolic link,
 * outside `root`: a workspace must not make the CLI read (or, with `--fix`, write) files elsewhere.
 * @param sidecarPath absolute path of the sidecar
 * @param root absolute path of the folder the files must lie in (the workspace), or undefined for no such limit
 * @throws only when the sidecar itself cannot be read from disk
 */
export async function loadAnnotatedDocument(sidecarPath: string, root?: string): Promise<LoadedDocument> {
  const outside = async (file: string): Promise<string | undefined> => {
    if (root === undefined) return undefined;
    const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
    const relative = path.relative(realRoot, real);
    return relative.startsWith('..') || path.isAbsolute(relative) ? real : undefined;
  };
  const sidecarTarget = await outside(sidecarPath);
  if (sidecarTarget) {
    const message = `this sidecar is a link to ${sidecarTarget}, outside the workspace; Marginalia does not follow links out of the workspace: replace the link with a copy of the file`;
    return {
      sidecarPath,
      sidecarSource: '',
      read: { sidecar: undefined, findings: [], recordLines: new Map(), writable: false },
      documentPath: undefined,
      text: undefined,
      findings: [{ severity: 'error', code: 'outside-workspace', message, line: 1, column: 1 }],
    };
  }
  const sidecarSource = await fs.readFile(sidecarPath, 'utf8');
  const read = readSidecar(sidecarSource);
  const loaded: LoadedDocument = { sidecarPath, sidecarSource, read, documentPath: undefined, text: undefined, findings: [] };
  if (!read.sidecar) return loaded;
  const line = documentKeyLine(sidecarSource);
  const problem = (code: string, message: string): void => {
    loaded.findings.push({ severity: 'error', code, message, line, column: 1 });
  };
  const documentPath = resolveDocumentPath(sidecarPath, read.sidecar.document);
  if (!documentPath) {
    problem(
      'document-outside-folder',
      `document: '${read.sidecar.document}' must name a file in the sidecar's own folder (a plain file name such as '${path.basename(sidecarPath, '.annotations.yaml')}'); fix the document key`,
    );
    return loaded;
  }
  let bytes: Uint8Array;
  try {
    const documentTarget = await outside(documentPath);
    if (documentTarget) {
      problem(
        'outside-workspace',
        `the annotated document '${read.sidecar.document}' is a link to ${documentTarget}, outside the workspace; Marginalia does not follow links out of the workspace: replace the link with a copy of the file`,
      );
      return loaded;
    }
    bytes = await fs.readFile(documentPath);
  } catch {
    problem(
      'document-missing',
      `the annotated document '${read.sidecar.document}' does not exist; restore or rename it back, or delete this sidecar if its annotations are no longer wanted`,
    );
    return loaded;
  }
  loaded.documentPath = documentPath;
  const decoded = decodeDocument(bytes);
  if (decoded.problem !== undefined) problem('document-unreadable', `the annotated document '${read.sidecar.document}' ${decoded.problem}`);
  else loaded.text = normalizeText(decoded.text);
  return loaded;
}

/**
 * The document a sidecar names, if it lies in the sidecar's folder: the key is a path relative to
 * the sidecar, and one that is absolute or climbs out of the folder could make a tool read or
 * write files it should not touch.
 */
function resolveDocumentPath(sidecarPath: string, documentKey: string): string | undefined {
  if (documentKey === '' || path.isAbsolute(documentKey) || /^[a-zA-Z]:|\\/.test(documentKey)) return undefined;
  const folder = path.dirname(sidecarPath);
  const resolved = path.resolve(folder, documentKey);
  const relative = path.relative(folder, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return resolved;
}

/** 1-based line of the `document:` key, so a document finding points at it. */
function documentKeyLine(source: string): number {
  const match = /^document\s*:/m.exec(source);
  return match ? source.slice(0, match.index).split('\n').length : 1;
}

/**
 * The label configuration that applies to a folder: the nearest `.marginalia.yaml` in it or above it,
 * up to the repository root (a folder holding `.git`) or the file-system root; the defaults without one.
 * @param folder absolute path of the folder where the search starts
 * @returns the configuration, its findings, and the path of the file read (undefined for the defaults)
 */
export async function loadLabelConfig(folder: string): Promise<{ config: LabelConfig; findings: Finding[]; path: string | undefined }> {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const candidate = path.join(current, LABEL_CONFIG_FILE);
    const source = await fs.readFile(candidate, 'utf8').catch(() => undefined);
    if (source !== undefined) return { ...parseLabelConfig(source), path: candidate };
    if ((await exists(path.join(current, '.git'))) || path.dirname(current) === current) break;
  }
  return { config: DEFAULT_LABEL_CONFIG, findings: [], path: undefined };
}
