/**
 * `.marginaliaignore` in the CLI: `check` and `stats` at a repository's root leave out what it names
 * (test fixtures with labels of their own), and a folder named on the command line is searched anyway.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../fixture-path';
import { marginalia } from './cli-harness';
import { temporaryFolder } from './export-harness';

/** The ignore fixture copied into `repo/corpus` of a fresh git repository; returns the repository. */
function repository(dir: string): string {
  const repo = path.join(dir, 'repo');
  mkdirSync(repo);
  cpSync(fixturePath('ignore'), path.join(repo, 'corpus'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: repo });
  return repo;
}

test('check at the root leaves out the folders and files .marginaliaignore names, and `!` takes one back', async () => {
  const work = temporaryFolder('ignore-check');
  try {
    const repo = repository(work.dir);
    const result = await marginalia(['check', '--json'], repo);
    assert.equal(result.code, 0, result.stdout);
    const report = JSON.parse(result.stdout) as { files: { path: string }[]; summary: { sidecars: number; annotations: number } };
    assert.deepEqual(report.summary, { sidecars: 2, annotations: 2, errors: 0, warnings: 0, disputes: 0 });
    const stats = await marginalia(['stats', '--json'], repo);
    assert.doesNotMatch(stats.stdout, /fixture-only/);
  } finally {
    work.dispose();
  }
});

test('a folder below the root obeys the ignore files above it, up to the repository root', async () => {
  const work = temporaryFolder('ignore-below');
  try {
    const repo = repository(work.dir);
    const drafts = await marginalia(['check', 'corpus/drafts'], repo);
    assert.match(drafts.stdout, /^1 sidecar, 1 annotation: 0 errors, 0 warnings$/m);
    const fromInside = await marginalia(['check', '.'], path.join(repo, 'corpus', 'drafts'));
    assert.match(fromInside.stdout, /^1 sidecar, 1 annotation: 0 errors, 0 warnings$/m);
  } finally {
    work.dispose();
  }
});

test('a folder or file named on the command line is checked even when ignored', async () => {
  const work = temporaryFolder('ignore-named');
  try {
    const repo = repository(work.dir);
    const fixtures = await marginalia(['check', 'corpus/fixtures'], repo);
    assert.equal(fixtures.code, 1);
    assert.match(fixtures.stdout, /fixture-only/);
    const draft = await marginalia(['check', 'corpus/drafts/notes.draft.txt'], repo);
    assert.match(draft.stdout, /^1 sidecar, 1 annotation: 0 errors, 0 warnings$/m);
  } finally {
    work.dispose();
  }
});

test('an ignore file that cannot be read (a named pipe, a link out of the repository) is an error naming it, not skipped', async () => {
  const work = temporaryFolder('ignore-refused');
  try {
    const repo = repository(work.dir);
    const ignore = path.join(repo, 'corpus', '.marginaliaignore');
    rmSync(ignore);
    execFileSync('mkfifo', [ignore]);
    const pipe = await marginalia(['check'], repo);
    assert.equal(pipe.code, 2);
    assert.match(pipe.stderr, /corpus\/\.marginaliaignore: it is a named pipe/);
    assert.doesNotMatch(pipe.stdout, /fixture-only/, 'nothing was checked without the ignore file');
    rmSync(ignore);
    writeFileSync(path.join(work.dir, 'outside'), 'fixtures/\n');
    symlinkSync(path.join(work.dir, 'outside'), ignore);
    const link = await marginalia(['check'], repo);
    assert.equal(link.code, 2);
    assert.match(link.stderr, /corpus\/\.marginaliaignore: it /);
  } finally {
    work.dispose();
  }
});
