// Relations in the editor, in a real VS Code: Relate… driven through its pickers as a user would
// (and with a second cursor), the hover listing relations both ways, and deleting an annotation others
// point at: it asks first, removes their relations too, and one Undo puts both back. The sidecars are
// read back from disk with the core's reader.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation, Relation } from '../../src/core/model';
import type { MarginaliaApi } from '../../src/extension/extension';
import { interceptWindow, marginalia, openEditor, rangeOf, recordOnDisk, removeScratch, scratchDocument, waitFor } from './editor-helpers';
import { requestScreenshot, screenshotShowing } from './screenshot';

const ARTICLE_A = [
  'Minister Sergei Ryabkov spoke on Friday.',
  '“We are ready to talk,” he said.',
  'Officials counted 100,000 troops near the border, and the alliance says the build-up is a threat.',
  '',
].join('\n');
const ARTICLE_B = ['Another report: the build-up is a threat, analysts agree.', ''].join('\n');

/** The text of a hover's contents. */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('Relations in the editor', () => {
  let api: MarginaliaApi;
  let a: vscode.Uri;
  let b: vscode.Uri;
  const made: Record<string, Annotation> = {};

  async function tag(uri: vscode.Uri, label: string, needle: string): Promise<Annotation> {
    const editor = await openEditor(uri);
    const [annotation] = await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', { uri, label, ranges: [rangeOf(editor.document, needle)] });
    assert.ok(annotation, `${label} “${needle}” tagged`);
    return annotation;
  }

  async function relationsOnDisk(uri: vscode.Uri, id: string): Promise<Relation[] | undefined> {
    return (await recordOnDisk(uri, id)).relations;
  }

  async function hoverAt(uri: vscode.Uri, needle: string): Promise<string> {
    const editor = await openEditor(uri);
    const at = rangeOf(editor.document, needle).start.translate(0, 1);
    return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at));
  }

  suiteSetup(async function () {
    this.timeout(60000);
    api = await marginalia();
    a = await scratchDocument('relate-a.txt', ARTICLE_A);
    b = await scratchDocument('relate-b.txt', ARTICLE_B);
    made.speaker = await tag(a, 'speaker', 'Sergei Ryabkov');
    made.quote = await tag(a, 'quote', 'We are ready to talk');
    made.figure = await tag(a, 'figure', '100,000');
    made.claim = await tag(a, 'claim', 'the build-up is a threat');
    made.other = await tag(b, 'claim', 'the build-up is a threat');
  });

  suiteTeardown(removeScratch);

  test('Relate… from a quote: the type, then the target picked nearest first, written in the source sidecar', async function () {
    this.timeout(60000);
    const editor = await openEditor(a);
    const inQuote = rangeOf(editor.document, 'ready').start;
    editor.selection = new vscode.Selection(inQuote, inQuote);
    const picks = interceptWindow('showQuickPick');
    try {
      const running = vscode.commands.executeCommand<Relation>('marginalia.relate');
      await waitFor(() => picks.calls.length === 1, 'the type picker');
      const types = (await (picks.calls[0]![0] as Thenable<{ label: string; description?: string }[]>)).map((i) => `${i.label}: ${i.description}`);
      assert.deepEqual(types, ['said-by: The quote is attributed to the speaker named here.'], 'a quote may only start said-by, with its description');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await waitFor(() => picks.calls.length === 2, 'the target picker');
      const targets = (await (picks.calls[1]![0] as Thenable<{ label: string; description?: string }[]>)).map((i) => i.label);
      // The seeds hold speaker spans too: the workspace's targets follow, after this document's own.
      assert.equal(targets[0], 'speaker “Sergei Ryabkov”', 'the nearest first: the speaker in this document');
      assert.ok(targets.length > 1, 'the other documents\' speakers are offered too');
      assert.ok(
        targets.every((t) => t.startsWith('speaker “')),
        `only the labels the type allows at its target: ${targets.join(', ')}`,
      );
      await vscode.commands.executeCommand('notifications.clearAll');
      await requestScreenshot('relate-target-pick', { waitForText: 'Sergei Ryabkov' });
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.deepEqual(await running, { type: 'said-by', to: made.speaker!.id });
    } finally {
      picks.restore();
    }
    await waitFor(async () => (await relationsOnDisk(a, made.quote!.id))?.length === 1, 'the relation on disk');
    assert.deepEqual(await relationsOnDisk(a, made.quote!.id), [{ type: 'said-by', to: made.speaker!.id }]);
  });

  test('with a second cursor on another annotation, Relate… takes it as the target', async function () {
    this.timeout(60000);
    const editor = await openEditor(a);
    const figure = rangeOf(editor.document, '100,000').start;
    const claim = rangeOf(editor.document, 'build-up').start;
    editor.selections = [new vscode.Selection(figure, figure), new vscode.Selection(claim, claim)];
    const picks = interceptWindow('showQuickPick');
    try {
      const running = vscode.commands.executeCommand<Relation>('marginalia.relate');
      await waitFor(() => picks.calls.length === 1, 'the type picker');
      const types = (await (picks.calls[0]![0] as Thenable<{ label: string }[]>)).map((i) => i.label);
      assert.deepEqual(types, ['supports', 'contradicts'], 'the types from a figure to a claim');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.deepEqual(await running, { type: 'supports', to: made.claim!.id });
      assert.equal(picks.calls.length, 1, 'no target picker: the second cursor named it');
    } finally {
      picks.restore();
    }
    await waitFor(async () => (await relationsOnDisk(a, made.figure!.id))?.length === 1, 'the relation on disk');
  });

  test('a symmetric relation across documents is written once, with the other document’s path', async function () {
    this.timeout(30000);
    const relation = await vscode.commands.executeCommand<Relation>('marginalia.relate', { from: { uri: b.toString(), id: made.other!.id }, type: 'same-as', to: { uri: a.toString(), id: made.claim!.id } });
    assert.deepEqual(relation, { type: 'same-as', to: made.claim!.id, document: 'relate-a.txt' });
    const again = await vscode.commands.executeCommand('marginalia.relate', { from: { uri: a.toString(), id: made.claim!.id }, type: 'same-as', to: { uri: b.toString(), id: made.other!.id } });
    assert.equal(again, undefined, 'the other way round is the same relation: not written twice');
    await waitFor(async () => (await relationsOnDisk(b, made.other!.id))?.length === 1, 'the relation on disk');
    assert.equal(await relationsOnDisk(a, made.claim!.id), undefined);
  });

  test('the hover lists relations both ways, with links that open the other end', async function () {
    this.timeout(60000);
    await api.store.settled();
    const atQuote = await hoverAt(a, 'We are ready');
    const atSpeaker = await hoverAt(a, 'Sergei Ryabkov');
    const atClaim = await hoverAt(a, 'the build-up');
    // Sidecar text reaches the Markdown escaped: "100\,000", "build\-up", "scratch\/relate\-b\.txt".
    assert.ok(atQuote.includes('→ said by [“Sergei Ryabkov”](command:marginalia.openAnnotation?'), atQuote);
    assert.ok(atSpeaker.includes('← said by [“We are ready to talk”](command:marginalia.openAnnotation?'), atSpeaker);
    assert.ok(atClaim.includes('← supports [“100\\,000”](command:marginalia.openAnnotation?'), atClaim);
    assert.ok(atClaim.includes('↔ same as [“the build\\-up is a threat”](command:marginalia.openAnnotation?'), atClaim);
    assert.ok(atClaim.includes(') (scratch\\/relate\\-b\\.txt)'), 'the other document named');
    const link = /→ said by \[[^\]]*\]\(command:marginalia\.openAnnotation\?([^ )]+)/.exec(atQuote)!;
    const [target] = JSON.parse(decodeURIComponent(link[1]!)) as [{ uri: string; id: string }];
    assert.deepEqual(target, { uri: a.toString(), id: made.speaker!.id });

    const editor = await openEditor(a);
    const at = rangeOf(editor.document, 'the build-up').start.translate(0, 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
    await requestScreenshot('relations-hover', { waitForText: 'same as' });
  });

  test('an inline hint after each span says what it relates to; the setting turns the hints off', async function () {
    this.timeout(30000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // and the hover of the test before
    await openEditor(a);
    const expected = ['→ said by Sergei Ryabkov', '→ supports the build-up is a threat', '↔ same as the build-up is a threat'];
    await waitFor(() => JSON.stringify(api.relationHints.hintsIn(a)) === JSON.stringify(expected), `the hints ${expected.join(' | ')} (drawn: ${api.relationHints.hintsIn(a).join(' | ')})`);
    await vscode.commands.executeCommand('notifications.clearAll');
    // The hints are drawn as CSS content, not page text: wait for the article's text instead.
    await requestScreenshot('relations-inline-hints', { waitForText: 'Ryabkov spoke' });
    const settings = vscode.workspace.getConfiguration('marginalia');
    await settings.update('relations.inlineHints', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.relationHints.hintsIn(a).length === 0, 'the hints gone');
    } finally {
      await settings.update('relations.inlineHints', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => api.relationHints.hintsIn(a).length === 3, 'the hints back');
  });

  test('after a change, hints are drawn again only in the editors whose document, or whose relations’ other end, changed', async function () {
    this.timeout(30000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Beside a, two notes that relate to nothing; the second is never changed.
    const c = await scratchDocument('relate-c.txt', 'An unrelated note on the weather.\n');
    const d = await scratchDocument('relate-d.txt', 'Another unrelated note.\n');
    await openEditor(a);
    for (const note of [c, d]) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note), { viewColumn: vscode.ViewColumn.Beside, preview: false });
    await api.store.settled();
    const hints = api.relationHints;
    await waitFor(() => hints.timesDrawn(c) > 0 && hints.timesDrawn(d) > 0 && hints.hintsIn(a).length === 3, 'the three editors drawn');
    const [drawnInA, drawnInC, drawnInD] = [hints.timesDrawn(a), hints.timesDrawn(c), hints.timesDrawn(d)];
    const [inC] = await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', { uri: c, label: 'claim', ranges: [rangeOf(await vscode.workspace.openTextDocument(c), 'the weather')] });
    await waitFor(() => hints.timesDrawn(c) > drawnInC, 'c drawn again after a change in c');
    assert.equal(hints.timesDrawn(a), drawnInA, 'a is not drawn again after a change in c');
    assert.equal(hints.timesDrawn(d), drawnInD, 'nor is d');
    // b is not shown, but a's claim is the same as a claim of b: a's hints name it.
    const [inB] = await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', { uri: b, label: 'claim', ranges: [rangeOf(await vscode.workspace.openTextDocument(b), 'analysts agree')] });
    await waitFor(() => hints.timesDrawn(a) > drawnInA, 'a drawn again after a change in b');
    assert.equal(hints.timesDrawn(d), drawnInD, 'd, which relates to nothing, is not drawn again');
    await api.store.remove(b, [inB!.id]);
    await api.store.remove(c, [inC!.id]);
  });

  test('the tree shows each annotation’s relations as its children, which open the other end', async function () {
    this.timeout(30000);
    const { tree, treeView } = api.navigation;
    const children = async (id: string, uri = a) => {
      const node = await waitFor(() => tree.findOccurrence(uri, id), `the occurrence of ${id} in the tree`);
      return tree.getChildren(node).map((child) => tree.getTreeItem(child));
    };
    await waitFor(async () => (await children(made.claim!.id)).length === 2, 'the claim’s two relations in the tree');
    const atClaim = await children(made.claim!.id);
    assert.deepEqual(atClaim.map((i) => `${String(i.label)}${i.description ? ` (${String(i.description)})` : ''}`), ['← supports: 100,000', '↔ same as: the build-up is a threat (scratch/relate-b.txt)']);
    assert.deepEqual(atClaim[1]!.command?.arguments, [{ uri: b.toString(), id: made.other!.id }]);
    assert.deepEqual((await children(made.quote!.id)).map((i) => i.label), ['→ said by: Sergei Ryabkov']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await openEditor(a);
    await vscode.commands.executeCommand('marginalia.tree.filter', { text: 'ready to talk' }); // the quote's node in sight
    try {
      const quote = await waitFor(() => tree.findOccurrence(a, made.quote!.id), 'the quote in the filtered tree');
      await vscode.commands.executeCommand('notifications.clearAll');
      await screenshotShowing('relations-tree', 'said by: Sergei Ryabkov', () => treeView.reveal(quote, { expand: true, select: true, focus: false }), 5000);
    } finally {
      await vscode.commands.executeCommand('marginalia.tree.clearFilter');
    }
  });

  test('deleting an annotation others point at asks first; cancelled, nothing changes', async function () {
    this.timeout(30000);
    const asked = interceptWindow('showWarningMessage', () => Promise.resolve(undefined));
    try {
      const removed = await vscode.commands.executeCommand<string[]>('marginalia.removeAnnotation', { uri: a.toString(), id: made.claim!.id });
      assert.deepEqual(removed, []);
      assert.equal(asked.calls.length, 1);
      const [message, options] = asked.calls[0]! as [string, vscode.MessageOptions];
      assert.equal(options.modal, true);
      assert.match(message, /^Marginalia: 2 relations point at this annotation: figure “100,000” \(scratch\/relate-a\.txt\) supports it; claim “the build-up is a threat” \(scratch\/relate-b\.txt\) same as it\. Delete it and them\?$/);
    } finally {
      asked.restore();
    }
    await api.store.settled();
    assert.equal((await recordOnDisk(a, made.claim!.id)).id, made.claim!.id);
    assert.equal((await relationsOnDisk(a, made.figure!.id))?.length, 1);
  });

  test('deleting it removes the relations pointing at it, and one Undo restores both', async function () {
    this.timeout(30000);
    const asked = interceptWindow('showWarningMessage', (_message, _options, ...actions) => Promise.resolve(actions[0]));
    let undo: (choice: string | undefined) => void = () => undefined;
    const offered = interceptWindow('showInformationMessage', (message) => (String(message).includes('removed') ? new Promise((resolve) => (undo = resolve)) : undefined));
    try {
      const removed = await vscode.commands.executeCommand<string[]>('marginalia.removeAnnotation', { uri: a.toString(), id: made.claim!.id });
      assert.deepEqual(removed, [made.claim!.id]);
      await api.store.settled();
      assert.equal(api.store.get(a)?.annotations.some((x) => x.id === made.claim!.id), false);
      assert.equal(api.store.get(a)?.annotations.find((x) => x.id === made.figure!.id)?.relations, undefined, 'the figure’s supports is gone');
      assert.equal(api.store.get(b)?.annotations.find((x) => x.id === made.other!.id)?.relations, undefined, 'the other document’s same-as is gone');
      assert.match(String(offered.calls.at(-1)![0]), /removed claim “the build-up is a threat” and 2 relations pointing at it/);
      undo('Undo');
      await waitFor(() => api.store.get(a)?.annotations.some((x) => x.id === made.claim!.id), 'the claim back');
      await waitFor(() => api.store.get(b)?.annotations.find((x) => x.id === made.other!.id)?.relations?.length === 1, 'the same-as back');
      await api.store.settled();
    } finally {
      asked.restore();
      offered.restore();
    }
    assert.deepEqual(await relationsOnDisk(a, made.figure!.id), [{ type: 'supports', to: made.claim!.id }]);
    assert.deepEqual(await relationsOnDisk(b, made.other!.id), [{ type: 'same-as', to: made.claim!.id, document: 'relate-a.txt' }]);
  });
});
