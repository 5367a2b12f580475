// The CLI's reading of a version: what core/io/versions.ts refuses is a usage error here.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../src/cli/options';
import { readVersion } from '../../src/cli/versions';

test('a name that is neither a folder nor a revision of a repository is a usage error', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-not-a-repo-'));
  try {
    await assert.rejects(readVersion('no-such-branch', [], dir), (error: unknown) => error instanceof UsageError && /no-such-branch/.test(error.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder is read as the core reads it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-empty-'));
  try {
    assert.deepEqual((await readVersion('.', [], dir)).documents, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
