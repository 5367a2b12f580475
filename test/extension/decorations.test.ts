// Seeing annotations in a real VS Code: the highlights drawn for a seed article (one decoration type per
// label, nested spans framed), their colours, and the hover with its links to the other occurrences of
// the same entity. Saves the two screenshots the README shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import { colorsFor } from '../../src/extension/decorations';
import type { MarginaliaApi } from '../../src/extension/extension';
import { inFolder, marginalia, openEditor, waitFor } from './editor-helpers';
import { requestScreenshot } from './screenshot';

const SEED = '000_685ffd5502fe63ac.txt';

/** The text of a hover's contents, whatever form each part has. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}


/** A decoration the window has painted: it names each decoration type's class "ced-…". */
const PAINTED_DECORATION = '.monaco-editor [class*="ced-"]';
suite('Highlights and hovers', () => {
  let api: MarginaliaApi;
  const uri = (): vscode.Uri => inFolder(SEED);

  suiteSetup(async () => {
    api = await marginalia();
    await vscode.workspace.getConfiguration('editor').update('wordWrap', 'on', vscode.ConfigurationTarget.Workspace);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('editor').update('wordWrap', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('every annotation of a seed article is drawn with its label; a figure inside a claim is framed', async () => {
    const editor = await openEditor(uri());
    const doc = api.store.get(uri());
    assert.ok(doc && doc.annotations.length > 0, 'the seed has annotations');
    const drawnTexts = (): Map<string, { outer: string[]; nested: string[] }> =>
      new Map(
        [...api.decorations.drawnIn(editor)].map(([label, r]) => [
          label,
          { outer: r.outer.map((x) => editor.document.getText(x)), nested: r.nested.map((x) => editor.document.getText(x)) },
        ]),
      );
    await waitFor(() => drawnTexts().size >= 3, 'claims, quotes and figures drawn');
    const drawn = drawnTexts();
    for (const label of ['claim', 'quote', 'figure']) {
      const expected: string[] = doc.annotations.filter((a) => a.label === label && a.status !== 'orphaned').map((a) => a.text);
      const got = [...(drawn.get(label)?.outer ?? []), ...(drawn.get(label)?.nested ?? [])];
      assert.deepEqual(got.sort(), [...expected].sort(), `every ${label} drawn over its own text`);
    }
    const nestedFigure = doc.annotations.find(
      (f) => f.label === 'figure' && doc.annotations.some((c) => c.label === 'claim' && c.start <= f.start && f.end <= c.end),
    );
    assert.ok(nestedFigure, 'the seed has a figure inside a claim');
    assert.ok(drawn.get('figure')?.nested.includes(nestedFigure.text), 'the figure inside a claim is drawn framed, not as a plain background');
    assert.ok(drawn.get('claim')?.outer.length, 'claims are drawn as backgrounds');
  });

  test('colours come from the theme, or from a label’s own colour in .marginalia.yaml', async () => {
    const contributed = new Set(
      ((vscode.extensions.getExtension('marginalia.marginalia')?.packageJSON.contributes?.colors ?? []) as { id: string }[]).map((c) => c.id),
    );
    for (const label of ['claim', 'quote', 'figure', 'a-project-label']) {
      const { background, border } = colorsFor(label, undefined);
      assert.ok(background instanceof vscode.ThemeColor && border instanceof vscode.ThemeColor);
      for (const color of [background, border]) {
        const id = (color as unknown as { id: string }).id; // ThemeColor.id is public from @types/vscode 1.92 on
        assert.ok(contributed.has(id), `${id} is contributed with theme defaults`);
      }
    }
    assert.deepEqual(colorsFor('claim', '#ff8800'), { background: '#ff88004d', border: '#ff8800' }, 'a hex colour, made translucent');
    assert.deepEqual(colorsFor('claim', 'rgba(0, 0, 255, 0.2)'), { background: 'rgba(0, 0, 255, 0.2)', border: 'rgba(0, 0, 255, 0.2)' });
  });

  test('screenshot: a seed article with claims, quotes and figures highlighted beside the tree', async function () {
    this.timeout(60000);
    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    const editor = await openEditor(uri());
    // Scroll to where claims, quotes and a figure inside a claim are all in view.
    const doc = api.store.get(uri())!;
    const figure = doc.annotations.find((f) => f.label === 'figure' && doc.annotations.some((c) => c.label === 'claim' && c.start <= f.start && f.end <= c.end))!;
    const top = new vscode.Position(Math.max(0, doc.offsets.lineColumn(figure.start).line - 4), 0);
    editor.selection = new vscode.Selection(top, top);
    editor.revealRange(new vscode.Range(top, top), vscode.TextEditorRevealType.AtTop);
    await waitFor(() => api.decorations.drawnIn(editor).size >= 3, 'highlights drawn');
    await vscode.commands.executeCommand('notifications.clearAll');
    const file = await requestScreenshot('seed-article-highlighted', { waitForText: figure.text, waitForSelector: PAINTED_DECORATION });
    console.log(`  screenshot: ${file ?? '(not under the web runner)'}`);
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
