// Sidecar text is data: whatever a sidecar holds, the hover (trusted to run one command) and the
// status bar tooltip show it as text, with no link, image, HTML or theme icon of its own.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';
import { COMMAND_IDS } from '../../src/extension/commandIds';
import { interceptWindow, marginalia, openEditor, readFile, removeScratch, scratchDocument, sidecarOf, waitFor, writeFile } from './editor-helpers';
import { markdown } from './markdown';
import { requestScreenshot } from './screenshot';

/** What the issue's id tried: a remote image and a command link with its own arguments. */
const HOSTILE = 'x` ![p](https://127.0.0.1:9/p.png) [c](command:marginalia.openAnnotation?%5B%5D) <img src=https://127.0.0.1:9/i.png> $(alert) &lt;b&gt;';

/** The document quotes the hostile string, so an annotation's text is hostile too. */
const DOCUMENT = `Intro line.\n${HOSTILE}\nThe minister said so.\n`;

/** One annotation's text, note, entity and attributes hostile; a second with the same entity and a label full of Markdown; a third whose id is hostile. */
const SIDECAR = `marginalia: 1
document: hostile.txt
annotations:
  - id: 5f2c9e1a
    label: claim
    start: 12
    end: ${12 + [...HOSTILE].length}
    text: ${JSON.stringify(HOSTILE)}
    entity: ${JSON.stringify(HOSTILE)}
    note: ${JSON.stringify(`${HOSTILE}\n# heading\n[x]: https://127.0.0.1:9/ref`)}
    attributes:
      ${JSON.stringify(`[k](command:workbench.action.reloadWindow)`)}: ${JSON.stringify(HOSTILE)}
  - id: 6a3d0f2b
    label: www.example.org
    start: ${13 + [...HOSTILE].length}
    end: ${16 + [...HOSTILE].length}
    text: The
    entity: ${JSON.stringify(HOSTILE)}
  - id: ${JSON.stringify(HOSTILE)}
    label: quote
    start: 0
    end: 5
    text: Intro
`;

/** The tags a hover or tooltip may hold, all made by Marginalia itself. */
const OWN_TAGS = new Set(['p', 'strong', 'blockquote', 'ul', 'li', 'a']);

/** The theme icons Marginalia puts in hovers and tooltips. */
const OWN_ICONS = new Set(['tag', 'link', 'note', 'warning']);

/**
 * Render Markdown as VS Code would and check it holds nothing a sidecar made: only Marginalia's own
 * tags and icons, and links only to the one trusted command, with arguments naming a known annotation.
 * @returns the visible text
 */
function assertInert(source: string, ids: readonly string[]): string {
  const html = markdown.render(source);
  for (const [, name] of html.matchAll(/<\/?([a-z0-9]+)/gi)) assert.ok(OWN_TAGS.has(name!), `no <${name}> may come from a sidecar: ${html}`);
  for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) {
    const prefix = `command:${COMMAND_IDS.openAnnotation}?`;
    assert.ok(href!.startsWith(prefix), `a link only opens an annotation: ${href}`);
    const [target] = JSON.parse(decodeURIComponent(href!.slice(prefix.length).replace(/&amp;/g, '&'))) as [{ uri: string; id: string }];
    assert.ok(ids.includes(target.id), `the link names a known annotation: ${href}`);
  }
  const text = html.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const [, name] of text.matchAll(/(?<!\\)\$\(([a-z0-9-]+)(?:~[a-z0-9-]*)?\)/gi)) assert.ok(OWN_ICONS.has(name!), `no icon $(${name}) may come from a sidecar`);
  return text;
}

suite('Security: sidecar text reaching Markdown', () => {
  let api: MarginaliaApi;
  let uri: vscode.Uri;

  suiteSetup(async () => {
    api = await marginalia();
    uri = await scratchDocument('hostile.txt', DOCUMENT);
    await writeFile(sidecarOf(uri), SIDECAR);
    await api.store.reload(sidecarOf(uri));
    await waitFor(() => api.store.get(uri)?.annotations.some((a) => a.id === '6a3d0f2b'), 'the sidecar loaded');
  });

  suiteTeardown(removeScratch);

  test('a record whose id is outside the safe pattern is an error at its line, and the sidecar is not rewritten', async () => {
    const doc = api.store.get(uri)!;
    const finding = doc.findings.find((f) => f.code === 'invalid-id');
    assert.ok(finding, `an invalid-id finding: ${JSON.stringify(doc.findings)}`);
    assert.equal(finding.line, 19);
    assert.equal(doc.writable, false);
    assert.deepEqual(doc.annotations.map((a) => a.id).sort(), ['5f2c9e1a', '6a3d0f2b']);
    assert.equal(await readFile(sidecarOf(uri)), SIDECAR);
  });

  test('the hover shows hostile text, note, entity and attributes as text: no image, HTML, icon or link of their own', async function () {
    this.timeout(60000);
    const editor = await openEditor(uri);
    const at = editor.document.positionAt(DOCUMENT.indexOf(HOSTILE) + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const contents = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    assert.ok(contents.length > 0, 'a hover');
    const ids = ['5f2c9e1a', '6a3d0f2b'];
    const text = contents.map((c) => assertInert(c.value, ids)).join('\n');
    assert.ok(text.includes(HOSTILE.replace('$(alert)', '\\$(alert)')), `the hostile text is shown as it is: ${text}`);
    assert.match(text, /other occurrence/, 'the entity links to the other annotation (a trusted link of our own)');

    // The provider's own MarkdownString: trusted for the one command only.
    const doc = api.store.get(uri)!;
    const own = api.hover.describe(doc, doc.annotations.find((a) => a.id === '5f2c9e1a')!);
    assert.deepEqual(own.isTrusted, { enabledCommands: [COMMAND_IDS.openAnnotation] });
    assert.ok(!own.supportHtml, 'no HTML');
    assertInert(own.value, ids);

    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
    const file = await requestScreenshot('hover-hostile', { waitForText: 'other occurrence' });
    console.log(`  screenshot: ${file ?? '(not under the web runner)'}`);
  });

  test('the status bar tooltip shows a label that Markdown would make a link of as text', async () => {
    await openEditor(uri);
    await waitFor(() => api.navigation.statusBar.item.text.includes('www.example.org'), 'the status bar counts the document');
    const tooltip = api.navigation.statusBar.item.tooltip;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(!tooltip.isTrusted, 'the tooltip runs no command');
    const text = assertInert(tooltip.value, []);
    assert.ok(text.includes('1 www.example.org'), `the label as it is: ${text}`);
  });

  test('a notification quoting sidecar text (the removal with its Undo) makes no link of it', async () => {
    const removable = await scratchDocument('hostile-remove.txt', DOCUMENT);
    await openEditor(removable);
    const start = DOCUMENT.indexOf('[c]');
    const end = DOCUMENT.indexOf(') <img') + 1;
    const [added] = await api.store.add(removable, [{ start, end, label: 'claim' }]);
    const messages = interceptWindow('showInformationMessage', (message) => (String(message).includes('removed') ? Promise.resolve(undefined) : undefined));
    try {
      await vscode.commands.executeCommand(COMMAND_IDS.removeAnnotation, { uri: removable, id: added!.id });
      const message = String(await waitFor(() => messages.calls.find((c) => String(c[0]).includes('removed'))?.[0], 'the removal notification'));
      assert.ok(message.includes('command:'), `the text is quoted: ${message}`);
      assert.doesNotMatch(message, /\]\(/, 'no "](" left for VS Code to make a command link of');
    } finally {
      messages.restore();
    }
  });
});
