// Adjudication in a real VS Code: "Adjudicate Two Versions…" writes the two annotators' folders of
// test/fixtures/agreement into the workspace; the hover of a disputed span shows both versions with
// "Keep this one" / "Keep both" / "Drop both", each settling through the store in one write that
// undo takes back; the Disputes view counts what is left down to 0, and the document is then settled.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { disputeFindings } from '../../src/core/agreement/disputes';
import type { Annotation } from '../../src/core/model';
import { readSidecar } from '../../src/core/sidecar/read';
import type { AdjudicateOutcome } from '../../src/extension/adjudication/adjudicateCommand';
import type { SettleOutcome } from '../../src/extension/adjudication/settling';
import { fixturePath } from '../fixture-path';
import { inFolder, interceptWindow, marginalia, openEditor, readFile, removeScratch, scratchLater, sidecarOf, waitFor } from './editor-helpers';
import { requestScreenshot } from './screenshot';

const SIDES = { a: fixturePath('agreement', 'a'), b: fixturePath('agreement', 'b') };

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The settle links of a hover, as a click would run them: the title and the command's arguments. */
function settleLinks(text: string): { title: string; args: { uri: string; id: string; settlement: string } }[] {
  return [...text.matchAll(/\[([^\]]+)\]\(command:marginalia\.settleDispute\?([^ )]+)/g)].map((m) => ({
    title: m[1]!,
    args: (JSON.parse(decodeURIComponent(m[2]!)) as [{ uri: string; id: string; settlement: string }])[0],
  }));
}

function byId(x: Annotation, y: Annotation): number {
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

suite('Adjudication', () => {
  const into = inFolder('scratch', 'adjudicated');
  const report = vscode.Uri.joinPath(into, 'report.txt');
  suiteTeardown(async () => {
    scratchLater(report);
    await removeScratch();
    await vscode.workspace.fs.delete(into, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  /** The records of the sidecar on disk. */
  async function onDisk(): Promise<{ text: string; records: Annotation[]; settled: boolean | undefined }> {
    const text = (await readFile(sidecarOf(report)))!;
    const { sidecar } = readSidecar(text);
    return { text, records: sidecar!.annotations, settled: sidecar!.settled };
  }

  async function hoverAt(phrase: string, occurrence = 0): Promise<string> {
    const editor = await openEditor(report);
    const text = editor.document.getText();
    let at = text.indexOf(phrase);
    for (let i = 0; i < occurrence; i++) at = text.indexOf(phrase, at + 1);
    return hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', report, editor.document.positionAt(at + 1)));
  }

  test('adjudicating two folders into the workspace writes the disputed sidecar and lists what was left out', async () => {
    const api = await marginalia();
    const outcome = await vscode.commands.executeCommand<AdjudicateOutcome>('marginalia.adjudicate', { ...SIDES, into });
    assert.deepEqual(outcome.written, ['report.txt'], outcome.leftOut.join('\n'));
    assert.equal(outcome.disputed, 7);
    assert.deepEqual(outcome.leftOut.map((l) => l.split(':')[0]).sort(), ['edited.txt', 'only-a.txt']);
    const { settled, records } = await onDisk();
    assert.equal(settled, false);
    assert.equal(records.filter((r) => r.dispute).length, 7);
    await waitFor(() => api.store.get(report)?.annotations.length === 9, 'the store read the adjudicated sidecar');
    await waitFor(() => api.adjudication.tree.count === 5, 'the Disputes view counts the five disputes (two pairs, three single records)');

    // A second run would replace the sidecar: only when the user says so.
    const before = await onDisk();
    const asked = interceptWindow('showWarningMessage', () => Promise.resolve(undefined));
    const errors = interceptWindow('showErrorMessage', () => Promise.resolve(undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('marginalia.adjudicate', { ...SIDES, into }), undefined, 'cancelled');
      assert.match(String(asked.calls[0]?.[0]), /already holds a sidecar that adjudication would replace: report\.txt\.annotations\.yaml/);
      assert.equal((await onDisk()).text, before.text, 'the sidecar there is kept');
      // Never outside the workspace.
      const outside = fixturePath('agreement', 'out');
      assert.equal(await vscode.commands.executeCommand('marginalia.adjudicate', { ...SIDES, into: outside }), undefined);
      assert.match(String(errors.calls[0]?.[0]), /is not inside the workspace/);
      assert.equal(existsSync(outside), false, 'nothing written there');
    } finally {
      asked.restore();
      errors.restore();
    }
  });

  test('the hover of a disputed pair shows both versions with who said what, and the three links', async () => {
    const api = await marginalia();
    await waitFor(() => api.store.get(report)?.annotations.length === 9, 'the adjudicated sidecar is loaded');
    const text = await hoverAt('3 million');
    assert.match(text, /\*\*Disputed\*\*: the two sides marked this differently/);
    assert.match(text, /\| \| A · a \(this\) \| B · b \|/, 'who said what, A first, a folder outside the workspace named by its own name');
    assert.match(text, /\| unit \| EUR \| USD \|/);
    const links = settleLinks(text);
    assert.deepEqual(
      links.map((l) => [l.title, l.args.id, l.args.settlement]),
      [
        ['Keep this one', 'a0000004', 'keep-this'],
        ['Keep this one', 'b0000004', 'keep-this'],
        ['Keep both', 'a0000004', 'keep-both'],
        ['Drop both', 'a0000004', 'drop-both'],
        // The claim around the figure, marked by B alone.
        ['Keep', 'b0000002', 'keep-this'],
        ['Drop', 'b0000002', 'drop-both'],
      ],
    );
    assert.equal((text.match(/the two sides marked this differently/g) ?? []).length, 1, 'the pair is shown once though both records are under the cursor');
    const single = await hoverAt('The budget');
    assert.match(single, /only side B · b marked this; the other side marked nothing here/);
    assert.deepEqual(settleLinks(single).map((l) => l.title), ['Keep', 'Drop']);

    const editor = await openEditor(report);
    const disputed = api.store.get(report)!.annotations.filter((a) => a.dispute && a.status !== 'orphaned').length;
    await waitFor(() => api.adjudication.decorations.drawnIn(editor).length === disputed, 'every disputed span framed');

    const at = editor.document.positionAt(editor.document.getText().indexOf('3 million') + 2);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('marginalia.disputes.focus');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
    const file = await requestScreenshot('adjudication-hover', { waitForText: 'Keep this one' });
    console.log(`  screenshot: ${file ?? '(not under the web runner)'}`);
  });

  test('keep this one, keep both and drop both each write the right sidecar, and undo restores it to the byte', async () => {
    const api = await marginalia();
    await waitFor(() => api.store.get(report)?.annotations.length === 9, 'the adjudicated sidecar is loaded');
    const before = await onDisk();
    // As the store holds them: an orphan adjudicate copied from B is found again in the text when read.
    const held = [...api.store.get(report)!.annotations].sort(byId);
    let written: string | undefined;
    const cases: { id: string; settlement: string; gone: string[]; cleared: string[] }[] = [
      { id: 'b0000004', settlement: 'keep-this', gone: ['a0000004'], cleared: ['b0000004'] },
      { id: 'a0000004', settlement: 'keep-both', gone: [], cleared: ['a0000004', 'b0000004'] },
      { id: 'b0000003', settlement: 'drop-both', gone: ['a0000003', 'b0000003'], cleared: [] },
    ];
    for (const c of cases) {
      const link = settleLinks(await hoverAt(c.id.endsWith('4') ? '3 million' : '40%')).find((l) => l.args.settlement === c.settlement && (c.settlement !== 'keep-this' || l.args.id === c.id))!;
      const outcome = await vscode.commands.executeCommand<SettleOutcome>('marginalia.settleDispute', link.args);
      assert.deepEqual(outcome.removed.sort(), c.gone, `${c.settlement}: removed`);
      await api.store.settled();
      const after = await onDisk();
      const ids = after.records.map((r) => r.id);
      for (const id of c.gone) assert.ok(!ids.includes(id), `${c.settlement}: ${id} removed`);
      for (const id of c.cleared) assert.equal(after.records.find((r) => r.id === id)!.dispute, undefined, `${c.settlement}: ${id} no longer disputed`);
      assert.equal(after.records.length, before.records.length - c.gone.length, `${c.settlement}: nothing else removed`);
      assert.equal(after.settled, false);
      await waitFor(() => api.adjudication.tree.count === 4, `${c.settlement}: one dispute fewer in the view`);
      assert.equal(await vscode.commands.executeCommand('marginalia.undoSettlement'), true);
      await api.store.settled();
      const undone = await onDisk();
      assert.deepEqual([...undone.records].sort(byId), held, `${c.settlement}: undone, every record as it was`);
      assert.equal(undone.settled, false);
      if (written !== undefined) assert.equal(undone.text, written, `${c.settlement}: undone to the byte`);
      written = undone.text;
      await waitFor(() => api.adjudication.tree.count === 5, `${c.settlement}: undone in the view`);
    }
  });

  test('a link\'s arguments are checked: an id that is not disputed, a document outside the store, a made-up decision change nothing', async () => {
    const api = await marginalia();
    await waitFor(() => api.store.get(report)?.annotations.length === 9, 'the adjudicated sidecar is loaded');
    const before = (await onDisk()).text;
    const uri = report.toString();
    for (const args of [
      { uri, id: 'a0000001', settlement: 'keep-this' }, // agreed, not disputed
      { uri, id: 'nope', settlement: 'drop-both' },
      { uri: 'file:///etc/hosts', id: 'a0000004', settlement: 'drop-both' },
      { uri, id: 'a0000004', settlement: 'delete-everything' },
      { uri, id: { toString: 'a0000004' }, settlement: 'drop-both' },
    ]) {
      assert.equal(await vscode.commands.executeCommand('marginalia.settleDispute', args), undefined, JSON.stringify(args));
    }
    await api.store.settled();
    assert.equal((await onDisk()).text, before);
  });

  test('settling every dispute empties the view, settles the document, and check has nothing left to say', async () => {
    const api = await marginalia();
    await waitFor(() => api.store.get(report)?.annotations.length === 9, 'the adjudicated sidecar is loaded');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    // The Entities view hidden for the picture, so that the Disputes view has the side bar's height.
    await vscode.commands.executeCommand('marginalia.entities.toggleVisibility');
    let treeShot: string | undefined;
    try {
      await vscode.commands.executeCommand('marginalia.disputes.focus');
      treeShot = await requestScreenshot('adjudication-tree', { waitForText: '5 disputes left to settle' });
    } finally {
      await vscode.commands.executeCommand('marginalia.entities.toggleVisibility');
    }
    console.log(`  screenshot: ${treeShot ?? '(not under the web runner)'}`);
    assert.equal(api.adjudication.tree.count, 5);
    let left = api.adjudication.tree.count;
    while (left > 0) {
      const [dispute] = api.adjudication.tree.documents[0]!.disputes;
      const outcome = await vscode.commands.executeCommand<SettleOutcome>('marginalia.settleDispute', { uri: report.toString(), id: dispute!.record.id, settlement: 'keep-this' });
      assert.equal(outcome.settled, left === 1);
      await waitFor(() => api.adjudication.tree.count === left - 1, `${left - 1} disputes left in the view`);
      left--;
    }
    await api.store.settled();
    const { text, settled, records } = await onDisk();
    assert.equal(settled, true);
    assert.equal(api.store.get(report)!.settled, true);
    assert.deepEqual(disputeFindings(readSidecar(text).sidecar!, new Map()), [], 'check warns of nothing');
    assert.equal(records.some((r) => r.dispute), false);
    assert.equal(api.adjudication.treeView.badge, undefined, 'no badge');
  });
  test('two branches of the repository above the workspace folder are adjudicated into it, each document where it is', async () => {
    const api = await marginalia();
    // A repository whose root is the workspace folder's parent (the runner's copy of seeds/): its
    // documents' paths start with the folder's name, which the workspace does not repeat.
    const workspace = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const root = path.dirname(workspace);
    const folder = path.join(workspace, 'scratch', 'git-case');
    const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], { cwd: root, encoding: 'utf8' });
    const document = vscode.Uri.file(path.join(folder, 'doc.txt'));
    scratchLater(document);
    try {
      git('init', '-q', '-b', 'alice');
      mkdirSync(folder, { recursive: true });
      const text = 'Taxes will fall, the mayor said.\n';
      writeFileSync(document.fsPath, text);
      const claim = (id: string, phrase: string): string =>
        `marginalia: 1\ndocument: doc.txt\nannotations:\n  - id: ${id}\n    label: claim\n    start: ${text.indexOf(phrase)}\n    end: ${text.indexOf(phrase) + phrase.length}\n    text: ${phrase}\n`;
      writeFileSync(`${document.fsPath}.annotations.yaml`, claim('a0000001', 'Taxes will fall'));
      git('add', path.join(folder));
      git('commit', '-q', '-m', 'alice');
      git('checkout', '-q', '-b', 'bob');
      writeFileSync(`${document.fsPath}.annotations.yaml`, claim('b0000001', 'Taxes will fall, the mayor said.'));
      git('commit', '-q', '-am', 'bob');
      // The user picks A, then B, then where to write, and answers the question about the sidecar there.
      const offered: string[][] = [];
      const picks = ['alice', 'bob', path.basename(workspace)];
      const picker = interceptWindow('showQuickPick', (items) => {
        const labels = (items as vscode.QuickPickItem[]).map((i) => i.label);
        offered.push(labels);
        return Promise.resolve((items as vscode.QuickPickItem[]).find((i) => i.label.endsWith(picks[offered.length - 1]!)));
      });
      const asked = interceptWindow('showWarningMessage', (_message, _options, ...actions) => Promise.resolve(actions[0]));
      let outcome: AdjudicateOutcome;
      try {
        outcome = await vscode.commands.executeCommand<AdjudicateOutcome>('marginalia.adjudicate');
      } finally {
        picker.restore();
        asked.restore();
      }
      assert.deepEqual(offered, [
        ['bob', 'alice', '$(folder) A folder…'], // the branch checked out first
        ['bob', '$(folder) A folder…'], // not A again
        [`$(root-folder) ${path.basename(workspace)}`, '$(folder) Another folder…'],
      ]);
      assert.match(String(asked.calls[0]?.[0]), /already holds a sidecar that adjudication would replace: scratch\/git-case\/doc\.txt\.annotations\.yaml/);
      assert.deepEqual(outcome.written, ['scratch/git-case/doc.txt'], outcome.leftOut.join('\n'));
      const { sidecar } = readSidecar(readFileSync(`${document.fsPath}.annotations.yaml`, 'utf8'));
      assert.deepEqual(
        sidecar!.annotations.map((r) => [r.id, r.dispute]),
        [
          ['a0000001', { side: 'A', by: 'alice', pair: 'b0000001' }],
          ['b0000001', { side: 'B', by: 'bob', pair: 'a0000001' }],
        ],
      );
      assert.equal(existsSync(path.join(workspace, path.basename(workspace))), false, 'nothing written under a repeated folder name');
      await waitFor(() => api.store.get(document)?.annotations.length === 2, 'the store read the sidecar written');
    } finally {
      rmSync(path.join(root, '.git'), { recursive: true, force: true });
    }
  });
});
