// The review of annotation changes in the real editor: a temporary git repository whose base commit
// has a sidecar and whose branch relabels, moves, edits, removes and adds annotations. The Review
// view lists the changes by kind, a removed one shows as a ghost, accept writes the review record,
// reject undoes the change (and Undo undoes the rejection), and `marginalia check --require-reviewed`
// agrees once every change is decided.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewEntryNode, ReviewNode } from '../../src/extension/review/reviewTree';
import type { ReviewOutcome } from '../../src/extension/review/reviewSession';
import type { MarginaliaApi } from '../../src/extension/extension';
import { folder, interceptWindow, marginalia, openEditor, rangeOf, recordOnDisk, removeScratch, scratchDocument, sidecarOf, sidecarOnDisk, waitFor, writeFile } from './editor-helpers';
import { requestScreenshot } from './screenshot';

/** The document on the branch; at the base it had one line more, at the end. */
const TEXT = 'Spending doubles.\nTaxes will fall next year.\nRates rise by 4% and wages by 4% too.\nThe minister said we will win.\n';
const BASE_TEXT = `${TEXT}An old line, since deleted.\n`;

/** A record of the scratch document, placed at the n-th occurrence of its text (the same in both versions but the last line). */
function record(id: string, label: string, text: string, more: string[] = [], occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = BASE_TEXT.indexOf(text, at + 1);
  assert.ok(at >= 0, text);
  return [`  - id: ${id}`, `    label: ${label}`, `    start: ${at}`, `    end: ${at + [...text].length}`, `    text: ${JSON.stringify(text)}`, ...more.map((line) => `    ${line}`)].join('\n');
}

const sidecar = (...records: string[]) => `marginalia: 1\ndocument: review-a.txt\nannotations:\n${records.join('\n')}\n`;

const BASE = sidecar(
  record('a0000001', 'claim', 'Taxes will fall next year'),
  record('a0000002', 'figure', '4%'),
  record('a0000003', 'quote', 'we will win'),
  record('a0000004', 'claim', 'Spending doubles'),
  record('a0000005', 'claim', 'An old line, since deleted'),
);
const BRANCH = sidecar(
  record('a0000001', 'quote', 'Taxes will fall next year'), // relabelled
  record('a0000002', 'figure', '4%', [], 1), // moved to the second "4%"
  record('a0000003', 'quote', 'we will win', ['note: the minister, not the party']), // edited
  record('a000000a', 'claim', 'Rates rise by 4%'), // added; a0000004 removed, a0000005 removed with its text
);

/**
 * The review, which the Node host starts (it runs git).
 * @param api the extension's API
 */
function reviewOf(api: MarginaliaApi): NonNullable<MarginaliaApi['review']> {
  assert.ok(api.review, 'the Node extension host starts the review');
  return api.review;
}

/** The scratch folder's ignore file. */
const IGNORE_FILE = () => vscode.Uri.joinPath(folder(), 'scratch', '.marginaliaignore');

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: folder().fsPath, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `marginalia check --require-reviewed main` on the scratch document, as CI runs it. */
function checkRequireReviewed(): { status: number | null; output: string } {
  const cli = path.join(vscode.extensions.getExtension('marginalia.marginalia')!.extensionPath, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'check', '--require-reviewed', 'main', 'scratch/review-a.txt'], {
    cwd: folder().fsPath,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function entryNodes(api: MarginaliaApi): ReviewEntryNode[] {
  const documents = reviewOf(api).tree.getChildren();
  return documents.flatMap((d) => reviewOf(api).tree.getChildren(d)).filter((n): n is ReviewEntryNode => n.type === 'reviewEntry');
}

/** Each listed entry as id, changes and state ("reverted" for a change rejected and undone). */
function listed(api: MarginaliaApi): string[] {
  return entryNodes(api).map(({ entry }) => `${entry.item.id} ${entry.reverted ? 'reverted' : entry.item.changes.join('+')} ${entry.state}`);
}

suite('Review of annotation changes', () => {
  let api: MarginaliaApi;
  let doc: vscode.Uri;

  suiteSetup(async function () {
    this.timeout(60000);
    api = await marginalia();
    doc = await scratchDocument('review-a.txt', BASE_TEXT);
    await writeFile(sidecarOf(doc), BASE);
    await writeFile(IGNORE_FILE(), 'drafts/\n');
    await waitFor(() => api.store.get(doc)?.annotations.length === 5, 'the base sidecar to be read');
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Rita Reviewer');
    git('config', 'user.email', 'rita@example.org');
    git('config', 'commit.gpgsign', 'false');
    git('config', 'core.autocrlf', 'false');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    await writeFile(doc, TEXT);
    await writeFile(sidecarOf(doc), BRANCH);
    // A draft the ignore file leaves out: check does not review it, nor does the view.
    const draft = await scratchDocument('drafts/draft.txt', 'A draft claim.\n');
    await writeFile(sidecarOf(draft), 'marginalia: 1\nannotations:\n  - id: d0000001\n    label: claim\n    start: 2\n    end: 7\n    text: draft\n');
    await waitFor(() => api.store.get(draft)?.annotations.length === 1, 'the draft to be read');
    await waitFor(() => api.store.get(doc)?.annotations.some((a) => a.id === 'a000000a') && api.store.get(doc)?.offsets.text === TEXT, 'the branch to be read');
    git('commit', '-q', '-am', 'the branch changes the annotations');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('marginalia.review.close');
    await removeScratch();
    fs.rmSync(IGNORE_FILE().fsPath, { force: true });
    fs.rmSync(path.join(folder().fsPath, 'scratch', 'drafts'), { recursive: true, force: true });
    fs.rmSync(path.join(folder().fsPath, '.git'), { recursive: true, force: true });
  });

  test('a name that is not a revision is refused, saying so', async () => {
    const errors = interceptWindow('showErrorMessage', () => Promise.resolve(undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('marginalia.review.start', { revision: 'no-such-branch' }), undefined);
      assert.match(String(errors.calls[0]?.[0]), /cannot review the changes since no-such-branch: .*'no-such-branch' is neither a folder nor a revision/);
      assert.equal(reviewOf(api).session.base, undefined);
    } finally {
      errors.restore();
    }
  });

  test('the review runs the git that VS Code\'s git.path names, for every git command, the reads of the base\'s files included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marginalia-git-path-'));
    const log = path.join(dir, 'calls.log');
    const wrapper = path.join(dir, 'configured-git');
    fs.writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec git "$@"\n`, { mode: 0o755 });
    const settings = vscode.workspace.getConfiguration();
    await settings.update('git.path', wrapper, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('marginalia.review.start', { revision: 'main' });
      assert.equal(reviewOf(api).session.base?.revision, 'main');
      const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n') : [];
      for (const command of ['rev-parse --show-toplevel', 'ls-tree', 'cat-file --batch']) {
        assert.ok(calls.some((c) => c.startsWith(command)), `${command} ran through git.path: ${calls.join(' | ')}`);
      }
    } finally {
      await vscode.commands.executeCommand('marginalia.review.close');
      await settings.update('git.path', undefined, vscode.ConfigurationTarget.Global);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the view lists each change by kind, unreviewed, with counts; check fails while they are', async () => {
    const started = (await vscode.commands.executeCommand('marginalia.review.start', { revision: 'main' })) as { entries: number };
    assert.equal(started.entries, 6);
    assert.deepEqual(listed(api), [
      'a0000004 removed unreviewed',
      'a0000001 relabelled unreviewed',
      'a000000a added unreviewed',
      'a0000002 moved unreviewed',
      'a0000003 edited unreviewed',
      'a0000005 removed unreviewed',
    ]);
    const [documentNode] = reviewOf(api).tree.getChildren() as ReviewNode[];
    const item = reviewOf(api).tree.getTreeItem(documentNode!);
    assert.equal(item.label, 'scratch/review-a.txt');
    assert.equal(item.description, '1 added, 2 removed, 1 relabelled, 1 moved, 1 edited · 6 unreviewed');
    assert.equal(reviewOf(api).treeView.description, 'since main · 1 added, 2 removed, 1 relabelled, 1 moved, 1 edited · 6 unreviewed');
    const check = checkRequireReviewed();
    assert.equal(check.status, 1, check.output);
    assert.match(check.output, /annotation a0000001 \(quote\) relabelled since main is not reviewed/);
  });

  test('a removed annotation shows as a ghost at its place in the current text; changed ones are marked; one whose text is gone is listed with a note', async () => {
    const editor = await openEditor(doc);
    const drawn = await waitFor(() => {
      const d = reviewOf(api).decorations.drawnIn(editor);
      return d.ghosts.length === 1 && d.changed.length === 4 && d;
    }, 'the ghost and the changed spans to be drawn');
    assert.ok(drawn.ghosts[0]!.isEqual(rangeOf(editor.document, 'Spending doubles')));
    assert.ok(drawn.changed.some((r) => r.isEqual(rangeOf(editor.document, '4%', 1))), 'the moved figure is marked where it is now');
    const removed = entryNodes(api).find((n) => n.entry.item.id === 'a0000004')!;
    const tooltip = reviewOf(api).tree.getTreeItem(removed).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /removed since `main`\*\* · unreviewed/);
    assert.match(tooltip.value, /Was: `claim` \d+–\d+ `Spending doubles`/);
    const gone = reviewOf(api).tree.getTreeItem(entryNodes(api).find((n) => n.entry.item.id === 'a0000005')!);
    assert.equal(gone.description, 'removed · unreviewed · not in the text now');
    assert.match((gone.tooltip as vscode.MarkdownString).value.replace(/\\/g, ''), /No ghost in the document: its text \(“An old line, since deleted”\) is no longer in the document/);

    const shown = (await vscode.commands.executeCommand('marginalia.review.open', removed)) as vscode.Range;
    assert.ok(shown.isEqual(rangeOf(editor.document, 'Spending doubles')), 'Show selects the ghost');
    // Notifications left by earlier suites would cover the view in the picture.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('marginalia.changes.focus');
    await reviewOf(api).treeView.reveal(removed, { select: true, focus: false });
    editor.selection = new vscode.Selection(shown.start.translate(0, 3), shown.start.translate(0, 3));
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await vscode.commands.executeCommand('editor.action.showHover');
    try {
      const file = await requestScreenshot('review-tree-and-ghost', { waitForText: 'removed since' });
      console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);
    } finally {
      await vscode.commands.executeCommand('editor.action.hideHover');
    }
  });

  test('accept writes a review record with the reviewer from git and the time', async () => {
    const before = Date.now();
    const outcome = (await vscode.commands.executeCommand('marginalia.review.accept', { uri: doc, id: 'a000000a' })) as ReviewOutcome;
    assert.equal(outcome.done, 1);
    const written = await waitFor(async () => (await recordOnDisk(doc, 'a000000a')).review, 'the review record on disk');
    assert.equal(written.state, 'accepted');
    assert.equal(written.by, 'Rita Reviewer');
    assert.match(written.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Date.parse(written.at) >= before - 1000 && Date.parse(written.at) <= Date.now() + 1000, written.at);
    await waitFor(() => listed(api).includes('a000000a added accepted'), 'the view to show it accepted');
  });

  test('reject undoes each change through the store and records the rejection; Undo brings the change back', async () => {
    for (const id of ['a0000001', 'a0000002', 'a0000004']) {
      const outcome = (await vscode.commands.executeCommand('marginalia.review.reject', { uri: doc, id })) as ReviewOutcome;
      assert.equal(outcome.done, 1, id);
    }
    await api.store.settled();
    const onDisk = (await sidecarOnDisk(doc)).sidecar!.annotations;
    const base = new Map([...BASE.matchAll(/id: (\w+)\n {4}label: (\w+)\n {4}start: (\d+)\n {4}end: (\d+)/g)].map((m) => [m[1]!, m.slice(2).join(' ')]));
    for (const id of ['a0000001', 'a0000002', 'a0000004']) {
      const r = onDisk.find((a) => a.id === id);
      assert.ok(r, `${id} is in the sidecar`);
      assert.equal(`${r.label} ${r.start} ${r.end}`, base.get(id), `${id} is back as in the base`);
      assert.equal(r.review?.state, 'rejected');
      assert.equal(r.review?.by, 'Rita Reviewer');
    }
    await waitFor(() => listed(api).filter((l) => l.endsWith('reverted rejected')).length === 3, 'the view to show three reverted');

    const again = (await vscode.commands.executeCommand('marginalia.review.reject', { uri: doc, id: 'a000000a' })) as ReviewOutcome;
    await api.store.settled();
    assert.equal((await sidecarOnDisk(doc)).sidecar!.annotations.some((a) => a.id === 'a000000a'), false, 'a rejected addition is removed');
    await again.undo();
    await api.store.settled();
    assert.equal((await recordOnDisk(doc, 'a000000a')).review?.state, 'accepted', 'Undo puts the addition back with its record');
    await waitFor(() => listed(api).includes('a000000a added accepted'), 'the view to list it again');
  });

  test('a document accepted as a whole leaves nothing unreviewed, and check --require-reviewed passes', async () => {
    const [documentNode] = reviewOf(api).tree.getChildren();
    const outcome = (await vscode.commands.executeCommand('marginalia.review.accept', documentNode)) as ReviewOutcome;
    assert.equal(outcome.done, 2, 'only the edit and the removal of the deleted line were left to decide');
    await api.store.settled();
    await waitFor(() => listed(api).every((l) => !l.endsWith('unreviewed')), 'nothing unreviewed');
    assert.deepEqual(listed(api), [
      'a0000004 reverted rejected',
      'a0000001 reverted rejected',
      'a000000a added accepted',
      'a0000002 reverted rejected',
      'a0000003 edited accepted',
      'a0000005 removed accepted',
    ]);
    const check = checkRequireReviewed();
    assert.equal(check.status, 0, check.output);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('marginalia.changes.focus');
    const file = await requestScreenshot('review-tree-decided', { waitForText: 'reverted' });
    console.log(`  screenshot: ${file ?? '(none: not under scripts/run-vscode-tests.js)'}`);
  });

  test('a base sidecar that cannot be read is left out on both sides, and the review says so', async () => {
    const other = await scratchDocument('review-b.txt', 'Another claim.\n');
    await writeFile(sidecarOf(other), 'marginalia: 1\nannotations: [unclosed\n');
    git('add', path.relative(folder().fsPath, sidecarOf(other).fsPath));
    git('commit', '-q', '-m', 'a sidecar no reader can parse');
    await writeFile(sidecarOf(other), 'marginalia: 1\nannotations:\n  - id: b0000001\n    label: claim\n    start: 0\n    end: 7\n    text: Another\n');
    await waitFor(() => api.store.get(other)?.annotations.length === 1, 'the mended sidecar to be read');
    const warnings = interceptWindow('showWarningMessage', () => Promise.resolve(undefined));
    try {
      await vscode.commands.executeCommand('marginalia.review.start', { revision: 'HEAD', name: 'HEAD' });
      assert.match(String(warnings.calls[0]?.[0]), /not compared, as HEAD holds a sidecar that cannot be read: scratch\/review-b\.txt\.annotations\.yaml/);
      assert.deepEqual(reviewOf(api).session.notCompared, ['scratch/review-b.txt.annotations.yaml']);
      assert.ok(!listed(api).some((l) => l.startsWith('b0000001')), `its record is not listed as added: ${listed(api).join(', ')}`);
    } finally {
      warnings.restore();
      await vscode.commands.executeCommand('marginalia.review.close');
    }
  });
});

suite('Review: a change compares the documents it changed', () => {
  let api: MarginaliaApi;
  let one: vscode.Uri;
  let other: vscode.Uri;
  const text = 'Taxes will fall next year.\nRates rise by 4%.\n';
  const base = (id: string) => `marginalia: 1\nannotations:\n  - id: ${id}\n    label: claim\n    start: 0\n    end: 25\n    text: Taxes will fall next year\n`;

  suiteSetup(async function () {
    this.timeout(60000);
    api = await marginalia();
    one = await scratchDocument('review-one.txt', text);
    other = await scratchDocument('review-other.txt', text);
    await writeFile(sidecarOf(one), base('b0000001'));
    await writeFile(sidecarOf(other), base('b0000002'));
    await waitFor(() => api.store.get(one)?.annotations.length === 1 && api.store.get(other)?.annotations.length === 1, 'the sidecars to be read');
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Rita Reviewer');
    git('config', 'user.email', 'rita@example.org');
    git('config', 'commit.gpgsign', 'false');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('marginalia.review.close');
    await removeScratch();
    fs.rmSync(path.join(folder().fsPath, '.git'), { recursive: true, force: true });
  });

  test('tagging in one document lists its change and leaves the entries of the others as they were; a document deleted lists its annotations removed', async () => {
    const session = reviewOf(api).session;
    await vscode.commands.executeCommand('marginalia.review.start', { revision: 'main' });
    assert.deepEqual(session.documents(), [], 'nothing changed since main');
    const changesOf = (uri: vscode.Uri) => session.documentOf(uri)?.entries.map((e) => `${e.item.id} ${e.item.changes.join('+')}`) ?? [];
    const [added] = await api.store.add(one, [{ start: 27, end: 43, label: 'figure' }]);
    await waitFor(() => changesOf(one).length === 1, 'the tag listed');
    const listedBefore = session.documentOf(one);
    await api.store.add(other, [{ start: 27, end: 43, label: 'claim' }]);
    await waitFor(() => changesOf(other).length === 1, 'the other tag listed');
    assert.equal(session.documentOf(one), listedBefore, 'the first document was not compared again');
    assert.deepEqual(changesOf(one), [`${added!.id} added`]);
    // The document and its sidecar deleted: the store no longer holds it, and its base annotation is removed.
    await vscode.workspace.fs.delete(sidecarOf(other));
    await vscode.workspace.fs.delete(other);
    await waitFor(() => changesOf(other).join() === 'b0000002 removed', 'the deleted document listed as removed');
    const plain = () => JSON.stringify(session.documents().map((v) => ({ ...v, documentUri: v.documentUri.toString() })));
    const compared = plain();
    session.compare();
    assert.equal(plain(), compared, 'what comparing every document again gives');
  });
});
