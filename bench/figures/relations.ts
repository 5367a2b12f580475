/**
 * `marginalia check` and `marginalia export --format w3c` over 10,000 annotations that list 10,000
 * relations (half of them into another document), each against the same command over the same
 * annotations without relations, as whole processes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Annotation } from '../../src/core/model';
import { writeSidecar } from '../../src/core/sidecar/write';
import { generateAnnotations, generateProse, seededRandom, sidecarOf } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianPairMs } from '../measure';
import { runNode } from '../node-process';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Labels that fit the generated annotations, and one relation type any two of them may have. */
const CONFIG = ['labels:', ...['claim', 'quote', 'figure'].map((label) => `  ${label}:\n    attributes:\n      speaker: {type: text}`), 'relations:', '  related:', ''].join('\n');

/** Write the same documents into two folders: with a relation on every annotation, and without. */
function corpus(scratch: string, documents: number, perDocument: number): { withRelations: string; without: string } {
  const rand = seededRandom(16);
  const withRelations = path.join(scratch, 'relations', 'with');
  const without = path.join(scratch, 'relations', 'without');
  const docs = Array.from({ length: documents }, (_, d) => {
    const text = generateProse(rand, perDocument * 60);
    return { name: `doc-${String(d).padStart(3, '0')}.txt`, text, annotations: generateAnnotations(rand, text, perDocument) };
  });
  for (const folder of [withRelations, without]) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '.marginalia.yaml'), CONFIG);
  }
  for (const [d, doc] of docs.entries()) {
    const related: Annotation[] = doc.annotations.map((a) => {
      const other = rand() < 0.5 ? docs[(d + 1 + Math.floor(rand() * (documents - 1))) % documents]! : doc;
      const target = other.annotations[Math.floor(rand() * other.annotations.length)]!;
      return { ...a, relations: [{ type: 'related', to: target.id, ...(other === doc ? {} : { document: other.name }) }] };
    });
    for (const [folder, annotations] of [
      [withRelations, related],
      [without, doc.annotations],
    ] as const) {
      writeFileSync(path.join(folder, doc.name), doc.text);
      writeFileSync(path.join(folder, `${doc.name}.annotations.yaml`), writeSidecar(sidecarOf(doc.name, annotations)));
    }
  }
  return { withRelations, without };
}

/** Run the CLI as a whole process, as a user would; a non-zero exit fails the figure. */
function cli(args: string[]): void {
  runNode([path.join(ROOT, 'dist', 'cli.js'), ...args]);
}

/** The corpus written by the first figure of a run, for the other: neither figure changes it. */
const written = new Map<string, ReturnType<typeof corpus>>();

/** The corpus of both figures, with the CLI built and the sizes and repeats of the mode. */
function setUp(options: BenchOptions): { folders: ReturnType<typeof corpus>; documents: number; perDocument: number; repeats: { warmup: number; runs: number } } {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const documents = 10;
  const perDocument = options.quick ? 100 : 1_000;
  const folders = written.get(options.scratch) ?? corpus(options.scratch, documents, perDocument);
  written.set(options.scratch, folders);
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 7 };
  return { folders, documents, perDocument, repeats };
}

export async function checkRelations(options: BenchOptions): Promise<Figure> {
  const { folders, documents, perDocument, repeats } = setUp(options);
  // In turn, as the export below: a ratio of two whole processes timed one after the other swings with the load.
  const [ours, reference] = await medianPairMs(
    () => cli(['check', folders.withRelations]),
    () => cli(['check', folders.without]),
    repeats,
  );
  return figure({
    name: '`marginalia check` with a relation on every annotation (half across documents), as a whole process',
    n: documents * perDocument,
    median_ms: ours,
    reference: 'the same check of the same annotations without relations',
    reference_median_ms: reference,
    target: '≤ 1.5× the reference',
    met: ours <= reference * 1.5,
  });
}

/** How many annotations of a W3C export link two others: one per relation, none lost. */
function linkingAnnotations(file: string): number {
  const collection = JSON.parse(readFileSync(file, 'utf8')) as { first: { items: { motivation?: string }[] } };
  return collection.first.items.filter((item) => item.motivation === 'linking').length;
}

export async function exportRelations(options: BenchOptions): Promise<Figure> {
  const { folders, documents, perDocument, repeats } = setUp(options);
  const exportOf = (folder: string): string => {
    const out = path.join(options.scratch, 'relations', `${path.basename(folder)}.w3c.json`);
    cli(['export', folder, '--format', 'w3c', '--out', out]);
    return out;
  };
  // W3C is the format that holds every relation, those across documents too: check that it does,
  // so that the figure never times an export that silently left the relations out.
  const n = documents * perDocument;
  for (const [folder, expected] of [
    [folders.withRelations, n],
    [folders.without, 0],
  ] as const) {
    const linking = linkingAnnotations(exportOf(folder));
    if (linking !== expected) throw new Error(`export of ${folder}: ${linking} linking annotations, expected ${expected}`);
  }
  // In turn, so that the load of the shared machine weighs on both alike: timed one after the other,
  // the ratio ranged from 1.35 to 2.21 across two runs at a load average of 5 to 10.
  const [ours, reference] = await medianPairMs(
    () => exportOf(folders.withRelations),
    () => exportOf(folders.without),
    repeats,
  );
  return figure({
    name: '`marginalia export --format w3c` with a relation on every annotation (half across documents), as a whole process',
    n,
    median_ms: ours,
    reference: 'the same export of the same annotations without relations',
    reference_median_ms: reference,
    target: '≤ 2× the reference',
    met: ours <= reference * 2,
  });
}
