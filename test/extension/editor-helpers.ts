// Shared by the editor tests (tagging, decorations, keeping, diagnostics): the activated API, scratch
// documents made in the workspace copy (and removed after), waiting for asynchronous updates, reading
// a sidecar from disk, and code-point arithmetic computed independently of the extension's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import { readSidecar, type SidecarReadResult } from '../../src/core/sidecar/read';
import type { MarginaliaApi } from '../../src/extension/extension';

/** The extension, activated, with its store indexed. */
export async function marginalia(): Promise<MarginaliaApi> {
  const extension = vscode.extensions.getExtension<MarginaliaApi>('marginalia.marginalia');
  assert.ok(extension, 'the extension is loaded');
  const api = await extension.activate();
  await api.store.ready;
  return api;
}

/** The workspace folder: the harness's temporary copy of seeds/. */
export function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'a folder is open');
  return first.uri;
}

/**
 * A file of the workspace folder.
 * @param parts its path below the folder
 */
export function inFolder(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...parts);
}

/**
 * The sidecar URI of a document.
 * @param documentUri the document
 */
export function sidecarOf(documentUri: vscode.Uri): vscode.Uri {
  return documentUri.with({ path: documentUri.path + '.annotations.yaml' });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Write a file of the workspace (as another program would: through the file system, not an editor).
 * @param uri the file
 * @param text its content
 */
export async function writeFile(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, encoder.encode(text));
}

/**
 * Read a file of the workspace, or undefined when it does not exist.
 * @param uri the file
 */
export async function readFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * A seed article's text.
 * @param name its file name in seeds/
 */
export async function seedText(name: string): Promise<string> {
  const text = await readFile(inFolder(name));
  assert.ok(text !== undefined, `${name} is in the workspace`);
  return text;
}

/** Scratch files made by a suite, removed by `removeScratch`. */
const scratch: vscode.Uri[] = [];

/**
 * Make a scratch document (no sidecar) in the workspace and remember it for removal.
 * @param name file name (a unique one per test)
 * @param text its content
 */
export async function scratchDocument(name: string, text: string): Promise<vscode.Uri> {
  const uri = inFolder('scratch', name);
  await writeFile(uri, text);
  scratch.push(uri, sidecarOf(uri));
  return uri;
}

/**
 * Remember a scratch file a test makes by other means (a rename, say), for removal.
 * @param uri the document (its sidecar is removed too)
 */
export function scratchLater(uri: vscode.Uri): void {
  scratch.push(uri, sidecarOf(uri));
}

/**
 * Close the editors, delete every scratch file (documents and their sidecars), and wait until the
 * store has forgotten them, so the suites after this one see only the seeds.
 */
export async function removeScratch(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const removed = scratch.splice(0);
  for (const uri of removed) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  const api = await marginalia();
  const left = (): vscode.Uri[] => removed.filter((uri) => api.store.get(uri) !== undefined);
  for (const uri of left()) await api.store.reload(sidecarOf(uri));
  await waitFor(() => left().length === 0, 'the store to forget the scratch documents');
}

/** What a truthy value of T can be. */
export type Truthy<T> = Exclude<T, false | null | undefined | '' | 0>;

/**
 * Poll until `probe` returns a truthy value, or fail saying what was awaited.
 * @param probe returns the awaited value, or something falsy while it is not there yet
 * @param what what is awaited, for the failure message
 * @param timeoutMs how long to wait
 */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as Truthy<T>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

/**
 * Wrap long lines while the calling suite runs, so that a seed article's paragraphs show whole in its
 * screenshots; the setting and the editors are put back after it.
 */
export function wrapLinesDuringSuite(): void {
  suiteSetup(() => vscode.workspace.getConfiguration('editor').update('wordWrap', 'on', vscode.ConfigurationTarget.Workspace));
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('editor').update('wordWrap', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}

/** The quick picks and input boxes opened since `watchPrompts`, one by one. */
export interface PromptWatch {
  /**
   * Wait until the next prompt not waited for yet is on screen.
   * @param what the prompt awaited, for the failure message
   */
  next(what: string): Promise<void>;
  /** Stop watching. */
  restore(): void;
}

/**
 * Watch the quick picks and input boxes the extension opens, so that a test sends a command to one
 * (accept, select next) or takes a screenshot only once it is there. VS Code has no "prompt shown"
 * event, but every prompt reaches the window through these calls, and a command the test sends
 * after one is delivered after it.
 */
export function watchPrompts(): PromptWatch {
  let shown = 0;
  let awaited = 0;
  const count = (): void => void (shown += 1);
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { showQuickPick: window.showQuickPick!, showInputBox: window.showInputBox!, createQuickPick: window.createQuickPick! };
  window.showQuickPick = (...args: unknown[]) => {
    const result = originals.showQuickPick.apply(vscode.window, args);
    // The items go to the window when they resolve: count the prompt after they have gone.
    void Promise.resolve(args[0]).then(count, count);
    return result;
  };
  window.showInputBox = (...args: unknown[]) => {
    const result = originals.showInputBox.apply(vscode.window, args);
    count();
    return result;
  };
  window.createQuickPick = (...args: unknown[]) => {
    const pick = originals.createQuickPick.apply(vscode.window, args) as vscode.QuickPick<vscode.QuickPickItem>;
    const show = pick.show.bind(pick);
    pick.show = () => {
      show();
      count();
    };
    return pick;
  };
  return {
    async next(what) {
      const wanted = awaited + 1;
      await waitFor(() => shown >= wanted, what);
      awaited = wanted;
    },
    restore: () => Object.assign(window, originals),
  };
}

/**
 * The sidecar of a document as it is on disk, parsed by the core's reader.
 * @param documentUri the document
 */
export async function sidecarOnDisk(documentUri: vscode.Uri): Promise<SidecarReadResult & { source: string | undefined }> {
  const source = await readFile(sidecarOf(documentUri));
  return source === undefined ? { source, sidecar: undefined, findings: [], recordLines: new Map(), writable: true } : { source, ...readSidecar(source) };
}

/**
 * The record of an annotation in a document's sidecar on disk, once it is there.
 * @param documentUri the document
 * @param id the annotation's id
 */
export async function recordOnDisk(documentUri: vscode.Uri, id: string): Promise<Annotation> {
  return waitFor(async () => (await sidecarOnDisk(documentUri)).sidecar?.annotations.find((a) => a.id === id), `record ${id} in the sidecar on disk`);
}

/**
 * The code-point offset of a UTF-16 offset in a string, counted here independently of the extension.
 * @param text the text
 * @param utf16 offset in UTF-16 code units
 */
export function codePoints(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}

/**
 * The editor range of the n-th occurrence of a substring (UTF-16 positions, as VS Code counts).
 * @param document the document
 * @param needle the text to find
 * @param occurrence which one (0 = first)
 */
export function rangeOf(document: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at !== -1, `"${needle}" occurs ${occurrence + 1} time(s) in ${document.uri.path}`);
  }
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length));
}

/**
 * Open a document in an editor and make it the active one.
 * @param uri the document
 */
export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Watch a `vscode.window` function the extension calls (the same object in this host): every call's
 * arguments are recorded, and `answer` may reply in place of the user (undefined: the real function
 * runs and shows its UI). Call `restore` when done.
 * @param name the function, e.g. 'showInformationMessage'
 * @param answer what to resolve to for a call, or undefined to let the real function run
 */
export function interceptWindow<K extends keyof typeof vscode.window>(
  name: K,
  answer: (...args: unknown[]) => unknown = () => undefined,
): { calls: unknown[][]; restore: () => void } {
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = window[name]!;
  const calls: unknown[][] = [];
  window[name] = (...args: unknown[]) => {
    calls.push(args);
    const reply = answer(...args);
    return reply === undefined ? original.apply(vscode.window, args) : reply;
  };
  assert.notEqual(window[name], original, `vscode.window.${name} can be observed`);
  return { calls, restore: () => void (window[name] = original) };
}
