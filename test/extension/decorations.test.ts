// Seeing annotations in a real VS Code: the highlights drawn for a seed article (one decoration type per
// label, nested spans framed) and their colours. Saves the screenshot the README shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { colorsFor } from '../../src/extension/decorations';
import type { MarginaliaApi } from '../../src/extension/extension';
import { inFolder, marginalia, openEditor, wrapLinesDuringSuite, waitFor } from './editor-helpers';
import { requestScreenshot } from './screenshot';

const SEED_000 = '000_685ffd5502fe63ac.txt';

/** A decoration the window has painted: it names each decoration type's class "ced-…". */
const PAINTED_DECORATION = '.monaco-editor [class*="ced-"]';

suite('Highlights', () => {
  let api: MarginaliaApi;
  const uri = (): vscode.Uri => inFolder(SEED_000);

  wrapLinesDuringSuite();
  suiteSetup(async () => {
    api = await marginalia();
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
});
