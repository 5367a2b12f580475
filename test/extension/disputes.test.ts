// A sidecar written by `marginalia adjudicate` in a real VS Code: the hover over a disputed span shows
// both versions side by side, or says that the other side marked nothing there (the hover's Markdown
// escapes sidecar text). Settling from the hover: adjudication.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { writeSidecar } from '../../src/core/sidecar/write';
import { marginalia, openEditor, removeScratch, scratchDocument, sidecarOf, waitFor, writeFile } from './editor-helpers';

const TEXT = 'Critics said 40% of homes pay more, and the budget grew.\n';

function at(phrase: string): { start: number; end: number; text: string } {
  const start = TEXT.indexOf(phrase);
  return { start, end: start + phrase.length, text: phrase };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('Disputes', () => {
  suiteTeardown(removeScratch);

  test('the hover over a disputed span names its side and shows the other version', async () => {
    const api = await marginalia();
    const uri = await scratchDocument('disputed.txt', TEXT);
    await writeFile(
      sidecarOf(uri),
      writeSidecar({
        version: 1,
        document: 'disputed.txt',
        settled: false,
        annotations: [
          { id: 'a0000003', label: 'figure', ...at('40%'), attributes: { unit: 'percent' }, dispute: { side: 'A', by: 'alice', pair: 'b0000003' } },
          { id: 'b0000003', label: 'figure', ...at('40% of homes'), attributes: { unit: 'share' }, dispute: { side: 'B', by: 'bob', pair: 'a0000003' } },
          { id: 'b0000002', label: 'claim', ...at('the budget grew'), dispute: { side: 'B', by: 'bob' } },
          { id: 'a0000009', label: 'claim', ...at('Critics'), dispute: { side: 'A', by: 'alice', pair: 'gone0001' } },
        ],
      }),
    );
    const editor = await openEditor(uri);
    await waitFor(() => api.store.get(uri)?.annotations.length === 4, 'the disputed records loaded');
    const over = (phrase: string) => editor.document.positionAt(TEXT.indexOf(phrase) + 1);
    const figure = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, over('40%')));
    assert.match(figure, /\| \| A · alice \(this\) \| B · bob \|/);
    assert.match(figure, /\| text \| “40\\%” \| “40\\% of homes” \|/);
    assert.match(figure, /\| unit \| percent \| share \|/);
    const claim = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, over('budget')));
    assert.match(claim, /only side B · bob marked this; the other side marked nothing here/);
    const orphanedPair = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, over('Critics')));
    assert.match(orphanedPair, /only side A · alice marked this; the other side's version gone0001 is no longer in this file/);
  });
});
