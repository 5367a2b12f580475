// The CLI's process (src/cli/main.ts): the exit status is the command's, and a file error that reaches
// it is said with the file's name and that nothing was half-written, exit 1. What each command does
// is in-process, in test/cli/commands/.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../fixture-path';
import { marginaliaProcess } from './cli-harness';
import { copyFolder, SETS, temporaryFolder } from './export-harness';

test('the exit status and output are the command\'s', () => {
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(marginaliaProcess(['--version'], REPO_ROOT), { code: 0, stdout: `${version}\n`, stderr: '' });
  const mistyped = marginaliaProcess(['chekc'], REPO_ROOT);
  assert.equal(mistyped.code, 2);
  assert.match(mistyped.stderr, /check/);
});

test('a file that cannot be written is named, with the assurance that files on disk were left as they were, exit 1', () => {
  const work = temporaryFolder('main');
  try {
    copyFolder(SETS.fixtures, work.dir);
    const result = marginaliaProcess(['export', '--format', 'brat', '--out', '/dev/null/brat'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^marginalia: \/dev\/null\/brat: ENOTDIR: .*; files already on disk were left as they were$/m);
  } finally {
    work.dispose();
  }
});
