// Shared by the tree, status bar and explorer tests: the activated API, the seed documents of the
// workspace copy, waiting for asynchronous updates, and finding spans by their text.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import type { AnnotatedDocumentView } from '../../src/extension/tree/annotationSource';

/** The seed articles the tests refer to by name. */
export const SEED_000 = '000_685ffd5502fe63ac.txt';
export const SEED_001 = '001_30228fdb78730024.txt';
export const SEED_002 = '002_49c9f8d13296ee90.txt';

/** The extension, activated, with its store indexed and its start-up settings applied. */
export async function activeApi(): Promise<MarginaliaApi> {
  const extension = vscode.extensions.getExtension<MarginaliaApi>('marginalia.marginalia');
  assert.ok(extension, 'the extension is loaded');
  const api = await extension.activate();
  await api.store.ready;
  await api.navigation.nestingApplied;
  return api;
}

/** The workspace folder: the harness's temporary copy of seeds/. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a folder is open');
  return folder.uri;
}

/**
 * A file of the workspace folder.
 * @param name its name
 */
export function fileUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/**
 * The code-point span of the first occurrence of `needle` in an annotated document's current text.
 * @param doc the annotated document
 * @param needle the exact text to find
 */
export function spanOf(doc: AnnotatedDocumentView, needle: string): { start: number; end: number } {
  const utf16 = doc.offsets.text.indexOf(needle);
  assert.notEqual(utf16, -1, `"${needle}" is in ${doc.documentUri.path}`);
  const start = doc.offsets.toCodePoint(utf16);
  return { start, end: doc.offsets.toCodePoint(utf16 + needle.length) };
}

/**
 * The label of a tree item as a string.
 * @param item the tree item
 */
export function itemLabel(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/**
 * Write a file of the workspace as UTF-8 text through the file system API (as another program would).
 * @param uri the file
 * @param text its content
 */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/**
 * Read a file of the workspace as UTF-8 text.
 * @param uri the file
 */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
