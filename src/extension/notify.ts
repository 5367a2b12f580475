/**
 * Telling the user something, the one way the editor layer does it: every message is escaped (it may
 * quote file names and sidecar text, and VS Code makes `[text](command:…)` in a notification a link)
 * and starts with "Marginalia: ".
 */
import * as vscode from 'vscode';
import { escapeLinkedText } from '../core/markdown-escape';
import type { Severity } from '../core/workspace/document-sync';

/**
 * Show a notification with buttons.
 * @param severity how serious it is
 * @param message the message, without the "Marginalia: " it gets
 * @param actions the buttons' titles
 * @returns the title of the button chosen, undefined when dismissed
 */
export function askUser<T extends string>(severity: Severity, message: string, ...actions: T[]): Thenable<T | undefined> {
  // Looked up at each call, not bound at load: tests stand in for the dialog by replacing these.
  const show: (text: string, ...items: T[]) => Thenable<T | undefined> =
    severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return show(escapeLinkedText(`Marginalia: ${message}`), ...actions);
}

/**
 * Show a notification; one about a sidecar offers to open it.
 * @param severity how serious it is
 * @param message the message, without the "Marginalia: " it gets
 * @param sidecar the sidecar it is about, offered as "Open Sidecar"
 */
export function notifyUser(severity: Severity, message: string, sidecar?: vscode.Uri): void {
  const open = 'Open Sidecar';
  void Promise.resolve(sidecar ? askUser(severity, message, open) : askUser(severity, message)).then((choice) => {
    if (choice === open && sidecar) void vscode.window.showTextDocument(sidecar);
  });
}

/** The button of a notification that can take back what it reports. */
export const UNDO = 'Undo';

/**
 * Say what was done, with an Undo button; an undo that fails says why (it would otherwise fail unseen).
 * @param message what was done, without the "Marginalia: " it gets
 * @param undo takes it back
 * @param what what is undone, in "could not undo …" (default: nothing more)
 */
export function reportWithUndo(message: string, undo: () => Promise<unknown>, what?: string): void {
  void askUser('info', message, UNDO).then(async (choice) => {
    if (choice !== UNDO) return;
    try {
      await undo();
    } catch (error) {
      void askUser('error', `could not undo${what ? ` ${what}` : ''}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
