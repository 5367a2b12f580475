// The git the CLI is given (as the editor gives VS Code's `git.path`) is the only git run: every
// command, the `cat-file --batch` reads of a revision included. Which repository holds a folder is
// asked of git once per run, however many versions or documents are read in it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Git } from '../../src/core/io/git';
import { run } from '../../src/cli/run';
import { commitAll, copyOfSeeds, twoAnnotatorBranches } from './cli-harness';

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/**
 * A configured git (a wrapper script outside the PATH) and a `git` first on the PATH, each logging
 * its arguments before running the real git.
 */
function gits(): { configured: Git; configuredCalls: () => string[]; pathCalls: () => string[]; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-git-exe-'));
  const script = (file: string, log: string): string => {
    writeFileSync(file, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${REAL_GIT}' "$@"\n`);
    chmodSync(file, 0o755);
    writeFileSync(log, '');
    return file;
  };
  const onPath = path.join(dir, 'bin');
  mkdirSync(onPath);
  script(path.join(onPath, 'git'), path.join(dir, 'path.log'));
  const configured = new Git(script(path.join(dir, 'configured-git'), path.join(dir, 'configured.log')));
  const savedPath = process.env['PATH'];
  process.env['PATH'] = `${onPath}${path.delimiter}${savedPath ?? ''}`;
  const calls = (log: string) => (): string[] => readFileSync(path.join(dir, log), 'utf8').split('\n').filter((line) => line !== '');
  return {
    configured,
    configuredCalls: calls('configured.log'),
    pathCalls: calls('path.log'),
    dispose: () => {
      process.env['PATH'] = savedPath;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function marginaliaWith(git: Git, args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await run(args, { cwd, git, stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
  return { code, stderr };
}

test('agree on two revisions runs only the configured git, cat-file included, and asks for the repository once', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'marginalia-git-agree-'));
  const repo = twoAnnotatorBranches(scratch);
  const { configured, configuredCalls, pathCalls, dispose } = gits();
  try {
    const result = await marginaliaWith(configured, ['agree', 'alice', 'bob', '--json'], repo);
    assert.equal(result.code, 0, result.stderr);
    const calls = configuredCalls();
    assert.equal(calls.filter((c) => c.startsWith('cat-file --batch')).length >= 2, true, calls.join('\n'));
    assert.equal(calls.filter((c) => c.startsWith('ls-tree')).length, 2, calls.join('\n'));
    assert.deepEqual(calls.filter((c) => c.startsWith('rev-parse')), ['rev-parse --show-toplevel'], 'the repository is asked for once');
    assert.deepEqual(pathCalls(), [], 'no git from the PATH');
  } finally {
    dispose();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('check --fix reads earlier versions with the configured git, the repository asked for once for all documents', async () => {
  const seeds = copyOfSeeds();
  commitAll(seeds.dir, 'seeds');
  const documents = readdirSync(seeds.dir).filter((f) => f.endsWith('.txt')).slice(0, 3);
  for (const document of documents) {
    const file = path.join(seeds.dir, document);
    writeFileSync(file, `A paragraph added on top.\n\n${readFileSync(file, 'utf8')}`);
  }
  const { configured, configuredCalls, pathCalls, dispose } = gits();
  try {
    const result = await marginaliaWith(configured, ['check', '--fix'], seeds.dir);
    assert.equal(result.code, 0, result.stderr);
    const calls = configuredCalls();
    assert.equal(calls.filter((c) => c.startsWith('show ')).length, documents.length, calls.join('\n'));
    assert.deepEqual(calls.filter((c) => c.startsWith('rev-parse')), ['rev-parse --show-toplevel'], 'one folder, one question');
    assert.deepEqual(pathCalls(), [], 'no git from the PATH');
  } finally {
    dispose();
    seeds.dispose();
  }
});
