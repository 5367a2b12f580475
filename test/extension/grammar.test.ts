import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { requestScreenshot, screenshotsAvailable } from './screenshot';

const EXTENSION_ID = 'marginalia.marginalia';
const PLAIN_SCOPE = 'text.plain.marginalia';

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/**
 * A Playwright selector (CSS plus Playwright's `:has-text()`) for an editor token that shows `text` in a
 * colour of its own. The editor gives each token a class `mtkN`, N indexing the theme's colour map, and
 * `mtk1` is the default foreground: without a grammar every character of a plain-text line is `mtk1`.
 * @param text text inside the token
 */
function colouredToken(text: string): string {
  return `.monaco-editor .view-line span[class^="mtk"]:not(.mtk1):has-text(${JSON.stringify(text)})`;
}

suite('Highlighting candidates in a real VS Code', () => {
  let extension: vscode.Extension<unknown>;
  let grammars: GrammarContribution[];

  suiteSetup(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
    extension = found;
    grammars = (extension.packageJSON.contributes?.grammars ?? []) as GrammarContribution[];
  });

  /** The first seed article of the test workspace (a copy of seeds/). */
  async function firstSeed(): Promise<vscode.Uri> {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((n) => n.endsWith('.txt'));
    assert.ok(names.length > 0, 'the workspace has seed articles');
    return vscode.Uri.joinPath(folder, names.sort()[0]);
  }

  test('a seed article opens as plaintext, the language the Marginalia grammar is contributed for', async () => {
    const document = await vscode.workspace.openTextDocument(await firstSeed());
    assert.equal(document.languageId, 'plaintext');
    const plain = grammars.find((g) => g.language === document.languageId);
    assert.ok(plain, 'no grammar contributed for plaintext');
    assert.equal(plain.scopeName, PLAIN_SCOPE);
    const injection = grammars.find((g) => g.injectTo?.includes(PLAIN_SCOPE));
    assert.ok(injection, `nothing is injected into ${PLAIN_SCOPE}`);
    assert.ok(injection.injectTo!.includes('text.html.markdown'), 'the injection also targets Markdown');
  });

  test('ships every contributed grammar file, each with the scope name package.json gives it', async () => {
    assert.ok(grammars.length >= 2);
    for (const grammar of grammars) {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, grammar.path));
      const raw = JSON.parse(new TextDecoder().decode(bytes)) as { scopeName?: string };
      assert.equal(raw.scopeName, grammar.scopeName, grammar.path);
    }
  });

  test('colours a quoted passage and a figure of a seed article', async function () {
    if (!(await screenshotsAvailable())) this.skip(); // only scripts/run-vscode-tests.js can look at the page
    this.timeout(60000);
    const editor = await vscode.window.showTextDocument(await firstSeed(), { preview: false });
    // Seed 000: Ryabkov ... talks with the United States "as early as" Saturday; some 100,000 troops.
    for (const text of ['as early as', '100,000']) {
      const line = editor.document.getText().split('\n').findIndex((l) => l.includes(text));
      assert.ok(line >= 0, `the first seed has "${text}"`);
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
      const file = await requestScreenshot(`candidates-plaintext-${text.replace(/\W+/g, '-')}`, { waitForSelector: colouredToken(text) });
      console.log(`  screenshot: ${file}`);
    }
  });

  test('colours a quoted passage in Markdown, through the injection', async function () {
    if (!(await screenshotsAvailable())) this.skip();
    this.timeout(60000);
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: '# Talks\n\nRyabkov said Moscow was ready “sooner than planned” for talks.\n',
    });
    await vscode.window.showTextDocument(document, { preview: false });
    const file = await requestScreenshot('candidates-markdown', { waitForSelector: colouredToken('sooner than planned') });
    console.log(`  screenshot: ${file}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
