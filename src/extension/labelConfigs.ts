/**
 * The label configurations of the workspace: every `.marginalia.yaml`, read with the core's parser.
 * Which one applies to a document is the core's rule (`labelConfigFolder`, the same as the CLI's):
 * the nearest in its folder or above it, up to the repository root or the workspace folder, whichever
 * comes first; without one, the defaults.
 */
import * as vscode from 'vscode';
import { DEFAULT_LABEL_CONFIG, LABEL_CONFIG_FILE, parseLabelConfig } from '../core/config';
import { labelConfigFolder } from '../core/config-lookup';
import type { Finding, LabelConfig } from '../core/model';
import { Disposable } from './disposable';
import { readTextFile } from './sidecarFiles';
import { findWorkspaceFiles } from './workspaceSearch';

/** One label configuration file as read. */
export interface LoadedLabelConfig {
  readonly uri: vscode.Uri;
  readonly config: LabelConfig;
  readonly findings: readonly Finding[];
}

/** Every `.marginalia.yaml` of the workspace, kept current by a file watcher. */
export class LabelConfigs extends Disposable {
  private readonly byFolder = new Map<string, LoadedLabelConfig>();
  /** Folders of the workspace that are repository roots (they hold `.git`), as URI strings. */
  private readonly repositoryRoots = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());

  /** Fires after a configuration file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;

  /** Find and read every configuration file; call once. */
  async load(): Promise<void> {
    const [files, gitMarks] = await Promise.all([findWorkspaceFiles('labelConfigs'), findWorkspaceFiles('repositoryMarks')]);
    for (const mark of gitMarks) this.repositoryRoots.add(vscode.Uri.joinPath(mark, mark.path.endsWith('/HEAD') ? '../..' : '..').toString());
    await Promise.all(files.map((uri) => this.read(uri)));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${LABEL_CONFIG_FILE}`));
    const reread = (uri: vscode.Uri): void => void this.read(uri).then(() => this.changed.fire());
    watcher.onDidCreate(reread);
    watcher.onDidChange(reread);
    watcher.onDidDelete((uri) => {
      this.byFolder.delete(folderKey(uri));
      this.changed.fire();
    });
  }

  /**
   * Read a configuration file again (one the watcher may have missed) and tell the listeners.
   * @param uri the `.marginalia.yaml`
   */
  async reread(uri: vscode.Uri): Promise<void> {
    const before = this.byFolder.get(folderKey(uri));
    await this.read(uri);
    if (this.byFolder.get(folderKey(uri)) !== before) this.changed.fire();
  }

  /**
   * The configuration that applies to a file.
   * @param uri a document or sidecar
   */
  forUri(uri: vscode.Uri): LabelConfig {
    return this.fileFor(uri)?.config ?? DEFAULT_LABEL_CONFIG;
  }

  /**
   * The configuration file that applies to a file, if there is one.
   * @param uri a document or sidecar
   */
  fileFor(uri: vscode.Uri): LoadedLabelConfig | undefined {
    // Only files inside a workspace folder have one (an untitled buffer's relative path would climb forever).
    const root = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    if (!root) return undefined;
    const at = (folder: string): vscode.Uri => uri.with({ path: folder });
    const found = labelConfigFolder(vscode.Uri.joinPath(uri, '..').path, root.path, (folder) => ({
      hasConfig: this.byFolder.has(at(folder).toString()),
      isRepositoryRoot: this.repositoryRoots.has(at(folder).toString()),
    }));
    return found === undefined ? undefined : this.byFolder.get(at(found).toString());
  }

  /** Every configuration file read, for the Problems panel. */
  all(): readonly LoadedLabelConfig[] {
    return [...this.byFolder.values()];
  }

  private async read(uri: vscode.Uri): Promise<void> {
    const source = await readTextFile(uri);
    if (source === undefined) {
      this.byFolder.delete(folderKey(uri));
      return;
    }
    const { config, findings } = parseLabelConfig(source);
    this.byFolder.set(folderKey(uri), { uri, config, findings });
  }
}

function folderKey(configUri: vscode.Uri): string {
  return vscode.Uri.joinPath(configUri, '..').toString();
}
