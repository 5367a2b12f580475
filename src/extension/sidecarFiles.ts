/**
 * File access for the extension: reading, stating and writing files atomically, for the file-system
 * port of the document-sync engine (`syncPorts.ts`), the label and parsed-sidecar caches and exports.
 * Files of the `file` scheme are reached with Node's `fs`: the extension host runs where they are (on
 * the remote machine in a remote window), and a write of a large sidecar through `vscode.workspace.fs`
 * costs several times more (stat before and after, writes in chunks). Every other scheme goes through
 * `vscode.workspace.fs`, so virtual workspaces work. Local files are read by the core's rule
 * (`core/io/inside.ts`): inside the workspace folder through links, and regular files only (a named
 * pipe would block the read forever). The editor is stricter still about links: it does not follow a
 * sidecar or a document that is one (the engine asks `fileStamp` first).
 */
import { lstatSync, promises as fs, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/io/atomic-write';
import { describeRefusal, readInside } from '../core/io/inside';
import { decodeSidecar } from '../core/sidecar/decode';
import { sameStamp, stillAsSeen, type FileRead, type FileStamp, type SeenFile, type WriteOutcome } from '../core/workspace/ports';

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
 * Read a file's bytes; a local one by the core's rule (inside its workspace folder, a regular file).
 * @param uri the file
 * @returns its bytes, or why there are none ('missing', or a phrase that follows the file's name)
 */
export async function readFileBytes(uri: vscode.Uri): Promise<FileRead> {
  if (uri.scheme === 'file') {
    const read = await readInside(uri.fsPath, workspaceRootOf(uri));
    if (read.refusal) return { problem: read.refusal.kind === 'missing' ? 'missing' : describeRefusal(read.refusal) };
    return { bytes: read.bytes };
  }
  try {
    return { bytes: await vscode.workspace.fs.readFile(uri) };
  } catch {
    return { problem: 'missing' };
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

/**
 * The stamp of a file (of the link itself for a symbolic link).
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
 * Write a file as UTF-8 text atomically: the bytes go to a temporary file beside it, which then
 * replaces it by rename, so the file holds the old content or the new, never part of it (a full
 * disk or a refused permission leaves the old file as it was, and no temporary file behind).
 * With `unlessChangedFrom`, the file is replaced only if it is still as seen then, just before the
 * rename (see `stillAsSeen`), so a change someone made meanwhile is not written over.
 *
 * A local file is written with the core's `writeFileAtomic`, synchronously and without `fsync`: a
 * few milliseconds for a sidecar of 10,000 records, where each asynchronous step would wait for
 * Node's thread pool behind whatever else the extension host does; nothing else in the extension
 * host runs between the last look and the rename. Its stamp is read from the open file, so it is the
 * stamp of these bytes even if someone writes the file again at once.
 * @param uri the file
 * @param text its new content
 * @param unlessChangedFrom the file as last seen, if it must still be so
 * @returns whether it was written, and the stamp of the file written (undefined when not known: another write came first)
 * @throws the file system's error when the write fails
 */
export async function writeTextFileAtomic(uri: vscode.Uri, text: string, unlessChangedFrom?: SeenFile): Promise<WriteOutcome> {
  if (uri.scheme === 'file') {
    const mayReplace = unlessChangedFrom && ((): boolean => stillAsSeen(unlessChangedFrom, localStamp(uri.fsPath), readLocalSidecar(uri.fsPath)));
    // Not flushed to the disk (fsync): that would add some 10 ms to every tag in a document of 10,000
    // annotations (docs/performance.md), and VS Code does not flush the document's own saves either.
    const stat = writeFileAtomic(uri.fsPath, text, { durable: false, mayReplace });
    return stat ? { written: true, stamp: { size: stat.size, mtime: Math.trunc(stat.mtimeMs), link: false } } : { written: false };
  }
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const temporary = vscode.Uri.joinPath(uri, '..', `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  const bytes = encoder.encode(text);
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

/** A local sidecar's text, read synchronously (undefined: it cannot be read). */
function readLocalSidecar(path: string): () => string | undefined {
  return () => {
    try {
      return decodeSidecar(readFileSync(path));
    } catch {
      return undefined;
    }
  };
}

/** The stamp of a local file, read synchronously (undefined: there is none). */
function localStamp(path: string): FileStamp | undefined {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  return stat && { size: stat.size, mtime: Math.trunc(stat.mtimeMs), link: stat.isSymbolicLink() };
}
