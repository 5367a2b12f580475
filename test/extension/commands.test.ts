// Tagging and editing annotations from the editor, in a real VS Code: every command is run as a user
// would (selections in an editor, then the command), and the sidecar on disk is read back with the core's
// reader to check what was written. Offsets are checked against code points counted here independently.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import type { MarginaliaApi } from '../../src/extension/extension';
import {
  codePoints,
  interceptWindow,
  marginalia,
  openEditor,
  rangeOf,
  recordOnDisk,
  removeScratch,
  scratchDocument,
  seedText,
  sidecarOnDisk,
  watchPrompts,
  waitFor,
} from './editor-helpers';
import { requestScreenshot } from './screenshot';

/** Astral characters (two UTF-16 units, one code point) before the spans, an em dash and curly quotes among them. */
const ARTICLE = [
  'Scratch article for tagging 😀 with an emoji before every span.',
  'The alliance has 100,000 troops near the border — officials said on Friday.',
  '“We are ready to talk,” the minister said, “even tomorrow.”',
  'Prices rose 3.5 percent in 2021 🚀 and again in 2022.',
  '',
].join('\n');

suite('Tagging in the editor', () => {
  suiteSetup(async () => {
    await marginalia();
  });

  suiteTeardown(removeScratch);

  /** Select ranges in the editor and run a command; returns what the command returned. */
  async function runOn<T>(editor: vscode.TextEditor, ranges: vscode.Range[], command: string, ...args: unknown[]): Promise<T> {
    editor.selections = ranges.map((r) => new vscode.Selection(r.start, r.end));
    return (await vscode.commands.executeCommand(command, ...args)) as T;
  }

  test('tagging each label writes a record with code-point offsets, text, context, author and time', async () => {
    const uri = await scratchDocument('tag-each-label.txt', ARTICLE);
    const editor = await openEditor(uri);
    await vscode.workspace.getConfiguration('marginalia').update('author', 'tester', vscode.ConfigurationTarget.Workspace);
    try {
      const cases: [string, string, number][] = [
        ['marginalia.tagClaim', 'The alliance has 100,000 troops near the border', 0],
        ['marginalia.tagQuote', 'We are ready to talk', 0],
        ['marginalia.tagFigure', '2022', 0],
      ];
      for (const [command, needle, occurrence] of cases) {
        const range = rangeOf(editor.document, needle, occurrence);
        const [made, ...more] = await runOn<Annotation[]>(editor, [range], command);
        assert.ok(made, `${command} returned the new annotation`);
        assert.equal(more.length, 0);
        const utf16Start = editor.document.offsetAt(range.start);
        const start = codePoints(ARTICLE, utf16Start);
        assert.equal(made.start, start, `${needle}: start in code points`);
        assert.equal(made.end, start + Array.from(needle).length);
        assert.notEqual(made.start, utf16Start, 'the emoji before the span makes code points and UTF-16 differ');

        const record = await recordOnDisk(uri, made.id);
        assert.equal(record.label, command.replace('marginalia.tag', '').toLowerCase());
        assert.equal(record.start, made.start);
        assert.equal(record.end, made.end);
        assert.equal(record.text, needle);
        assert.equal(record.prefix, Array.from(ARTICLE.slice(0, utf16Start)).slice(-32).join(''));
        assert.ok(ARTICLE.slice(editor.document.offsetAt(range.end)).startsWith(record.suffix ?? '!'), 'the suffix follows the span');
        assert.equal(record.author, 'tester');
        assert.ok(record.created && !Number.isNaN(Date.parse(record.created)), 'an ISO creation time');
        assert.match(record.id, /^[0-9a-f]{8}$/);
      }
      const onDisk = await sidecarOnDisk(uri);
      assert.equal(onDisk.sidecar?.document, 'tag-each-label.txt');
      assert.equal(onDisk.sidecar?.annotations.length, 3);
      assert.deepEqual(onDisk.findings, []);
    } finally {
      await vscode.workspace.getConfiguration('marginalia').update('author', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a quote of a seed article with curly quotes and em dashes is stored with its exact text and offsets', async () => {
    const seed = await seedText('002_49c9f8d13296ee90.txt');
    const uri = await scratchDocument('seed-002-copy.txt', seed);
    const editor = await openEditor(uri);
    const words = 'We are ready to immediately, even tomorrow — literally tomorrow, on Saturday — go for talks with the US in a third country';
    const range = rangeOf(editor.document, words);
    const [quote] = await runOn<Annotation[]>(editor, [range], 'marginalia.tagQuote');
    assert.ok(quote);
    const record = await recordOnDisk(uri, quote.id);
    const at = seed.indexOf(words);
    assert.deepEqual([record.start, record.end, record.text], [codePoints(seed, at), codePoints(seed, at) + Array.from(words).length, words]);
    assert.equal(record.prefix?.endsWith('“'), true, 'the opening curly quote is the last character of the prefix');
    assert.equal(record.suffix?.startsWith(',”'), true);
  });

  test('several selections tag each; an empty selection tags its word; selections are trimmed', async () => {
    const uri = await scratchDocument('tag-selections.txt', ARTICLE);
    const editor = await openEditor(uri);
    const minister = rangeOf(editor.document, 'minister');
    const inWord = minister.start.translate(0, 3); // an empty selection inside "minister"
    const padded = rangeOf(editor.document, ' officials said on Friday.\n'); // a space before, a line break after
    const made = await runOn<Annotation[]>(
      editor,
      [new vscode.Range(inWord, inWord), padded, rangeOf(editor.document, 'even tomorrow')],
      'marginalia.tagClaim',
    );
    assert.deepEqual(
      made.map((a) => a.text),
      ['minister', 'officials said on Friday.', 'even tomorrow'],
    );
    const onDisk = await waitFor(async () => {
      const read = await sidecarOnDisk(uri);
      return read.sidecar?.annotations.length === 3 && read.sidecar;
    }, 'three records on disk');
    assert.deepEqual(onDisk.annotations.map((a) => a.text).sort(), ['even tomorrow', 'minister', 'officials said on Friday.']);
  });

  test('tagging the word at the cursor says which word was tagged, and as what', async () => {
    const uri = await scratchDocument('tag-word-message.txt', ARTICLE);
    const editor = await openEditor(uri);
    const status = interceptWindow('setStatusBarMessage');
    try {
      const inWord = rangeOf(editor.document, 'minister').start.translate(0, 3);
      await runOn<Annotation[]>(editor, [new vscode.Range(inWord, inWord), rangeOf(editor.document, 'even tomorrow')], 'marginalia.tagQuote');
      const said = status.calls.map((args) => String(args[0]));
      assert.equal(said.filter((m) => m.includes('Marginalia')).length, 1, `one message: ${said.join(' | ')}`);
      const message = said.find((m) => m.includes('Marginalia'))!;
      assert.match(message, /“minister”/);
      assert.match(message, /as quote/);
      assert.doesNotMatch(message, /even tomorrow/, 'a selected span is not announced: the user saw it');
    } finally {
      status.restore();
    }
  });

  test('tagging a span already tagged with the same label adds no duplicate', async () => {
    const uri = await scratchDocument('tag-duplicate.txt', ARTICLE);
    const editor = await openEditor(uri);
    const range = rangeOf(editor.document, '100,000 troops');
    const [first] = await runOn<Annotation[]>(editor, [range], 'marginalia.tagFigure');
    assert.ok(first);
    const again = await runOn<Annotation[]>(editor, [range], 'marginalia.tagFigure');
    assert.deepEqual(again, [], 'nothing new');
    const other = await runOn<Annotation[]>(editor, [range], 'marginalia.tagClaim');
    assert.equal(other.length, 1, 'another label on the same span is a new annotation');
    await recordOnDisk(uri, other[0]!.id);
    assert.equal((await sidecarOnDisk(uri)).sidecar?.annotations.filter((a) => a.label === 'figure').length, 1);
  });

  test('Tag Selection… offers every configured label with its key and description', async function () {
    this.timeout(40000);
    const uri = await scratchDocument('tag-pick.txt', ARTICLE);
    const editor = await openEditor(uri);
    editor.selection = new vscode.Selection(rangeOf(editor.document, 'Prices rose').start, rangeOf(editor.document, 'Prices rose').end);
    const prompts = watchPrompts();
    let running: Thenable<Annotation[]>;
    try {
      running = vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection');
      await prompts.next('the label picker');
      await vscode.commands.executeCommand('notifications.clearAll');
      await requestScreenshot('tag-selection-quick-pick', { waitForText: 'Words the article puts in quotation marks' });
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    } finally {
      prompts.restore();
    }
    const made = await running;
    assert.equal(made?.length, 1);
    assert.equal(made[0]!.label, 'quote', 'the second label of seeds/.marginalia.yaml');
    assert.equal(made[0]!.text, 'Prices rose');
  });

  test('Remove Annotation removes the annotation under the cursor', async () => {
    const uri = await scratchDocument('remove.txt', ARTICLE);
    const editor = await openEditor(uri);
    const [keep] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'We are ready to talk')], 'marginalia.tagQuote');
    const [gone] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'even tomorrow')], 'marginalia.tagQuote');
    const inside = rangeOf(editor.document, 'even tomorrow').start.translate(0, 2);
    const removed = await runOn<string[]>(editor, [new vscode.Range(inside, inside)], 'marginalia.removeAnnotation');
    assert.deepEqual(removed, [gone!.id]);
    const onDisk = await waitFor(async () => {
      const read = await sidecarOnDisk(uri);
      return read.sidecar?.annotations.length === 1 && read.sidecar;
    }, 'one record left on disk');
    assert.equal(onDisk.annotations[0]!.id, keep!.id);
  });

  test('Undo in the removal notification brings back the whole record', async () => {
    const uri = await scratchDocument('remove-undo.txt', ARTICLE);
    const editor = await openEditor(uri);
    const [figure] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, '100,000')], 'marginalia.tagFigure');
    assert.ok(figure);
    const target = { uri: uri.toString(), id: figure.id };
    await vscode.commands.executeCommand('marginalia.editAttributes', { ...target, values: { value: '100000', unit: 'troops', qualifier: 'exact' } });
    await vscode.commands.executeCommand('marginalia.editNote', { ...target, note: 'checked against AFP' });
    await vscode.commands.executeCommand('marginalia.linkEntity', { ...target, entity: 'NATO troops' });
    const before = await waitFor(async () => {
      const r = await recordOnDisk(uri, figure.id);
      return r.attributes && r.note && r.entity && r;
    }, 'the full record on disk');

    let answered: () => void = () => undefined;
    const undone = new Promise<void>((resolve) => (answered = resolve));
    const messages = interceptWindow('showInformationMessage', (message, ...actions) => {
      if (!String(message).startsWith('Marginalia: removed') || !actions.includes('Undo')) return undefined;
      answered();
      return Promise.resolve('Undo');
    });
    try {
      assert.deepEqual(await vscode.commands.executeCommand('marginalia.removeAnnotation', target), [figure.id]);
      await undone;
      assert.match(String(messages.calls.at(-1)?.[0]), /removed figure “100,000”/);
    } finally {
      messages.restore();
    }
    const after = await waitFor(async () => {
      const r = (await sidecarOnDisk(uri)).sidecar?.annotations.find((a) => a.id === figure.id);
      return r?.note && r;
    }, 'the record back on disk');
    assert.deepEqual(after, before, 'id, offsets, text, context, label, attributes, note, entity, author and time');
  });

  test('Undo of a removal after the text moved finds the span again', async () => {
    const uri = await scratchDocument('remove-undo-moved.txt', ARTICLE);
    const editor = await openEditor(uri);
    const [quote] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'We are ready to talk')], 'marginalia.tagQuote');
    assert.ok(quote);
    let undo: () => void = () => undefined;
    const messages = interceptWindow('showInformationMessage', (message, ...actions) => {
      if (!String(message).startsWith('Marginalia: removed') || !actions.includes('Undo')) return undefined;
      return new Promise((resolve) => (undo = () => resolve('Undo'))); // the user clicks later
    });
    try {
      await vscode.commands.executeCommand('marginalia.removeAnnotation', { uri: uri.toString(), id: quote.id });
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'A new first line.\n'));
      await editor.document.save();
      undo();
    } finally {
      messages.restore();
    }
    const back = await waitFor(async () => (await sidecarOnDisk(uri)).sidecar?.annotations.find((a) => a.id === quote.id), 'the quote back on disk');
    assert.equal(back.status, undefined, 'found again, not orphaned');
    assert.equal(back.text, 'We are ready to talk');
    assert.equal(back.start, quote.start + Array.from('A new first line.\n').length);
  });

  test('Link to Entity: what was typed in the picker starts the new entity\'s name', async () => {
    const uri = await scratchDocument('link-typed.txt', ARTICLE);
    const editor = await openEditor(uri);
    const [claim] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'officials said on Friday.')], 'marginalia.tagClaim');
    assert.ok(claim);
    const prompts = watchPrompts();
    const picks: vscode.QuickPick<vscode.QuickPickItem>[] = [];
    const original = vscode.window.createQuickPick;
    const created = interceptWindow('createQuickPick', (): vscode.QuickPick<vscode.QuickPickItem> => {
      const pick = original.call(vscode.window);
      picks.push(pick);
      return pick;
    });
    let linking: Thenable<string | undefined>;
    try {
      editor.selection = new vscode.Selection(rangeOf(editor.document, 'officials').start, rangeOf(editor.document, 'officials').start);
      linking = vscode.commands.executeCommand<string>('marginalia.linkEntity');
      await prompts.next('the entity picker');
      const pick = picks[0]!;
      // The window echoes a value set here back as a change: then the filter has run over it.
      let echoed = false;
      const echo = pick.onDidChangeValue((value) => (echoed ||= value === 'Defence Ministry'));
      pick.value = 'Defence Ministry'; // as if typed: the picker's own filter box
      await waitFor(() => echoed, 'the typed name to reach the picker');
      echo.dispose();
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // "New entity…", always shown
      await prompts.next('the name box');
      await requestScreenshot('link-entity-typed', { waitForText: 'New entity' });
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the name as offered
    } finally {
      created.restore();
      prompts.restore();
    }
    assert.equal(await linking, 'Defence Ministry');
    assert.equal((await waitFor(async () => (await recordOnDisk(uri, claim.id)).entity, 'the entity on disk')), 'Defence Ministry');
  });

  test('tagging a quote asks for its required speaker and stores the answer', async () => {
    const uri = await scratchDocument('tag-asks-speaker.txt', ARTICLE);
    const editor = await openEditor(uri);
    const inputs = interceptWindow('showInputBox', (options) =>
      String((options as vscode.InputBoxOptions).title).includes('speaker, required') ? Promise.resolve('the minister') : undefined,
    );
    try {
      const [quote] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'We are ready to talk')], 'marginalia.tagQuote');
      assert.ok(quote);
      const record = await waitFor(async () => {
        const r = await recordOnDisk(uri, quote.id);
        return r.attributes?.speaker && r;
      }, 'the speaker on disk');
      assert.deepEqual(record.attributes, { speaker: 'the minister' });
      assert.equal(inputs.calls.length, 1, 'asked once');
    } finally {
      inputs.restore();
    }
  });

  test('a skipped required attribute is a warning on the span, fixed from the quick fix or the hover', async () => {
    const api = await marginalia();
    const uri = await scratchDocument('tag-skips-speaker.txt', ARTICLE);
    const editor = await openEditor(uri);
    const escape = interceptWindow('showInputBox', () => Promise.resolve(undefined)); // the user presses Escape
    let quote: Annotation | undefined;
    try {
      [quote] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'even tomorrow')], 'marginalia.tagQuote');
      assert.ok(quote);
      await waitFor(() => escape.calls.length === 1, 'asked for the speaker');
    } finally {
      escape.restore();
    }
    const span = rangeOf(editor.document, 'even tomorrow');
    const warning = await waitFor(
      () => api.diagnostics.diagnosticsFor(uri).find((d) => d.code === 'missing-attribute'),
      'the missing speaker on the document',
    );
    assert.ok(warning.range.isEqual(span), `on the span ${JSON.stringify(span)}, not ${JSON.stringify(warning.range)}`);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    editor.selection = new vscode.Selection(span.start, span.start);
    await requestScreenshot('missing-speaker-on-span', { waitForText: 'which the label requires' });

    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, span, vscode.CodeActionKind.QuickFix.value);
    const setSpeaker = fixes.find((f) => f.title === 'Set speaker…');
    assert.ok(setSpeaker?.command, `a "Set speaker…" quick fix among: ${fixes.map((f) => f.title).join(', ')}`);
    assert.ok(!fixes.some((f) => /Re-anchor every/.test(f.title)), 'nothing drifted: no re-anchoring offered');

    const hover = api.hover.describe(api.store.get(uri)!, api.store.get(uri)!.annotations.find((a) => a.id === quote!.id)!);
    assert.match(hover.value, /\[Set speaker…\]\(command:marginalia\.editAttributes\?/);
    // Earlier tests of this suite tag the same words in other scratch documents: the hover then offers to link the prints too.
    const linksPrints = hover.value.includes('(command:marginalia.linkQuotePrints?');
    const expected = ['marginalia.openAnnotation', ...(linksPrints ? ['marginalia.linkQuotePrints'] : []), 'marginalia.editAttributes'];
    assert.deepEqual(hover.isTrusted, { enabledCommands: expected }, 'only the linked commands run');

    const answer = interceptWindow('showInputBox', () => Promise.resolve('the minister'));
    try {
      await vscode.commands.executeCommand(setSpeaker.command.command, ...(setSpeaker.command.arguments ?? []));
      assert.equal(answer.calls.length, 1, 'asked only for the speaker');
    } finally {
      answer.restore();
    }
    assert.equal((await waitFor(async () => (await recordOnDisk(uri, quote.id)).attributes?.speaker, 'the speaker on disk')), 'the minister');
    await waitFor(() => !api.diagnostics.diagnosticsFor(uri).some((d) => d.code === 'missing-attribute'), 'the warning gone');
  });

  test('Edit Attributes stores typed values; a bad number changes nothing', async () => {
    const uri = await scratchDocument('attributes.txt', ARTICLE);
    const editor = await openEditor(uri);
    const [figure] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, '100,000')], 'marginalia.tagFigure');
    assert.ok(figure);
    const target = { uri: uri.toString(), id: figure.id };
    const attributes = await vscode.commands.executeCommand('marginalia.editAttributes', {
      ...target,
      values: { value: '100000', unit: 'troops', qualifier: 'exact' },
    });
    assert.deepEqual(attributes, { value: 100000, unit: 'troops', qualifier: 'exact' });
    const record = await waitFor(async () => {
      const r = await recordOnDisk(uri, figure.id);
      return r.attributes && r;
    }, 'attributes on disk');
    assert.deepEqual(record.attributes, { value: 100000, unit: 'troops', qualifier: 'exact' });
    assert.equal(typeof record.attributes!.value, 'number', 'a number attribute is stored as a YAML number');

    const refused = await vscode.commands.executeCommand('marginalia.editAttributes', { ...target, values: { value: 'abc' } });
    assert.equal(refused, undefined, 'the edit is refused');
    // Nothing changed in memory and nothing waits to be written: no write can follow.
    const api = await marginalia();
    assert.deepEqual(api.store.get(uri)?.annotations.find((a) => a.id === figure.id)?.attributes, { value: 100000, unit: 'troops', qualifier: 'exact' });
    assert.equal(api.store.get(uri)?.unwritten, false);
    assert.deepEqual((await recordOnDisk(uri, figure.id)).attributes, { value: 100000, unit: 'troops', qualifier: 'exact' });
  });

  test('Edit Note and Link to Entity (picking "New entity…" and accepting the suggested name)', async () => {
    const uri = await scratchDocument('note-entity.txt', ARTICLE);
    const editor = await openEditor(uri);
    const [claim] = await runOn<Annotation[]>(editor, [rangeOf(editor.document, 'The alliance has 100,000 troops near the border')], 'marginalia.tagClaim');
    assert.ok(claim);
    const target = { uri: uri.toString(), id: claim.id };
    assert.equal(await vscode.commands.executeCommand('marginalia.editNote', { ...target, note: 'checked against AFP' }), 'checked against AFP');

    // The cursor is in the claim: the command asks which entity, then the new entity's name.
    const inside = rangeOf(editor.document, 'alliance').start;
    editor.selection = new vscode.Selection(inside, inside);
    const prompts = watchPrompts();
    let linking: Thenable<string>;
    try {
      linking = vscode.commands.executeCommand<string>('marginalia.linkEntity');
      await prompts.next('the entity picker');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // "New entity…"
      await prompts.next('the name box');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // the suggested name
    } finally {
      prompts.restore();
    }
    assert.equal(await linking, 'The alliance has 100,000 troops near the border');

    const record = await waitFor(async () => {
      const r = await recordOnDisk(uri, claim.id);
      return r.entity && r.note && r;
    }, 'note and entity on disk');
    assert.equal(record.note, 'checked against AFP');
    assert.equal(record.entity, 'The alliance has 100,000 troops near the border');

    assert.equal(await vscode.commands.executeCommand('marginalia.linkEntity', { ...target, entity: null }), '');
    await waitFor(async () => (await recordOnDisk(uri, claim.id)).entity === undefined, 'the link removed on disk');
  });

  test('Next and Previous Annotation walk the spans in document order and wrap around', async () => {
    const uri = await scratchDocument('navigate.txt', ARTICLE);
    const editor = await openEditor(uri);
    const texts = ['Scratch article', '100,000 troops', 'even tomorrow'];
    for (const t of [...texts].reverse()) await runOn(editor, [rangeOf(editor.document, t)], 'marginalia.tagClaim');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push((await vscode.commands.executeCommand<Annotation>('marginalia.nextAnnotation')).text);
    assert.deepEqual(seen, [...texts, texts[0]]);
    assert.equal(editor.document.getText(editor.selection), 'Scratch article', 'the span is selected');
    assert.equal((await vscode.commands.executeCommand<Annotation>('marginalia.previousAnnotation')).text, 'even tomorrow', 'wraps to the last');
    assert.equal((await vscode.commands.executeCommand<Annotation>('marginalia.previousAnnotation')).text, '100,000 troops');
  });
});

suite('Opening annotated documents', () => {
  let api: MarginaliaApi;

  suiteSetup(async () => {
    api = await marginalia();
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
