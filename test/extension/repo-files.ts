// Files of the repository (the extension under development: seeds/, test/fixtures/), read through
// vscode.workspace.fs, which works in the Node extension host and in the web worker alike.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/**
 * A file of the repository, as a URI the current host can read.
 * @param parts its path below the repository root
 */
export function repoUri(...parts: string[]): vscode.Uri {
  const extension = vscode.extensions.getExtension('marginalia.marginalia');
  assert.ok(extension, 'the extension is loaded');
  return vscode.Uri.joinPath(extension.extensionUri, ...parts);
}

/**
 * A text file of the repository, decoded as UTF-8.
 * @param parts its path below the repository root, e.g. 'test', 'fixtures', 'sources', 'editor', 'a.txt'
 */
export async function repoText(...parts: string[]): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(repoUri(...parts)));
}
