/**
 * `check --fix` re-anchoring: diffing from the version of the document in git that the annotations
 * hold on, the search when there is none, the method and score it reports, and records that share an id.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Sidecar } from '../../src/core/model';
import { readSidecar } from '../../src/core/sidecar/read';
import { writeSidecar } from '../../src/core/sidecar/write';
import { OffsetIndex, normalizeText } from '../../src/core/text';
import { Git } from '../../src/core/io/git';
import { contextAround } from '../../src/core/anchoring/context';
import { gitVersions } from '../../src/cli/git-versions';
import { commitAll, copyOfSeeds, git, marginalia } from './cli-harness';

const SEED = '002_49c9f8d13296ee90.txt';
const QUOTE = 'a0b7d1dc'; // “If there is any further aggression … will carry a high price”
const PARAGRAPH = 'Officials in Brussels declined to comment on the proposals on Friday.\n\n';

interface Report {
  files: { path: string; reanchored?: { id: string; outcome: string; method: string; score: number }[] }[];
}

function readSidecarFile(file: string): Sidecar {
  const { sidecar, findings } = readSidecar(readFileSync(file, 'utf8'));
  assert.ok(sidecar, JSON.stringify(findings));
  return sidecar;
}

/** Strip the stored prefix/suffix of the seed's records, as a sidecar written by hand or by another tool. */
function withoutContext(dir: string): void {
  const file = path.join(dir, `${SEED}.annotations.yaml`);
  const sidecar = readSidecarFile(file);
  writeFileSync(file, writeSidecar({ ...sidecar, annotations: sidecar.annotations.map(({ prefix: _p, suffix: _s, ...rest }) => rest) }));
}

/** The seed with the paragraph inserted at the start of the quote's line. */
function insertAboveQuote(dir: string, crlf = false): void {
  const file = path.join(dir, SEED);
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('“If there is any further');
  const edited = text.slice(0, at) + PARAGRAPH + text.slice(at);
  writeFileSync(file, crlf ? edited.replace(/\n/g, '\r\n') : edited);
}

/** Every record holds on the document, and the quote kept its whole text. */
function assertHold(dir: string): void {
  const sidecar = readSidecarFile(path.join(dir, `${SEED}.annotations.yaml`));
  const index = new OffsetIndex(normalizeText(readFileSync(path.join(dir, SEED), 'utf8')));
  for (const a of sidecar.annotations) assert.equal(index.slice(a.start, a.end), a.text, `${a.id} sits on its text`);
  assert.match(sidecar.annotations.find((a) => a.id === QUOTE)!.text, /will carry a high price$/);
}

for (const crlf of [false, true]) {
  test(`in a git repository, --fix maps through the diff from the committed version${crlf ? ' (CRLF working copy)' : ''} and says so`, async () => {
    const seeds = copyOfSeeds();
    try {
      withoutContext(seeds.dir);
      commitAll(seeds.dir, 'seeds');
      insertAboveQuote(seeds.dir, crlf);
      const result = await marginalia(['check', '--fix', '--json', SEED + '.annotations.yaml'], seeds.dir);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      const reanchored = (JSON.parse(result.stdout) as Report).files[0]!.reanchored!;
      assert.ok(reanchored.some((r) => r.id === QUOTE));
      for (const r of reanchored) assert.deepEqual([r.outcome, r.method, r.score], ['moved', 'diff', 1], r.id);
      assertHold(seeds.dir);
    } finally {
      seeds.dispose();
    }
  });
}

test('the version used is the newest the annotations hold on, not simply the last commit', async () => {
  const seeds = copyOfSeeds();
  try {
    commitAll(seeds.dir, 'seeds');
    const file = path.join(seeds.dir, SEED);
    writeFileSync(file, 'A first line added in a later commit, the sidecar not updated.\n' + readFileSync(file, 'utf8'));
    git(seeds.dir, 'commit', '-q', '-am', 'edit without the editor');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Russia on Friday', 'Russia on Thursday'));
    const result = await marginalia(['check', '--fix', '--json', '.'], seeds.dir);
    assert.equal(result.code, 0, result.stdout);
    const reanchored = (JSON.parse(result.stdout) as Report).files.flatMap((f) => f.reanchored ?? []);
    assert.ok(reanchored.length > 0);
    assert.ok(reanchored.every((r) => r.method === 'diff'), JSON.stringify(reanchored));
  } finally {
    seeds.dispose();
  }
});

test('outside a git repository --fix searches, and the text output names method and score', async () => {
  const seeds = copyOfSeeds();
  try {
    withoutContext(seeds.dir);
    insertAboveQuote(seeds.dir);
    const result = await marginalia(['check', '--fix', '.'], seeds.dir);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, new RegExp(`^${SEED.replace(/\./g, '\\.')}\\.annotations\\.yaml:\\d+:3: moved: annotation ${QUOTE} \\(quote\\) re-anchored by search, score 1\\.00$`, 'm'));
    assertHold(seeds.dir);
  } finally {
    seeds.dispose();
  }
});

test('git missing from the PATH gives no versions, and no error', async () => {
  const seeds = copyOfSeeds();
  try {
    const versions: string[] = [];
    for await (const v of gitVersions(path.join(seeds.dir, SEED), new Git('git-that-is-not-installed'))) versions.push(v);
    assert.deepEqual(versions, []);
  } finally {
    seeds.dispose();
  }
});

test('two records sharing an id both survive --fix, each re-anchored on its own', async () => {
  const seeds = copyOfSeeds();
  try {
    const text = 'Opening words here. The claim that the minister made is wrong today, he said.\n';
    const claim = { start: 18, end: 62 };
    const quote = { start: 56, end: 64 };
    writeFileSync(path.join(seeds.dir, 'dup.txt'), text);
    const index = new OffsetIndex(text);
    const sidecar: Sidecar = {
      version: 1,
      document: 'dup.txt',
      annotations: [
        { id: 'a1', label: 'claim', ...claim, text: index.slice(claim.start, claim.end) },
        { id: 'a1', label: 'quote', ...quote, text: index.slice(quote.start, quote.end) },
      ],
    };
    writeFileSync(path.join(seeds.dir, 'dup.txt.annotations.yaml'), writeSidecar(sidecar));
    writeFileSync(path.join(seeds.dir, 'dup.txt'), 'Drift. ' + text);
    const result = await marginalia(['check', '--fix', 'dup.txt.annotations.yaml'], seeds.dir);
    assert.match(result.stdout, /duplicate-id|id "a1" is also used/);
    const after = readSidecarFile(path.join(seeds.dir, 'dup.txt.annotations.yaml')).annotations;
    assert.deepEqual(
      after.map((a) => [a.id, a.label, a.start, a.end, a.text]),
      sidecar.annotations.map((a) => [a.id, a.label, a.start + 7, a.end + 7, a.text]),
    );
  } finally {
    seeds.dispose();
  }
});

/** A line of 81 code points, put above the claim bc49a3a1 ("Russian President Vladimir Putin denies …"). */
const LINE_81 = 'A spokesman for the ministry said the talks would continue next week in Geneva.\n\n';

test("outside git, on records without prefix/suffix, the issue's examples: a paragraph above a quote, a quote moved 81 code points down", async () => {
  const seeds = copyOfSeeds();
  try {
    withoutContext(seeds.dir);
    insertAboveQuote(seeds.dir);
    const file = path.join(seeds.dir, SEED);
    const text = readFileSync(file, 'utf8');
    const line = text.lastIndexOf('\n', text.indexOf('Russian President Vladimir Putin denies')) + 1;
    assert.equal([...LINE_81].length, 81);
    writeFileSync(file, text.slice(0, line) + LINE_81 + text.slice(line));
    const result = await marginalia(['check', '--fix', SEED + '.annotations.yaml'], seeds.dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    for (const id of [QUOTE, 'bc49a3a1']) {
      assert.match(result.stdout, new RegExp(`: moved: annotation ${id} \\(\\w+\\) re-anchored by search, score 1\\.00$`, 'm'));
    }
    assertHold(seeds.dir);
  } finally {
    seeds.dispose();
  }
});

/** A one-line document with the figure "about 265,000 troops" tagged, its first word then replaced by "roughly". */
function figureEdited(dir: string, context: boolean): string {
  const text = 'Russia now has about 265,000 troops stationed within 250 miles of its border with Ukraine.\n';
  const start = text.indexOf('about');
  const figure = { id: 'f1', label: 'figure', start, end: start + 20, text: 'about 265,000 troops' };
  const annotations = [context ? { ...figure, ...contextAround(new OffsetIndex(text), figure.start, figure.end) } : figure];
  writeFileSync(path.join(dir, 'troops.txt.annotations.yaml'), writeSidecar({ version: 1, document: 'troops.txt', annotations }));
  writeFileSync(path.join(dir, 'troops.txt'), text.replace('about', 'roughly'));
  return 'troops.txt.annotations.yaml';
}

test('outside git, "about 265,000 troops" → "roughly 265,000 troops": with context the figure takes the new word; without, it is orphaned, never cut inside a word', async () => {
  const seeds = copyOfSeeds();
  try {
    const sidecar = figureEdited(seeds.dir, true);
    const fixed = await marginalia(['check', '--fix', sidecar], seeds.dir);
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.match(fixed.stdout, /: edited: annotation f1 \(figure\) re-anchored by search, score 0\.\d\d$/m);
    assert.equal(readSidecarFile(path.join(seeds.dir, sidecar)).annotations[0]!.text, 'roughly 265,000 troops');
    // Without context "roughly" may as well have stood before the figure, its first word deleted.
    figureEdited(seeds.dir, false);
    const orphaned = await marginalia(['check', '--fix', sidecar], seeds.dir);
    assert.notEqual(orphaned.code, 0, orphaned.stdout);
    assert.match(orphaned.stdout, /annotation f1 \(figure\) is orphaned: "about 265,000 troops" was not found in the document \(searched for, best score 0\.\d\d\)/);
    const record = readSidecarFile(path.join(seeds.dir, sidecar)).annotations[0]!;
    assert.deepEqual([record.text, record.status], ['about 265,000 troops', 'orphaned']);
  } finally {
    seeds.dispose();
  }
});
