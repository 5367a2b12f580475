/**
 * `marginalia check --require-reviewed REF` on a real git repository: branch `main` holds the base
 * annotations (test/fixtures/review/base), branch `work` changes them (changed/), and then reviews
 * the changes (reviewed/).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../../fixture-path';
import { git, gitRepository, marginalia } from '../cli-harness';
import { copyFolder, temporaryFolder } from '../export-harness';

const SIDECAR = path.join('corpus', 'doc.txt.annotations.yaml');

/** A repository on branch `work`, one commit past `main`, with the sidecar of `version` in its working tree. */
function repositoryWith(dir: string, version: 'changed' | 'reviewed'): string {
  const repo = gitRepository(dir);
  copyFolder(fixturePath('review', 'base'), path.join(repo, 'corpus'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base annotations');
  git(repo, 'checkout', '-q', '-b', 'work');
  copyFileSync(fixturePath('review', version, 'doc.txt.annotations.yaml'), path.join(repo, SIDECAR));
  git(repo, 'commit', '-q', '-am', `${version} annotations`);
  return repo;
}

/** Run `body` in a fresh `repositoryWith(version)`, removed afterwards whatever happens. */
async function inRepository(version: 'changed' | 'reviewed', body: (repo: string) => Promise<void>): Promise<void> {
  const work = temporaryFolder('require-reviewed');
  try {
    await body(repositoryWith(work.dir, version));
  } finally {
    work.dispose();
  }
}

test('unreviewed changes since REF fail, one error per annotation at its record; a removal is a warning', () => inRepository('changed', async (repo) => {
  const result = await marginalia(['check', '--require-reviewed', 'main'], repo);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const lines = result.stdout.split('\n').filter((line) => line.startsWith(SIDECAR));
  assert.deepEqual(lines, [
    `${SIDECAR}:1:1: warning: annotation a0000003 (figure) removed since main; a removal carries no review record: check it in \`marginalia diff main\` or restore it`,
    // Its review was made for an earlier change: it is in main already.
    `${SIDECAR}:4:3: error: annotation a0000001 (quote) relabelled since main is not reviewed; a reviewer accepts it by adding \`review: {state: accepted, by: <name>, at: <ISO 8601 time>}\` to its record, or undoes the change`,
    `${SIDECAR}:18:3: error: annotation a000000a (claim) added since main is not reviewed; a reviewer accepts it by adding \`review: {state: accepted, by: <name>, at: <ISO 8601 time>}\` to its record, or undoes the change`,
  ]);
  // Without the option the same tree is clean: the findings come from the review requirement alone.
  assert.equal((await marginalia(['check'], repo)).code, 0);
}));

test('once every change carries an accepted review made since REF, check passes', () => inRepository('reviewed', async (repo) => {
  const result = await marginalia(['check', '--require-reviewed', 'main'], repo);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /: 0 errors, 1 warning$/m);
  assert.equal((await marginalia(['check', '--strict', '--require-reviewed', 'main'], repo)).code, 1, 'the removal fails --strict');
}));

test('a sidecar deleted since REF: its annotations are removals, named at its old path', () => inRepository('reviewed', async (repo) => {
  rmSync(path.join(repo, SIDECAR));
  const result = await marginalia(['check', '--require-reviewed', 'main', '--format', 'github'], repo);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const removed = result.stdout.split('\n').filter((line) => line.startsWith('::warning file=corpus/doc.txt.annotations.yaml,line=1,col=1'));
  assert.equal(removed.length, 3, result.stdout);
}));

test('only the sidecars checked are compared: one outside the folder checked is not taken for removed', () => inRepository('reviewed', async (repo) => {
  copyFolder(fixturePath('review', 'base'), path.join(repo, 'elsewhere'));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'another folder');
  const fromFolder = await marginalia(['check', '--require-reviewed', 'HEAD'], path.join(repo, 'corpus'));
  assert.equal(fromFolder.code, 0, fromFolder.stdout + fromFolder.stderr);
  assert.match(fromFolder.stdout, /^1 sidecar, 3 annotations: 0 errors, 0 warnings$/m);
  const named = await marginalia(['check', '--require-reviewed', 'main', 'elsewhere'], repo);
  // a0000001 comes with a review, new since main: it counts.
  assert.match(named.stdout, /^elsewhere\/doc\.txt\.annotations\.yaml:13:3: error: annotation a0000002 \(quote\) added since main is not reviewed/m);
  assert.match(named.stdout, /: 2 errors, 0 warnings$/m);
  assert.doesNotMatch(named.stdout, /^corpus\//m);
}));

test('REF must be a git revision', () => inRepository('reviewed', async (repo) => {
  const folder = await marginalia(['check', '--require-reviewed', 'corpus'], repo);
  assert.equal(folder.code, 2);
  assert.match(folder.stderr, /--require-reviewed takes a git revision/);
  const unknown = await marginalia(['check', '--require-reviewed', 'no-such-branch'], repo);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /'no-such-branch' is neither a folder nor a revision/);
}));

test('--fix with --require-reviewed is refused before anything is written: the review would judge the records before their fix', () => inRepository('changed', async (repo) => {
  const result = await marginalia(['check', '--fix', '--require-reviewed', 'main'], repo);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--fix and --require-reviewed/);
  assert.equal(git(repo, 'status', '--porcelain'), '', 'no sidecar rewritten');
}));

test('a sidecar REF holds unreadable is not compared: one error says why, not one per record', () => inRepository('reviewed', async (repo) => {
  git(repo, 'checkout', '-q', 'main');
  writeFileSync(path.join(repo, SIDECAR), 'marginalia: 1\nannotations: [unclosed\n');
  git(repo, 'commit', '-q', '-am', 'a sidecar no reader can parse');
  git(repo, 'checkout', '-q', 'work');
  const result = await marginalia(['check', '--require-reviewed', 'main'], repo);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  const lines = result.stdout.split('\n').filter((line) => line.startsWith(SIDECAR));
  assert.equal(lines.length, 1, result.stdout);
  assert.match(lines[0]!, /^corpus\/doc\.txt\.annotations\.yaml:1:1: error: its version at main cannot be read \(corpus\/doc\.txt\.annotations\.yaml\), so its changes since main cannot be compared or reviewed/);
}));

test('a sidecar REF holds unreadable and deleted since is not passed over: its removal is an error that says why', () => inRepository('reviewed', async (repo) => {
  git(repo, 'checkout', '-q', 'main');
  writeFileSync(path.join(repo, SIDECAR), 'marginalia: 1\nannotations: [unclosed\n');
  git(repo, 'commit', '-q', '-am', 'a sidecar no reader can parse');
  git(repo, 'checkout', '-q', 'work');
  rmSync(path.join(repo, SIDECAR));
  const result = await marginalia(['check', '--require-reviewed', 'main'], repo);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, /^corpus\/doc\.txt\.annotations\.yaml:1:1: error: its version at main cannot be read \(corpus\/doc\.txt\.annotations\.yaml\), so its changes since main cannot be compared or reviewed/m);
}));
