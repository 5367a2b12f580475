import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import { SEED_000, SEED_001, activeApi, fileUri, spanOf } from './navigation-helpers';
import { waitFor } from './editor-helpers';

suite('Status bar', () => {
  let api: MarginaliaApi;

  /** The counts the status bar should show for a document, read straight from the store. */
  function countsOf(name: string): { claim: number; quote: number; figure: number; speaker: number } {
    const annotations = api.store.get(fileUri(name))!.annotations;
    const count = (label: string) => annotations.filter((a) => a.label === label).length;
    return { claim: count('claim'), quote: count('quote'), figure: count('figure'), speaker: count('speaker') };
  }

  function plural(n: number, noun: string): string {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
  }

  suiteSetup(async () => {
    api = await activeApi();
  });

  test('shows the annotation count of the current file by label', async () => {
    await vscode.window.showTextDocument(fileUri(SEED_000));
    const { claim, quote, figure, speaker } = countsOf(SEED_000);
    assert.ok(claim > 0 && quote > 0 && figure > 0 && speaker > 0, 'the seed sidecar of 000 has all four labels of the seeds');
    const expected = `$(tag) ${plural(claim, 'claim')} · ${plural(quote, 'quote')} · ${plural(figure, 'figure')} · ${plural(speaker, 'speaker')}`;
    await waitFor(() => api.navigation.statusBar.item.text === expected, `status bar text ${expected}`);
    assert.equal(api.navigation.statusBar.visible, true);
    const tooltip = api.navigation.statusBar.item.tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, new RegExp(`${claim + quote + figure + speaker} annotations in this file`));
  });

  test('follows the active editor and the annotations of the file', async () => {
    const uri = fileUri(SEED_001);
    await vscode.window.showTextDocument(uri);
    const before = countsOf(SEED_001);
    await waitFor(() => api.navigation.statusBar.item.text.includes(plural(before.claim, 'claim')), 'the counts of 001');
    const doc = api.store.get(uri)!;
    const [added] = await api.store.add(uri, [{ ...spanOf(doc, 'Sergei Ryabkov'), label: 'figure' }]);
    try {
      const figures = before.figure + 1;
      await waitFor(
        () => api.navigation.statusBar.item.text.includes(`· ${plural(figures, 'figure')}`),
        `${figures} figures after tagging one`,
      );
    } finally {
      await api.store.remove(uri, [added!.id]);
    }
    await waitFor(
      () => !api.navigation.statusBar.item.text.includes(plural(before.figure + 1, 'figure')),
      'the count to drop again after the removal',
    );
  });

  test('is hidden for a file without annotations and when no editor is open', async () => {
    await vscode.window.showTextDocument(fileUri('.marginalia.yaml'));
    await waitFor(() => !api.navigation.statusBar.visible, 'hidden for the label configuration');
    await vscode.window.showTextDocument(fileUri(SEED_000));
    await waitFor(() => api.navigation.statusBar.visible, 'shown again for 000');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => !api.navigation.statusBar.visible, 'hidden without an editor');
  });

  test('clicking it focuses the tree', async () => {
    const command = api.navigation.statusBar.item.command as vscode.Command;
    assert.equal(command.command, 'marginalia.entities.focus');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand(command.command);
    await waitFor(() => api.navigation.treeView.visible, 'the tree view to be visible');
  });
});
