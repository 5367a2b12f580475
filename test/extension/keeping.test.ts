// Keeping annotations on their text in a real VS Code: live tracking while typing, undo and redo, when
// the sidecar is written (on save, or at once for a document without unsaved changes), files changed,
// renamed and deleted outside the editor, a sidecar that cannot be read, and a sidecar written meanwhile
// by another program.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import { writeSidecar } from '../../src/core/sidecar/write';
import type { MarginaliaApi } from '../../src/extension/extension';
import {
  codePoints,
  marginalia,
  openEditor,
  rangeOf,
  readFile,
  recordOnDisk,
  removeScratch,
  scratchDocument,
  scratchLater,
  sidecarOf,
  sidecarOnDisk,
  waitFor,
  writeFile,
} from './editor-helpers';

const ARTICLE = [
  'Moscow, Dec 17 (AFP) 📰 Russia published draft security documents on Friday.',
  '“We are ready to immediately, even tomorrow — go for talks,” the minister said.',
  'Washington said it was willing to talk but disagreed with much in the proposals.',
  '',
].join('\n');

/** The code points of a document's text on disk between two offsets. */
async function diskSlice(uri: vscode.Uri, start: number, end: number): Promise<string> {
  const text = await readFile(uri);
  assert.ok(text !== undefined);
  return Array.from(text).slice(start, end).join('');
}

suite('Keeping annotations with their text', () => {
  let api: MarginaliaApi;

  suiteSetup(async () => {
    api = await marginalia();
  });

  suiteTeardown(removeScratch);

  /** Tag a text of the editor's document with a label; returns the annotation once it is on disk. */
  async function tagText(editor: vscode.TextEditor, text: string, label = 'claim'): Promise<Annotation> {
    const range = rangeOf(editor.document, text);
    editor.selection = new vscode.Selection(range.start, range.end);
    const [made] = (await vscode.commands.executeCommand<Annotation[]>('marginalia.tagSelection', { label })) ?? [];
    assert.ok(made, `tagged "${text}"`);
    await recordOnDisk(editor.document.uri, made.id);
    return made;
  }

  function inMemory(uri: vscode.Uri, id: string): Annotation | undefined {
    return api.store.get(uri)?.annotations.find((a) => a.id === id);
  }

  test('typing above a span moves it at once; the sidecar gets the new offsets when the document is saved', async () => {
    const uri = await scratchDocument('keep-typing.txt', ARTICLE);
    const editor = await openEditor(uri);
    const claim = await tagText(editor, 'Washington said it was willing to talk');
    const inserted = 'A new first line 🎉 — with an emoji.\n';
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), inserted));
    const shift = Array.from(inserted).length;
    assert.notEqual(shift, inserted.length, 'the insertion holds an astral character');
    await waitFor(() => inMemory(uri, claim.id)?.start === claim.start + shift, 'the span moved by the inserted code points');
    assert.equal(editor.document.isDirty, true);
    await api.store.settled();
    assert.equal((await recordOnDisk(uri, claim.id)).start, claim.start, 'the sidecar still matches the unsaved document on disk');

    await editor.document.save();
    const record = await waitFor(async () => {
      const r = await recordOnDisk(uri, claim.id);
      return r.start === claim.start + shift && r;
    }, 'the shifted offsets on disk');
    assert.equal(record.end, claim.end + shift);
    assert.equal(await diskSlice(uri, record.start, record.end), record.text, 'the offsets count code points of the file on disk');
  });

  test('undo and redo put the spans back exactly', async () => {
    const uri = await scratchDocument('keep-undo.txt', ARTICLE);
    const editor = await openEditor(uri);
    const quote = await tagText(editor, 'We are ready to immediately, even tomorrow — go for talks', 'quote');
    const claim = await tagText(editor, 'the minister said');

    await editor.edit((edit) => edit.delete(rangeOf(editor.document, 'We are ready to immediately, even tomorrow — go for talks')));
    await waitFor(() => inMemory(uri, quote.id)?.status === 'orphaned', 'the quote orphaned by deleting all of its text');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => inMemory(uri, quote.id)?.status === undefined, 'the quote back after undo');
    assert.deepEqual(
      [inMemory(uri, quote.id)?.start, inMemory(uri, quote.id)?.end, inMemory(uri, quote.id)?.text],
      [quote.start, quote.end, quote.text],
    );

    await editor.edit((edit) => edit.delete(rangeOf(editor.document, ' said.')));
    await waitFor(() => inMemory(uri, claim.id)?.text === 'the minister', 'the claim clipped by a deletion across its end');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => inMemory(uri, claim.id)?.text === 'the minister said', 'the whole claim back after undo');
    await vscode.commands.executeCommand('redo');
    await waitFor(() => inMemory(uri, claim.id)?.text === 'the minister', 'clipped again after redo');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => inMemory(uri, claim.id)?.text === 'the minister said', 'back after a second undo');

    // Back at the saved text: nothing is unsaved, and the sidecar holds the original places.
    await waitFor(() => !editor.document.isDirty, 'the document back to its saved state');
    for (const original of [quote, claim]) {
      const record = await recordOnDisk(uri, original.id);
      assert.deepEqual([record.start, record.end, record.text, record.status], [original.start, original.end, original.text, undefined]);
    }
  });

  test('reverting unsaved changes leaves the sidecar matching the document on disk', async () => {
    const uri = await scratchDocument('keep-revert.txt', ARTICLE);
    const editor = await openEditor(uri);
    const claim = await tagText(editor, 'Russia published draft security documents');
    const before = (await sidecarOnDisk(uri)).source;
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Unsaved words. '));
    await waitFor(() => inMemory(uri, claim.id)?.start !== claim.start, 'the claim moved by the unsaved insertion');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => inMemory(uri, claim.id)?.start === claim.start, 'the annotation back on the text of the file');
    await api.store.settled();
    const after = await sidecarOnDisk(uri);
    const record = after.sidecar?.annotations.find((a) => a.id === claim.id);
    assert.ok(record);
    assert.equal(await diskSlice(uri, record.start, record.end), record.text, 'the sidecar on disk matches the document on disk');
    assert.equal(after.source, before, 'and was not rewritten');
  });

  test('a sidecar changed on disk is reloaded and the highlights follow', async () => {
    const uri = await scratchDocument('keep-sidecar-changed.txt', ARTICLE);
    const editor = await openEditor(uri);
    const claim = await tagText(editor, 'Russia published draft security documents');
    const drawn = (label: string): string[] =>
      (api.decorations.drawnIn(editor).get(label)?.outer ?? []).map((r) => editor.document.getText(r));
    await waitFor(() => drawn('claim').includes(claim.text), 'the claim highlighted');

    // Another program (a git checkout, the CLI) rewrites the sidecar: the claim becomes a quote, a figure is added.
    const onDisk = await sidecarOnDisk(uri);
    assert.ok(onDisk.sidecar && onDisk.source);
    const figureAt = ARTICLE.indexOf('Dec 17');
    const figure: Annotation = {
      id: 'f00dcafe',
      label: 'figure',
      start: codePoints(ARTICLE, figureAt),
      end: codePoints(ARTICLE, figureAt) + 6,
      text: 'Dec 17',
    };
    const changed = { ...onDisk.sidecar, annotations: [...onDisk.sidecar.annotations.map((a) => ({ ...a, label: 'quote' })), figure] };
    await writeFile(sidecarOf(uri), writeSidecar(changed, onDisk.source));

    await waitFor(() => drawn('figure').includes('Dec 17') && drawn('quote').includes(claim.text) && !drawn('claim').includes(claim.text), 'the highlights of the new sidecar');
    assert.equal(inMemory(uri, claim.id)?.label, 'quote');
  });

  test('a document changed on disk while closed is re-anchored and reported as drifted, its sidecar left as it was', async () => {
    const uri = await scratchDocument('keep-document-changed.txt', ARTICLE);
    const at = ARTICLE.indexOf('Washington said');
    const claim: Annotation = { id: '0c1a1e00', label: 'claim', start: codePoints(ARTICLE, at), end: codePoints(ARTICLE, at) + 15, text: 'Washington said' };
    const source = writeSidecar({ version: 1, document: 'keep-document-changed.txt', annotations: [claim] });
    await writeFile(sidecarOf(uri), source);
    await waitFor(() => inMemory(uri, claim.id), 'the new sidecar indexed');

    const inserted = 'EDITED ELSEWHERE 🛰 ';
    await writeFile(uri, inserted + ARTICLE);
    const shift = Array.from(inserted).length;
    await waitFor(() => inMemory(uri, claim.id)?.start === claim.start + shift, 're-anchored after the change on disk');
    const finding = api.store.get(uri)?.findings.find((f) => f.annotationId === claim.id);
    assert.equal(finding?.code, 'drifted');
    assert.equal((await sidecarOnDisk(uri)).source, source, 'the sidecar is not rewritten behind the user’s back');
  });

  test('a document changed on disk is re-anchored through the diff from the text held, and the Problems panel says so', async () => {
    const before = 'Russia now has about 265,000 troops near the border.\n\n“It will carry a high price,” the official said.\n';
    const uri = await scratchDocument('keep-diff.txt', before);
    const figureAt = codePoints(before, before.indexOf('about'));
    const quoteAt = codePoints(before, before.indexOf('It will'));
    // Records without prefix/suffix, as another tool writes them: the case the search alone got wrong.
    const figure: Annotation = { id: '0d1f0001', label: 'figure', start: figureAt, end: figureAt + 20, text: 'about 265,000 troops' };
    const quote: Annotation = { id: '0d1f0002', label: 'quote', start: quoteAt, end: quoteAt + 26, text: 'It will carry a high price' };
    await writeFile(sidecarOf(uri), writeSidecar({ version: 1, document: 'keep-diff.txt', annotations: [figure, quote] }));
    await waitFor(() => inMemory(uri, quote.id), 'the new sidecar indexed');

    const after = before.replace('about', 'roughly').replace('“It', 'Officials in Brussels declined to comment on Friday.\n\n“It');
    await writeFile(uri, after);
    await waitFor(() => inMemory(uri, figure.id)?.text === 'roughly 265,000 troops', 'the figure takes the replaced first word');
    const moved = inMemory(uri, quote.id)!;
    assert.equal(moved.text, quote.text);
    assert.equal(moved.start, codePoints(after, after.indexOf('It will')));
    const findings = api.store.get(uri)!.findings;
    assert.match(findings.find((f) => f.annotationId === figure.id && f.code === 'edited')!.message, /re-anchored by diff, score 0\.\d\d/);
    assert.match(findings.find((f) => f.annotationId === quote.id && f.code === 'drifted')!.message, /drifted: .* \(re-anchored by diff\)/);
  });

  test('a renamed document takes its sidecar along', async () => {
    const uri = await scratchDocument('keep-rename-old.txt', ARTICLE);
    const editor = await openEditor(uri);
    const claim = await tagText(editor, 'Russia published draft security documents');
    const renamed = uri.with({ path: uri.path.replace('keep-rename-old.txt', 'keep-rename-new.txt') });
    scratchLater(renamed);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));

    const moved = await waitFor(async () => {
      const read = await sidecarOnDisk(renamed);
      return read.sidecar?.document === 'keep-rename-new.txt' && read.sidecar;
    }, 'the sidecar under the new name, naming the new document');
    assert.deepEqual(moved.annotations.map((a) => a.id), [claim.id]);
    await waitFor(async () => (await readFile(sidecarOf(uri))) === undefined, 'the old sidecar gone');
    await waitFor(() => api.store.get(renamed)?.annotations.some((a) => a.id === claim.id), 'the store knows the new name');
    await waitFor(() => api.store.get(uri) === undefined, 'the store forgot the old name');
  });

  test('a deleted document’s sidecar is reported, not deleted', async () => {
    const uri = await scratchDocument('keep-deleted.txt', ARTICLE);
    const editor = await openEditor(uri);
    await tagText(editor, 'Russia published draft security documents');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
    const finding = await waitFor(() => api.store.get(uri)?.findings.find((f) => f.code === 'document-missing'), 'a document-missing finding');
    assert.equal(finding.severity, 'error');
    assert.ok((await readFile(sidecarOf(uri))) !== undefined, 'the sidecar is still there');
    await waitFor(() => api.diagnostics.diagnosticsFor(sidecarOf(uri)).some((d) => d.code === 'document-missing'), 'the problem shown on the sidecar');
  });

  test('a sidecar that cannot be read is never overwritten; the new annotation is written once it is fixed', async () => {
    const uri = await scratchDocument('keep-broken.txt', ARTICLE);
    const editor = await openEditor(uri);
    const first = await tagText(editor, 'Russia published draft security documents');
    const good = (await sidecarOnDisk(uri)).source!;
    const broken = good + '  - id: [unclosed\n';
    await writeFile(sidecarOf(uri), broken);
    await waitFor(() => api.store.get(uri)?.writable === false, 'the sidecar known to be unreadable');

    const range = rangeOf(editor.document, 'the minister said');
    editor.selection = new vscode.Selection(range.start, range.end);
    const [held] = (await vscode.commands.executeCommand<Annotation[]>('marginalia.tagClaim')) ?? [];
    assert.ok(held, 'the annotation is made (and kept in memory)');
    await api.store.settled();
    assert.ok(api.store.get(uri)?.annotations.some((a) => a.id === held.id), 'the store holds it');
    assert.equal(await readFile(sidecarOf(uri)), broken, 'the unreadable file is left exactly as it was');

    await writeFile(sidecarOf(uri), good); // the user fixes the file
    const fixed = await waitFor(async () => {
      const read = await sidecarOnDisk(uri);
      return read.sidecar?.annotations.length === 2 && read.sidecar;
    }, 'both annotations on disk after the fix');
    assert.deepEqual(fixed.annotations.map((a) => a.id).sort(), [first.id, held.id].sort());
  });

  test('annotations written to the sidecar by another program meanwhile are kept when the editor writes', async () => {
    const uri = await scratchDocument('keep-concurrent.txt', ARTICLE);
    const editor = await openEditor(uri);
    const mine = await tagText(editor, 'Russia published draft security documents');
    const onDisk = await sidecarOnDisk(uri);
    const at = ARTICLE.indexOf('Washington');
    const theirs: Annotation = { id: '7e1e7e1e', label: 'claim', start: codePoints(ARTICLE, at), end: codePoints(ARTICLE, at) + 10, text: 'Washington' };
    await writeFile(sidecarOf(uri), writeSidecar({ ...onDisk.sidecar!, annotations: [...onDisk.sidecar!.annotations, theirs] }, onDisk.source));
    const second = await tagText(editor, 'the minister said'); // at once, before or after the watcher noticed
    const all = await waitFor(async () => {
      const read = await sidecarOnDisk(uri);
      return read.sidecar?.annotations.length === 3 && read.sidecar;
    }, 'three records on disk');
    assert.deepEqual(all.annotations.map((a) => a.id).sort(), [mine.id, second.id, theirs.id].sort());
  });
});
