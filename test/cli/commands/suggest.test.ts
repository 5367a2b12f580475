/**
 * `marginalia suggest`: suggestions for documents with and without a sidecar, as text or JSON, and
 * written with --apply as records with status: suggested, which check counts and export leaves out.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturePath } from '../../fixture-path';
import { marginalia } from '../cli-harness';
import { temporaryFolder } from '../export-harness';
import { readSidecar } from '../../../src/core/sidecar/read';

interface JsonSuggestion {
  file: string;
  start: number;
  end: number;
  label: string;
  text: string;
  attributes: Record<string, string | number>;
  score: number;
}

function withDocument<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const work = temporaryFolder('suggest');
  copyFileSync(fixturePath('suggestions', 'cli', 'crlf-bom.txt'), path.join(work.dir, 'article.txt'));
  return run(work.dir).finally(() => work.dispose());
}

test('suggest --json on a document without a sidecar: code-point offsets over the text with CRLF as LF and no BOM', async () => {
  await withDocument(async (dir) => {
    const result = await marginalia(['suggest', '--json'], dir);
    assert.equal(result.code, 0, result.stderr);
    const { suggestions } = JSON.parse(result.stdout) as { suggestions: JsonSuggestion[] };
    const text = readFileSync(path.join(dir, 'article.txt'), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    assert.deepEqual(
      suggestions.map((s) => [s.file, s.label, s.text, s.attributes]),
      [
        ['article.txt', 'quote', 'We are ready', { speaker: 'Sergei Ryabkov' }],
        ['article.txt', 'claim', 'The West says Moscow has readied some 100,000 troops', {}],
        ['article.txt', 'figure', '100,000 troops', { value: 100000, unit: 'troops' }],
      ],
    );
    for (const s of suggestions) assert.equal([...text].slice(s.start, s.end).join(''), s.text);
  });
});

test('suggest --label limits the labels; an unknown label is a usage error naming the labels', async () => {
  await withDocument(async (dir) => {
    const result = await marginalia(['suggest', '--label', 'figure'], dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, 'article.txt:85-99: figure "100,000 troops" value=100000 unit="troops" score 0.90\n');
    const wrong = await marginalia(['suggest', '--label', 'person'], dir);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unknown label 'person'; the labels are claim, quote, figure/);
  });
});

test('suggest --apply writes status: suggested records; a second run suggests nothing; check counts them; export leaves them out unless asked', async () => {
  await withDocument(async (dir) => {
    const applied = await marginalia(['suggest', '--apply'], dir);
    assert.equal(applied.code, 0, applied.stderr);
    assert.match(applied.stderr, /added 3 suggested annotations/);
    const sidecar = readSidecar(readFileSync(path.join(dir, 'article.txt.annotations.yaml'), 'utf8')).sidecar!;
    assert.deepEqual(sidecar.annotations.map((a) => [a.label, a.status]), [
      ['quote', 'suggested'],
      ['claim', 'suggested'],
      ['figure', 'suggested'],
    ]);
    assert.equal((await marginalia(['suggest'], dir)).stdout, '', 'what is in the sidecar is not suggested again');

    const check = await marginalia(['check', '--json'], dir);
    assert.equal(check.code, 0, 'suggestions are warnings');
    const report = JSON.parse(check.stdout) as { summary: { suggested: number }; files: { findings: { code: string; message: string }[] }[] };
    assert.equal(report.summary.suggested, 3);
    assert.deepEqual(report.files[0]!.findings.map((f) => f.code), ['unconfirmed-suggestions']);
    assert.equal((await marginalia(['check', '--strict'], dir)).code, 1, '--strict fails until they are confirmed');

    const exported = await marginalia(['export', '--format', 'doccano'], dir);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /3 suggested annotations not yet confirmed; left out/);
    assert.match(exported.stderr, /exported 0 annotations/);
    const all = await marginalia(['export', '--format', 'doccano', '--include-suggested'], dir);
    assert.match(all.stderr, /exported 3 annotations/);
  });
});

test('suggest leaves out a document whose sidecar cannot be parsed, and --apply does not touch it', async () => {
  await withDocument(async (dir) => {
    const broken = 'marginalia: 1\ndocument: article.txt\nannotations: [\n';
    writeFileSync(path.join(dir, 'article.txt.annotations.yaml'), broken);
    const result = await marginalia(['suggest', '--apply'], dir);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /article\.txt\.annotations\.yaml:\d+:\d+: .*its document is left out/);
    assert.equal(readFileSync(path.join(dir, 'article.txt.annotations.yaml'), 'utf8'), broken);
  });
});

test('suggest proposes said-by relations for tagged quotes: to the tagged speaker span, or to a new speaker span; --apply leaves them out', async () => {
  const work = temporaryFolder('suggest-relations');
  for (const name of ['.marginalia.yaml', 'article.txt', 'article.txt.annotations.yaml']) copyFileSync(fixturePath('suggestions', 'relations', name), path.join(work.dir, name));
  try {
    const result = await marginalia(['suggest', '--label', 'speaker'], work.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'article.txt:62-73: said-by "as early as" → speaker "Deputy Foreign Minister Sergei Ryabkov" (5a5a0001) score 0.90',
        'article.txt:87-109: said-by "We will not compromise" → speaker "Jen Psaki" (new span 117-126) score 0.70',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await marginalia(['suggest', '--json'], work.dir)).stdout) as { relations: unknown[] };
    assert.deepEqual(json.relations, [
      { file: 'article.txt', type: 'said-by', from: { id: '9a9a0001', start: 62, end: 73, text: 'as early as' }, to: { id: '5a5a0001', label: 'speaker', start: 0, end: 38, text: 'Deputy Foreign Minister Sergei Ryabkov' }, speaker: 'Sergei Ryabkov', score: 0.9 },
      { file: 'article.txt', type: 'said-by', from: { id: '9a9a0002', start: 87, end: 109, text: 'We will not compromise' }, to: { new: true, label: 'speaker', start: 117, end: 126, text: 'Jen Psaki' }, speaker: 'Jen Psaki', score: 0.7 },
    ]);
    const before = readFileSync(path.join(work.dir, 'article.txt.annotations.yaml'), 'utf8');
    await marginalia(['suggest', '--apply', '--label', 'speaker'], work.dir);
    assert.equal(readFileSync(path.join(work.dir, 'article.txt.annotations.yaml'), 'utf8'), before, 'relations are accepted in the editor, not applied');
  } finally {
    work.dispose();
  }
});
