// Reopening a workspace whose sidecars did not change parses none of them: the store keeps the parsed
// sidecars in the extension's storage for the workspace. A second store over the same storage folder
// stands for the next session.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AnnotationStore } from '../../src/extension/annotationStore';
import { SIDECAR_CACHE_FILE } from '../../src/extension/sidecarCache';
import { inFolder, marginalia, readFile, sleep, writeFile } from './editor-helpers';

const SEED_SIDECAR = '000_685ffd5502fe63ac.txt.annotations.yaml';

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

  test('a session over unchanged sidecars parses none of them and holds the same annotations; a changed sidecar alone is parsed', async function () {
    this.timeout(60_000);
    const storageUri = vscode.Uri.file(path.join(storageDir, 'workspace-storage'));
    const first = await session(storageUri);
    const seen = first.sidecarReads.parsed + first.sidecarReads.cached;
    try {
      assert.ok(seen >= 5, `the first session read the seeds' sidecars (${seen})`);
      assert.equal(first.sidecarReads.cached, 0, 'nothing was cached before the first session');
      await first.saveSidecarCache();
      const stored = await readFile(vscode.Uri.joinPath(storageUri, SIDECAR_CACHE_FILE));
      assert.ok(stored?.includes('"version"'), 'the cache is in the storage folder');
    } finally {
      first.dispose();
    }

    const second = await session(storageUri);
    try {
      assert.deepEqual(second.sidecarReads, { parsed: 0, cached: seen });
      assert.deepEqual(contents(second), contents(first));
    } finally {
      second.dispose();
    }

    // The same bytes written again: another modification time, so that sidecar is parsed again.
    const sidecar = inFolder(SEED_SIDECAR);
    const text = await readFile(sidecar);
    assert.ok(text !== undefined);
    await sleep(20);
    await writeFile(sidecar, text);
    const third = await session(storageUri);
    try {
      assert.deepEqual(third.sidecarReads, { parsed: 1, cached: seen - 1 });
    } finally {
      third.dispose();
    }
  });
});
