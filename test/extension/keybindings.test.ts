// The default keybindings contributed in package.json, checked against every default keybinding of the
// VS Code they run in: none of ours may shadow one of VS Code's (or another extension's), a chord's
// first key included.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './editor-helpers';

interface Binding {
  key: string;
  command: string;
}

suite('Default keybindings', () => {
  test('no Marginalia keybinding clashes with a default keybinding of VS Code', async function () {
    this.timeout(30000);
    const ours = (vscode.extensions.getExtension('marginalia.marginalia')?.packageJSON.contributes?.keybindings ?? []) as Binding[];
    assert.ok(ours.length >= 10, 'tagging, editing and navigation have keys');
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const editor = await waitFor(
      () => vscode.window.activeTextEditor?.document.uri.scheme !== 'file' && vscode.window.activeTextEditor,
      'the default keybindings to open',
    );
    const text = await waitFor(() => editor.document.getText().includes('"command"') && editor.document.getText(), 'the default keybindings listed');
    const defaults = [...text.matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)]
      .map(([, key, command]) => ({ key: key!, command: command! }))
      .filter((b) => !b.command.startsWith('marginalia.') && !b.command.startsWith('-'));
    assert.ok(defaults.length > 500, `the defaults were read (${defaults.length})`);
    for (const { key, command } of ours) {
      const first = key.split(' ')[0]!;
      const clash = defaults.find((d) => d.key === key || d.key === first || d.key.startsWith(key + ' '));
      assert.equal(clash, undefined, `${key} (${command}) clashes with ${clash?.key} (${clash?.command})`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
