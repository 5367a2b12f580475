/** The `marginalia` command itself: its version, its commands, and what it says about a mistyped one. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixture-path';
import { marginalia } from './cli-harness';

test('--version prints the version of the package, and nothing else', async () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const result = await marginalia(['--version'], REPO_ROOT);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, `${version}\n`);
  assert.equal(result.stderr, '');
});

test('a mistyped command is named, with the command meant, and exits 2', async () => {
  for (const [typed, meant] of [
    ['chekc', 'check'],
    ['exprot', 'export'],
    ['stat', 'stats'],
    ['Diff', 'diff'],
  ]) {
    const result = await marginalia([typed!], REPO_ROOT);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`^marginalia: unknown command '${typed}'; did you mean '${meant}'\\?`));
  }
});

test('a command unlike any other gets no guess, and names inherited from Object are not commands', async () => {
  for (const typed of ['frobnicate', 'constructor', 'toString']) {
    const result = await marginalia([typed], REPO_ROOT);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`^marginalia: unknown command '${typed}'\\n`));
  }
});
