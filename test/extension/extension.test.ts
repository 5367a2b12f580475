import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import { harness } from './harness';
import { requestScreenshot } from './screenshot';

const EXTENSION_ID = 'marginalia.marginalia';
const VIEW_CONTAINER = 'marginalia';
const ENTITIES_VIEW = 'marginalia.entities';

interface ContributedCommand {
  command: string;
}

/**
 * `[major, minor, patch]` of a version string such as `1.100.3` or `^1.90.0`.
 * @param version the version or range
 */
function versionParts(version: string): number[] {
  const match = /(\d+)\.(\d+)\.(\d+)/.exec(version);
  assert.ok(match, `not a version: ${version}`);
  return match.slice(1).map(Number);
}

/** Whether this code runs in a web worker (the web-worker extension host), where `importScripts` is global. */
function inWebWorker(): boolean {
  return typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
}

suite('Activation in a real VS Code', () => {
  let extension: vscode.Extension<MarginaliaApi>;
  let api: MarginaliaApi;

  suiteSetup(async () => {
    const found = vscode.extensions.getExtension<MarginaliaApi>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
    extension = found;
    api = await extension.activate();
  });

  test('runs in a VS Code extension host at least as new as engines.vscode asks', () => {
    console.log(
      `  VS Code ${vscode.version}, appName=${vscode.env.appName}, uiKind=${vscode.UIKind[vscode.env.uiKind]}, ` +
        `host=${inWebWorker() ? 'web worker' : `node ${process.versions.node}`}`,
    );
    const [major, minor] = versionParts(vscode.version);
    const [minMajor, minMinor] = versionParts(extension.packageJSON.engines.vscode as string);
    assert.ok(major > minMajor || (major === minMajor && minor >= minMinor), `${vscode.version} is older than engines.vscode`);
  });

  test('runs in the extension host the runner asked for, the extension in the same one', async function () {
    const found = await harness();
    if (!found) this.skip(); // another runner (@vscode/test-electron) asks for no particular host
    assert.equal(inWebWorker() ? 'web' : 'node', found.settings.host);
    assert.equal(api.version, extension.packageJSON.version, 'the API of the extension is reachable from here');
  });

  test('reviewing changes and adjudicating run git: started in the Node host, saying why not in the web worker', async function () {
    if (!inWebWorker()) {
      assert.ok(api.review, 'the Node host starts the review');
      return;
    }
    assert.equal(api.review, undefined, 'no git in the web worker: no review');
    const shown: string[] = [];
    const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = window.showInformationMessage!;
    window.showInformationMessage = (message: unknown) => (shown.push(String(message)), Promise.resolve(undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('marginalia.review.start'), undefined);
      assert.equal(await vscode.commands.executeCommand('marginalia.adjudicate'), undefined);
    } finally {
      window.showInformationMessage = original;
    }
    assert.equal(shown.length, 2, shown.join('\n'));
    assert.ok(shown.every((message) => message.includes('needs git')), shown.join('\n'));
  });

  test('opens a copy of seeds/, never the repository folder itself', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1);
    const folder = folders[0].uri;
    assert.notEqual(folder.toString(), vscode.Uri.joinPath(extension.extensionUri, 'seeds').toString());
    const seeds = (await vscode.workspace.fs.readDirectory(folder)).filter(([name]) => name.endsWith('.txt'));
    assert.equal(seeds.length, 5, 'the five seed articles');
  });

  test('activates and returns its API', () => {
    assert.equal(extension.isActive, true);
    assert.equal(api.version, extension.packageJSON.version);
  });

  test('registers every command that package.json contributes', async () => {
    const contributed = ((extension.packageJSON.contributes?.commands ?? []) as ContributedCommand[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], 'contributed but not registered');
    // VS Code derives these from the view container and view contributions.
    for (const command of [`workbench.view.extension.${VIEW_CONTAINER}`, `${ENTITIES_VIEW}.focus`]) {
      assert.ok(registered.has(command), `${command} is not registered`);
    }
  });

  test('shows its view container in the activity bar', async function () {
    this.timeout(60000);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const [first] = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((n) => n.endsWith('.txt')).sort();
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, first));
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER}`);
    await vscode.commands.executeCommand(`${ENTITIES_VIEW}.focus`);
    const file = await requestScreenshot('activity-bar', {
      waitForText: 'Entities',
      waitForSelector: `.activitybar .action-item a[aria-label^="Marginalia"]`,
    });
    console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);
  });
});
