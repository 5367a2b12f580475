/**
 * The entry point in VS Code's Node extension host (desktop, remote, code-server): local files are
 * reached with Node's `fs` (`localFiles.ts`), git runs for the review of annotation changes, everything
 * else as in every host (`extension.ts`).
 */
import type * as vscode from 'vscode';
import { startMarginalia, type MarginaliaApi } from './extension';
import { nodeLocalFiles } from './localFiles';
import { adjudicateVersions } from './adjudication/adjudicateCommand';
import { startReview } from './review/reviewCommands';
import { useLocalFiles } from './sidecarFiles';

/**
 * Start the extension.
 * @param context the extension context
 */
export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  useLocalFiles(nodeLocalFiles);
  return startMarginalia(context, { review: startReview, adjudicate: adjudicateVersions });
}

/** Nothing to do: every resource is in the context's subscriptions. */
export function deactivate(): void {}
