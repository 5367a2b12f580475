// The hover over an annotation in a real VS Code: label, text, attributes, note and entity, with links
// that open the other occurrences of the same entity. Saves the screenshot the README shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import type { MarginaliaApi } from '../../src/extension/extension';
import { inFolder, marginalia, openEditor, wrapLinesDuringSuite } from './editor-helpers';
import { requestScreenshot } from './screenshot';

const SEED_000 = '000_685ffd5502fe63ac.txt';

/** The text of a hover's contents, whatever form each part has. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('Hovers', () => {
  let api: MarginaliaApi;
  const uri = (): vscode.Uri => inFolder(SEED_000);

  wrapLinesDuringSuite();
  suiteSetup(async () => {
    api = await marginalia();
  });

  test('the hover shows label, text, attributes, note and entity, with links to the other occurrences', async function () {
    this.timeout(60000);
    const editor = await openEditor(uri());
    const doc = api.store.get(uri());
    const figure = doc?.annotations.find((a): a is Annotation => a.label === 'figure' && a.entity !== undefined && a.attributes !== undefined);
    assert.ok(doc && figure, 'the seed has a figure linked to an entity');
    const others = api.store
      .documents()
      .flatMap((d) => d.annotations.filter((a) => a.entity === figure.entity && !(d.documentUri.toString() === uri().toString() && a.id === figure.id)).map(() => d));
    assert.ok(others.length > 0, 'the entity occurs elsewhere');

    const at = editor.document.positionAt(editor.document.getText().indexOf(figure.text) + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), at);
    const text = hoverText(hovers);
    assert.match(text, /\*\*Figure\*\*/);
    assert.ok(text.includes(figure.id));
    for (const [name, value] of Object.entries(figure.attributes ?? {})) {
      assert.ok(text.includes(name), `attribute ${name} shown`);
      assert.ok(text.includes(String(value).replace(/[.-]/g, '\\$&')) || text.includes(String(value)), `value ${value} shown`);
    }
    assert.ok(text.includes(figure.entity!.replace(/-/g, '\\-')), 'the entity shown');
    // Figures compared across sources are listed once, in the figure's own section, each with what it says.
    assert.match(text, new RegExp(`${others.length} other occurrence|its figures are listed above`));
    assert.match(text, /\(command:marginalia\.openAnnotation\?/, 'links open the other occurrences');
    assert.match(text, /\*\*Claim\*\*/, 'the claim around the figure is in the hover too');

    // Following a link opens the other document with the span selected.
    const link = /command:marginalia\.openAnnotation\?([^ )]+)/.exec(text)!;
    const [target] = JSON.parse(decodeURIComponent(link[1]!)) as [{ uri: string; id: string }];
    assert.equal(await vscode.commands.executeCommand('marginalia.openAnnotation', target), true);
    const opened = vscode.window.activeTextEditor!;
    assert.equal(opened.document.uri.toString(), target.uri);
    assert.notEqual(target.uri, uri().toString(), 'another file');
    assert.equal(opened.document.getText(opened.selection), api.store.get(opened.document.uri)!.annotations.find((a) => a.id === target.id)!.text);

    // The screenshot: the hover over the figure in the first article.
    const back = await openEditor(uri());
    back.selection = new vscode.Selection(at, at);
    back.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
    const file = await requestScreenshot('hover', { waitForText: 'read as' });
    console.log(`  screenshot: ${file ?? '(not under the web runner)'}`);
  });
});
