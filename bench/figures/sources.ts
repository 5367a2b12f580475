/**
 * `marginalia figures`, `conflicts` and `quotes` over 2,000 documents × 50 annotations (figures and
 * quotes that recur across documents, printed differently), each against reading the same sidecars
 * alone (read from disk and parsed) in the same run. And the editor's view across sources, rebuilt
 * from the annotations in memory after a change, against the tree's regrouping of the same annotations.
 */
import { promises as fsp, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { conflictsCommand, figuresCommand } from '../../src/cli/commands/figures';
import { quotesCommand } from '../../src/cli/commands/quotes';
import type { CliIO } from '../../src/cli/run';
import { groupOccurrences, type Occurrence } from '../../src/core/grouping';
import type { Annotation } from '../../src/core/model';
import { crossSourceView, CrossSourceMemo } from '../../src/core/sources/cross-source';
import type { PlacedAnnotation } from '../../src/core/sources/placed';
import { OffsetIndex } from '../../src/core/text';
import { readSidecar } from '../../src/core/sidecar/read';
import { writeSidecar } from '../../src/core/sidecar/write';
import { seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs, medianPairMs } from '../measure';

const UNITS = ['people', 'troops', 'soldiers', 'lives', 'tanks', 'refugees'];
const MODIFIERS = ['', 'more than ', 'about ', 'some ', 'nearly ', 'over ', 'at least '];
const WORDS = 'we are ready to talk with the united states in a third country there will be no security without our allies and partners this is unacceptable dangerous point sanctions'.split(' ');

/** One document: its text and the spans tagged in it. */
function generateDocument(rand: () => number, perDocument: number, quotes: string[]): { text: string; annotations: Annotation[] } {
  let text = '';
  const annotations: Annotation[] = [];
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  for (let n = 0; n < perDocument; n++) {
    const id = (annotations.length + 1).toString(16).padStart(8, '0');
    if (n % 2 === 0) {
      const entity = Math.floor(rand() * 500);
      const value = (10 + Math.floor(rand() * 90)) * 1000;
      const before = `Officials said ${pickOf(MODIFIERS)}`;
      const span = `${value.toLocaleString('en-US')} ${pickOf(UNITS)}`;
      const start = text.length + before.length;
      text += `${before}${span} were involved.\n`;
      annotations.push({ id, label: 'figure', start, end: start + span.length, text: span, prefix: before.slice(-32), entity: `toll-${entity}` });
    } else {
      let quote = pickOf(quotes);
      if (rand() < 0.3) quote = quote.replace(/ -- /g, ' \u2014 ');
      if (rand() < 0.2) quote = quote.split(' ').slice(1).join(' ');
      const before = 'He said, "';
      const start = text.length + before.length;
      text += `${before}${quote}," on Friday.\n`;
      annotations.push({ id, label: 'quote', start, end: start + quote.length, text: quote, attributes: { speaker: `Speaker ${Math.floor(rand() * 50)}` } });
    }
  }
  return { text, annotations };
}

export async function crossSourceCommands(options: BenchOptions): Promise<Figure[]> {
  const documents = options.quick ? 100 : 2_000;
  const perDocument = 50;
  const rand = seededRandom(15);
  const quotes = Array.from({ length: 3_000 }, () => Array.from({ length: 6 + Math.floor(rand() * 14) }, (_, i) => (i === 4 ? '--' : WORDS[Math.floor(rand() * WORDS.length)]!)).join(' '));
  const folder = path.join(options.scratch, 'sources');
  mkdirSync(folder, { recursive: true });
  const sidecars: string[] = [];
  for (let d = 0; d < documents; d++) {
    const name = `doc-${String(d).padStart(4, '0')}.txt`;
    const { text, annotations } = generateDocument(rand, perDocument, quotes);
    writeFileSync(path.join(folder, name), text);
    const sidecarPath = path.join(folder, `${name}.annotations.yaml`);
    writeFileSync(sidecarPath, writeSidecar({ version: 1, document: name, source: { outlet: `Outlet ${d % 40}` }, annotations }));
    sidecars.push(sidecarPath);
  }
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
  const reference = await medianMs(async () => {
    for (const file of sidecars) readSidecar(await fsp.readFile(file, 'utf8'));
  }, repeats);
  const io: CliIO = { stdout: { write: () => true }, stderr: { write: (s: string) => process.stderr.write(s) }, cwd: options.scratch };
  const commands: [string, (args: string[], io: CliIO) => Promise<number>][] = [
    ['figures', figuresCommand],
    ['conflicts', conflictsCommand],
    ['quotes', quotesCommand],
  ];
  const figures: Figure[] = [];
  for (const [name, run] of commands) {
    const ours = await medianMs(() => run(['sources', '--json'], io), repeats);
    figures.push(
      figure({
        name: `marginalia ${name} --json`,
        n: documents * perDocument,
        median_ms: ours,
        reference: 'reading and parsing the same sidecars alone',
        reference_median_ms: reference,
        target: '≤ 3× the reference',
        met: ours / reference <= 3,
      }),
    );
  }
  return figures;
}

/**
 * What the editor does when a view asks after a change (`CrossSources.current`): place every figure
 * and quote on its line, build the groups and clusters from the annotations the store holds, and look
 * one annotation up as a hover does. The
 * reference is what the entity tree already does after every change: group the same annotations.
 */
export function editorCrossSourceView(options: BenchOptions): Promise<Figure> {
  const documents = options.quick ? 20 : 200;
  const perDocument = 50;
  const rand = seededRandom(16);
  const quotes = Array.from({ length: 300 }, () => Array.from({ length: 6 + Math.floor(rand() * 14) }, (_, i) => (i === 4 ? '--' : WORDS[Math.floor(rand() * WORDS.length)]!)).join(' '));
  const docs = Array.from({ length: documents }, (_, d) => {
    const { text, annotations } = generateDocument(rand, perDocument, quotes);
    return { file: `doc-${String(d).padStart(4, '0')}.txt`, offsets: new OffsetIndex(text), annotations, outlet: `Outlet ${d % 40}` };
  });
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 15 };
  return (async () => {
    const regroup = (): unknown => {
      const occurrences: Occurrence<string>[] = [];
      for (const doc of docs) for (const annotation of doc.annotations) occurrences.push({ document: doc.file, path: doc.file, annotation, line: doc.offsets.lineColumn(annotation.start).line + 1 });
      return groupOccurrences(occurrences, 'label', ['figure', 'quote']);
    };
    const memo = new CrossSourceMemo();
    const build = (): unknown => {
      const placed: PlacedAnnotation[] = [];
      for (const doc of docs) for (const annotation of doc.annotations) placed.push({ annotation, file: doc.file, line: doc.offsets.lineColumn(annotation.start).line + 1, outlet: doc.outlet });
      const view = crossSourceView(placed, {}, memo);
      // What a hover then asks.
      return view.groupOf(docs[0]!.file, docs[0]!.annotations[0]!.id);
    };
    const first = await medianMs(build, { warmup: 0, runs: 1 });
    // Each run after a change: one span of one document retyped, as typing does. The two are timed in
    // turn, so that the load of a shared machine weighs on both alike.
    const [ours, reference] = await medianPairMs((run) => {
      const doc = docs[run % docs.length]!;
      const i = run % doc.annotations.length;
      doc.annotations[i] = { ...doc.annotations[i]!, text: `${doc.annotations[i]!.text} ${run}` };
      return build();
    }, regroup, repeats);
    return figure({
      name: "editor's view across sources, rebuilt after a change",
      n: documents * perDocument,
      median_ms: ours,
      reference: "the entity tree's regrouping of the same annotations",
      reference_median_ms: reference,
      target: '≤ 3× the reference',
      met: ours / reference <= 3,
      details: { 'first build (every text read), ms': Number(first.toFixed(1)) },
    });
  })();
}
