/**
 * The parsed sidecars of a workspace, kept between sessions in the extension's storage for that
 * workspace (`context.storageUri`): reopening a workspace whose sidecars did not change parses none
 * of them, each is only looked at (size and modification time) and read. Stored through
 * `vscode.workspace.fs`, like every other file the extension touches.
 */
import * as vscode from 'vscode';
import { SidecarIndex, type SerializedIndex } from '../core/workspace-index';

/** The cache's file name in the workspace's storage folder. */
export const SIDECAR_CACHE_FILE = 'sidecar-index.json';

/**
 * The cache stored by an earlier session, or an empty one.
 * @param storage the extension's storage folder for this workspace (undefined: no workspace, no cache)
 */
export async function loadSidecarCache(storage: vscode.Uri | undefined): Promise<SidecarIndex> {
  if (!storage) return new SidecarIndex();
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(storage, SIDECAR_CACHE_FILE));
    return new SidecarIndex(JSON.parse(new TextDecoder().decode(bytes)) as SerializedIndex);
  } catch {
    return new SidecarIndex(); // none yet, or unreadable: every sidecar is parsed once more
  }
}

/**
 * Store the cache for the next session.
 * @param storage the extension's storage folder for this workspace (undefined: nothing is stored)
 * @param index the cache
 */
export async function saveSidecarCache(storage: vscode.Uri | undefined, index: SidecarIndex): Promise<void> {
  if (!storage) return;
  await vscode.workspace.fs.createDirectory(storage);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(storage, SIDECAR_CACHE_FILE), new TextEncoder().encode(JSON.stringify(index.serialize())));
}
