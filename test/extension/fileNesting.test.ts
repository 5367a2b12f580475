// Sidecars nested under their documents in the explorer, on the user's request, through VS Code's file
// nesting patterns: the user's own patterns kept, and only Marginalia's own change undone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './editor-helpers';

const NESTING = '${capture}.annotations.yaml';

suite('Explorer nesting', () => {
  function nestingSettings(): { patterns: string | undefined; enabled: boolean | undefined } {
    const config = vscode.workspace.getConfiguration();
    return {
      patterns: config.get<Record<string, string>>('explorer.fileNesting.patterns')?.['*'],
      enabled: config.get<boolean>('explorer.fileNesting.enabled'),
    };
  }

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
});
