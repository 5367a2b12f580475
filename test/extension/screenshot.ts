import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the runner waits for in the workbench page before it takes the picture. */
export interface ScreenshotOptions {
  /** Text that must be visible (in the page or any frame) first. */
  waitForText?: string;
  /** A CSS selector that must match a visible element first (e.g. an activity-bar item). */
  waitForSelector?: string;
  /** How long the runner waits for those, in milliseconds (default 20000). */
  timeoutMs?: number;
}

/**
 * Ask scripts/run-vscode-tests.js for a screenshot of the whole workbench page.
 * Protocol: a console line `[[harness:screenshot:NAME]] {json options}`; the runner, which receives the
 * extension host's console, writes $HARNESS_SCREENSHOT_DIR/NAME.png, or NAME.error.txt when what it
 * waited for never became visible; this function waits for either file.
 * @param name file name without extension (letters, digits, `.`, `_`, `-`)
 * @param options what must be visible before the picture is taken
 * @returns the PNG's path, or undefined when not running under that runner (e.g. under @vscode/test-electron)
 */
export async function requestScreenshot(name: string, options: ScreenshotOptions = {}): Promise<string | undefined> {
  const dir = process.env.HARNESS_SCREENSHOT_DIR;
  if (!dir) return undefined;
  const timeoutMs = options.timeoutMs ?? 20000;
  const file = path.join(dir, `${name}.png`);
  const errorFile = path.join(dir, `${name}.error.txt`);
  fs.rmSync(file, { force: true });
  fs.rmSync(errorFile, { force: true });
  const request = { waitForText: options.waitForText, waitForSelector: options.waitForSelector, timeoutMs };
  console.log(`[[harness:screenshot:${name}]] ${JSON.stringify(request)}`);
  const deadline = Date.now() + timeoutMs + 5000;
  while (Date.now() < deadline) {
    if (fs.existsSync(file)) return file;
    if (fs.existsSync(errorFile)) throw new Error(`screenshot '${name}': ${fs.readFileSync(errorFile, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`screenshot '${name}' was not written within ${timeoutMs} ms`);
}
