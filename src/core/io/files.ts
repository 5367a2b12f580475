/**
 * Sidecar and document I/O on the local file system, for the CLI. (The extension reads and writes
 * through `vscode.workspace.fs` instead, so it also works on remote and virtual file systems.)
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseLabelConfig, DEFAULT_LABEL_CONFIG, LABEL_CONFIG_FILE } from '../config';
import type { Finding, LabelConfig } from '../model';
import { isSidecarPath, sidecarPathFor } from '../paths';
import { decodeSidecar } from '../sidecar/decode';
import { readSidecar, type SidecarReadResult } from '../sidecar/read';
import { normalizeText } from '../text';
import { decodeDocument } from '../document-bytes';
import { documentKeyLine, documentMissing, documentOutsideFolder, documentUnreadable } from '../document-findings';

/** Folders never searched for sidecars. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Every sidecar under the given files and folders.
 * A document path stands for its sidecar; folders are searched recursively, without following
 * symbolic links and skipping `node_modules` and `.git`.
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
    if (stat.isDirectory()) await collect(absolute, found);
    else if (isSidecarPath(absolute)) found.add(absolute);
    else if (await exists(sidecarPathFor(absolute))) found.add(sidecarPathFor(absolute));
  }
  return [...found].sort();
}

async function collect(folder: string, found: Set<string>): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) await collect(full, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isSidecarPath(entry.name)) {
      found.add(full);
    }
  }
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
 * @param content its new content: a text, written as UTF-8, or bytes written as they are
 * @param ops the file operations to use (default: node's `fs.promises`)
 * @throws the error of the failed operation (the temporary file removed first), so the caller can say what went wrong
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, ops: AtomicWriteOps = fs): Promise<void> {
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
async function replaceFile(file: string, content: string | Uint8Array, ops: AtomicWriteOps, mayReplace?: () => Promise<boolean>): Promise<boolean> {
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
  const sidecarSource = decodeSidecar(await fs.readFile(sidecarPath));
  const read = readSidecar(sidecarSource);
  const loaded: LoadedDocument = { sidecarPath, sidecarSource, read, documentPath: undefined, text: undefined, findings: [] };
  if (!read.sidecar) return loaded;
  const line = documentKeyLine(sidecarSource);
  const key = read.sidecar.document;
  const documentPath = resolveDocumentPath(sidecarPath, key);
  if (!documentPath) {
    loaded.findings.push(documentOutsideFolder(key, sidecarPath, line));
    return loaded;
  }
  let bytes: Uint8Array;
  try {
    const documentTarget = await outside(documentPath);
    if (documentTarget) {
      loaded.findings.push({
        severity: 'error',
        code: 'outside-workspace',
        message: `the annotated document '${key}' is a link to ${documentTarget}, outside the workspace; Marginalia does not follow links out of the workspace: replace the link with a copy of the file`,
        line,
        column: 1,
      });
      return loaded;
    }
    bytes = await fs.readFile(documentPath);
  } catch {
    loaded.findings.push(documentMissing(key, line));
    return loaded;
  }
  loaded.documentPath = documentPath;
  const decoded = decodeDocument(bytes);
  if (decoded.problem !== undefined) loaded.findings.push(documentUnreadable(key, decoded.problem, line));
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
