/**
 * Looks every few seconds into the folders created while the window is open, for sidecars and label
 * configurations the file watcher did not report. VS Code's recursive watcher can miss a folder made a
 * moment after its parent: the folder is then never watched, and nothing written below it is ever
 * reported (seen in the integration runs whenever the machine is busy; a watcher of its own for such
 * a folder is served by that same recursive watcher, so it does not help). Folders that existed when
 * the window opened are left to the watcher.
 */
import * as vscode from 'vscode';
import { LABEL_CONFIG_FILE } from '../core/config';
import { isSidecarPath } from '../core/paths';
import type { ClockPort, Timer } from '../core/workspace/ports';
import { fileStamp } from './sidecarFiles';

/** How often the new folders are looked into. */
const POLL_MS = 2_000;

/** At most this many folders are looked into (a checkout that makes thousands is left to the watcher). */
const MAX_FOLDERS = 200;

/** Folders the watcher never looks into: their files are not the workspace's own. */
const IGNORED = /\/(node_modules|\.git)(\/|$)/;

/** What the poller reports. */
export interface NewFolderEvents {
  /** A sidecar appeared, changed or disappeared. */
  sidecar(uri: vscode.Uri): void;
  /** A label configuration appeared or changed. */
  labelConfig(uri: vscode.Uri): void;
}

/** The folders created during the session, looked into every few seconds. */
export class NewFolderPoller implements vscode.Disposable {
  /** Per folder, its sidecars and label configuration with their stamps (`size:mtime`) as last seen. */
  private readonly folders = new Map<string, { uri: vscode.Uri; files: Map<string, string> }>();
  private timer: Timer | undefined;

  /**
   * @param events what to tell when something was found
   * @param clock the timer of the rounds (`systemClock`: a round starts only when the last one is done)
   */
  constructor(
    private readonly events: NewFolderEvents,
    private readonly clock: Pick<ClockPort, 'every'>,
  ) {}

  /**
   * Look into a folder that was just created, and from now on every few seconds (its subfolders too).
   * @param folder the new folder
   */
  add(folder: vscode.Uri): void {
    const key = folder.toString();
    if (this.folders.has(key) || this.folders.size >= MAX_FOLDERS || IGNORED.test(folder.path)) return;
    this.folders.set(key, { uri: folder, files: new Map() });
    this.timer ??= this.clock.every(POLL_MS, () => this.poll());
    void this.look(key);
  }

  dispose(): void {
    this.timer?.cancel();
    this.folders.clear();
  }

  private async poll(): Promise<void> {
    for (const key of [...this.folders.keys()]) await this.look(key);
  }

  private async look(key: string): Promise<void> {
    const folder = this.folders.get(key);
    if (!folder) return;
    let children: [string, vscode.FileType][];
    try {
      children = await vscode.workspace.fs.readDirectory(folder.uri);
    } catch {
      // Deleted: what it held is gone too, which the store learns from its own events or the next read.
      for (const name of folder.files.keys()) this.events.sidecar(vscode.Uri.joinPath(folder.uri, name));
      this.folders.delete(key);
      return;
    }
    const seen = new Set<string>();
    for (const [name, type] of children) {
      const child = vscode.Uri.joinPath(folder.uri, name);
      if (type & vscode.FileType.Directory) {
        this.add(child);
        continue;
      }
      const isConfig = name === LABEL_CONFIG_FILE;
      if (!isConfig && !isSidecarPath(child.path)) continue;
      seen.add(name);
      const stamp = await fileStamp(child);
      const now = stamp ? `${stamp.size}:${stamp.mtime}` : '';
      if (folder.files.get(name) === now) continue;
      folder.files.set(name, now);
      if (isConfig) this.events.labelConfig(child);
      else this.events.sidecar(child);
    }
    for (const name of [...folder.files.keys()]) {
      if (seen.has(name)) continue;
      folder.files.delete(name);
      this.events.sidecar(vscode.Uri.joinPath(folder.uri, name));
    }
  }
}
