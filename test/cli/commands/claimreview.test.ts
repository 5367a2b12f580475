/**
 * `marginalia export --format claimreview`, run as users run it (`dist/cli.js`): the seed articles
 * with the verdicts of `test/fixtures/export/claimreview` (see its README for what each verdict
 * tests) give the golden reviews; claims without a verdict and conflicting verdicts are counted;
 * missing review fields are warnings; bad option values are usage errors. UPDATE=1 rewrites the golden file.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturePath, REPO_ROOT } from '../../fixture-path';
import { copyFolder, temporaryFolder } from '../export-harness';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const SEEDS = path.join(REPO_ROOT, 'seeds');
const VERDICTS = fixturePath('export', 'claimreview');
const GOLDEN = fixturePath('export', 'golden', 'claimreview', 'export.jsonld');
const UPDATE = process.env['UPDATE'] === '1' || process.env['UPDATE'] === 'true';
const REVIEW = ['--author', 'Example Fact Check', '--url', 'https://factcheck.example/russia-drafts', '--date', '2026-12-04'];

function cli(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  assert.ok(existsSync(CLI), 'dist/cli.js is built (npm run build)');
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The seed articles with the fixture's sidecars (verdicts added) and label configuration. */
function seedsWithVerdicts(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) copyFileSync(path.join(SEEDS, name), path.join(dir, name));
  copyFolder(VERDICTS, dir);
}

test('the seeds with verdicts: three reviews, their appearances from the source headers, every claim left out counted', () => {
  const work = temporaryFolder('claimreview');
  try {
    seedsWithVerdicts(work.dir);
    const result = cli(['export', '--format', 'claimreview', '--out', 'reviews.jsonld', ...REVIEW], work.dir);
    assert.equal(result.code, 0, result.stderr);
    const written = readFileSync(path.join(work.dir, 'reviews.jsonld'), 'utf8');
    if (UPDATE) writeFileSync(GOLDEN, written);
    assert.equal(written, readFileSync(GOLDEN, 'utf8'), 'matches its golden file (UPDATE=1 rewrites it)');
    assert.match(result.stderr, /^exported 3 ClaimReviews of 6 claims; 24 left out \(21 without a verdict, 3 with conflicting verdicts\) from 5 documents as claimreview to reviews\.jsonld$/m);
    assert.match(result.stderr, /warning: the claim of entity warships-aircraft-ban is given different verdicts \(001_30228fdb78730024\.txt: claim 47b6035b: "Accurate", 003_dada574a0c9da47c\.txt: claim 17606db8: "Mostly accurate"\); left out/);
    assert.match(result.stderr, /warning: 21 claims without a verdict attribute left out/);
    assert.match(result.stderr, /warning: 002_49c9f8d13296ee90\.txt: its sidecar has no source: header/);

    const reviews = JSON.parse(written) as { claimReviewed: string; itemReviewed: { appearance?: { url?: string; publisher?: { name: string } }[] } }[];
    const putin = reviews.find((r) => r.claimReviewed.startsWith('Russian President Vladimir Putin denies'))!;
    assert.deepEqual(
      putin.itemReviewed.appearance!.map((a) => [a.publisher?.name, a.url]),
      [
        ['SpaceWar.com (AFP)', 'https://spacewar.example/reports/russia-demands-us-nato-containment.html'],
        ['SIGNS (Associated Press)', undefined],
        ['The Balkantimes Press', undefined],
      ],
      'one claim linked by its entity in four documents: an appearance for each of the three with a header',
    );
  } finally {
    work.dispose();
  }
});

test('the seeds as they are carry no verdicts: an empty list, and every claim counted as left out', () => {
  const result = cli(['export', 'seeds', '--format', 'claimreview', ...REVIEW], REPO_ROOT);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '[]\n');
  assert.match(result.stderr, /exported 0 ClaimReviews of 0 claims; 30 left out \(30 without a verdict, 0 with conflicting verdicts\) from 5 documents/);
});

test('without --author the export warns that the reviews name no fact-checker, and writes none', () => {
  const work = temporaryFolder('claimreview-author');
  try {
    seedsWithVerdicts(work.dir);
    const result = cli(['export', '--format', 'claimreview', '--url', 'https://factcheck.example/a', '--date', '2026-12-04'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: no --author: the reviews name no organisation publishing the fact check \(Google recommends it\)/);
    for (const review of JSON.parse(result.stdout) as object[]) assert.equal('author' in review, false);
  } finally {
    work.dispose();
  }
});

test('review options are checked: an address that is not http(s), a date that is not ISO 8601, or one given to another format is a usage error', () => {
  for (const [args, says] of [
    [['--format', 'claimreview', '--url', 'ftp://factcheck.example'], /--url must be an http or https address, got 'ftp:\/\/factcheck\.example'/],
    [['--format', 'claimreview', '--date', '4 December'], /--date must be an ISO 8601 date such as 2026-12-04, got '4 December'/],
    [['--format', 'claimreview', '--author', ' '], /--author is empty/],
    [['--format', 'csv', '--author', 'Example Fact Check'], /--author: only for --format claimreview/],
  ] as const) {
    const result = cli(['export', 'seeds', ...args], REPO_ROOT);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, says);
    assert.equal(result.stdout, '');
  }
});
