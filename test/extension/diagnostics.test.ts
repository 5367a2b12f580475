// The Problems panel in a real VS Code: drifted and orphaned annotations shown on the document and on
// the sidecar record, sidecar errors at their line, the quick fixes that re-anchor or remove, and
// relations that do not stand, at their line in the sidecar.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Annotation } from '../../src/core/model';
import { writeSidecar } from '../../src/core/sidecar/write';
import type { MarginaliaApi } from '../../src/extension/extension';
import { codePoints, marginalia, openEditor, recordOnDisk, removeScratch, scratchDocument, sidecarOf, sidecarOnDisk, waitFor, writeFile } from './editor-helpers';

const ARTICLE = [
  'Kyiv 🇺🇦 said on Friday that 100,000 troops were massed near its border.',
  '“This is unacceptable,” the spokesman said.',
  'The talks will resume in Geneva next month.',
  '',
].join('\n');

/** An annotation over a text of ARTICLE, with its offsets moved by `shift` (to make it drift). */
function over(id: string, label: string, text: string, shift = 0): Annotation {
  const at = ARTICLE.indexOf(text);
  assert.ok(at !== -1);
  const start = codePoints(ARTICLE, at) + shift;
  return { id, label, start, end: start + Array.from(text).length, text };
}

suite('Problems panel and quick fixes', () => {
  let api: MarginaliaApi;

  suiteSetup(async () => {
    api = await marginalia();
  });

  suiteTeardown(removeScratch);

  test('drifted and orphaned annotations show on the document and the sidecar; the quick fixes re-anchor and remove', async () => {
    const uri = await scratchDocument('problems.txt', ARTICLE);
    const held = over('aaaa0001', 'claim', 'The talks will resume in Geneva next month');
    const drifted = over('aaaa0002', 'figure', '100,000 troops', 7);
    const orphan: Annotation = { id: 'aaaa0003', label: 'quote', start: 80, end: 95, text: 'a sentence that is not there' };
    await writeFile(sidecarOf(uri), writeSidecar({ version: 1, document: 'problems.txt', annotations: [held, drifted, orphan] }));
    const editor = await openEditor(uri);

    const onDocument = await waitFor(() => {
      const found = api.diagnostics.diagnosticsFor(uri);
      return found.length === 2 && found;
    }, 'two problems on the document');
    const byCode = new Map(onDocument.map((d) => [d.code, d]));
    const driftDiagnostic = byCode.get('drifted');
    assert.ok(driftDiagnostic, 'the drifted figure is reported');
    assert.equal(driftDiagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(driftDiagnostic.range), '100,000 troops', 'on the text where it is now');
    assert.equal(byCode.get('orphaned')?.severity, vscode.DiagnosticSeverity.Error);

    const onSidecar = api.diagnostics.diagnosticsFor(sidecarOf(uri));
    const lines = (await sidecarOnDisk(uri)).recordLines;
    for (const [code, id] of [['drifted', drifted.id], ['orphaned', orphan.id]] as const) {
      const d = onSidecar.find((x) => x.code === code);
      assert.ok(d, `${code} on the sidecar`);
      assert.equal(d.range.start.line + 1, lines.get(id), `${code} at the line of the record of ${id}`);
    }

    // Quick fix on the document: re-anchor writes the new place.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, driftDiagnostic.range);
    const reanchor = actions.find((a) => a.title.startsWith(`Re-anchor annotation ${drifted.id}`));
    assert.ok(reanchor?.command, `a re-anchor quick fix among: ${actions.map((a) => a.title).join('; ')}`);
    await vscode.commands.executeCommand(reanchor.command.command, ...(reanchor.command.arguments ?? []));
    const fixed = await waitFor(async () => {
      const r = await recordOnDisk(uri, drifted.id);
      return r.start === drifted.start - 7 && r;
    }, 'the re-anchored offsets on disk');
    assert.equal(fixed.text, '100,000 troops');
    await waitFor(() => !api.diagnostics.diagnosticsFor(uri).some((d) => d.code === 'drifted'), 'the drift diagnostic gone');

    // Quick fix on the sidecar: remove the orphan.
    const orphanOnSidecar = api.diagnostics.diagnosticsFor(sidecarOf(uri)).find((d) => d.code === 'orphaned');
    assert.ok(orphanOnSidecar);
    await vscode.workspace.openTextDocument(sidecarOf(uri));
    const sidecarActions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      sidecarOf(uri),
      orphanOnSidecar.range,
    );
    const remove = sidecarActions.find((a) => a.title === `Remove annotation ${orphan.id}`);
    assert.ok(remove?.command, `a remove quick fix among: ${sidecarActions.map((a) => a.title).join('; ')}`);
    await vscode.commands.executeCommand(remove.command.command, ...(remove.command.arguments ?? []));
    const after = await waitFor(async () => {
      const read = await sidecarOnDisk(uri);
      return read.sidecar?.annotations.length === 2 && read.sidecar;
    }, 'the orphan removed from disk');
    assert.deepEqual(after.annotations.map((a) => a.id).sort(), [held.id, drifted.id]);
    await waitFor(() => api.diagnostics.diagnosticsFor(uri).length === 0, 'no problem left on the document');
  });

  test('a sidecar error shows at its line in the sidecar', async () => {
    const uri = await scratchDocument('broken-sidecar.txt', ARTICLE);
    const good = writeSidecar({ version: 1, document: 'broken-sidecar.txt', annotations: [over('bbbb0001', 'claim', 'The talks will resume')] });
    const broken = good.replace('label: claim', 'label: [claim');
    assert.notEqual(broken, good);
    await writeFile(sidecarOf(uri), broken);
    const errors = await waitFor(() => {
      const found = api.diagnostics.diagnosticsFor(sidecarOf(uri)).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return found.length > 0 && found;
    }, 'an error on the sidecar');
    const brokenLine = broken.split('\n').findIndex((l) => l.includes('[claim'));
    assert.ok(
      errors.some((d) => Math.abs(d.range.start.line - brokenLine) <= 1),
      `an error at or next to line ${brokenLine + 1}: ${errors.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; ')}`,
    );
    assert.equal(api.store.get(uri)?.writable, false, 'and the extension will not write over it');
  });

  test('a relation whose target is missing shows on the sidecar at its line, and goes when it is fixed', async function () {
    this.timeout(30000);
    const uri = await scratchDocument('relation-problems.txt', ARTICLE);
    const speaker = over('aaaa0012', 'speaker', 'the spokesman');
    const quoteOf = (to: string): Annotation => ({ ...over('aaaa0011', 'quote', 'This is unacceptable'), attributes: { speaker: 'the spokesman' }, relations: [{ type: 'said-by', to }] });
    const relationProblems = () => api.diagnostics.diagnosticsFor(sidecarOf(uri)).filter((d) => String(d.code).startsWith('relation-'));
    const sidecarWith = (to: string) => writeSidecar({ version: 1, document: 'relation-problems.txt', annotations: [quoteOf(to), speaker] });

    await writeFile(sidecarOf(uri), sidecarWith(speaker.id));
    await waitFor(() => api.store.get(uri)?.annotations.some((a) => a.relations?.[0]?.to === speaker.id), 'the related sidecar read');

    const broken = sidecarWith('aaaa0099');
    await writeFile(sidecarOf(uri), broken);
    const [problem, ...more] = await waitFor(() => {
      const found = relationProblems();
      return found.length > 0 && found;
    }, 'the missing target in the Problems panel');
    assert.equal(more.length, 0, 'one problem: the one relation');
    assert.equal(problem!.code, 'relation-target-missing');
    assert.match(problem!.message, /has no annotation aaaa0099/);
    const relationLine = broken.split('\n').findIndex((line) => line.trim() === '- type: said-by');
    assert.equal(problem!.range.start.line, relationLine, 'at the line of the relation in the sidecar');

    await writeFile(sidecarOf(uri), sidecarWith(speaker.id));
    await waitFor(() => api.store.get(uri)?.annotations.some((a) => a.relations?.[0]?.to === speaker.id) && relationProblems().length === 0, 'the problem gone once the relation is fixed');
  });
});
