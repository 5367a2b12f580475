// The editor's views across sources, over the seeds (five reports of one event): the tree marks the
// figures whose sources disagree, the hover of a figure lists what every source says and the hover of
// a quote the other prints with what differs, the Problems panel shows conflicts only when asked, and
// Link Quote Prints links every unlinked print of a quotation. Fixtures: test/fixtures/sources/editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import { COMMAND_IDS } from '../../src/extension/commandIds';
import { FIGURE_CONFLICT_CODE, FIGURE_CONFLICTS_SETTING } from '../../src/extension/diagnostics';
import type { LinkPrintsResult } from '../../src/extension/linkQuotePrints';
import type { GroupNode, TreeNode } from '../../src/extension/tree/treeNodes';
import { interceptWindow, openEditor, recordOnDisk, removeScratch, scratchDocument, sidecarOf, waitFor, writeFile } from './editor-helpers';
import { markdown } from './markdown';
import { SEED_000, SEED_002, activeApi, fileUri, itemLabel } from './navigation-helpers';
import { repoText } from './repo-files';
import { screenshotShowing } from './screenshot';

/** Seed ids (test/fixtures/sources/seeds-expected.json). */
const TOLL_002 = '64a2f580'; // "13,000 lives"
const RYABKOV_000 = 'a5de154d'; // "We are ready to immediately, even tomorrow -- literally tomorrow…"
const BIDEN_000 = 'd786866e'; // "sanctions like he's never seen"
const BIDEN_002 = 'efda5679';

/** The tags a hover may hold, all made by Marginalia's own Markdown. */
const OWN_TAGS = new Set(['p', 'strong', 'em', 's', 'del', 'blockquote', 'ul', 'li', 'a']);

/** The text of a hover's Markdown parts. */
function hoverMarkdown(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (c instanceof vscode.MarkdownString ? c.value : typeof c === 'string' ? c : c.value))
    .join('\n');
}

/**
 * Render a hover's Markdown as VS Code would and check that nothing in it came from a sidecar as
 * markup: only our own tags, and links only to the commands the hover means.
 * @returns the rendered HTML
 */
function assertInert(source: string, commands: readonly string[]): string {
  const html = markdown.render(source);
  for (const [, name] of html.matchAll(/<\/?([a-z0-9]+)/gi)) assert.ok(OWN_TAGS.has(name!), `no <${name}> may come from a sidecar: ${html}`);
  for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) {
    assert.ok(commands.some((c) => href!.startsWith(`command:${c}?`)), `a link runs only the hover's own commands: ${href}`);
  }
  return html;
}

async function hoverAt(uri: vscode.Uri, id: string, api: MarginaliaApi): Promise<{ text: string; editor: vscode.TextEditor; at: vscode.Position }> {
  const editor = await openEditor(uri);
  const annotation = api.store.get(uri)?.annotations.find((a) => a.id === id);
  assert.ok(annotation, `annotation ${id} in ${uri.path}`);
  const at = editor.document.positionAt(editor.document.getText().indexOf(annotation.text) + 2);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return { text: hoverMarkdown(hovers), editor, at };
}

/** Show the hover at a place and take its picture. */
async function screenshotHover(editor: vscode.TextEditor, at: vscode.Position, name: string, waitForText: string): Promise<void> {
  const file = await screenshotShowing(name, waitForText, async () => {
    const focused = await vscode.window.showTextDocument(editor.document, { preview: false });
    focused.selection = new vscode.Selection(at, at);
    focused.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
  });
  console.log(`  screenshot: ${file ?? '(not under the web runner)'}`);
}

/** Copy a fixture of test/fixtures/sources/editor, with its sidecar, into the workspace's scratch folder. */
async function scratchFixture(api: MarginaliaApi, name: string, edit: (sidecar: string) => string = (s) => s): Promise<vscode.Uri> {
  const read = (file: string): Promise<string> => repoText('test', 'fixtures', 'sources', 'editor', file);
  return scratchCopy(api, name, await read(name), edit(await read(`${name}.annotations.yaml`)));
}

async function scratchCopy(api: MarginaliaApi, name: string, text: string, sidecar: string): Promise<vscode.Uri> {
  const uri = await scratchDocument(name, text);
  await writeFile(sidecarOf(uri), sidecar);
  await api.store.reload(sidecarOf(uri));
  await waitFor(() => (api.store.get(uri)?.annotations.length ?? 0) > 0, `${name} annotated`);
  return uri;
}

suite('Across sources: tree, hover, Problems and link-all', () => {
  let api: MarginaliaApi;

  suiteSetup(async () => {
    api = await activeApi();
    await vscode.workspace.getConfiguration().update('marginalia.tree.groupBy', 'label', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('marginalia.tree.clearFilter');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration().update(FIGURE_CONFLICTS_SETTING, undefined, vscode.ConfigurationTarget.Global);
    await removeScratch();
  });

  /** The entity group of a label in the tree, as a node. */
  function entityNode(label: string, entity: string): GroupNode {
    const tree = api.navigation.tree;
    const labelNode = tree.getChildren().find((n): n is GroupNode => n.type === 'group' && n.group.title === label);
    assert.ok(labelNode, `the ${label} group`);
    const node = tree.getChildren(labelNode).find((n): n is GroupNode => n.type === 'group' && n.group.kind === 'entity' && n.group.title === entity);
    assert.ok(node, `the entity ${entity} under ${label}`);
    return node;
  }

  test('the tree marks the figures whose sources disagree, and names each outlet\'s value', async function () {
    this.timeout(60000);
    const tree = api.navigation.tree;
    tree.refresh();
    const figures = tree.getChildren().find((n): n is GroupNode => n.type === 'group' && n.group.title === 'figure');
    assert.ok(figures);
    assert.match(String(tree.getTreeItem(figures).description), / · 2 conflicts$/, 'the label counts the conflicting groups');

    const toll = entityNode('figure', 'donbas-death-toll');
    const item = tree.getTreeItem(toll);
    assert.equal(item.description, '4 · conflict: more than 13,000 / 13,000 / about 15,000 / more than 14,000');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match(String(item.tooltip), /Sources disagree on donbas-death-toll: these figures cannot all be true/);
    assert.match(String(item.tooltip), /about 15,000 people “15,000 people” — The Balkantimes Press, 003_dada574a0c9da47c\.txt:19/);
    const troops = tree.getTreeItem(entityNode('figure', 'troops-at-border'));
    assert.equal(troops.description, '4 · conflict: about 100,000 / 70,000 / more than 100,000');

    const aid = tree.getTreeItem(entityNode('figure', 'us-military-aid-ukraine'));
    assert.equal(aid.description, '2 · agree: more than 2,500,000,000');
    assert.equal((aid.iconPath as vscode.ThemeIcon).id, 'link', 'no warning where the sources agree');

    const members = tree.getChildren(toll).map((n: TreeNode) => tree.getTreeItem(n));
    assert.deepEqual(
      members.map((m) => m.description),
      ['SpaceWar.com (AFP) · more than 13,000 people', '13,000 people', 'The Balkantimes Press · about 15,000 people', 'The Balkantimes Press · more than 14,000 people'],
    );
    assert.ok(members.every((m) => (m.iconPath as vscode.ThemeIcon).id === 'warning'));

    const offer = tree.getTreeItem(entityNode('quote', 'ryabkov-talks-offer'));
    assert.equal(offer.description, '2 · 2 prints', 'a quotation says how often it is printed');

    await vscode.commands.executeCommand('workbench.view.extension.marginalia');
    // The side bar wider for the descriptions, for the picture (with no editor open, "decrease" shrinks
    // the editor area beside it); as it was after it.
    const widen = 6;
    for (let i = 0; i < widen; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    try {
      const reveal = () => api.navigation.treeView.reveal(toll, { select: true, focus: true, expand: true });
      const file = await screenshotShowing('tree-conflicts', 'conflict: more than 13,000', reveal);
      console.log(`  screenshot: ${file ?? '(not under the web runner)'} — ${itemLabel(item)}`);
    } finally {
      for (let i = 0; i < widen; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    }
  });

  test('the hover of a figure says what it was read as and what every source says, with links to each', async function () {
    this.timeout(60000);
    const { text, editor, at } = await hoverAt(fileUri(SEED_002), TOLL_002, api);
    assert.match(text, /read as \*\*13\\,000 people\*\*/);
    assert.match(text, /\*\*Sources disagree\*\* on donbas\\-death\\-toll: these 4 figures from 3 sources cannot all be true/);
    for (const said of ['more than 13\\,000 people', 'about 15\\,000 people', 'more than 14\\,000 people']) assert.ok(text.includes(`**${said}**`), `${said} in ${text}`);
    assert.ok(text.includes('SpaceWar\\.com \\(AFP\\) · [000\\_685ffd5502fe63ac\\.txt\\:54](command:marginalia.openAnnotation?'), 'outlet and a link to the place');
    assert.ok(text.includes('The Balkantimes Press · [003\\_dada574a0c9da47c\\.txt\\:19]'));
    assert.ok(text.includes('**13\\,000 people** “13\\,000 lives” — this one'), 'the figure hovered is named, not linked');
    assert.match(text, /\$\(link\) entity \*\*donbas\\-death\\-toll\*\* — its figures are listed above/, 'listed once, not again under the entity');
    assertInert(text, [COMMAND_IDS.openAnnotation]);
    const own = api.hover.describe(api.store.get(fileUri(SEED_002))!, api.store.get(fileUri(SEED_002))!.annotations.find((a) => a.id === TOLL_002)!);
    assert.deepEqual(own.isTrusted, { enabledCommands: [COMMAND_IDS.openAnnotation] }, 'trusted for opening places only');
    await screenshotHover(editor, at, 'hover-figure-conflict', 'Sources disagree');
  });

  test('the hover of a quote lists the other prints with what differs, warns that speakers differ, offers to link, escapes the sidecar', async function () {
    this.timeout(60000);
    const cut = await scratchFixture(api, 'cut-print.txt');
    const { text, editor, at } = await hoverAt(fileUri(SEED_000), RYABKOV_000, api);
    assert.match(text, /printed 2 more times in 2 documents/);
    assert.match(text, /\[002\\_49c9f8d13296ee90\\.txt\\:11\]\([^)]*\) — Sergei Ryabkov: \*the same words\*/, 'em dashes and curly quotes are not differences');
    assert.ok(text.includes('~~We are ready to immediately\\, even tomorrow \\-\\-~~ literally tomorrow'), `the words the cut leaves out are struck: ${text}`);
    assert.match(text, /\*\*Speakers differ\*\*: Sergei Ryabkov \(000\\_685ffd5502fe63ac\\.txt\\:12, 002\\_49c9f8d13296ee90\\.txt\\:11\); Someone Else/);
    assert.ok(text.includes(`[Link 1 unlinked print to ryabkov\\-talks\\-offer](command:${COMMAND_IDS.linkQuotePrints}?`));
    const html = assertInert(text, [COMMAND_IDS.openAnnotation, COMMAND_IDS.linkQuotePrints]);
    assert.ok(html.includes('&lt;img src=https://127.0.0.1:9/o.png&gt; [o](command:workbench.action.reloadWindow) \\$(alert)'), `the hostile outlet is text: ${html}`);
    assert.ok(html.includes('Someone Else ![s](https://127.0.0.1:9/s.png) [s](command:workbench.action.reloadWindow)'), 'the hostile speaker is text');
    assert.ok(html.includes('<s>We are ready to immediately, even tomorrow --</s>'), 'the struck words render struck');
    const doc = api.store.get(fileUri(SEED_000))!;
    const own = api.hover.describe(doc, doc.annotations.find((a) => a.id === RYABKOV_000)!);
    assert.deepEqual(own.isTrusted, { enabledCommands: [COMMAND_IDS.openAnnotation, COMMAND_IDS.linkQuotePrints] });
    await screenshotHover(editor, at, 'hover-quote-prints', 'Speakers differ');

    // The link runs the command with its own arguments: the cut print is linked, in its own sidecar.
    const link = new RegExp(`command:${COMMAND_IDS.linkQuotePrints.replace('.', '\\.')}\\?([^ )]+)`).exec(text)!;
    const [args] = JSON.parse(decodeURIComponent(link[1]!)) as [{ uri: string; id: string }];
    const result = await vscode.commands.executeCommand<LinkPrintsResult>(COMMAND_IDS.linkQuotePrints, args);
    assert.deepEqual(result, { entity: 'ryabkov-talks-offer', linked: 1, documents: 1, failed: [] });
    assert.equal((await recordOnDisk(cut, '7c0ffee1')).entity, 'ryabkov-talks-offer');
  });

  test('Problems: off by default, nothing; on, each figure of a conflicting group names the others; off again, gone', async function () {
    this.timeout(30000);
    const conflicts = (name: string) => api.diagnostics.diagnosticsFor(fileUri(name)).filter((d) => d.code === FIGURE_CONFLICT_CODE);
    assert.equal(vscode.workspace.getConfiguration().get(FIGURE_CONFLICTS_SETTING), false, 'off by default');
    api.diagnostics.refresh();
    assert.deepEqual([SEED_000, SEED_002].flatMap(conflicts), []);

    await vscode.workspace.getConfiguration().update(FIGURE_CONFLICTS_SETTING, true, vscode.ConfigurationTarget.Global);
    const on002 = await waitFor(() => conflicts(SEED_002).length > 0 && conflicts(SEED_002), 'conflict diagnostics');
    const doc = api.store.get(fileUri(SEED_002))!;
    // 002 prints one figure of each conflicting group: the toll and the troops.
    assert.deepEqual(on002.map((d) => d.severity), [vscode.DiagnosticSeverity.Information, vscode.DiagnosticSeverity.Information]);
    const toll = on002.find((d) => d.message.includes('donbas-death-toll'))!;
    assert.equal(
      toll.message,
      'Sources disagree on donbas-death-toll: here 13,000 people; more than 13,000 people (SpaceWar.com (AFP), 000_685ffd5502fe63ac.txt:54); ' +
        'about 15,000 people (The Balkantimes Press, 003_dada574a0c9da47c.txt:19); more than 14,000 people (The Balkantimes Press, 003_dada574a0c9da47c.txt:61). These cannot all be true.',
    );
    const figure = doc.annotations.find((a) => a.id === TOLL_002)!;
    assert.equal(toll.range.start.line + 1, doc.offsets.lineColumn(figure.start).line + 1, 'on the figure');
    assert.equal(toll.relatedInformation?.length, 3, 'the other three figures, as places');
    assert.equal(conflicts(SEED_000).length, 2);

    await vscode.workspace.getConfiguration().update(FIGURE_CONFLICTS_SETTING, false, vscode.ConfigurationTarget.Global);
    await waitFor(() => conflicts(SEED_002).length === 0, 'the conflicts gone');
  });

  test('Link Quote Prints writes the quotation\'s entity into every other sidecar that prints it unlinked', async function () {
    this.timeout(30000);
    // Copies of two seeds whose Biden quote is not linked: the seeds' own prints carry the entity.
    const unlink = (sidecar: string) => sidecar.replace(/(\n {2}- id: (?:d786866e|efda5679)\n(?: {4}.*\n)*?) {4}entity: biden-sanctions-warning\n/, '$1');
    const copies: vscode.Uri[] = [];
    for (const name of [SEED_000, SEED_002]) {
      const text = await repoText('seeds', name);
      const sidecar = unlink(await repoText('seeds', `${name}.annotations.yaml`));
      assert.doesNotMatch(sidecar, /biden-sanctions-warning/, 'the copy is unlinked');
      copies.push(await scratchCopy(api, name, text, sidecar));
    }
    const result = await vscode.commands.executeCommand<LinkPrintsResult>(COMMAND_IDS.linkQuotePrints, { uri: fileUri(SEED_000).toString(), id: BIDEN_000 });
    assert.deepEqual(result, { entity: 'biden-sanctions-warning', linked: 2, documents: 2, failed: [] });
    assert.equal((await recordOnDisk(copies[0]!, BIDEN_000)).entity, 'biden-sanctions-warning');
    assert.equal((await recordOnDisk(copies[1]!, BIDEN_002)).entity, 'biden-sanctions-warning');
  });

  test('Link Quote Prints at the cursor asks for an entity when no print has one, and says what it linked', async function () {
    this.timeout(30000);
    const a = await scratchFixture(api, 'unlinked-a.txt');
    const b = await scratchFixture(api, 'unlinked-b.txt');
    const editor = await openEditor(a);
    const at = editor.document.positionAt(editor.document.getText().indexOf('about us'));
    editor.selection = new vscode.Selection(at, at);
    const asked = interceptWindow('showInputBox', () => Promise.resolve('nothing-about-us'));
    const told = interceptWindow('showInformationMessage', () => Promise.resolve(undefined));
    try {
      const result = await vscode.commands.executeCommand<LinkPrintsResult>(COMMAND_IDS.linkQuotePrints);
      assert.deepEqual(result, { entity: 'nothing-about-us', linked: 2, documents: 2, failed: [] });
      assert.equal(asked.calls.length, 1, 'asked once');
      assert.deepEqual(told.calls.map((c) => c[0]), ['Marginalia: linked 2 prints of “Nothing about us without us” in 2 documents to entity nothing-about-us.']);
    } finally {
      asked.restore();
      told.restore();
    }
    assert.equal((await recordOnDisk(a, 'a11ce001')).entity, 'nothing-about-us');
    assert.equal((await recordOnDisk(b, 'a11ce002')).entity, 'nothing-about-us');
  });
});
