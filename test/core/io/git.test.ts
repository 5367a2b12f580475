// Running git for the review of a change: the repository of a folder, the bases offered (the merge
// base with the default branch first), and the reviewer's name; nothing, not an error, without git.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { baseChoices, Git, gitUserName } from '../../../src/core/io/git';
import { git, initRepository } from '../../cli/cli-harness';

function withFolder(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'marginalia-git-')));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** A repository on main with two commits, a tag on the first, and a branch `feature` from the second with one commit more. */
function repository(dir: string): { first: string; second: string } {
  initRepository(dir);
  writeFileSync(path.join(dir, 'a.txt'), 'one');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'one');
  git(dir, 'tag', 'v1');
  const first = git(dir, 'rev-parse', 'HEAD').trim();
  writeFileSync(path.join(dir, 'a.txt'), 'two');
  git(dir, 'commit', '-q', '-am', 'two');
  const second = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(dir, 'a.txt'), 'three');
  git(dir, 'commit', '-q', '-am', 'three');
  return { first, second };
}

test('the repository root of a folder inside it; none outside a repository or without git', () =>
  withFolder(async (dir) => {
    assert.equal(await new Git().repositoryRoot(dir), undefined);
    repository(dir);
    mkdirSync(path.join(dir, 'news'));
    assert.equal(await new Git().repositoryRoot(path.join(dir, 'news')), dir);
    assert.equal(await new Git('no-such-git').repositoryRoot(dir), undefined);
  }));

test('the bases offered: the merge base with main first, then branches and tags', () =>
  withFolder(async (dir) => {
    const { second } = repository(dir);
    const choices = await baseChoices(dir, new Git());
    assert.deepEqual(choices[0], {
      revision: second,
      label: `main (merge base ${second.slice(0, 7)})`,
      detail: 'where this branch left main, as a pull request into it is compared',
    });
    assert.deepEqual(
      choices.slice(1).map((c) => [c.revision, c.detail]).sort(),
      [
        ['feature', 'branch'],
        ['main', 'branch'],
        ['v1', 'tag'],
      ],
    );
  }));

test('without a default branch there is no merge base to offer, only the branches', () =>
  withFolder(async (dir) => {
    repository(dir);
    git(dir, 'branch', '-q', '-m', 'main', 'trunk');
    const choices = await baseChoices(dir, new Git());
    assert.ok(!choices.some((c) => c.label.includes('merge base')), JSON.stringify(choices));
    assert.ok(choices.some((c) => c.revision === 'trunk'));
  }));

test('the reviewer is git user.name; without git there is none', () =>
  withFolder(async (dir) => {
    repository(dir);
    assert.equal(await gitUserName(dir, new Git()), 'Lead');
    assert.equal(await gitUserName(dir, new Git('no-such-git')), undefined);
  }));

test('Git.run rejects when git fails, with what git said', () =>
  withFolder(async (dir) => {
    await assert.rejects(new Git().run(['rev-parse', 'HEAD'], dir), /not a git repository/i);
  }));

test('a git fed on standard input that fails says what git said, however long its complaint', () =>
  withFolder(async (dir) => {
    repository(dir);
    await assert.rejects(new Git().runWithInput(['cat-file', '--batch', '--no-such-option'], dir, 'HEAD\n'), /^Error: git cat-file exited with 129: \S/);
    // A complaint longer than a pipe holds is drained, and only its end is quoted.
    const script = path.join(dir, 'noisy-git');
    writeFileSync(script, `#!/bin/sh\nhead -c 200000 /dev/zero | tr '\\0' x >&2\necho 'the real reason' >&2\nexit 3\n`, { mode: 0o755 });
    await assert.rejects(new Git(script).runWithInput(['cat-file'], dir, ''), (error: Error) => {
      assert.match(error.message, /^git cat-file exited with 3: x+the real reason$/);
      assert.ok(error.message.length < 2100, `quoted ${error.message.length} characters`);
      return true;
    });
  }));
