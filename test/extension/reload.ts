// A test that reloads the window (to restart the extension host, as a hot exit does) ends the run it
// is in: the reloaded window loads test/extension/index.ts again. Before reloading it leaves a note
// beside the workspace copy (the runner's temporary folder, removed after the run); the next run reads
// it, runs only the tests it names, and adds the counts of the run before to its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** What a test leaves for the run after the reload. */
export interface ReloadNote<S = unknown> {
  /** The mocha grep of the tests to run after the reload. */
  grep: string;
  /** The counts of the run before the reload. */
  passed: number;
  failed: number;
  pending: number;
  /** What the test needs to know after the reload. */
  state: S;
}

function notePath(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder?.scheme === 'file' ? path.join(path.dirname(folder.fsPath), 'marginalia-reload-note.json') : undefined;
}

/** The note this run started with (read and removed by `takeReloadNote`). */
let taken: ReloadNote | undefined;

/** Read and remove the note left before a reload, if this run follows one (test/extension/index.ts does, first). */
export function takeReloadNote(): ReloadNote | undefined {
  const file = notePath();
  if (file && fs.existsSync(file)) {
    taken = JSON.parse(fs.readFileSync(file, 'utf8')) as ReloadNote;
    fs.rmSync(file, { force: true });
  }
  return taken;
}

/** The note this run started with, if it follows a reload. */
export function reloadNote<S>(): ReloadNote<S> | undefined {
  return taken as ReloadNote<S> | undefined;
}

/**
 * Leave a note for the run after the reload.
 * @param note what to run and know then
 */
export function writeReloadNote<S>(note: ReloadNote<S>): void {
  const file = notePath();
  if (!file) throw new Error('the workspace is not a local folder: nowhere to leave a note across a reload');
  fs.writeFileSync(file, JSON.stringify(note));
}
