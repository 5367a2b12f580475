import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import { SEED_000, SEED_002, activeApi, fileUri, writeText } from './navigation-helpers';
import { waitFor } from './editor-helpers';
import { requestScreenshot } from './screenshot';

const NESTING = '${capture}.annotations.yaml';

suite('Explorer', () => {
  let api: MarginaliaApi;

  function decorationOf(name: string): vscode.FileDecoration | undefined {
    const result = api.navigation.fileDecorations.provideFileDecoration(fileUri(name));
    return result instanceof vscode.FileDecoration ? result : undefined;
  }

  /** The theme colour id of a decoration (the 1.90 typings do not declare ThemeColor.id, the runtime has it). */
  function colorId(decoration: vscode.FileDecoration | undefined): string | undefined {
    return (decoration?.color as { id?: string } | undefined)?.id;
  }

  function nestingSettings(): { patterns: string | undefined; enabled: boolean | undefined } {
    const config = vscode.workspace.getConfiguration();
    return {
      patterns: config.get<Record<string, string>>('explorer.fileNesting.patterns')?.['*'],
      enabled: config.get<boolean>('explorer.fileNesting.enabled'),
    };
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

  test('nests sidecars under their documents, keeping the user patterns, and undoes only its own change', async function () {
    this.timeout(30000);
    const config = () => vscode.workspace.getConfiguration();
    assert.equal(config().inspect('explorer.fileNesting.patterns')?.workspaceValue, undefined, 'off by default: nothing written to the workspace settings');
    await config().update('marginalia.explorer.nestSidecars', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => nestingSettings().patterns === NESTING && nestingSettings().enabled === true, 'nesting on once the user asks for it');
    const inspectPatterns = () => config().inspect<Record<string, string>>('explorer.fileNesting.patterns')!;
    assert.equal(inspectPatterns().workspaceValue?.['*'], NESTING, 'in the workspace settings');

    await config().update('marginalia.explorer.nestSidecars', false, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => nestingSettings().patterns === undefined, 'the pattern to be removed');
    await waitFor(() => nestingSettings().enabled !== true, 'nesting turned off again, as Marginalia turned it on');

    const mine = { '*': '${capture}.bak', '*.ts': '${capture}.js' };
    await config().update('explorer.fileNesting.patterns', mine, vscode.ConfigurationTarget.Workspace);
    await config().update('marginalia.explorer.nestSidecars', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(
      () => nestingSettings().patterns === `\${capture}.bak, ${NESTING}` && nestingSettings().enabled === true,
      'the pattern appended to the user one, and nesting on',
    );
    assert.equal(inspectPatterns().workspaceValue?.['*.ts'], '${capture}.js', 'other user patterns kept');

    await config().update('marginalia.explorer.nestSidecars', false, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => nestingSettings().patterns === '${capture}.bak', 'only the Marginalia pattern removed');

    await config().update('explorer.fileNesting.patterns', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('marginalia.explorer.nestSidecars', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('marginalia.explorer.nestSidecars', true, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => nestingSettings().patterns === NESTING && nestingSettings().enabled === true, 'nesting back on');
    await config().update('marginalia.explorer.nestSidecars', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('screenshot: badges and nested sidecars in the explorer', async function () {
    this.timeout(60000);
    await vscode.window.showTextDocument(fileUri(SEED_002));
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('revealInExplorer', fileUri(`${SEED_000}.annotations.yaml`));
    const file = await requestScreenshot('explorer-badges', { waitForText: `${SEED_000}.annotations.yaml` });
    console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);
  });

  test('Open All Annotated Documents opens every document with a sidecar, in path order, the first in front', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const opened = await vscode.commands.executeCommand<vscode.Uri[]>('marginalia.openAnnotatedDocuments');
    const annotated = api.store
      .documents()
      .filter((d) => d.hasText)
      .map((d) => d.documentUri.toString())
      .sort();
    assert.ok(annotated.length >= 5, `the seeds are annotated (${annotated.length})`);
    assert.deepEqual(opened.map(String), annotated);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => (t.input as { uri?: vscode.Uri }).uri?.toString()));
    assert.deepEqual(tabs.filter((t) => t !== undefined && annotated.includes(t)), annotated, 'a tab each, in path order');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), annotated[0]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
