import * as vscode from 'vscode';

/** What the extension returns from `activate`, for integration tests and other extensions. */
export interface MarginaliaApi {
  readonly version: string;
}

export function activate(context: vscode.ExtensionContext): MarginaliaApi {
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('marginalia.entities', {
      getTreeItem: (item: vscode.TreeItem) => item,
      getChildren: () => [],
    }),
  );
  return { version: context.extension.packageJSON.version as string };
}

export function deactivate(): void {}
