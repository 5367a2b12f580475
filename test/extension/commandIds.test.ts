// The one table of command ids (src/extension/commandIds.ts) against package.json and against what
// VS Code has registered: a command added in one place and forgotten in another fails here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../src/extension/commandIds';
import type { MarginaliaApi } from '../../src/extension/extension';

interface Contributes {
  commands?: { command: string }[];
  menus?: Record<string, { command?: string; submenu?: string }[]>;
  keybindings?: { command: string }[];
}

suite('Command ids', () => {
  let contributes: Contributes;
  const ids = Object.values(COMMAND_IDS).sort();

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension<MarginaliaApi>('marginalia.marginalia');
    assert.ok(extension);
    await extension.activate();
    contributes = extension.packageJSON.contributes as Contributes;
  });

  test('package.json contributes exactly the commands of the table, each once', () => {
    const contributed = (contributes.commands ?? []).map((c) => c.command);
    assert.deepEqual([...contributed].sort(), ids);
  });

  test('every menu entry and keybinding runs a command of the table', () => {
    const used = [...Object.values(contributes.menus ?? {}).flatMap((entries) => entries.flatMap((e) => (e.command ? [e.command] : []))), ...(contributes.keybindings ?? []).map((k) => k.command)];
    assert.ok(used.length > 20, 'the menus and keybindings were read');
    assert.deepEqual(
      used.filter((command) => !ids.includes(command as (typeof ids)[number])),
      [],
    );
  });

  test('VS Code has every command of the table registered, and no other marginalia command but the views’ own', async () => {
    const views = ['marginalia.entities.', 'marginalia.disputes.'];
    const ours = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('marginalia.') && !views.some((view) => c.startsWith(view)));
    assert.deepEqual([...new Set(ours)].sort(), ids);
  });
});
