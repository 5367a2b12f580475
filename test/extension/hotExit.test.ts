// Hot exit: VS Code reloads or quits with a document unsaved, keeps its buffer and brings it back; the
// annotation changes made since the document's last save must come back with it. A window reload
// takes the same path (the buffer is backed up, the extension host ends and starts again), so the test
// runs in two phases, one before the reload and one after it (see reload.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { counts } from './index';
import { marginalia, openEditor, readFile, scratchDocument, sidecarOf, sleep, waitFor } from './editor-helpers';
import { reloadNote, writeReloadNote } from './reload';

const SUITE = 'Hot exit';
const TEXT = 'The minister said that 13,000 people came.\n';
const INSERTED = 'Breaking: ';

/** What phase 1 hands to phase 2. */
interface State {
  uri: string;
  id: string;
  text: string;
  start: number;
}

suite(SUITE, () => {
  test('annotation changes of an unsaved document come back after the window reloads (hot exit), and are written when it is saved', async function () {
    this.timeout(90000);
    const api = await marginalia();
    const resumed = reloadNote<State>();
    if (!resumed) {
      // Phase 1: edit a document, tag a span in it, leave it unsaved, reload the window.
      // VS Code in the browser saves after a delay by default: off, so that the document stays unsaved.
      await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      const uri = await scratchDocument('hot-exit.txt', TEXT);
      const editor = await openEditor(uri);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), INSERTED));
      assert.equal(editor.document.isDirty, true);
      const start = INSERTED.length + TEXT.indexOf('minister');
      const [added] = await api.store.add(uri, [{ start, end: start + 'minister'.length, label: 'claim' }]);
      assert.equal(await readFile(sidecarOf(uri)), undefined, 'not written: the document is unsaved');
      await waitFor(() => api.pending.isKept(uri), 'the change to be kept');
      await api.pending.flush();
      const state: State = { uri: uri.toString(), id: added!.id, text: editor.document.getText(), start };
      writeReloadNote({ grep: SUITE, ...counts, state });
      // VS Code backs an unsaved buffer up about a second after its last edit, in the browser's
      // storage, where this host cannot look; a window that unloads before that loses the buffer
      // (the browser's unload prompt is dismissed headless). So give it time, then reload.
      await sleep(4000);
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      await sleep(60000);
      assert.fail('the window did not reload');
    }

    // Phase 2, in the new extension host.
    const { state } = resumed;
    const uri = vscode.Uri.parse(state.uri);
    // VS Code restores the buffer from its backup when the document is opened (the editor restored,
    // or the user opening it); under the test runner no editor of the last session is restored.
    const document = await openEditor(uri).then((e) => e.document);
    assert.equal(document.getText(), state.text, 'VS Code brought the unsaved buffer back');
    assert.equal(document.isDirty, true);
    await api.pending.ready;
    const annotation = await waitFor(() => api.store.get(uri)?.annotations.find((a) => a.id === state.id), 'the tag made before the reload to come back');
    assert.deepEqual(
      { label: annotation.label, start: annotation.start, end: annotation.end, text: annotation.text, status: annotation.status },
      { label: 'claim', start: state.start, end: state.start + 'minister'.length, text: 'minister', status: undefined },
    );
    assert.equal(api.store.get(uri)!.unwritten, true, 'still waiting for the save');

    await document.save();
    await waitFor(async () => (await readFile(sidecarOf(uri)))?.includes(`id: ${state.id}`), 'the sidecar written with the tag');
    await waitFor(() => !api.pending.isKept(uri), 'the kept changes cleared once written');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });
});
