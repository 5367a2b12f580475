// A multi-root workspace in a real VS Code (test/fixtures/multi-root/multi-root.code-workspace): two
// folders, each with its own .marginalia.yaml and labels, tagged, shown in one tree and checked side by
// side. Runs only in that workspace (see test/extension/index.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../../src/core/model';
import { marginalia, openEditor, rangeOf, recordOnDisk, waitFor } from '../editor-helpers';
import { requestScreenshot } from '../screenshot';

/** A file of a workspace folder, by the folder's name. */
function inRoot(root: string, name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === root);
  assert.ok(folder, `the workspace has the folder ${root}`);
  return vscode.Uri.joinPath(folder.uri, name);
}

suite('Multi-root workspace', () => {
  test('two folders open, each with its own labels', async () => {
    const api = await marginalia();
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['newsroom', 'lab']);
    const ids = (root: string, name: string) => api.store.labelsFor(inRoot(root, name)).labels.map((l) => l.id);
    assert.deepEqual(ids('newsroom', 'report.txt'), ['claim', 'rumour']);
    assert.deepEqual(ids('lab', 'notebook.txt'), ['sample', 'measurement']);
  });

  test('each folder is tagged with its own labels, and refuses the other folder\'s', async () => {
    const report = inRoot('newsroom', 'report.txt');
    const newsroom = await openEditor(report);
    const [rumour] = (await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', {
      uri: report,
      ranges: [rangeOf(newsroom.document, 'the minister will resign')],
      label: 'rumour',
    }))!;
    assert.equal(rumour?.label, 'rumour');
    assert.equal((await recordOnDisk(report, rumour.id)).text, 'the minister will resign');

    const notebook = inRoot('lab', 'notebook.txt');
    const lab = await openEditor(notebook);
    const refused = await vscode.commands.executeCommand('marginalia.tagSelection', { uri: notebook, ranges: [rangeOf(lab.document, 'noon')], label: 'rumour' });
    assert.equal(refused, undefined, 'the lab has no rumour label: the command reports it and tags nothing');
    const [measurement] = (await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', {
      uri: notebook,
      ranges: [rangeOf(lab.document, '6.8')],
      label: 'measurement',
    }))!;
    assert.equal((await recordOnDisk(notebook, measurement!.id)).label, 'measurement');
  });

  test('one tree shows both folders\' labels', async () => {
    const api = await marginalia();
    const labels = await waitFor(() => {
      const titles = api.navigation.tree.groups.filter((g) => g.kind === 'label').map((g) => g.title);
      return titles.includes('rumour') && titles.includes('measurement') && titles;
    }, 'both folders in the tree');
    assert.ok(labels.includes('rumour') && labels.includes('measurement'));
    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    await requestScreenshot('multi-root-tree', { waitForText: 'measurement' });
  });

  test('each sidecar is checked against its own folder\'s labels', async () => {
    const api = await marginalia();
    const unknown = (root: string, name: string) =>
      api.diagnostics.diagnosticsFor(vscode.Uri.joinPath(inRoot(root, name))).filter((d) => d.code === 'unknown-label');
    const inLab = await waitFor(() => unknown('lab', 'notebook.txt.annotations.yaml').length > 0 && unknown('lab', 'notebook.txt.annotations.yaml'), 'the rumour of the lab reported');
    assert.equal(inLab.length, 1);
    assert.match(inLab[0]!.message, /unknown label "rumour"; use one of sample, measurement/);
    assert.deepEqual(unknown('newsroom', 'report.txt.annotations.yaml'), [], 'a rumour is fine in the newsroom');
  });
});
