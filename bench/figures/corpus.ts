/**
 * The CLI over a corpus as a user's repository holds it: the seed articles copied into folders of
 * five (1,000 and 10,000 documents, 14 annotations each), each command run as a whole process, against
 * a plain Node script run as a whole process that reads every sidecar and its document and parses
 * the sidecar with js-yaml: the least any command over the corpus has to do. The two run in turn, so
 * that a shared machine's load weighs on both alike.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianPairMs } from '../measure';
import { runNode } from '../node-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SEEDS = path.join(ROOT, 'seeds');

/** The reference: read each sidecar and its document, parse the sidecar with js-yaml. */
const REFERENCE_SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
const yaml = require(${JSON.stringify(require.resolve('js-yaml'))});
function walk(folder, found) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full, found);
    else if (entry.name.endsWith('.annotations.yaml')) found.push(full);
  }
  return found;
}
let annotations = 0;
for (const file of walk(process.argv[2], []).sort()) {
  const sidecar = yaml.load(fs.readFileSync(file, 'utf8'));
  fs.readFileSync(path.join(path.dirname(file), sidecar.document), 'utf8');
  annotations += sidecar.annotations.length;
}
process.stdout.write(annotations + '\\n');
`;

/**
 * A corpus of `documents` documents: the seeds (5 articles, 70 annotations) copied into folders of
 * five, under the seeds' label configuration.
 */
function makeCorpus(folder: string, documents: number): void {
  const seeds = readdirSync(SEEDS).filter((name) => name.endsWith('.txt') || name.endsWith('.annotations.yaml'));
  mkdirSync(folder, { recursive: true });
  copyFileSync(path.join(SEEDS, '.marginalia.yaml'), path.join(folder, '.marginalia.yaml'));
  for (let copy = 0; copy < documents / 5; copy++) {
    const target = path.join(folder, `part-${Math.floor(copy / 100)}`, `copy-${copy}`);
    mkdirSync(target, { recursive: true });
    for (const name of seeds) copyFileSync(path.join(SEEDS, name), path.join(target, name));
  }
}

/** Only the sidecars of a corpus, the same: the other side of `marginalia diff`, which compares every record. */
function sidecarsOnly(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.annotations.yaml')) continue;
    const relative = path.relative(from, path.join(entry.parentPath, entry.name));
    mkdirSync(path.join(to, path.dirname(relative)), { recursive: true });
    copyFileSync(path.join(from, relative), path.join(to, relative));
  }
}

/** Each measured command's figure against the reference of the same run. */
async function measure(
  options: BenchOptions,
  documents: number,
  commands: { name: string; args: string[]; ratio: number }[],
): Promise<Figure[]> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const cwd = path.join(options.scratch, `corpus-${documents}`);
  if (!existsSync(cwd)) makeCorpus(path.join(cwd, 'corpus'), documents);
  const script = path.join(cwd, 'reference.js');
  writeFileSync(script, REFERENCE_SCRIPT);
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: documents > 1_000 ? 5 : 9 };
  const figures: Figure[] = [];
  for (const command of commands) {
    const [ours, reference] = await medianPairMs(() => runNode([CLI, ...command.args], cwd), () => runNode([script, 'corpus'], cwd), repeats);
    figures.push(
      figure({
        name: `\`marginalia ${command.name}\` over ${documents.toLocaleString('en-US')} documents, whole process`,
        n: documents * 14,
        median_ms: ours,
        reference: 'a Node script reading each sidecar and its document, parsing the sidecar with js-yaml (whole process)',
        reference_median_ms: reference,
        target: `≤ ${command.ratio}× the reference`,
        met: ours / reference <= command.ratio,
        details: { per_document_ms: Number((ours / documents).toFixed(4)), reference_per_document_ms: Number((reference / documents).toFixed(4)) },
      }),
    );
  }
  return figures;
}

/** `marginalia check` over 1,000 and 10,000 documents: ≤ 2× the reference, linear (per-document time at both sizes). */
export async function checkCorpus(options: BenchOptions): Promise<Figure[]> {
  const sizes = options.quick ? [100, 500] : [1_000, 10_000];
  const figures: Figure[] = [];
  for (const documents of sizes) figures.push(...(await measure(options, documents, [{ name: 'check', args: ['check', 'corpus'], ratio: 2 }])));
  return figures;
}

/** `export`, `stats` and `diff` over the 10,000-document corpus: each ≤ 3× the reference. */
export async function corpusCommands(options: BenchOptions): Promise<Figure[]> {
  const documents = options.quick ? 500 : 10_000;
  const cwd = path.join(options.scratch, `corpus-${documents}`);
  if (!existsSync(cwd)) makeCorpus(path.join(cwd, 'corpus'), documents);
  if (!existsSync(path.join(cwd, 'sidecars'))) sidecarsOnly(path.join(cwd, 'corpus'), path.join(cwd, 'sidecars'));
  return measure(options, documents, [
    { name: 'export --format doccano', args: ['export', 'corpus', '--format', 'doccano', '--out', 'corpus.jsonl'], ratio: 3 },
    { name: 'stats --json', args: ['stats', 'corpus', '--json'], ratio: 3 },
    { name: 'diff (two folders)', args: ['diff', 'corpus', 'sidecars', '--json'], ratio: 3 },
  ]);
}
