/**
 * File access for the extension: reading sidecars and documents, writing sidecars atomically, finding
 * a document from its sidecar's `document:` key. Files of the `file` scheme are reached with Node's
 * `fs`: the extension host runs where they are (on the remote machine in a remote window), and a
 * write of a large sidecar through `vscode.workspace.fs` costs several times more (stat before and
 * after, writes in chunks). Every other scheme goes through `vscode.workspace.fs`, so virtual
 * workspaces work. Local files are read by the core's rule (`core/io/inside.ts`): inside the
 * workspace folder through links, and regular files only (a named pipe would block the read forever).
 * The editor is stricter still about links: it does not follow a sidecar or a document that is one.
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { decodeDocument } from '../core/document-bytes';
import { writeFileAtomic } from '../core/io/atomic-write';
import { describeRefusal, readInside } from '../core/io/inside';
import { documentPathFromKey } from '../core/paths';
import { decodeSidecar } from '../core/sidecar/decode';
import { normalizeText } from '../core/text';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Read a file as UTF-8 text.
 * @param uri the file
 * @returns its text, or undefined when it does not exist or cannot be read
 */
export async function readTextFile(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'file') {
    const read = await readInside(uri.fsPath, workspaceRootOf(uri));
    return read.refusal ? undefined : decoder.decode(read.bytes);
  }
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Read a sidecar's text (see `decodeSidecar`: bytes that are not UTF-8 are kept, for the reader to refuse).
 * Local sidecars are read by the core's rule, as every other file.
 * @param uri the sidecar
 * @returns its text, or undefined when it does not exist or cannot be read
 */
export async function readSidecarText(uri: vscode.Uri): Promise<string | undefined> {
  if (uri.scheme === 'file') {
    const read = await readInside(uri.fsPath, workspaceRootOf(uri));
    return read.refusal ? undefined : decodeSidecar(read.bytes);
  }
  try {
    return decodeSidecar(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * The folder a local file must lie in, through links: its workspace folder (undefined outside any,
 * as the extension's own storage is; such a file is still read only if it is a regular file).
 */
function workspaceRootOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
}

/** What a file that is a symbolic link is reported as (it follows the file's name in messages). */
export const LINK_PROBLEM =
  'is a symbolic link, which Marginalia does not follow (it may lead outside the workspace); replace it with the file itself';

/**
 * Whether a file is a symbolic link (false when it does not exist).
 * @param uri the file
 */
export async function isSymbolicLink(uri: vscode.Uri): Promise<boolean> {
  return (await fileStamp(uri))?.link ?? false;
}

/**
 * A file's size and modification time, and whether it is a symbolic link. When a file's size and time
 * are those it had when its text was read or written, that text is taken to be its content still:
 * a stat instead of reading and parsing a large sidecar again.
 */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
  readonly link: boolean;
}

/**
 * The stamp of a file.
 * @param uri the file
 * @returns its stamp, or undefined when it does not exist (or cannot be looked at)
 */
export async function fileStamp(uri: vscode.Uri): Promise<FileStamp | undefined> {
  if (uri.scheme === 'file') {
    return fs.lstat(uri.fsPath).then(
      (stat) => ({ size: stat.size, mtime: Math.trunc(stat.mtimeMs), link: stat.isSymbolicLink() }),
      () => undefined,
    );
  }
  return vscode.workspace.fs.stat(uri).then(
    (stat) => ({ size: stat.size, mtime: stat.mtime, link: (stat.type & vscode.FileType.SymbolicLink) !== 0 }),
    () => undefined,
  );
}

/**
 * Whether two stamps are of the same file content (as far as size and time tell).
 * @param a one stamp
 * @param b another, if any
 */
export function sameStamp(a: FileStamp, b: FileStamp | undefined): boolean {
  return b !== undefined && a.size === b.size && a.mtime === b.mtime && a.link === b.link;
}

/** A document's text as read from disk, or why there is none. */
export type DiskDocument = { text: string; problem?: undefined } | { text?: undefined; problem: 'missing' | string };

/**
 * Read an annotated document from disk, normalised the way offsets count.
 * @param uri the document
 * @returns the normalised text, or `problem: 'missing'`, or the reason it is not text (phrased to follow its name)
 */
export async function readDocumentFromDisk(uri: vscode.Uri): Promise<DiskDocument> {
  if (await isSymbolicLink(uri)) return { problem: LINK_PROBLEM };
  let bytes: Uint8Array;
  if (uri.scheme === 'file') {
    const read = await readInside(uri.fsPath, workspaceRootOf(uri));
    if (read.refusal) return { problem: read.refusal.kind === 'missing' ? 'missing' : describeRefusal(read.refusal) };
    bytes = read.bytes;
  } else {
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      return { problem: 'missing' };
    }
  }
  const decoded = decodeDocument(bytes);
  return decoded.problem !== undefined ? { problem: decoded.problem } : { text: normalizeText(decoded.text) };
}

/**
 * Write a file as UTF-8 text atomically: the bytes go to a temporary file beside it, which then
 * replaces it by rename, so the file holds the old content or the new, never part of it (a full
 * disk or a refused permission leaves the old file as it was, and no temporary file behind).
 *
 * A local file is written with the core's `writeFileAtomic`, synchronously and without `fsync`: a
 * few milliseconds for a sidecar of 10,000 records, where each asynchronous step would wait for
 * Node's thread pool behind whatever else the extension host does. Its stamp is read from the open
 * file, so it is the stamp of these bytes even if someone writes the file again at once.
 * @param uri the file
 * @param text its new content
 * @returns the stamp of the file written, or undefined when it is not known (another write came first)
 * @throws the file system's error when the write fails
 */
export async function writeTextFileAtomic(uri: vscode.Uri, text: string): Promise<FileStamp | undefined> {
  if (uri.scheme === 'file') {
    // Not flushed to the disk (fsync): that would add some 10 ms to every tag in a document of 10,000
    // annotations (docs/performance.md), and VS Code does not flush the document's own saves either.
    const stat = writeFileAtomic(uri.fsPath, text, { durable: false })!;
    return { size: stat.size, mtime: Math.trunc(stat.mtimeMs), link: false };
  }
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const temporary = vscode.Uri.joinPath(uri, '..', `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const bytes = encoder.encode(text);
  try {
    await vscode.workspace.fs.writeFile(temporary, bytes);
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
  const after = await fileStamp(uri);
  return after?.size === bytes.length ? after : undefined;
}

/**
 * Whether a file exists.
 * @param uri the file
 */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  return (await fileStamp(uri)) !== undefined;
}

/**
 * The document a sidecar's `document:` key names, by the core's one rule for the key
 * (`documentPathFromKey`: a file in the sidecar's own folder or below it).
 * @param sidecarUri the sidecar
 * @param documentKey the value of its `document:` key
 */
export function resolveDocumentKey(sidecarUri: vscode.Uri, documentKey: string): vscode.Uri | undefined {
  const resolved = documentPathFromKey(sidecarUri.path, documentKey);
  return resolved === undefined ? undefined : sidecarUri.with({ path: resolved });
}

/**
 * The `document:` key for a document whose sidecar sits beside it: its file name.
 * @param documentUri the document
 */
export function documentKeyFor(documentUri: vscode.Uri): string {
  const path = documentUri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}
