/**
 * The ports of the document-sync engine (`src/core/workspace/`) over VS Code: files through
 * `sidecarFiles.ts` (Node's `fs` for `file:` URIs, `workspace.fs` otherwise), URIs as locations and the
 * open text documents. The clock is core's `systemClock` (`src/core/workspace/system-clock.ts`).
 */
import * as vscode from 'vscode';
import type { EditorPort, FileSystemPort, Locations } from '../core/workspace/ports';
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
