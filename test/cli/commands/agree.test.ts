/**
 * `marginalia agree` on a real git repository made in a temporary folder: two annotators' branches
 * holding the fixtures of test/fixtures/agreement (figures worked out in its README), and one tree
 * with both annotators' records told apart by author.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { measureAgreement, type AgreementReport } from '../../../src/core/agreement/agreement';
import { readVersion } from '../../../src/core/io/versions';
import { readSidecar } from '../../../src/core/sidecar/read';
import { writeSidecar } from '../../../src/core/sidecar/write';
import { fixturePath, REPO_ROOT } from '../../fixture-path';
import { marginalia, RecordingGit, twoAnnotatorBranches, twoAnnotatorFoldersOneUnreadable } from '../cli-harness';
import { copyFolder, temporaryFolder } from '../export-harness';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

test('agree between two branches prints the hand-computed figures as JSON', async () => {
  const work = temporaryFolder('agree');
  try {
    const repo = twoAnnotatorBranches(work.dir);
    const result = await marginalia(['agree', 'alice', 'bob', '--json'], repo);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as AgreementReport;
    assert.equal(report.documents, 1);
    assert.deepEqual(Object.keys(report.labels), ['claim', 'figure', 'quote']);
    const { kappa, ...claim } = report.labels.claim!;
    assert.deepEqual(claim, { a: 2, b: 2, exact_matches: 1, overlap_matches: 1, exact_f1: 0.5, overlap_f1: 0.5, attributes: {} });
    assert.ok(Math.abs(kappa! - -1844 / 4428) < 1e-12, String(kappa));
    assert.equal(report.overall.exact_f1, 0.6);
    assert.equal(report.overall.overlap_f1, 0.8);
    assert.ok(Math.abs(report.overall.kappa! - (-1844 / 4428 + 1848 / 2730 + 1) / 3) < 1e-12);
    assert.deepEqual(report.left_out.only_in_a, ['corpus/only-a.txt']);
    assert.deepEqual(report.left_out.text_differs, ['corpus/edited.txt']);
    assert.deepEqual(report.left_out.orphaned, { a: 0, b: 1 });
  } finally {
    work.dispose();
  }
});

test('agree reads A and B at once (B listed before A\'s files are read), and measures what reading them one after the other gives', async () => {
  const work = temporaryFolder('agree-at-once');
  try {
    const repo = twoAnnotatorBranches(work.dir);
    const git = new RecordingGit();
    const result = await marginalia(['agree', 'alice', 'bob', '--json'], repo, git);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(git.calls.indexOf('ls-tree bob') < git.calls.indexOf('cat-file --batch'), git.calls.join('\n'));
    const [alice, bob] = [await readVersion('alice', [], repo, { texts: true }), await readVersion('bob', [], repo, { texts: true })];
    assert.equal(result.stdout, JSON.stringify(measureAgreement(alice.documents, bob.documents), null, 2) + '\n');
  } finally {
    work.dispose();
  }
});

test('agree limited to a PATH compares only the documents under it', async () => {
  const work = temporaryFolder('agree-path');
  try {
    const repo = twoAnnotatorBranches(work.dir);
    const result = await marginalia(['agree', 'alice', 'bob', 'corpus/edited.txt', '--json'], repo);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as AgreementReport;
    assert.equal(report.documents, 0);
    assert.deepEqual(report.left_out.text_differs, ['corpus/edited.txt']);
    assert.deepEqual(report.left_out.only_in_a, []);
  } finally {
    work.dispose();
  }
});

test('agree --author compares two authors’ records in one tree, through the built CLI', () => {
  assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  const work = temporaryFolder('agree-authors');
  try {
    // One sidecar holding alice's records (those of a/) and bob's (those of b/), and one of carol's.
    const corpus = path.join(work.dir, 'corpus');
    copyFolder(fixturePath('agreement', 'a'), corpus);
    const file = path.join(corpus, 'report.txt.annotations.yaml');
    const source = readFileSync(file, 'utf8');
    const mine = readSidecar(source).sidecar!;
    const theirs = readSidecar(readFileSync(fixturePath('agreement', 'b', 'report.txt.annotations.yaml'), 'utf8')).sidecar!;
    mine.annotations = [
      ...mine.annotations.map((a) => ({ ...a, author: 'alice' })),
      ...theirs.annotations.map((a) => ({ ...a, author: 'bob' })),
      { id: 'c0000001', label: 'claim', start: 0, end: 9, text: 'The mayor', author: 'carol' },
    ];
    writeFileSync(file, writeSidecar(mine, source));
    const result = execFileSync(process.execPath, [CLI, 'agree', '--author', 'alice', '--author', 'bob', '--json'], { cwd: corpus, encoding: 'utf8' });
    const report = JSON.parse(result) as AgreementReport;
    assert.equal(report.documents, 1);
    assert.equal(report.overall.exact_f1, 0.6);
    assert.equal(report.overall.overlap_f1, 0.8);
    // only-a.txt and edited.txt hold records by neither author (they have none): not listed at all.
    assert.deepEqual(report.left_out.only_in_a, []);
    assert.deepEqual(report.left_out.orphaned, { a: 0, b: 1 });
  } finally {
    work.dispose();
  }
});

test('agree without two versions or with one author is a usage error', async () => {
  const work = temporaryFolder('agree-usage');
  try {
    for (const args of [['agree', 'main'], ['agree', '--author', 'alice'], ['agree', 'a', 'b', '--format', 'html']]) {
      const result = await marginalia(args, work.dir);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /usage: marginalia agree/);
    }
  } finally {
    work.dispose();
  }
});

test('agree --author naming an author with no records is a usage error, not a measure against nothing', async () => {
  const work = temporaryFolder('agree-no-author');
  try {
    copyFolder(fixturePath('agreement', 'a'), work.dir);
    const result = await marginalia(['agree', '--author', 'alice', '--author', 'bob'], work.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no annotation by 'alice' or 'bob'/);
  } finally {
    work.dispose();
  }
});

test('diff --agree: one pull-request comment with the changes in context and the agreement with another branch', async () => {
  const work = temporaryFolder('diff-agree');
  try {
    const repo = twoAnnotatorBranches(work.dir);
    const result = await marginalia(['diff', 'main', 'alice', '--agree', 'bob'], repo);
    assert.equal(result.code, 0, result.stderr);
    const md = result.stdout;
    assert.match(md, /^## Annotation changes: `main` → `alice`$/m);
    assert.match(md, /^- `figure` 45–48 `40%`\n {2}> …said taxes will fall\\\. Critics said \*\*40\\%\*\* of homes pay more\\\. The budget…$/m);
    const agreement = md.slice(md.indexOf('## Annotator agreement'));
    assert.match(agreement, /^## Annotator agreement: `alice` ↔ `bob`$/m);
    assert.match(agreement, /^\| \*\*overall\*\* \| 5 \| 5 \| 0\.60 \| 0\.80 \| 0\.42 \|$/m);
    // At the end of the document the context stops at its last word, without "…".
    assert.match(md, /^ {2}> …pay more\\. The budget grew by \*\*3 million\*\*\\.$/m);
    assert.equal((await marginalia(['diff', 'main', 'alice', '--agree', 'bob', '--json'], repo)).code, 2);
  } finally {
    work.dispose();
  }
});

test('a sidecar one side cannot read leaves its document out of both, not counted as annotated on the other side only', async () => {
  const work = temporaryFolder('agree-unreadable');
  try {
    twoAnnotatorFoldersOneUnreadable(work.dir);
    const result = await marginalia(['agree', 'a', 'b', '--json'], work.dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /warning: report\.txt\.annotations\.yaml cannot be read; left out/);
    const report = JSON.parse(result.stdout) as AgreementReport;
    assert.deepEqual(report.left_out.only_in_a, ['only-a.txt'], 'report.txt is not said to be annotated in a only');
    assert.equal(report.documents, 0);
  } finally {
    work.dispose();
  }
});
