/**
 * Sidecar and document I/O on the local file system, for the CLI. (The extension reads and writes
 * through `vscode.workspace.fs` instead, so it also works on remote and virtual file systems.)
 */
import * as nodeFs from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseLabelConfig, DEFAULT_LABEL_CONFIG, LABEL_CONFIG_FILE } from '../config';
import { labelConfigFolder } from '../config-lookup';
import type { Finding, LabelConfig } from '../model';
import { documentPathFromKey, isSidecarPath, sidecarPathFor } from '../paths';
import { readSidecar, type SidecarReadResult } from '../sidecar/read';
import { normalizeText } from '../text';
import { decodeDocument } from '../document-bytes';
import { documentKeyLine, documentMissing, documentOutsideFolder, documentUnreadable } from '../document-findings';
import { writeFileAtomic, type AtomicWriteOps } from './atomic-write';
import { describeRefusal, insideRoot, isWithin, readInsideSync, readTextInside, readTextInsideSync, type InsideRoot } from './inside';
import { IGNORE_FILE, IgnoreRules, parseIgnoreFile } from '../ignore';

/** Folders never searched for sidecars. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Every sidecar under the given files and folders.
 * A document path stands for its sidecar; folders are searched recursively, without following
 * symbolic links, skipping `node_modules`, `.git` and what `.marginaliaignore` files leave out: those
 * of the folders searched and of the folders above a named one, up to the repository root (the folder
 * holding `.git`), or up to `cwd` outside a repository. A file or folder named in `paths` is searched
 * even when an ignore file leaves it out. A folder named through a symbolic link is searched as a
 * folder of its own (its links below are not followed), as the readers take it for the root.
 * @param paths files or folders, relative to `cwd` or absolute
 * @param cwd the folder relative paths start from
 * @returns absolute sidecar paths, sorted, each once
 * @throws when a path does not exist (a usage error for the CLI)
 */
export async function findSidecars(paths: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const named = await fs.lstat(absolute);
    // Followed when named: left unsearched, a linked folder would check, count or compare as empty.
    const stat = named.isSymbolicLink() ? await fs.stat(absolute) : named;
    if (stat.isDirectory()) {
      // The folders above a link are not those of its target: their ignore files say nothing of it.
      const root = named.isSymbolicLink() ? absolute : await searchRoot(absolute, path.resolve(cwd));
      const search: Search = { root, realRoot: insideRoot(root), from: toPosix(path.relative(root, absolute)), rules: new IgnoreRules() };
      for (let folder = absolute; folder !== root; ) {
        folder = path.dirname(folder);
        addIgnoreFile(search, folder);
      }
      collect(absolute, search, found);
    } else if (isSidecarPath(absolute)) found.add(absolute);
    else if (await exists(sidecarPathFor(absolute))) found.add(sidecarPathFor(absolute));
  }
  return [...found].sort();
}

/** A folder search: its root, the named folder it started from (relative to the root) and the ignore files read so far. */
interface Search {
  root: string;
  /** The root resolved once, for reading the ignore files under it. */
  realRoot: InsideRoot;
  from: string;
  rules: IgnoreRules;
}

/** Synchronous, as the reads that follow (`readInsideSync`): a search has nothing else to do meanwhile. */
function collect(folder: string, search: Search, found: Set<string>): void {
  addIgnoreFile(search, folder);
  const entries = nodeFs.readdirSync(folder, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const relative = toPosix(path.relative(search.root, full));
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !search.rules.ignores(relative, true, search.from)) collect(full, search, found);
    } else if (isSidecarPath(entry.name) && !search.rules.ignores(relative, false, search.from)) {
      // Whatever its type (a pipe, a link): the reader refuses what is not a regular file inside the workspace, and says so.
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

/**
 * Add a folder's ignore file to the rules, read under the one read rule.
 * @throws an error naming the file when it is there but refused (a pipe, a folder, a link out of the
 *   root): searching on without it would check, count and export what the user meant to leave out
 */
function addIgnoreFile(search: Search, folder: string): void {
  const file = path.join(folder, IGNORE_FILE);
  const read = readTextInsideSync(file, search.realRoot);
  if (!read.refusal) search.rules.add(parseIgnoreFile(toPosix(path.relative(search.root, folder)), read.text));
  else if (read.refusal.kind !== 'missing') throw Object.assign(new Error(`it ${describeRefusal(read.refusal)}`), { path: file });
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
 * Write a file atomically (see `writeFileAtomic`), unless it changed since it was read: for a read,
 * change, write cycle (`check --fix`, `import`), so that an edit another writer (the editor, say)
 * made meanwhile is not overwritten. The file is compared with what was read just before the new
 * content replaces it, which leaves a window of one read and one rename instead of the whole cycle.
 * @param file the file to write
 * @param previous its content as read at the start of the cycle (undefined: it did not exist)
 * @param content its new content, written as UTF-8
 * @param ops the file operations to use (default: node's)
 * @returns false when the file was not written because it is no longer `previous` (nothing is left behind)
 * @throws {WriteFailedError} naming the file, when the write or the rename fails (the temporary file removed first)
 */
export async function writeFileIfUnchanged(file: string, previous: string | undefined, content: string, ops: ReplaceOps = nodeFs): Promise<boolean> {
  const unchanged = (): boolean => {
    try {
      return ops.readFileSync(file, 'utf8') === previous;
    } catch {
      return previous === undefined;
    }
  };
  return writeFileAtomic(file, content, { mayReplace: unchanged }, ops) !== undefined;
}

/** The file operations `writeFileIfUnchanged` uses (tests pass failing ones). */
export type ReplaceOps = AtomicWriteOps & Pick<typeof nodeFs, 'readFileSync'>;

/** A sidecar as read from disk, with its document. */
export interface LoadedDocument {
  /** Absolute path of the sidecar. */
  sidecarPath: string;
  /** Its real path (links resolved, inside the workspace), where a rewrite goes, so that a link stays a link; undefined when it was not read. */
  sidecarRealPath: string | undefined;
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
 * Read a sidecar and the document it names, both under the rule of `readInside`: inside `root`
 * through symbolic links, and regular files. A workspace must not make the CLI read (or, with `--fix`,
 * write) files elsewhere, nor hang it on a named pipe. Every refusal is a finding; nothing throws.
 * The files are read synchronously (`readInsideSync`): the CLI has nothing else to do meanwhile.
 * @param sidecarPath absolute path of the sidecar
 * @param resolvedRoot the folder the files must lie in (the workspace; see `workspaceRootOf`), resolved
 *   by `insideRoot`, once for the many sidecars read under it, as `CorpusReader` does
 */
export async function loadAnnotatedDocument(sidecarPath: string, resolvedRoot: InsideRoot): Promise<LoadedDocument> {
  const sidecarRead = readTextInsideSync(sidecarPath, resolvedRoot);
  if (sidecarRead.refusal) {
    const code = sidecarRead.refusal.kind === 'outside' ? 'outside-workspace' : 'sidecar-unreadable';
    return {
      sidecarPath,
      sidecarRealPath: undefined,
      sidecarSource: '',
      read: { sidecar: undefined, findings: [], recordLines: new Map(), writable: false },
      documentPath: undefined,
      text: undefined,
      findings: [{ severity: 'error', code, message: `this sidecar ${describeRefusal(sidecarRead.refusal)}`, line: 1, column: 1 }],
    };
  }
  const sidecarSource = sidecarRead.text;
  const read = readSidecar(sidecarSource);
  const loaded: LoadedDocument = { sidecarPath, sidecarRealPath: sidecarRead.realPath, sidecarSource, read, documentPath: undefined, text: undefined, findings: [] };
  if (!read.sidecar) return loaded;
  const line = documentKeyLine(sidecarSource);
  const key = read.sidecar.document;
  const documentPath = resolveDocumentPath(sidecarPath, key);
  if (!documentPath) {
    loaded.findings.push(documentOutsideFolder(key, sidecarPath, line));
    return loaded;
  }
  const documentRead = readInsideSync(documentPath, resolvedRoot);
  const named = `the annotated document '${key}'`;
  const problem = (code: string, message: string): void => {
    loaded.findings.push({ severity: 'error', code, message, line, column: 1 });
  };
  if (documentRead.refusal) {
    const refusal = documentRead.refusal;
    if (refusal.kind === 'missing') loaded.findings.push(documentMissing(key, line));
    else if (refusal.kind === 'outside') problem('outside-workspace', `${named} ${describeRefusal(refusal)}`);
    else if (refusal.kind === 'directory') problem('document-not-a-file', `${named} is a folder, not a file; fix the document key`);
    else loaded.findings.push(documentUnreadable(key, describeRefusal(refusal), line));
    return loaded;
  }
  loaded.documentPath = documentPath;
  const decoded = decodeDocument(documentRead.bytes);
  if (decoded.problem !== undefined) loaded.findings.push(documentUnreadable(key, decoded.problem, line));
  else loaded.text = normalizeText(decoded.text);
  return loaded;
}

/**
 * The workspace root a sidecar is read within: the first of the folders given on the command line
 * that holds it, or its own folder when it was named directly. Links out of it are not followed.
 * @param sidecarPath absolute path of the sidecar
 * @param givenFolders the paths given on the command line that are folders, absolute
 */
function workspaceRootOf(sidecarPath: string, givenFolders: readonly string[]): string {
  for (const folder of givenFolders) if (isWithin(folder, sidecarPath)) return folder;
  return path.dirname(sidecarPath);
}

/** A label configuration as `loadLabelConfig` gives it. */
export type LoadedLabelConfig = Awaited<ReturnType<typeof loadLabelConfig>>;

/**
 * Reads the sidecars of one command run: which paths given are folders is found once, each
 * workspace root is resolved once (not once per file), and each label configuration is looked for
 * once per folder and read and parsed once, however many folders it applies to.
 */
export class CorpusReader {
  private givenFolders: string[] | undefined;
  private readonly roots = new Map<string, InsideRoot>();
  private readonly configFiles = new Map<string, string | undefined>();
  private readonly configs = new Map<string, Promise<LoadedLabelConfig>>();

  /**
   * @param given the paths given on the command line
   * @param cwd the folder they are relative to
   */
  constructor(
    private readonly given: readonly string[],
    private readonly cwd: string,
  ) {}

  /**
   * The workspace root of a sidecar (`workspaceRootOf`), resolved.
   * @param sidecarPath absolute path of the sidecar
   */
  rootOf(sidecarPath: string): InsideRoot {
    this.givenFolders ??= this.given.map((p) => path.resolve(this.cwd, p)).filter(isFolder);
    const rootPath = workspaceRootOf(sidecarPath, this.givenFolders);
    let root = this.roots.get(rootPath);
    if (!root) this.roots.set(rootPath, (root = insideRoot(rootPath)));
    return root;
  }

  /**
   * A sidecar and its document (`loadAnnotatedDocument`).
   * @param sidecarPath absolute path of the sidecar
   */
  async load(sidecarPath: string): Promise<LoadedDocument> {
    return loadAnnotatedDocument(sidecarPath, this.rootOf(sidecarPath));
  }

  /**
   * A sidecar's text, under the rule of `readInside`.
   * @param sidecarPath absolute path of the sidecar
   */
  async readText(sidecarPath: string): Promise<ReturnType<typeof readTextInsideSync>> {
    return readTextInsideSync(sidecarPath, this.rootOf(sidecarPath));
  }

  /**
   * The label configuration that applies to a folder (`loadLabelConfig`).
   * @param folder absolute path of the folder
   */
  labelConfig(folder: string): Promise<LoadedLabelConfig> {
    let file = this.configFiles.get(folder);
    if (file === undefined && !this.configFiles.has(folder)) this.configFiles.set(folder, (file = labelConfigFileFor(folder)));
    const key = file ?? '';
    let config = this.configs.get(key);
    if (!config) this.configs.set(key, (config = readLabelConfig(file)));
    return config;
  }
}

/** Whether a path is a folder (through links, as the command line names it). */
function isFolder(absolute: string): boolean {
  try {
    return nodeFs.statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}

/** The document a sidecar names, by the one rule for the key (`documentPathFromKey`), as a native path. */
function resolveDocumentPath(sidecarPath: string, documentKey: string): string | undefined {
  const resolved = documentPathFromKey(sidecarPath.split(path.sep).join('/'), documentKey);
  return resolved === undefined ? undefined : resolved.split('/').join(path.sep);
}

/**
 * The label configuration that applies to a folder, by the rule of `labelConfigFolder`: the nearest
 * `.marginalia.yaml` in it or above it, up to the repository root (a folder holding `.git`) or the
 * file-system root outside a repository; the defaults without one. The file is read as any other
 * (a regular file only: a named pipe there would block the CLI).
 * @param folder absolute path of the folder where the search starts
 * @returns the configuration, its findings, and the path of the file read (undefined for the defaults)
 */
export async function loadLabelConfig(folder: string): Promise<{ config: LabelConfig; findings: Finding[]; path: string | undefined }> {
  return readLabelConfig(labelConfigFileFor(folder));
}

/** The `.marginalia.yaml` that applies to a folder (see `loadLabelConfig`), or undefined for the defaults. */
function labelConfigFileFor(folder: string): string | undefined {
  const toSlashes = (p: string): string => p.split(path.sep).join('/');
  const fromSlashes = (p: string): string => p.split('/').join(path.sep);
  const found = labelConfigFolder(toSlashes(path.resolve(folder)), undefined, (candidate) => ({
    hasConfig: nodeFs.existsSync(path.join(fromSlashes(candidate), LABEL_CONFIG_FILE)),
    isRepositoryRoot: nodeFs.existsSync(path.join(fromSlashes(candidate), '.git')),
  }));
  return found === undefined ? undefined : path.join(fromSlashes(found), LABEL_CONFIG_FILE);
}

/** Read and parse a label configuration; the defaults for none. */
async function readLabelConfig(file: string | undefined): Promise<{ config: LabelConfig; findings: Finding[]; path: string | undefined }> {
  if (file === undefined) return { config: DEFAULT_LABEL_CONFIG, findings: [], path: undefined };
  const read = await readTextInside(file, undefined);
  if (read.refusal) {
    const message = `${LABEL_CONFIG_FILE} ${describeRefusal(read.refusal)}; the default labels (claim, quote, figure) are used`;
    return { config: DEFAULT_LABEL_CONFIG, findings: [{ severity: 'error', code: 'config-unreadable', message, line: 1, column: 1 }], path: file };
  }
  return { ...parseLabelConfig(read.text), path: file };
}
