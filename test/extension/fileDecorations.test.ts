// The explorer's marks on annotated documents: a badge with the annotation count, counts per label in
// the tooltip, a warning colour for an orphaned annotation and an error colour for an unreadable sidecar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import { SEED_000, SEED_002, activeApi, fileUri, writeText } from './navigation-helpers';
import { waitFor } from './editor-helpers';
import { requestScreenshot } from './screenshot';

suite('Explorer badges', () => {
  let api: MarginaliaApi;

  function decorationOf(name: string): vscode.FileDecoration | undefined {
    const result = api.navigation.fileDecorations.provideFileDecoration(fileUri(name));
    return result instanceof vscode.FileDecoration ? result : undefined;
  }

  /** The theme colour id of a decoration (the 1.90 typings do not declare ThemeColor.id, the runtime has it). */
  function colorId(decoration: vscode.FileDecoration | undefined): string | undefined {
    return (decoration?.color as { id?: string } | undefined)?.id;
  }

  suiteSetup(async () => {
    api = await activeApi();
  });

  test('an annotated document carries its annotation count as a badge, counts per label as tooltip', () => {
    for (const name of [SEED_000, SEED_002]) {
      const annotations = api.store.get(fileUri(name))!.annotations;
      const decoration = decorationOf(name);
      assert.ok(decoration, `${name} is decorated`);
      assert.equal(decoration.badge, String(annotations.length));
      const claims = annotations.filter((a) => a.label === 'claim').length;
      assert.match(decoration.tooltip ?? '', new RegExp(`^Marginalia: ${claims} claims, \\d+ quotes?, \\d+ figures?`));
      assert.equal(decoration.color, undefined, 'no warning colour when every annotation holds');
    }
  });

  test('files without annotations carry no badge', () => {
    assert.equal(decorationOf('.marginalia.yaml'), undefined);
    assert.equal(decorationOf(`${SEED_000}.annotations.yaml`), undefined, 'a readable sidecar needs no badge');
  });

  test('a document with an orphaned annotation is coloured as a warning, an unreadable sidecar as an error', async function () {
    this.timeout(30000);
    const doc = fileUri('explorer-orphan.txt');
    const sidecar = fileUri('explorer-orphan.txt.annotations.yaml');
    await writeText(doc, 'Nothing in this file was ever quoted.\n');
    const record = ['marginalia: 1', 'document: explorer-orphan.txt', 'annotations:', '  - id: 0ddba115', '    label: quote', '    start: 0', '    end: 20', '    text: words that are not here', ''];
    await writeText(sidecar, record.join('\n'));
    try {
      const decoration = await waitFor(() => decorationOf('explorer-orphan.txt'), 'the new document to be decorated', 15000);
      assert.equal(api.store.get(doc)?.annotations[0]?.status, 'orphaned');
      assert.equal(decoration.badge, '1');
      assert.equal(colorId(decoration), 'list.warningForeground', 'an orphan is a warning, whatever the severity of its finding');
      assert.match(decoration.tooltip ?? '', /1 quote; 1 orphaned/);

      await writeText(sidecar, 'marginalia: 1\ndocument: explorer-orphan.txt\nannotations: [\n');
      const broken = await waitFor(
        () => {
          const d = decorationOf('explorer-orphan.txt');
          return colorId(d) === 'list.errorForeground' ? d : undefined;
        },
        'the error colour once the sidecar cannot be read',
        15000,
      );
      assert.match(broken.tooltip ?? '', /sidecar problems/);
      const own = decorationOf('explorer-orphan.txt.annotations.yaml');
      assert.equal(own?.badge, '!', 'the unreadable sidecar itself is marked');
    } finally {
      await vscode.workspace.fs.delete(sidecar);
      await vscode.workspace.fs.delete(doc);
    }
  });

  test('screenshot: badges and nested sidecars in the explorer', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(fileUri(SEED_002));
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('revealInExplorer', fileUri(`${SEED_000}.annotations.yaml`));
    const file = await requestScreenshot('explorer-badges', { waitForText: `${SEED_000}.annotations.yaml` });
    console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);
  });
});
