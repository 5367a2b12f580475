// gitVersions: the versions of a file git holds, newest first (the staged one, then one per commit
// that touched it, following renames); none outside a repository or without git.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gitVersions } from '../../src/cli/git-versions';
import { Git } from '../../src/core/io/git';

async function collect(versions: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const version of versions) all.push(version);
  return all;
}

function withFolder(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'git-versions-'));
  return run(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('outside a repository there are no versions', () =>
  withFolder(async (dir) => {
    writeFileSync(path.join(dir, 'a.txt'), 'text');
    assert.deepEqual(await collect(gitVersions(path.join(dir, 'a.txt'))), []);
  }));

test('without git there are no versions, not an error', () =>
  withFolder(async (dir) => {
    writeFileSync(path.join(dir, 'a.txt'), 'text');
    assert.deepEqual(await collect(gitVersions(path.join(dir, 'a.txt'), new Git(path.join(dir, 'no-such-git')))), []);
  }));

test('the staged version, then each commit newest first, across a rename, in a subfolder', () =>
  withFolder(async (dir) => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'T');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'old.txt'), 'one 😀\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    git('mv', 'sub/old.txt', 'sub/new.txt');
    writeFileSync(path.join(dir, 'sub', 'new.txt'), 'one 😀\ntwo\n');
    git('add', '.');
    git('commit', '-qm', 'two');
    writeFileSync(path.join(dir, 'sub', 'new.txt'), 'one 😀\ntwo\nthree staged\n');
    git('add', '.');
    writeFileSync(path.join(dir, 'sub', 'new.txt'), 'working copy, not a version\n');
    const versions = await collect(gitVersions(path.join(dir, 'sub', 'new.txt')));
    assert.deepEqual(versions, ['one 😀\ntwo\nthree staged\n', 'one 😀\ntwo\n', 'one 😀\n']);
  }));
