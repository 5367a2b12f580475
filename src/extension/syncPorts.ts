/**
 * The ports of the document-sync engine (`src/core/workspace/`) over VS Code: files through
 * `sidecarFiles.ts` (Node's `fs` for `file:` URIs, `workspace.fs` otherwise), URIs as locations, the
 * open text documents, and the real clock.
 */
import * as vscode from 'vscode';
import type { ClockPort, EditorPort, FileSystemPort, Locations } from '../core/workspace/ports';
import { fileStamp, readFileBytes, writeTextFileAtomic } from './sidecarFiles';

/** The workspace's files. */
export const vscodeFiles: FileSystemPort<vscode.Uri> = {
  stat: fileStamp,
  read: readFileBytes,
  writeIfUnchanged: writeTextFileAtomic,
  rename: (from, to) => Promise.resolve(vscode.workspace.fs.rename(from, to, { overwrite: false })),
  delete: (file) => Promise.resolve(vscode.workspace.fs.delete(file)),
};

/** URIs: told apart by their string form, with `/`-separated paths. */
export const uriLocations: Locations<vscode.Uri> = {
  key: (uri) => uri.toString(),
  path: (uri) => uri.path,
  withPath: (like, path) => like.with({ path }),
};

/** The text documents open in VS Code. */
export const vscodeEditor: EditorPort<vscode.Uri> = {
  openDocument: (uri) => {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
  },
};

/** The system clock and `setInterval`. */
export const systemClock: ClockPort = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    return { cancel: () => clearInterval(timer) };
  },
};
