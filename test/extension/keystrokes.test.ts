// Keystrokes per annotation on the fully annotated article of test/fixtures/suggestions/gold/, in a real
// VS Code: a scripted annotator moves with word jumps (Ctrl+Right), selects with word jumps and single
// characters (Ctrl+Shift+Right, Shift+Left/Right), tags with the two-key chord, and types each quote's
// speaker through Edit Attributes (chord, the name, Enter). With suggestions, it moves until the cursor is
// inside the suggestion and accepts it (chord: 2 keys); a speaker the suggester got wrong or missed is
// typed as before, and a span it missed is selected and tagged as before. Every key is a command run in
// the editor and counted; the figures are printed and recorded in docs/suggestions.md.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { marginalia, openEditor, removeScratch, scratchDocument } from './editor-helpers';
import { repoText } from './repo-files';

const GOLD = ['test', 'fixtures', 'suggestions', 'gold'];

interface GoldSpan {
  label: string;
  text: string;
  attributes: Record<string, string | number>;
}

suite('Keystrokes per annotation', () => {
  suiteTeardown(removeScratch);

  test('with suggestions an annotation takes fewer keystrokes than selecting it', async () => {
    const api = await marginalia();
    const text = await repoText(...GOLD, 'article.txt');
    const { spans } = JSON.parse(await repoText(...GOLD, 'gold.json')) as { spans: GoldSpan[] };
    const uri = await scratchDocument('keystrokes.txt', text);
    const editor = await openEditor(uri);
    const document = editor.document;
    // The article is BMP-only and LF: UTF-16 offsets are code points here.
    const gold = spans.map((g) => ({ ...g, start: text.indexOf(g.text), end: text.indexOf(g.text) + g.text.length })).sort((a, b) => a.start - b.start);
    const suggestions = api.suggestions.suggestionsFor(document).suggestions;
    let keys = 0;
    const press = async (command: string): Promise<void> => {
      keys++;
      await vscode.commands.executeCommand(command);
    };
    const offset = (): number => document.offsetAt(editor.selection.active);

    /** Put the cursor at `start` and select to `end` as a person with the keyboard would. */
    async function select(start: number, end: number): Promise<void> {
      while (offset() < start) {
        const before = offset();
        await press('cursorWordStartRight');
        if (offset() > start || offset() === before) {
          editor.selection = new vscode.Selection(document.positionAt(before), document.positionAt(before));
          keys--;
          while (offset() < start) await press('cursorRight');
        }
      }
      while (document.offsetAt(editor.selection.end) < end) {
        const before = document.offsetAt(editor.selection.end);
        await press('cursorWordEndRightSelect');
        if (document.offsetAt(editor.selection.end) > end || document.offsetAt(editor.selection.end) === before) {
          while (document.offsetAt(editor.selection.end) > end) await press('cursorLeftSelect');
          while (document.offsetAt(editor.selection.end) < end) await press('cursorRightSelect');
        }
      }
    }
    /** Move until the cursor is inside [start, end). */
    async function reach(start: number, end: number): Promise<void> {
      while (offset() < start) {
        await press('cursorWordStartRight');
        if (offset() >= end) {
          editor.selection = new vscode.Selection(document.positionAt(start), document.positionAt(start));
          keys += [...text.slice(start, end)].length > 0 ? 1 : 0; // one Left back into the span
        }
      }
    }
    const typeSpeaker = (speaker: string): void => void (keys += 2 + [...speaker].length + 1);

    async function session(withSuggestions: boolean): Promise<number> {
      keys = 0;
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      for (const g of gold) {
        const suggested = withSuggestions ? suggestions.find((s) => s.label === g.label && s.start === g.start && s.end === g.end) : undefined;
        if (suggested) {
          await reach(g.start, g.end);
          keys += 2; // Ctrl+Alt+M, Enter
          if (g.label === 'quote' && suggested.attributes['speaker'] !== g.attributes['speaker']) typeSpeaker(String(g.attributes['speaker']));
        } else {
          await select(g.start, g.end);
          keys += 2; // Ctrl+Alt+M, then Q or F
          if (g.label === 'quote') typeSpeaker(String(g.attributes['speaker']));
        }
        editor.selection = new vscode.Selection(document.positionAt(g.end), document.positionAt(g.end));
      }
      return keys;
    }
    const without = await session(false);
    const withSuggestions = await session(true);
    const perAnnotation = (n: number): string => (n / gold.length).toFixed(1);
    console.log(`keystrokes for ${gold.length} annotations: without suggestions ${without} (${perAnnotation(without)} each), with ${withSuggestions} (${perAnnotation(withSuggestions)} each)`);
    assert.ok(withSuggestions < without, `${withSuggestions} < ${without}`);
  });
});
