// Suggestions in a real VS Code: drawn as faint underlines, accepted at the cursor, rejected (and so
// remembered in the sidecar), accepted by label after a preview, and Tag All Occurrences. The sidecar
// on disk is read back with the core's reader to check what was written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import type { Suggestion } from '../../src/core/suggestions/suggest';
import { interceptWindow, marginalia, openEditor, rangeOf, recordOnDisk, removeScratch, scratchDocument, sidecarOnDisk, waitFor } from './editor-helpers';
import { requestScreenshot } from './screenshot';

const ARTICLE = [
  'Troops gather 😀',
  '',
  'The West says Moscow has readied some 100,000 troops near the border.',
  '',
  '"We are ready to talk," said Sergei Ryabkov. NATO said its 30 NATO countries had 5,000 soldiers there.',
  '',
].join('\n');

suite('Suggestions in the editor', () => {
  suiteSetup(async () => {
    await marginalia();
  });

  suiteTeardown(removeScratch);

  async function drawn(editor: vscode.TextEditor, what: string, test: (s: readonly Suggestion[]) => boolean): Promise<readonly Suggestion[]> {
    const api = await marginalia();
    return waitFor(() => {
      const now = api.suggestions.drawnIn(editor);
      return test(now) ? now : undefined;
    }, what);
  }

  test('quotes, figures and claims are drawn in a document without a sidecar; the setting turns them off', async () => {
    const uri = await scratchDocument('suggest-drawn.txt', ARTICLE);
    const editor = await openEditor(uri);
    const shown = await drawn(editor, 'suggestions drawn', (s) => s.length > 0);
    assert.deepEqual(
      shown.map((s) => `${s.label}: ${s.text}`),
      [
        'claim: The West says Moscow has readied some 100,000 troops near the border',
        'figure: 100,000 troops',
        'quote: We are ready to talk',
        'claim: NATO said its 30 NATO countries had 5,000 soldiers there',
        'figure: 30 NATO countries',
        'figure: 5,000 soldiers',
      ],
    );
    assert.deepEqual(shown[2]!.attributes, { speaker: 'Sergei Ryabkov' });
    const file = await requestScreenshot('suggestions-drawn', { waitForText: 'readied some' });
    if (file) console.log(`screenshot: ${file}`);
    const settings = vscode.workspace.getConfiguration('marginalia');
    await settings.update('suggestions.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await drawn(editor, 'no suggestions drawn once the setting is off', (s) => s.length === 0);
    } finally {
      await settings.update('suggestions.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await drawn(editor, 'suggestions back with the setting on', (s) => s.length === 6);
  });

  test('the hover of a suggestion names its label, attributes and score, innermost first; elsewhere there is none', async () => {
    const uri = await scratchDocument('suggest-hover.txt', ARTICLE);
    const editor = await openEditor(uri);
    await drawn(editor, 'suggestions drawn', (s) => s.length > 0);
    const hoverAt = async (text: string): Promise<string[]> => {
      const at = rangeOf(editor.document, text).start.translate(0, 2);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      // appendText escapes Markdown's punctuation: what the reader sees is the text without the backslashes.
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '').replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' '));
    };
    assert.deepEqual(await hoverAt('ready to talk'), ['Suggested quote (speaker: Sergei Ryabkov), score 0.90. Accept: Ctrl+Alt+M Enter · reject: Ctrl+Alt+M X']);
    const inFigure = await hoverAt('100,000 troops');
    assert.equal(inFigure.length, 2, `the figure and the claim around it: ${inFigure.join(' | ')}`);
    assert.match(inFigure[0]!, /^Suggested figure \(value: 100000, unit: troops\), score 0\.\d\d\./);
    assert.match(inFigure[1]!, /^Suggested claim, score 0\.50\./);
    assert.deepEqual(await hoverAt('Troops gather'), []);
  });

  test('the suggestion under the cursor is accepted with its attributes, and is then an annotation, not a suggestion', async () => {
    const uri = await scratchDocument('suggest-accept.txt', ARTICLE);
    const editor = await openEditor(uri);
    await drawn(editor, 'suggestions drawn', (s) => s.length > 0);
    const inFigure = rangeOf(editor.document, '100,000 troops').start.translate(0, 2);
    editor.selection = new vscode.Selection(inFigure, inFigure);
    const made = (await vscode.commands.executeCommand('marginalia.acceptSuggestion')) as Annotation;
    assert.equal(made.label, 'figure', 'the innermost suggestion (the figure, not the claim around it)');
    const onDisk = await waitFor(async () => (await sidecarOnDisk(uri)).sidecar?.annotations.find((a) => a.id === made.id && a.attributes), 'the record written with attributes');
    assert.deepEqual([onDisk.text, onDisk.attributes, onDisk.status], ['100,000 troops', { value: 100000, unit: 'troops' }, undefined]);
    await drawn(editor, 'the accepted figure no longer suggested', (s) => !s.some((x) => x.text === '100,000 troops') && s.some((x) => x.label === 'claim'));
  });

  test('a rejected suggestion is kept in the sidecar and not offered again', async () => {
    const uri = await scratchDocument('suggest-reject.txt', ARTICLE);
    const editor = await openEditor(uri);
    await drawn(editor, 'suggestions drawn', (s) => s.length > 0);
    const inQuote = rangeOf(editor.document, 'ready to talk').start;
    editor.selection = new vscode.Selection(inQuote, inQuote);
    const rejected = (await vscode.commands.executeCommand('marginalia.rejectSuggestion')) as Suggestion;
    assert.equal(rejected.text, 'We are ready to talk');
    const header = await waitFor(async () => (await sidecarOnDisk(uri)).sidecar?.rejected, 'the rejected: header written');
    assert.deepEqual(header.map((r) => [r.label, r.text]), [['quote', 'We are ready to talk']]);
    assert.ok(header[0]!.before?.endsWith('border. "'), `the text before it is kept, spaces folded: ${JSON.stringify(header[0]!.before)}`);
    await drawn(editor, 'the rejected quote no longer drawn', (s) => !s.some((x) => x.label === 'quote') && s.length === 5);
  });

  test('Accept Suggestions of a Label shows every one checked; what is unchecked is not tagged', async () => {
    const uri = await scratchDocument('suggest-accept-all.txt', ARTICLE);
    const editor = await openEditor(uri);
    await drawn(editor, 'suggestions drawn', (s) => s.length > 0);
    const picks = interceptWindow('showQuickPick', (items, options) => {
      const list = items as { label: string; picked?: boolean }[];
      if (!(options as vscode.QuickPickOptions).canPickMany) return Promise.resolve(list.find((i) => i.label === 'figure'));
      assert.ok(list.every((i) => i.picked), 'all checked at first');
      return Promise.resolve(list.filter((i) => i.label !== '“30 NATO countries”'));
    });
    try {
      const made = (await vscode.commands.executeCommand('marginalia.acceptAllSuggestions')) as Annotation[];
      assert.deepEqual(made.map((a) => a.text), ['100,000 troops', '5,000 soldiers']);
      assert.equal(picks.calls.length, 2, 'a label picker, then the preview');
    } finally {
      picks.restore();
    }
    const onDisk = await waitFor(async () => {
      const annotations = (await sidecarOnDisk(uri)).sidecar?.annotations ?? [];
      return annotations.length === 2 && annotations.every((a) => a.attributes) ? annotations : undefined;
    }, 'both figures written with their attributes');
    assert.deepEqual(onDisk.map((a) => a.attributes?.['unit']), ['troops', 'troops']);
  });

  test('Tag All Occurrences tags each whole-word occurrence of the selection that is kept in the preview', async () => {
    const uri = await scratchDocument('suggest-tag-all.txt', ARTICLE + 'NATOs and NATO again.\n');
    const editor = await openEditor(uri);
    editor.selection = new vscode.Selection(rangeOf(editor.document, 'NATO').start, rangeOf(editor.document, 'NATO').end);
    const picks = interceptWindow('showQuickPick', (items) => {
      const list = items as { label: string; description: string; picked?: boolean }[];
      assert.deepEqual(list.map((i) => [i.label, i.description, i.picked]), [
        ['“NATO”', 'line 5', true],
        ['“NATO”', 'line 5', true],
        ['“NATO”', 'line 6', true],
      ], '"NATOs" is not a whole-word occurrence');
      return Promise.resolve(list.slice(0, 2));
    });
    try {
      const made = (await vscode.commands.executeCommand('marginalia.tagAllOccurrences', { label: 'claim' })) as Annotation[];
      assert.deepEqual(made.map((a) => [a.label, a.text]), [['claim', 'NATO'], ['claim', 'NATO']]);
    } finally {
      picks.restore();
    }
    const again = (await vscode.commands.executeCommand('marginalia.tagAllOccurrences', { label: 'claim', starts: [] })) as Annotation[];
    assert.deepEqual(again, [], 'nothing chosen, nothing tagged');
  });

  test('a tagged quote’s speaker is proposed as a said-by relation after it; accepting writes the relation, tagging a new speaker span if needed; Undo takes both back', async function () {
    this.timeout(60000);
    const api = await marginalia();
    const text = ['Deputy Foreign Minister Sergei Ryabkov said Russia was ready “as early as” Saturday.', '', '“We will not compromise,” said Jen Psaki.', ''].join('\n');
    const uri = await scratchDocument('suggest-speakers.txt', text);
    const editor = await openEditor(uri);
    const tag = async (label: string, needle: string) => (await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', { uri, label, ranges: [rangeOf(editor.document, needle)] }))[0]!;
    const speaker = await tag('speaker', 'Deputy Foreign Minister Sergei Ryabkov');
    const early = await tag('quote', 'as early as');
    const psaki = await tag('quote', 'We will not compromise');
    const proposals = await waitFor(() => {
      const now = api.suggestions.relationsDrawnIn(editor);
      return now.length === 2 ? now : undefined;
    }, 'a proposal drawn after each quote');
    assert.deepEqual(
      proposals.map((p) => [p.from.id, 'annotation' in p.to ? p.to.annotation.id : `new ${p.to.proposed.label} “${p.to.proposed.text}”`]),
      [
        [early.id, speaker.id],
        [psaki.id, 'new speaker “Jen Psaki”'],
      ],
    );
    // The hints go to the window without a hover each; the hover provider gives it, on the quote only.
    const hoverAt = async (needle: string): Promise<string[]> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, rangeOf(editor.document, needle).start.translate(0, 1));
      return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '').replace(/\\(.)/g, '$1').replace(/&nbsp;/g, ' '));
    };
    const onQuote = (await hoverAt('early as')).filter((h) => h.startsWith('Suggested relation'));
    assert.deepEqual(onQuote, ['Suggested relation: said by speaker “Deputy Foreign Minister Sergei Ryabkov”, score ' + proposals[0]!.score.toFixed(2) + '. Accept: Ctrl+Alt+M Enter with the cursor in the quote']);
    assert.deepEqual((await hoverAt('said Russia')).filter((h) => h.startsWith('Suggested relation')), [], 'none outside the quote');
    // The hints are CSS content, which the screenshot cannot wait for: it waits for the document.
    const file = await requestScreenshot('suggested-speakers', { waitForText: 'We will not compromise' });
    if (file) console.log(`screenshot: ${file}`);

    const offered = interceptWindow('showInformationMessage', () => Promise.resolve(undefined));
    try {
      editor.selection = new vscode.Selection(rangeOf(editor.document, 'early').start, rangeOf(editor.document, 'early').start);
      const related = (await vscode.commands.executeCommand('marginalia.acceptSuggestion')) as Annotation;
      assert.deepEqual(related.relations, [{ type: 'said-by', to: speaker.id }]);
      await api.store.settled();
      assert.deepEqual((await recordOnDisk(uri, early.id)).relations, [{ type: 'said-by', to: speaker.id }], 'written in the sidecar through the store');
      assert.match(String(offered.calls.at(-1)![0]), /quote “as early as” said by “Deputy Foreign Minister Sergei Ryabkov”/);
    } finally {
      offered.restore();
    }
    await waitFor(() => api.suggestions.relationsDrawnIn(editor).length === 1, 'the accepted proposal no longer drawn');

    let undo: (choice: string | undefined) => void = () => undefined;
    const asked = interceptWindow('showInformationMessage', () => new Promise((resolve) => (undo = resolve)));
    try {
      const related = (await vscode.commands.executeCommand('marginalia.acceptSuggestion', { uri: uri.toString(), offset: psaki.start + 3 })) as Annotation;
      const made = api.store.get(uri)!.annotations.find((a) => a.label === 'speaker' && a.text === 'Jen Psaki');
      assert.ok(made, 'the speaker span tagged');
      assert.deepEqual(related.relations, [{ type: 'said-by', to: made.id }]);
      assert.match(String(asked.calls.at(-1)![0]), /said by “Jen Psaki” \(tagged as speaker\)/);
      undo('Undo');
      await waitFor(() => !api.store.get(uri)!.annotations.some((a) => a.id === made.id), 'the new speaker span gone again');
      await waitFor(() => api.store.get(uri)!.annotations.find((a) => a.id === psaki.id)?.relations === undefined, 'the relation gone again');
      await api.store.settled();
    } finally {
      asked.restore();
    }
    assert.equal((await recordOnDisk(uri, psaki.id)).relations, undefined);
    await waitFor(() => api.suggestions.relationsDrawnIn(editor).length === 1, 'the proposal offered again after Undo');

    // An Undo that cannot be done (the quote was removed meanwhile) says so, rather than failing unseen.
    let undoAgain: (choice: string | undefined) => void = () => undefined;
    const askedAgain = interceptWindow('showInformationMessage', () => new Promise((resolve) => (undoAgain = resolve)));
    const failed = interceptWindow('showErrorMessage', () => Promise.resolve(undefined));
    try {
      await vscode.commands.executeCommand('marginalia.acceptSuggestion', { uri: uri.toString(), offset: psaki.start + 3 });
      await api.store.remove(uri, [psaki.id]);
      undoAgain('Undo');
      const said = await waitFor(() => failed.calls.at(-1)?.[0], 'the failed Undo reported');
      assert.match(String(said), new RegExp(`could not undo: no annotation ${psaki.id}`));
    } finally {
      askedAgain.restore();
      failed.restore();
    }
  });
});

suite('Suggestions written by marginalia suggest --apply', () => {
  suiteTeardown(removeScratch);

  test('a status: suggested record is confirmed at the cursor, and its status line leaves the sidecar', async () => {
    const uri = await scratchDocument('suggest-confirm.txt', ARTICLE);
    const text = ARTICLE;
    const at = [...text.slice(0, text.indexOf('100,000 troops'))].length;
    const sidecar = [
      'marginalia: 1',
      'document: suggest-confirm.txt',
      'annotations:',
      '  - id: 0000beef',
      '    label: figure',
      `    start: ${at}`,
      `    end: ${at + 14}`,
      '    text: 100,000 troops',
      '    status: suggested',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(uri, '..', 'suggest-confirm.txt.annotations.yaml'), new TextEncoder().encode(sidecar));
    const api = await marginalia();
    const editor = await openEditor(uri);
    await waitFor(() => api.store.get(uri)?.annotations.some((a) => a.status === 'suggested'), 'the suggested record loaded');
    const inFigure = rangeOf(editor.document, '100,000 troops').start.translate(0, 3);
    editor.selection = new vscode.Selection(inFigure, inFigure);
    const confirmed = (await vscode.commands.executeCommand('marginalia.acceptSuggestion')) as Annotation;
    assert.deepEqual([confirmed.id, confirmed.status], ['0000beef', undefined]);
    const onDisk = await waitFor(async () => (await sidecarOnDisk(uri)).sidecar?.annotations.find((a) => a.id === '0000beef' && a.status === undefined), 'the status line gone from the sidecar');
    assert.equal(onDisk.text, '100,000 troops');
  });
});
