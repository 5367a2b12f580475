import * as vscode from 'vscode';
import { harness, runnerFile } from './harness';

/** What the runner waits for in the workbench page before it takes the picture. */
export interface ScreenshotOptions {
  /** Text that must be visible (in the page or any frame) first. */
  waitForText?: string;
  /** A CSS selector that must match a visible element first (e.g. an activity-bar item). */
  waitForSelector?: string;
  /** How long the runner waits for those, in milliseconds (default 20000). */
  timeoutMs?: number;
}

/** Whether a runner that can take screenshots drives this run (scripts/run-vscode-tests.js does). */
export async function screenshotsAvailable(): Promise<boolean> {
  return (await harness()) !== undefined;
}

/**
 * Ask scripts/run-vscode-tests.js for a screenshot of the whole workbench page.
 * Protocol: a console line `[[harness:screenshot:NAME]] {json options}`; the runner, which receives the
 * extension host's console, writes NAME.png in its screenshot folder (named in the harness file), or
 * NAME.error.txt when what it waited for never became visible; this function waits for either file,
 * through `vscode.workspace.fs`, so that it works in the Node host and in the web worker alike.
 * @param name file name without extension (letters, digits, `.`, `_`, `-`)
 * @param options what must be visible before the picture is taken
 * @returns the PNG's path, or undefined when not running under that runner (e.g. under @vscode/test-electron)
 */
export async function requestScreenshot(name: string, options: ScreenshotOptions = {}): Promise<string | undefined> {
  const found = await harness();
  if (!found) return undefined;
  const timeoutMs = options.timeoutMs ?? 20000;
  const file = runnerFile(found, `${found.settings.screenshots}/${name}.png`);
  const errorFile = runnerFile(found, `${found.settings.screenshots}/${name}.error.txt`);
  for (const old of [file, errorFile]) await vscode.workspace.fs.delete(old).then(undefined, () => undefined);
  const request = { waitForText: options.waitForText, waitForSelector: options.waitForSelector, timeoutMs };
  console.log(`[[harness:screenshot:${name}]] ${JSON.stringify(request)}`);
  const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
  const deadline = Date.now() + timeoutMs + 5000;
  while (Date.now() < deadline) {
    if (await exists(file)) return file.path;
    if (await exists(errorFile)) {
      throw new Error(`screenshot '${name}': ${new TextDecoder().decode(await vscode.workspace.fs.readFile(errorFile))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`screenshot '${name}' was not written within ${timeoutMs} ms`);
}

/**
 * Take a screenshot once `show` has put `waitForText` on screen, calling `show` again while it has not:
 * a tree reveal can land before the view has drawn the node (or just before a collapse it follows), and
 * a hover can be asked for before the editor has focus. VS Code gives no event for what it drew.
 * @param name file name without extension
 * @param waitForText text the picture must show
 * @param show what puts it on screen
 * @param timeoutMs how long each attempt waits for the text
 * @returns the PNG's path, or undefined when not running under the screenshot runner
 */
export async function screenshotShowing(name: string, waitForText: string, show: () => Thenable<unknown>, timeoutMs = 8000): Promise<string | undefined> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    await show();
    try {
      return await requestScreenshot(name, { waitForText, timeoutMs });
    } catch (error) {
      if (attempt === attempts) throw error;
    }
  }
}
