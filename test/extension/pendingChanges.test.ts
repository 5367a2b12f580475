// Hot exit: VS Code reloads or quits with a document unsaved, keeps its buffer and brings it back; the
// annotation changes made since the document's last save must come back with it. A window reload
// takes the same path (the buffer is backed up, the extension host ends and starts again), so the test
// runs in two phases, one before the reload and one after it (see reload.ts).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { counts } from './index';
import { marginalia, openEditor, readFile, scratchDocument, sidecarOf, waitFor } from './editor-helpers';
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

/**
 * Whether VS Code has backed up a buffer holding `text`. It keeps its backups as files under the
 * profile's Backups folder (`User/Backups` in the browser workbench, `Backups` in the desktop app),
 * one per buffer, the text after a header line.
 * @param text the buffer's text
 */
function backedUp(text: string): boolean {
  const profile = process.env.HARNESS_USER_DATA_DIR;
  assert.ok(profile, 'the test runner names the profile in HARNESS_USER_DATA_DIR');
  return [join(profile, 'User', 'Backups'), join(profile, 'Backups')].some((root) => filesUnder(root).some((file) => readFileSync(file, 'utf8').includes(text)));
}

/**
 * Every file below a folder; none when it does not exist.
 * @param dir the folder
 */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
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
      // VS Code backs an unsaved buffer up about a second after its last edit; a window that unloads
      // before that loses the buffer (the browser's unload prompt is dismissed headless).
      await waitFor(() => backedUp(state.text), 'VS Code to back the unsaved buffer up', 30000);
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      return waitFor(() => false, 'the window to reload', 60000); // this host ends with the window
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
    await waitFor(async () => (await readFile(sidecarOf(uri)))?.includes(`id: ${state.id}`), 'the sidecar written with the tag', 30000);
    await waitFor(() => !api.pending.isKept(uri), 'the kept changes cleared once written');
    await vscode.workspace.getConfiguration('files').update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });
});
