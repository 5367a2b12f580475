import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readVersion, readVersions, splitCatFileBatch, VersionError } from '../../../src/core/io/versions';
import { Git } from '../../../src/core/io/git';
import { RecordingGit, twoAnnotatorBranches } from '../../cli/cli-harness';

const SIDECAR = (document: string, text: string) =>
  `marginalia: 1\ndocument: ${document}\nannotations:\n  - id: c1\n    label: claim\n    start: 0\n    end: ${text.length}\n    text: ${text}\n`;

/** A folder version: news/a.txt annotated, b.txt with a sidecar that is not YAML, and a sidecar linked from outside. */
function folderVersion(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-versions-'));
  const outside = mkdtempSync(path.join(tmpdir(), 'marginalia-outside-'));
  mkdirSync(path.join(dir, 'news'));
  writeFileSync(path.join(dir, 'news', 'a.txt'), 'Taxes\r\nfall.');
  writeFileSync(path.join(dir, 'news', 'a.txt.annotations.yaml'), SIDECAR('a.txt', 'Taxes'));
  writeFileSync(path.join(dir, 'b.txt'), 'Rates');
  writeFileSync(path.join(dir, 'b.txt.annotations.yaml'), 'marginalia: 1\nannotations: [unclosed\n');
  writeFileSync(path.join(outside, 'c.txt.annotations.yaml'), SIDECAR('c.txt', 'Secret'));
  symlinkSync(path.join(outside, 'c.txt.annotations.yaml'), path.join(dir, 'c.txt.annotations.yaml'));
  return {
    dir,
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    },
  };
}

test('a folder version lists each readable sidecar with its document, named from the folder', async () => {
  const { dir, dispose } = folderVersion();
  try {
    const version = await readVersion('.', [], dir);
    assert.equal(version.isRevision, false);
    assert.deepEqual(
      version.documents.map((d) => [d.document, d.sidecar, d.annotations.map((a) => a.id), d.text]),
      [['news/a.txt', 'news/a.txt.annotations.yaml', ['c1'], undefined]],
    );
  } finally {
    dispose();
  }
});

test('a sidecar that cannot be parsed, or that links out of the folder, is listed as unreadable, never read through', async () => {
  const { dir, dispose } = folderVersion();
  try {
    const version = await readVersion('.', [], dir);
    assert.deepEqual(version.unreadable.map((u) => u.sidecar).sort(), ['b.txt.annotations.yaml', 'c.txt.annotations.yaml']);
    assert.match(version.unreadable.find((u) => u.sidecar === 'c.txt.annotations.yaml')!.refusal ?? '', /outside/);
    assert.ok(!version.documents.some((d) => d.annotations.some((a) => a.text === 'Secret')));
  } finally {
    dispose();
  }
});

test('texts: each document read too, CRLF as LF', async () => {
  const { dir, dispose } = folderVersion();
  try {
    const version = await readVersion(dir, [], tmpdir(), { texts: true });
    assert.equal(version.documents[0]!.text, 'Taxes\nfall.');
  } finally {
    dispose();
  }
});

test('limits keep only the sidecars of the files named; a name found nowhere gives nothing', async () => {
  const { dir, dispose } = folderVersion();
  try {
    assert.deepEqual((await readVersion('.', ['news/a.txt'], dir)).documents.map((d) => d.document), ['news/a.txt']);
    assert.deepEqual((await readVersion('.', ['missing.txt'], dir)).documents, []);
  } finally {
    dispose();
  }
});

test('a name that is neither a folder nor a revision of a repository is refused with a VersionError', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-not-a-repo-'));
  try {
    await assert.rejects(readVersion('no-such-branch', [], dir), VersionError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a revision asked of a git that cannot be run says so, not that the folder is outside a repository', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'marginalia-no-git-'));
  try {
    await assert.rejects(readVersion('main', [], dir, { texts: false, git: new Git(path.join(dir, 'no-such-git')) }), (error: Error) => {
      assert.ok(error instanceof VersionError);
      assert.match(error.message, /^'main' is not a folder, and git \('.*no-such-git'\) cannot be run to read it as a revision$/);
      return true;
    });
    await assert.rejects(readVersion('main', [], dir), /'main' is not a folder, and .* is not in a git repository/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the output of git cat-file --batch is split by its headers; a missing object is an error, never other bytes', () => {
  const batch = Buffer.from('aa11 blob 5\nTaxes\nbb22 blob 0\n\n');
  assert.deepEqual(splitCatFileBatch(batch, 2).map(String), ['Taxes', '']);
  assert.throws(() => splitCatFileBatch(Buffer.from('aa11 blob 5\nTaxes\ncc33 missing\n'), 2), /could not read an object: cc33 missing/);
  assert.throws(() => splitCatFileBatch(Buffer.from('aa11 blob 9\nTaxes\n'), 1), /could not read an object/, 'shorter than its header says');
});

test('readVersions reads the versions at once (the second listed before the first one\'s files), each as read alone', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'marginalia-two-versions-'));
  try {
    const repo = twoAnnotatorBranches(scratch);
    const git = new RecordingGit();
    const [alice, bob] = await readVersions(['alice', 'bob'], [], repo, { texts: true, git });
    assert.ok(git.calls.indexOf('ls-tree bob') < git.calls.indexOf('cat-file --batch'), git.calls.join('\n'));
    assert.deepEqual(git.calls.filter((c) => c.startsWith('rev-parse')), ['rev-parse'], 'the repository is asked for once');
    assert.deepEqual(alice, await readVersion('alice', [], repo, { texts: true }));
    assert.deepEqual(bob, await readVersion('bob', [], repo, { texts: true }));
    assert.ok(alice!.documents.length > 0 && alice!.documents.every((d) => d.text !== undefined));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('readVersions fails with the first name\'s error in the order given, whichever read fails first', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'marginalia-two-versions-'));
  try {
    const repo = twoAnnotatorBranches(scratch);
    await assert.rejects(readVersions(['no-such-a', 'no-such-b'], [], repo), (error: unknown) => error instanceof VersionError && /'no-such-a'/.test(error.message));
    await assert.rejects(readVersions(['alice', 'no-such-b'], [], repo), (error: unknown) => error instanceof VersionError && /'no-such-b'/.test(error.message));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
