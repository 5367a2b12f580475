// Reopening a workspace whose sidecars did not change parses none of them: the store keeps the parsed
// sidecars in the extension's storage for the workspace. A second store over the same storage folder
// stands for the next session.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/extension/annotationStore';
import { SIDECAR_CACHE_FILE } from '../../src/extension/sidecarCache';
import { marginalia, readFile, writeFile } from './editor-helpers';

/** A store as the next session makes it, over the given storage folder. */
async function session(storageUri: vscode.Uri): Promise<AnnotationStore> {
  const store = new AnnotationStore({ storageUri, notify: () => undefined });
  await store.ready;
  return store;
}

/** Each document's annotations, by document, to compare two sessions. */
function contents(store: AnnotationStore): Record<string, unknown> {
  return Object.fromEntries(store.documents().map((d) => [d.documentUri.toString(), d.annotations]));
}

suite('Parsed sidecars kept between sessions', () => {
  let storageDir: string;

  suiteSetup(async () => {
    await marginalia();
    storageDir = mkdtempSync(path.join(os.tmpdir(), 'marginalia-storage-'));
  });

  suiteTeardown(() => rmSync(storageDir, { recursive: true, force: true }));

  test('a session over unchanged sidecars parses none of them and holds the same annotations; a rewritten sidecar alone is parsed', async function () {
    this.timeout(60_000);
    const sidecars = await vscode.workspace.findFiles('**/*.annotations.yaml', '**/node_modules/**');
    assert.ok(sidecars.length >= 5, `the seeds' sidecars are in the workspace (${sidecars.length})`);
    // Written an hour ago, as in a workspace reopened the next day: only settled files are answered from the cache.
    const lastHour = new Date(Date.now() - 3_600_000);
    for (const uri of sidecars) utimesSync(uri.fsPath, lastHour, lastHour);

    const storageUri = vscode.Uri.file(path.join(storageDir, 'workspace-storage'));
    const first = await session(storageUri);
    let contentsBefore: Record<string, unknown>;
    try {
      assert.deepEqual(first.sidecarReads, { parsed: sidecars.length, cached: 0 }, 'nothing was cached before the first session');
      await first.saveParsedSidecars();
      const stored = await readFile(vscode.Uri.joinPath(storageUri, SIDECAR_CACHE_FILE));
      assert.ok(stored?.includes('"version"'), 'the cache is in the storage folder');
      contentsBefore = contents(first);
    } finally {
      first.dispose();
    }

    const second = await session(storageUri);
    try {
      assert.deepEqual(second.sidecarReads, { parsed: 0, cached: sidecars.length });
      assert.deepEqual(contents(second), contentsBefore);
    } finally {
      second.dispose();
    }

    // The same bytes written again: another modification time, so that sidecar is parsed again.
    const text = await readFile(sidecars[0]!);
    assert.ok(text !== undefined);
    await writeFile(sidecars[0]!, text);
    const third = await session(storageUri);
    try {
      assert.deepEqual(third.sidecarReads, { parsed: 1, cached: sidecars.length - 1 });
      assert.deepEqual(contents(third), contentsBefore);
    } finally {
      third.dispose();
    }
  });

  test('a cache that cannot be read is set aside: every sidecar is parsed, and nothing else changes', async function () {
    this.timeout(60_000);
    const storageUri = vscode.Uri.file(path.join(storageDir, 'broken-storage'));
    await writeFile(vscode.Uri.joinPath(storageUri, SIDECAR_CACHE_FILE), '{"version": 2, "entries": [');
    const store = await session(storageUri);
    try {
      const sidecars = await vscode.workspace.findFiles('**/*.annotations.yaml', '**/node_modules/**');
      assert.deepEqual(store.sidecarReads, { parsed: sidecars.length, cached: 0 });
      assert.equal(store.documents().length, (await marginalia()).store.documents().length);
    } finally {
      store.dispose();
    }
  });
});
