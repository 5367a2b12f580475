import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Annotation, Sidecar } from '../../../src/core/model';
import { readSidecar } from '../../../src/core/sidecar/read';
import { OffsetIndex, normalizeText } from '../../../src/core/text';
import { copyOfSeeds, marginalia } from '../cli-harness';

const ARTICLE = '000_685ffd5502fe63ac.txt';
const SIDECAR = `${ARTICLE}.annotations.yaml`;

function readSidecarFile(file: string): Sidecar {
  const { sidecar, findings } = readSidecar(readFileSync(file, 'utf8'));
  assert.ok(sidecar, `${file} should parse: ${JSON.stringify(findings)}`);
  return sidecar;
}

function assertAllHold(dir: string, name = ARTICLE): Sidecar {
  const sidecar = readSidecarFile(path.join(dir, `${name}.annotations.yaml`));
  const index = new OffsetIndex(normalizeText(readFileSync(path.join(dir, name), 'utf8')));
  for (const a of sidecar.annotations) {
    if (a.status === 'orphaned') continue;
    assert.equal(index.slice(a.start, a.end), a.text, `annotation ${a.id} should sit on its text`);
  }
  return sidecar;
}

/** Edit the article's text (code-point offsets are not needed: string edits on the raw text). */
function editArticle(dir: string, edit: (text: string) => string): void {
  const file = path.join(dir, ARTICLE);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
}

function sidecarBytes(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.annotations.yaml')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** An annotation no other annotation contains, so that deleting its text affects nothing else. */
function outermost(sidecar: Sidecar, label: string): Annotation {
  const found = sidecar.annotations.find(
    (a) => a.label === label && !sidecar.annotations.some((b) => b !== a && b.start < a.end && a.start < b.end),
  );
  assert.ok(found, `the seed sidecar should have a ${label} that overlaps nothing else`);
  return found;
}

test('the shipped seeds check clean', async () => {
  const seeds = copyOfSeeds();
  try {
    const result = await marginalia(['check', '.'], seeds.dir);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^5 sidecars, \d+ annotations: 0 errors, 0 warnings$/m);
  } finally {
    seeds.dispose();
  }
});

test('text inserted above: check reports drift with path:line:col, --fix re-anchors, a second check is clean', async () => {
  const seeds = copyOfSeeds();
  try {
    const before = sidecarBytes(seeds.dir);
    editArticle(seeds.dir, (t) => t.replace('\n', '\nEDITOR’S NOTE: this article was updated on 18 December 2021 😀.\n'));
    const drift = await marginalia(['check', '.'], seeds.dir);
    assert.equal(drift.code, 1);
    assert.match(drift.stdout, new RegExp(`^${SIDECAR.replace(/\./g, '\\.')}:\\d+:\\d+: error: annotation [0-9a-f]{8} \\(\\w+\\) no longer matches its text`, 'm'));

    const fix = await marginalia(['check', '--fix', '.'], seeds.dir);
    assert.equal(fix.code, 0, fix.stdout);
    assert.match(fix.stdout, new RegExp(`${SIDECAR.replace(/\./g, '\\.')}: fixed: [1-9]\\d* re-anchored, 0 with edited text, 0 orphaned`));
    assertAllHold(seeds.dir);
    const after = sidecarBytes(seeds.dir);
    for (const [name, bytes] of before) if (name !== SIDECAR) assert.equal(after.get(name), bytes, `${name} was not touched`);

    assert.equal((await marginalia(['check', '.'], seeds.dir)).code, 0);
  } finally {
    seeds.dispose();
  }
});

test('a word changed inside a quote: --fix finds the quote with its new bounds and new text', async () => {
  const seeds = copyOfSeeds();
  try {
    const original = readSidecarFile(path.join(seeds.dir, SIDECAR));
    const quote = original.annotations.find((a) => a.label === 'quote' && / \w{6,} /.test(a.text));
    assert.ok(quote, 'a seed quote with a long word');
    const word = / (\w{6,}) /.exec(quote.text)![1]!;
    const edited = quote.text.replace(word, 'EDITED');
    editArticle(seeds.dir, (t) => t.replace(quote.text, edited));

    const fix = await marginalia(['check', '--fix', SIDECAR], seeds.dir);
    assert.equal(fix.code, 0, fix.stdout);
    const after = assertAllHold(seeds.dir);
    const moved = after.annotations.find((a) => a.id === quote.id)!;
    assert.equal(moved.text, edited);
    assert.equal(moved.start, quote.start);
    assert.equal(moved.end, quote.end + ('EDITED'.length - word.length));
    assert.equal(moved.status, undefined);
  } finally {
    seeds.dispose();
  }
});

test('a paragraph moved and the file turned to CRLF: annotations follow the paragraph', async () => {
  const seeds = copyOfSeeds();
  try {
    const original = readSidecarFile(path.join(seeds.dir, SIDECAR));
    editArticle(seeds.dir, (t) => {
      const paragraphs = t.split('\n\n');
      const [moved] = paragraphs.splice(4, 1);
      return [...paragraphs, moved].join('\n\n').replace(/\n/g, '\r\n');
    });
    const fix = await marginalia(['check', '--fix', '.'], seeds.dir);
    assert.equal(fix.code, 0, fix.stdout);
    const after = assertAllHold(seeds.dir);
    assert.deepEqual(
      after.annotations.map((a) => a.id).sort(),
      original.annotations.map((a) => a.id).sort(),
      'no annotation lost or added',
    );
  } finally {
    seeds.dispose();
  }
});

test('CRLF line ends alone change no offset', async () => {
  const seeds = copyOfSeeds();
  try {
    editArticle(seeds.dir, (t) => '\uFEFF' + t.replace(/\n/g, '\r\n'));
    const result = await marginalia(['check', '.'], seeds.dir);
    assert.equal(result.code, 0, result.stdout);
  } finally {
    seeds.dispose();
  }
});

test('a sentence deleted: its annotation is kept as orphaned, reported, and check fails', async () => {
  const seeds = copyOfSeeds();
  try {
    const original = readSidecarFile(path.join(seeds.dir, SIDECAR));
    const victim = outermost(original, 'claim');
    editArticle(seeds.dir, (t) => t.replace(victim.text, ''));
    const fix = await marginalia(['check', '--fix', '.'], seeds.dir);
    assert.equal(fix.code, 1, 'orphans left after --fix fail the check');
    assert.match(fix.stdout, new RegExp(`error: annotation ${victim.id} \\(claim\\) is orphaned`));
    const after = assertAllHold(seeds.dir);
    const kept = after.annotations.find((a) => a.id === victim.id);
    assert.ok(kept, 'the orphan is still in the sidecar');
    assert.equal(kept.status, 'orphaned');
    assert.equal(kept.text, victim.text);
    assert.equal(after.annotations.length, original.annotations.length);
  } finally {
    seeds.dispose();
  }
});

test('a sidecar that cannot be parsed is reported with its line and left byte for byte', async () => {
  const seeds = copyOfSeeds();
  try {
    const file = path.join(seeds.dir, SIDECAR);
    const broken = readFileSync(file, 'utf8').replace(/\n {2}- id:/, '\n  - id: [unclosed\n  - id:');
    writeFileSync(file, broken);
    const result = await marginalia(['check', '--fix', '.'], seeds.dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, new RegExp(`^${SIDECAR.replace(/\./g, '\\.')}:\\d+:\\d+: error: `, 'm'));
    assert.equal(readFileSync(file, 'utf8'), broken);
  } finally {
    seeds.dispose();
  }
});

test('--json prints the same findings as data', async () => {
  const seeds = copyOfSeeds();
  try {
    editArticle(seeds.dir, (t) => 'Inserted line.\n' + t);
    const text = await marginalia(['check', '.'], seeds.dir);
    const json = await marginalia(['check', '--json', '.'], seeds.dir);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout) as { files: { path: string; findings: { line: number; column: number; severity: string; message: string }[] }[]; summary: { errors: number } };
    const lines = parsed.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.column}: ${x.severity}: ${x.message}`));
    assert.deepEqual(lines, text.stdout.trim().split('\n').slice(0, -1));
    assert.equal(parsed.summary.errors, lines.length);
  } finally {
    seeds.dispose();
  }
});

test('usage errors exit 2', async () => {
  const seeds = copyOfSeeds();
  try {
    const unknown = await marginalia(['check', '--frobnicate'], seeds.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--frobnicate'/);
    const missing = await marginalia(['check', 'no-such-folder'], seeds.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-folder: no such file or folder/);
    assert.equal((await marginalia(['frobnicate'], seeds.dir)).code, 2);
  } finally {
    seeds.dispose();
  }
});

test('--format github prints one workflow command per finding, on the sidecar line, escaped as GitHub reads them', async () => {
  const seeds = copyOfSeeds();
  try {
    // A drifted quote whose text holds a colon, a comma, a percent sign and a line break.
    const file = path.join(seeds.dir, SIDECAR);
    const source = readFileSync(file, 'utf8');
    const first = readSidecarFile(file).annotations[0]!;
    writeFileSync(file, source.replace(`    text: ${source.split('\n').find((l) => l.startsWith('    text: '))!.slice(10)}`, '    text: "50%, then: more\\nlines"'));
    const result = await marginalia(['check', '--format', 'github', '.'], seeds.dir);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    const command = lines.find((l) => l.startsWith('::error '));
    assert.ok(command, result.stdout);
    assert.match(command, new RegExp(`^::error file=${SIDECAR.replace(/\./g, '\\.')},line=\\d+,col=3,title=marginalia%3A text-mismatch::annotation ${first.id} \\(${first.label}\\) no longer matches its text: `));
    assert.match(command, /the sidecar says "50%25, then: more\\nlines"/);
    assert.match(lines[lines.length - 1]!, /^marginalia check: 5 sidecars, \d+ annotations: 1 error, 0 warnings$/);
    assert.equal((await marginalia(['check', '--json', '--format', 'github', '.'], seeds.dir)).code, 2);
  } finally {
    seeds.dispose();
  }
});
