/**
 * Keeps the store in step with the workspace: text edits (live tracking), saves, opened and closed
 * editors, sidecars and documents changed on disk, renamed and deleted documents.
 */
import * as vscode from 'vscode';
import { LABEL_CONFIG_FILE } from '../core/config';
import { isSidecarPath } from '../core/paths';
import type { AnnotationStore } from './annotationStore';

/** How long to wait after a file-system event before re-reading (a checkout touches many files at once). */
const RELOAD_DELAY_MS = 150;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

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
  // A file written into a folder created a moment before can escape the recursive watcher (the
  // folder is not watched yet, and then nothing below it is): look into every new folder for
  // sidecars and label configurations, and watch it with a watcher of its own.
  const folderWatchers = new Map<string, vscode.FileSystemWatcher>();
  const onCreated = (uri: vscode.Uri): void => {
    if (isSidecarPath(uri.path)) return reloadSoon(uri);
    if (uri.path.endsWith(`/${LABEL_CONFIG_FILE}`)) return void store.labels.reread(uri);
    onDocumentFile(uri);
    void vscode.workspace.fs.stat(uri).then(
      async (stat) => {
        if (!(stat.type & vscode.FileType.Directory) || /\/(node_modules|\.git)(\/|$)/.test(uri.path)) return;
        watchFolder(uri);
        await sleep(RELOAD_DELAY_MS);
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, `**/{*.annotations.yaml,${LABEL_CONFIG_FILE}}`), '**/node_modules/**');
        for (const file of found) {
          if (file.path.endsWith(`/${LABEL_CONFIG_FILE}`)) await store.labels.reread(file);
          else if (!store.getBySidecar(file)) reloadSoon(file);
        }
      },
      () => undefined,
    );
  };
  const onChanged = (uri: vscode.Uri): void => {
    if (isSidecarPath(uri.path)) reloadSoon(uri);
    else onDocumentFile(uri);
  };
  const watchFolder = (folder: vscode.Uri): void => {
    const key = folder.toString();
    if ([...folderWatchers.keys()].some((watched) => key === watched || key.startsWith(watched + '/'))) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    watcher.onDidCreate(onCreated);
    watcher.onDidChange(onChanged);
    watcher.onDidDelete(onChanged);
    folderWatchers.set(key, watcher);
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
    {
      dispose: () => {
        pending.forEach((timer) => clearTimeout(timer));
        folderWatchers.forEach((watcher) => watcher.dispose());
      },
    },
  ];
}
