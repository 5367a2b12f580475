/**
 * The entry point in VS Code's web worker extension host (vscode.dev, github.dev, a browser
 * workbench): a worker has no file system of its own, so every file, `file:` ones included, is
 * reached through `vscode.workspace.fs` (`sidecarFiles.ts`). The bundle is built for the browser and
 * holds no Node module (scripts/build.mjs refuses one).
 */
import type * as vscode from 'vscode';
import { startMarginalia, type MarginaliaApi } from './extension';

/**
 * Start the extension.
 * @param context the extension context
 */
export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  return startMarginalia(context);
}

/** Nothing to do: every resource is in the context's subscriptions. */
export function deactivate(): void {}
