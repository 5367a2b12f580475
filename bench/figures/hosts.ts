/**
 * The extension in the browser's web worker host against the Node host (issue 19): from opening the
 * window on a document whose sidecar holds 1,000 annotations to its first highlight, in one
 * code-server and one Chromium, the two hosts alternated, each run on a fresh copy of the workspace
 * (no parsed-sidecar cache) in a fresh browser context. The workbench's own start is in both.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeSidecar } from '../../src/core/sidecar/write';
import { generateAnnotations, generateProse, seededRandom, sidecarOf } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { median } from '../measure';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What a decoration of the extension is drawn as in Monaco's editor: a `ced-…` class in the overlays. */
const HIGHLIGHT = '.monaco-editor .view-overlays [class*="ced-"]';
/** The extension's status bar item once the document's annotations are counted. */
const STATUS = '.statusbar-item[id*="marginalia"]';

type Host = 'node' | 'web';

interface CodeServerLib {
  DEFAULT_CODE_SERVER_DIR: string;
  prepareProfile(dir: string, options: { overwriteSettings: boolean; settings?: Record<string, unknown> }): unknown;
  startCodeServer(options: { codeServerDir: string; bindAddr: string; profile: unknown; onOutput?: (chunk: Buffer) => void }): Promise<{
    child: { pid?: number };
    host: string;
  }>;
}

/** The web bundle alone: the manifest without `main`, so only the web worker host can run it. */
function webOnlyCopy(into: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest['main'];
  mkdirSync(into, { recursive: true });
  writeFileSync(path.join(into, 'package.json'), JSON.stringify(manifest));
  for (const folder of ['dist/web', 'media', 'syntaxes', 'schemas']) cpSync(path.join(ROOT, folder), path.join(into, folder), { recursive: true });
  return into;
}

/** Open the window on the document in one host; the times to the status bar count and to the first highlight. */
async function openOnce(browser: Browser, host: string, extension: string, kind: Host, workspace: string): Promise<{ status: number; highlight: number }> {
  const remote = (p: string): string => `vscode-remote://${host}${p}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(extension)],
    ['skipWelcome', 'true'],
    ['openFile', remote(path.join(workspace, 'article.txt'))],
  ];
  if (kind === 'web') payload.push(['extensionDevelopmentKind', 'web']);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page: Page = await context.newPage();
  try {
    const t0 = Date.now();
    await page.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const status = page.waitForSelector(STATUS, { timeout: 120_000 }).then(() => Date.now() - t0);
    const highlight = page.waitForSelector(HIGHLIGHT, { timeout: 120_000 }).then(() => Date.now() - t0);
    return { status: await status, highlight: await highlight };
  } finally {
    await context.close();
  }
}

export async function firstHighlightByHost(options: BenchOptions): Promise<Figure | undefined> {
  if (options.quick) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the harness's CommonJS helpers, not compiled by tsc
  const lib = require(path.join(ROOT, 'scripts', 'lib', 'code-server.js')) as CodeServerLib;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { killTree } = require(path.join(ROOT, 'scripts', 'lib', 'process-tree.js')) as { killTree: (pid: number, ms: number, log: (m: string) => void) => Promise<void> };
  const { chromium } = await import('playwright-core');

  const rand = seededRandom(1000);
  const text = generateProse(rand, 120_000);
  const template = path.join(options.scratch, 'hosts-template');
  mkdirSync(template, { recursive: true });
  writeFileSync(path.join(template, 'article.txt'), text);
  writeFileSync(path.join(template, 'article.txt.annotations.yaml'), writeSidecar(sidecarOf('article.txt', generateAnnotations(rand, text, 1_000))));
  const webExtension = webOnlyCopy(path.join(options.scratch, 'hosts-web-extension'));

  const profile = lib.prepareProfile(path.join(options.scratch, 'hosts-profile'), { overwriteSettings: true });
  const server = await lib.startCodeServer({ codeServerDir: lib.DEFAULT_CODE_SERVER_DIR, bindAddr: '127.0.0.1:0', profile });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true });
  const runs: Record<Host, { status: number; highlight: number }[]> = { node: [], web: [] };
  try {
    const rounds = 5;
    for (let round = 0; round <= rounds; round++) {
      for (const kind of round % 2 === 0 ? (['node', 'web'] as const) : (['web', 'node'] as const)) {
        const workspace = path.join(options.scratch, `hosts-${kind}-${round}`);
        cpSync(template, workspace, { recursive: true });
        const times = await openOnce(browser, server.host, kind === 'web' ? webExtension : ROOT, kind, workspace);
        if (round > 0) runs[kind].push(times); // round 0 warms the server and the browser's caches
      }
    }
  } finally {
    await browser.close();
    if (server.child.pid) await killTree(server.child.pid, 5000, () => undefined);
  }
  const web = median(runs.web.map((r) => r.highlight));
  const node = median(runs.node.map((r) => r.highlight));
  return figure({
    name: 'open a window on a document of 1,000 annotations to its first highlight, web worker host',
    n: 1_000,
    median_ms: web,
    reference: 'the same in the Node extension host, same code-server, alternated',
    reference_median_ms: node,
    target: '≤ 1.5× the Node host',
    met: web <= 1.5 * node,
    details: {
      web_status_bar_ms: median(runs.web.map((r) => r.status)),
      node_status_bar_ms: median(runs.node.map((r) => r.status)),
      runs_per_host: runs.web.length,
    },
  });
}
