/**
 * File access for the extension: reading, stating and writing files atomically, for the file-system
 * port of the document-sync engine (`syncPorts.ts`), the label and parsed-sidecar caches and exports.
 * Every file goes through `vscode.workspace.fs`, so virtual workspaces and the web extension host
 * work, except the `file:` files of a host that reaches them itself: the Node entry (`node.ts`) hands
 * over Node's `fs` (`localFiles.ts`), faster and stricter (the core's rule: inside the workspace
 * folder through links, regular files only). The editor is stricter still about links: it does not
 * follow a sidecar or a document that is one (the engine asks `fileStamp` first).
 */
import * as vscode from 'vscode';
import { decodeSidecar } from '../core/sidecar/decode';
import { joinBytes } from '../core/sidecar/lines';
import { sameStamp, stillAsSeen, type FileRead, type FileStamp, type SeenFile, type WriteOutcome } from '../core/workspace/ports';

/** The `file:` files of a host that reaches them itself, not through `vscode.workspace.fs`. */
export interface LocalFiles {
  /** What `readFileBytes` does, for a `file:` URI. */
  read(uri: vscode.Uri): Promise<FileRead>;
  /** What `fileStamp` does, for a `file:` URI. */
  stat(uri: vscode.Uri): Promise<FileStamp | undefined>;
  /** What `writeTextFileAtomic` does, for a `file:` URI. */
  writeIfUnchanged(uri: vscode.Uri, text: string, unlessChangedFrom?: SeenFile, bytes?: readonly Uint8Array[]): Promise<WriteOutcome>;
}

/** The host's own access to `file:` files; undefined (the web host): through `vscode.workspace.fs`. */
let localFiles: LocalFiles | undefined;

/**
 * Reach `file:` files through the host's own file system from now on: the Node entry calls it first
 * thing at activation; the web entry does not (a web worker has no file system of its own).
 * @param files the host's access to local files
 */
export function useLocalFiles(files: LocalFiles): void {
  localFiles = files;
}

/** The host's access to a file of this URI, if it has one. */
function localAccessTo(uri: vscode.Uri): LocalFiles | undefined {
  return uri.scheme === 'file' ? localFiles : undefined;
}

/**
 * Whether the host reaches this file itself (a `file:` URI in the Node host), not through `vscode.workspace.fs`.
 * @param uri a file or folder
 */
export function isReachedLocally(uri: vscode.Uri): boolean {
  return localAccessTo(uri) !== undefined;
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Read a file as UTF-8 text.
 * @param uri the file
 * @returns its text, or undefined when it does not exist or cannot be read
 */
export async function readTextFile(uri: vscode.Uri): Promise<string | undefined> {
  const read = await readFileBytes(uri);
  return read.bytes && decoder.decode(read.bytes);
}

/**
 * Read a sidecar's text (see `decodeSidecar`: bytes that are not UTF-8 are kept, for the reader to refuse).
 * @param uri the sidecar
 * @returns its text, or undefined when it does not exist or cannot be read
 */
async function readSidecarText(uri: vscode.Uri): Promise<string | undefined> {
  const read = await readFileBytes(uri);
  return read.bytes && decodeSidecar(read.bytes);
}

/**
 * Read a file's bytes; a local one by the host's rule (see `LocalFiles`).
 * @param uri the file
 * @returns its bytes, or why there are none ('missing', or a phrase that follows the file's name)
 */
export async function readFileBytes(uri: vscode.Uri): Promise<FileRead> {
  const local = localAccessTo(uri);
  if (local) return local.read(uri);
  try {
    return { bytes: await vscode.workspace.fs.readFile(uri) };
  } catch {
    return { problem: 'missing' };
  }
}

/**
 * The stamp of a file (of the link itself for a symbolic link).
 * @param uri the file
 * @returns its stamp, or undefined when it does not exist (or cannot be looked at)
 */
export async function fileStamp(uri: vscode.Uri): Promise<FileStamp | undefined> {
  const local = localAccessTo(uri);
  if (local) return local.stat(uri);
  return vscode.workspace.fs.stat(uri).then(
    (stat) => ({ size: stat.size, mtime: stat.mtime, link: (stat.type & vscode.FileType.SymbolicLink) !== 0 }),
    () => undefined,
  );
}

/**
 * Write a file as UTF-8 text atomically: the bytes go to a temporary file beside it, which then
 * replaces it by rename, so the file holds the old content or the new, never part of it (a full
 * disk or a refused permission leaves the old file as it was, and no temporary file behind).
 * With `unlessChangedFrom`, the file is replaced only if it is still as seen then, just before the
 * rename (see `stillAsSeen`), so a change someone made meanwhile is not written over.
 *
 * Through `vscode.workspace.fs` the temporary file and the rename are the file system provider's; a
 * local file of the Node host is written by `localFiles.ts`.
 * @param uri the file
 * @param text its new content
 * @param unlessChangedFrom the file as last seen, if it must still be so
 * @param pieces the text's UTF-8 bytes in pieces, when the caller has them (then the text is not encoded)
 * @returns whether it was written, and the stamp of the file written (undefined when not known: another write came first)
 * @throws the file system's error when the write fails
 */
export async function writeTextFileAtomic(uri: vscode.Uri, text: string, unlessChangedFrom?: SeenFile, pieces?: readonly Uint8Array[]): Promise<WriteOutcome> {
  const local = localAccessTo(uri);
  if (local) return local.writeIfUnchanged(uri, text, unlessChangedFrom, pieces);
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const temporary = vscode.Uri.joinPath(uri, '..', `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const bytes = pieces ? joinBytes(pieces) : encoder.encode(text); // `workspace.fs` writes one array
  try {
    await vscode.workspace.fs.writeFile(temporary, bytes);
    if (unlessChangedFrom) {
      const stamp = await fileStamp(uri);
      const now = stamp && !stamp.link && !sameStamp(stamp, unlessChangedFrom.stamp) ? await readSidecarText(uri) : undefined;
      if (!stillAsSeen(unlessChangedFrom, stamp, () => now)) {
        await vscode.workspace.fs.delete(temporary);
        return { written: false };
      }
    }
    await vscode.workspace.fs.rename(temporary, uri, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
  const after = await fileStamp(uri);
  return { written: true, stamp: after?.size === bytes.length ? after : undefined };
}
