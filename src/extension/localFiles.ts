/**
 * Local files reached with Node's `fs`, for the Node extension host only (the web entry has no such
 * access and reaches every file through `vscode.workspace.fs`). The extension host runs where the
 * files are (on the remote machine in a remote window), and a write of a large sidecar through
 * `vscode.workspace.fs` costs several times more (stat before and after, writes in chunks). Files are
 * read by the core's rule (`core/io/inside.ts`): inside the workspace folder through links, and regular
 * files only (a named pipe would block the read forever).
 */
import { lstatSync, promises as fs, readFileSync, type Stats } from 'node:fs';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/io/atomic-write';
import { describeRefusal, readInside } from '../core/io/inside';
import { decodeSidecar } from '../core/sidecar/decode';
import { stillAsSeen, type FileStamp } from '../core/workspace/ports';
import type { LocalFiles } from './sidecarFiles';

/** The `file:` files of the Node host. */
export const nodeLocalFiles: LocalFiles = {
  async read(uri) {
    const read = await readInside(uri.fsPath, workspaceRootOf(uri));
    if (read.refusal) return { problem: read.refusal.kind === 'missing' ? 'missing' : describeRefusal(read.refusal) };
    return { bytes: read.bytes };
  },

  stat(uri) {
    return fs.lstat(uri.fsPath).then(stampOf, () => undefined);
  },

  /*
   * Written with the core's `writeFileAtomic`, synchronously and without `fsync`: a few milliseconds
   * for a sidecar of 10,000 records, where each asynchronous step would wait for Node's thread pool
   * behind whatever else the extension host does; nothing else in the extension host runs between the
   * last look and the rename. Its stamp is read from the open file, so it is the stamp of these bytes
   * even if someone writes the file again at once.
   */
  writeIfUnchanged(uri, text, unlessChangedFrom, bytes) {
    const mayReplace = unlessChangedFrom && ((): boolean => stillAsSeen(unlessChangedFrom, localStamp(uri.fsPath), readLocalSidecar(uri.fsPath)));
    // Not flushed to the disk (fsync): that would add some 10 ms to every tag in a document of 10,000
    // annotations (docs/performance.md), and VS Code does not flush the document's own saves either.
    // The bytes in pieces when the writer knows them: a large sidecar is then not encoded again (docs/performance.md).
    const stat = writeFileAtomic(uri.fsPath, bytes ?? text, { durable: false, mayReplace });
    return Promise.resolve(stat ? { written: true, stamp: { size: stat.size, mtime: Math.trunc(stat.mtimeMs), link: false } } : { written: false });
  },
};

/**
 * The folder a local file must lie in, through links: its workspace folder (undefined outside any,
 * as the extension's own storage is; such a file is still read only if it is a regular file).
 */
function workspaceRootOf(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
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
  return stat && stampOf(stat);
}

/** The stamp of what `lstat` found (of the link itself for a symbolic link). */
function stampOf(stat: Stats): FileStamp {
  return { size: stat.size, mtime: Math.trunc(stat.mtimeMs), link: stat.isSymbolicLink() };
}
