/**
 * Telling the user something, the one way the editor layer does it: the message is escaped (it quotes
 * file names and sidecar values, and VS Code makes `[text](command:…)` in a notification a link), and
 * a message about a sidecar offers to open it.
 */
import * as vscode from 'vscode';
import { escapeLinkedText } from '../core/markdown-escape';
import type { Severity } from '../core/workspace/document-sync';

/**
 * Show a notification.
 * @param severity how serious it is
 * @param message the message, without the "Marginalia: " it gets
 * @param sidecar the sidecar it is about, offered as "Open Sidecar"
 */
export function notifyUser(severity: Severity, message: string, sidecar?: vscode.Uri): void {
  const show =
    severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const open = 'Open Sidecar';
  const text = escapeLinkedText(`Marginalia: ${message}`);
  void Promise.resolve(sidecar ? show(text, open) : show(text)).then((choice) => {
    if (choice === open && sidecar) void vscode.window.showTextDocument(sidecar);
  });
}
