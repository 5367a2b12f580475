/**
 * Suggestions: `marginalia suggest --json` over 5 MB of news text (the seed articles, repeated over
 * many files), against reading the same files alone; and how good the suggestions are, per label,
 * against the hand-made annotations of test/fixtures/suggestions/gold/ and of the seeds.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { DEFAULT_LABEL_CONFIG, parseLabelConfig } from '../../src/core/config';
import type { Annotation } from '../../src/core/model';
import { readSidecar } from '../../src/core/sidecar/read';
import { scoreSuggestions, type LabelScore, type LabelledSpan } from '../../src/core/suggestions/evaluate';
import { suggestSpeakerRelations } from '../../src/core/suggestions/speakers';
import { suggestAnnotations } from '../../src/core/suggestions/suggest';
import { codePointLength, normalizeText } from '../../src/core/text';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs, medianPairMs } from '../measure';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export async function suggestOverText(options: BenchOptions): Promise<Figure> {
  const seeds = readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort();
  const articles = seeds.map((f) => readFileSync(path.join(ROOT, 'seeds', f), 'utf8'));
  const total = options.quick ? 500_000 : 5 * 1024 * 1024;
  const folder = path.join(options.scratch, 'suggest-corpus');
  mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  let size = 0;
  // Files of about 100 KB: each a run of seed articles, as a folder of long news documents would be.
  for (let i = 0; size < total; i++) {
    let text = '';
    for (let j = 0; text.length < 100_000; j++) text += articles[(i + j) % articles.length] + '\n\n';
    const file = path.join(folder, `doc-${String(i).padStart(3, '0')}.txt`);
    writeFileSync(file, text);
    files.push(file);
    size += Buffer.byteLength(text);
  }
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
  const sink = { write: () => true };
  let output = 0;
  const ours = await medianMs(async () => {
    let printed = '';
    const code = await run(['suggest', '--json', folder], { stdout: { write: (s: string) => ((printed += s), true) }, stderr: sink, cwd: folder });
    if (code !== 0) throw new Error(`marginalia suggest exited ${code}`);
    output = printed.length;
  }, repeats);
  const reference = await medianMs(async () => {
    for (const file of files) normalizeText(await readFile(file, 'utf8'));
  }, repeats);
  const texts = files.map((f) => normalizeText(readFileSync(f, 'utf8')));
  const coreOnly = await medianMs(() => texts.map((t) => suggestAnnotations(t, DEFAULT_LABEL_CONFIG)), repeats);
  const suggestions = texts.reduce((n, t) => n + suggestAnnotations(t, DEFAULT_LABEL_CONFIG).length, 0);
  return figure({
    name: 'marginalia suggest --json over 5 MB of news text (seed articles in 100 KB files)',
    n: size,
    median_ms: ours,
    reference: 'reading and normalising the same files alone',
    reference_median_ms: reference,
    target: '≤ 1,500 ms for 5 MB (a 100 KB article in ≤ 30 ms)',
    met: ours <= (1_500 * size) / (5 * 1024 * 1024),
    details: { files: files.length, suggestions, 'JSON output (characters)': output, 'suggesters alone (ms)': Number(coreOnly.toPrecision(4)) },
    table: qualityTable(),
  });
}

/** Precision and recall per label, exact spans and overlapping ones, on the gold article and on the seeds. */
function qualityTable(): string {
  const rows: string[] = [
    '| corpus | label | hand-made | suggested | precision (exact) | recall (exact) | precision (overlap ≥ ½) | recall (overlap ≥ ½) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  const add = (corpus: string, scores: LabelScore[]) => {
    for (const s of scores) rows.push(`| ${corpus} | ${s.label} | ${s.gold} | ${s.suggested} | ${s.exactPrecision} | ${s.exactRecall} | ${s.precision} | ${s.recall} |`);
  };
  const goldDir = path.join(ROOT, 'test', 'fixtures', 'suggestions', 'gold');
  const text = normalizeText(readFileSync(path.join(goldDir, 'article.txt'), 'utf8'));
  const { spans } = JSON.parse(readFileSync(path.join(goldDir, 'gold.json'), 'utf8')) as { spans: { label: string; text: string; occurrence?: number }[] };
  const gold = spans.map((g) => {
    let at = -1;
    for (let n = 0; n <= (g.occurrence ?? 0); n++) at = text.indexOf(g.text, at + 1);
    const start = codePointLength(text.slice(0, at));
    return { label: g.label, start, end: start + codePointLength(g.text) };
  });
  add('gold article (every quote and figure)', scoreSuggestions(suggestAnnotations(text, DEFAULT_LABEL_CONFIG, { labels: new Set(['quote', 'figure']) }), gold, ['quote', 'figure']));
  const suggested: LabelledSpan[] = [];
  const seedGold: LabelledSpan[] = [];
  let base = 0;
  for (const name of readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort()) {
    const seedText = normalizeText(readFileSync(path.join(ROOT, 'seeds', name), 'utf8'));
    const sidecar = readSidecar(readFileSync(path.join(ROOT, 'seeds', `${name}.annotations.yaml`), 'utf8')).sidecar!;
    for (const s of suggestAnnotations(seedText, DEFAULT_LABEL_CONFIG)) suggested.push({ label: s.label, start: base + s.start, end: base + s.end });
    for (const a of sidecar.annotations) seedGold.push({ label: a.label, start: base + a.start, end: base + a.end });
    base += codePointLength(seedText) + 1;
  }
  add('seeds (partly annotated)', scoreSuggestions(suggested, seedGold, ['claim', 'quote', 'figure']));
  return rows.join('\n');
}

/**
 * Speakers proposed as relations over one long document of many tagged quotes: the seed articles one
 * after another to about 100 KB, with their annotations, said-by relations stripped, so every quote
 * asks for its speaker; against the span suggesters over the same text, which run beside it.
 */
export async function speakerRelations(options: BenchOptions): Promise<Figure> {
  const seeds = path.join(ROOT, 'seeds');
  const config = parseLabelConfig(readFileSync(path.join(seeds, '.marginalia.yaml'), 'utf8')).config;
  const articles = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ text: normalizeText(readFileSync(path.join(seeds, f), 'utf8')), annotations: readSidecar(readFileSync(path.join(seeds, `${f}.annotations.yaml`), 'utf8')).sidecar!.annotations }));
  let text = '';
  const annotations: Annotation[] = [];
  for (let i = 0; text.length < 100_000; i++) {
    const article = articles[i % articles.length]!;
    const base = codePointLength(text);
    for (const a of article.annotations) annotations.push({ ...a, id: `${i}-${a.id}`, start: base + a.start, end: base + a.end, relations: undefined });
    text += article.text + '\n\n';
  }
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 9 };
  // In turn: the target is a ratio of 1, which a change of load between two separate series would decide.
  const [ours, reference] = await medianPairMs(
    () => suggestSpeakerRelations(text, config, annotations),
    () => suggestAnnotations(text, config, { annotations }),
    repeats,
  );
  const quotes = annotations.filter((a) => a.label === 'quote').length;
  return figure({
    name: 'said-by relations proposed for every tagged quote of a 100 KB document (seed articles in a row, relations stripped)',
    n: quotes,
    median_ms: ours,
    reference: 'the span suggesters over the same text and annotations',
    reference_median_ms: reference,
    target: '≤ 1× the span suggesters (they run together after each change)',
    met: ours <= reference,
    details: { 'text (characters)': text.length, 'speaker spans': annotations.filter((a) => a.label === 'speaker').length, proposals: suggestSpeakerRelations(text, config, annotations).length },
  });
}
