/**
 * Keeps the store in step with the workspace: text edits (live tracking), saves, opened and closed
 * editors, sidecars and documents changed on disk, renamed and deleted documents.
 */
import * as vscode from 'vscode';
import { isSidecarPath } from '../core/paths';
import type { AnnotationStore } from './annotationStore';

/** How long to wait after a file-system event before re-reading (a checkout touches many files at once). */
const RELOAD_DELAY_MS = 150;

/**
 * Subscribe the store to the workspace's events.
 * @param store the annotation store
 * @returns the subscriptions, to dispose on deactivation
 */
export function keepStoreInStep(store: AnnotationStore): vscode.Disposable[] {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const reloadSoon = (uri: vscode.Uri): void => {
    const key = uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        void store.reload(uri).catch((error: unknown) => console.error(`marginalia: reloading ${uri.toString()} failed`, error));
      }, RELOAD_DELAY_MS),
    );
  };
  const onDocumentFile = (uri: vscode.Uri): void => {
    if (store.get(uri)) reloadSoon(uri);
  };

  const sidecars = vscode.workspace.createFileSystemWatcher('**/*.annotations.yaml');
  const documents = vscode.workspace.createFileSystemWatcher('**/*');
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
    sidecars,
    sidecars.onDidCreate(reloadSoon),
    sidecars.onDidChange(reloadSoon),
    sidecars.onDidDelete(reloadSoon),
    documents,
    documents.onDidCreate((uri) => !isSidecarPath(uri.path) && onDocumentFile(uri)),
    documents.onDidChange((uri) => !isSidecarPath(uri.path) && onDocumentFile(uri)),
    documents.onDidDelete((uri) => !isSidecarPath(uri.path) && onDocumentFile(uri)),
    { dispose: () => pending.forEach((timer) => clearTimeout(timer)) },
  ];
}
