/**
 * Keeps the store in step with the workspace: text edits (live tracking), saves, opened and closed
 * editors, sidecars and documents changed on disk, renamed and deleted documents.
 */
import * as vscode from 'vscode';
import { LABEL_CONFIG_FILE } from '../core/config';
import { isSidecarPath } from '../core/paths';
import { systemClock } from '../core/workspace/system-clock';
import type { AnnotationStore } from './annotationStore';
import { NewFolderPoller } from './newFolderPoller';

/**
 * Subscribe the store to the workspace's events.
 * @param store the annotation store
 * @returns the subscriptions, to dispose on deactivation
 */
export function keepStoreInStep(store: AnnotationStore): vscode.Disposable[] {
  const reloadSoon = (uri: vscode.Uri): void => store.reloadSoon(uri);
  const onDocumentFile = (uri: vscode.Uri): void => {
    if (store.get(uri)) reloadSoon(uri);
  };
  // Folders created from now on are also looked into every few seconds: see NewFolderPoller.
  const newFolders = new NewFolderPoller(
    {
      sidecar: (uri) => reloadSoon(uri),
      labelConfig: (uri) => void store.labels.reread(uri),
    },
    systemClock,
  );
  const onCreated = (uri: vscode.Uri): void => {
    if (isSidecarPath(uri.path)) return reloadSoon(uri);
    if (uri.path.endsWith(`/${LABEL_CONFIG_FILE}`)) return void store.labels.reread(uri);
    onDocumentFile(uri);
    void vscode.workspace.fs.stat(uri).then(
      (stat) => (stat.type & vscode.FileType.Directory ? newFolders.add(uri) : undefined),
      () => undefined,
    );
  };
  const onChanged = (uri: vscode.Uri): void => {
    if (isSidecarPath(uri.path)) reloadSoon(uri);
    else onDocumentFile(uri);
  };

  const files = vscode.workspace.createFileSystemWatcher('**/*');
  return [
    vscode.workspace.onDidChangeTextDocument((e) => store.applyTextChanges(e.document, e.contentChanges)),
    vscode.workspace.onDidSaveTextDocument((document) => void store.documentSaved(document)),
    vscode.workspace.onDidOpenTextDocument((document) => void store.documentOpenedOrClosed(document.uri)),
    vscode.workspace.onDidCloseTextDocument((document) => void store.documentOpenedOrClosed(document.uri)),
    vscode.workspace.onDidRenameFiles((e) => {
      void (async () => {
        for (const file of e.files) await store.moveDocument(file.oldUri, file.newUri);
      })();
    }),
    files,
    files.onDidCreate(onCreated),
    files.onDidChange(onChanged),
    files.onDidDelete(onChanged),
    newFolders,
  ];
}
