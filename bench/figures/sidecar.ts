/**
 * One sidecar of 1,000 annotations: opened (read, parsed, verified against its document, ready to
 * decorate) against js-yaml loading the same file; written after one change against the `yaml`
 * package stringifying it, with a check that only the changed record's lines differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as jsYaml from 'js-yaml';
import { stringify } from 'yaml';
import { holds } from '../../src/core/anchoring/reanchor';
import { writeFileAtomic } from '../../src/core/io/atomic-write';
import { readSidecar } from '../../src/core/sidecar/read';
import { SourceCache } from '../../src/core/sidecar/source-cache';
import { writeSidecar } from '../../src/core/sidecar/write';
import type { Annotation } from '../../src/core/model';
import { OffsetIndex, normalizeText } from '../../src/core/text';
import { generateAnnotations, generateProse, sidecarOf, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs, medianPairMs } from '../measure';

function makeFiles(scratch: string): { documentFile: string; sidecarFile: string } {
  const rand = seededRandom(1000);
  const text = generateProse(rand, 120_000);
  const documentFile = path.join(scratch, 'article.txt');
  const sidecarFile = documentFile + '.annotations.yaml';
  writeFileSync(documentFile, text);
  writeFileSync(sidecarFile, writeSidecar(sidecarOf('article.txt', generateAnnotations(rand, text, 1_000))));
  return { documentFile, sidecarFile };
}

export async function openSidecar(options: BenchOptions): Promise<Figure> {
  const { documentFile, sidecarFile } = makeFiles(options.scratch);
  const repeats = options.quick ? { warmup: 5, runs: 11 } : { warmup: 5, runs: 31 };
  let held = 0;
  const [ours, reference] = await medianPairMs(
    () => {
      const { sidecar } = readSidecar(readFileSync(sidecarFile, 'utf8'));
      const index = new OffsetIndex(normalizeText(readFileSync(documentFile, 'utf8')));
      held = sidecar!.annotations.filter((a) => holds(a, index)).length;
    },
    () => jsYaml.load(readFileSync(sidecarFile, 'utf8')),
    repeats,
  );
  const ratio = ours / reference;
  return figure({
    name: 'open a document whose sidecar holds 1,000 annotations (read, parse, verify)',
    n: 1_000,
    median_ms: ours,
    reference: 'js-yaml 4 load of the same file',
    reference_median_ms: reference,
    target: '≤ 40 ms and ≤ 1× the reference',
    met: ours <= 40 && ratio <= 1 && held === 1_000,
    details: { annotations_verified: held },
  });
}

/** Lines of `after` that are not in `before` at the same place, found by trimming the common head and tail. */
function changedLineRange(before: string[], after: string[]): { first: number; lastBefore: number; lastAfter: number } {
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let tail = 0;
  while (tail < before.length - first && tail < after.length - first && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { first, lastBefore: before.length - tail, lastAfter: after.length - tail };
}

export async function writeAfterOneChange(options: BenchOptions): Promise<Figure> {
  const { sidecarFile } = makeFiles(options.scratch);
  const source = readFileSync(sidecarFile, 'utf8');
  // As the sync engine does: the read prepares the text in its cache, each write splices it.
  const sources = new SourceCache();
  const sidecar = readSidecar(source, sources).sidecar!;
  const target = sidecar.annotations[500]!;
  const changed = { ...sidecar, annotations: sidecar.annotations.map((a) => (a === target ? { ...a, note: 'Edited: the figure is disputed.' } : a)) };
  const repeats = options.quick ? { warmup: 5, runs: 11 } : { warmup: 5, runs: 31 };
  let output = '';
  const ours = await medianMs(() => (output = writeSidecar(changed, source, sources)), repeats);
  const reference = await medianMs(() => stringify({ marginalia: 1, document: changed.document, annotations: changed.annotations }, { lineWidth: 0 }), repeats);
  const before = source.split('\n');
  const after = output.split('\n');
  const range = changedLineRange(before, after);
  const recordLines = after.slice(range.first, range.lastAfter);
  const onlyTheRecord = recordLines.every((l) => !l.startsWith('  - ')) || (recordLines.length === 1 && recordLines[0]!.includes('note'));
  return figure({
    name: 'write a sidecar of 1,000 annotations after one change',
    n: 1_000,
    median_ms: ours,
    reference: '`yaml` stringify of the whole sidecar',
    reference_median_ms: reference,
    target: '≤ 30 ms, only the changed record’s lines differ',
    met: ours <= 30 && onlyTheRecord && range.lastBefore - range.first <= 1,
    details: { lines_removed: range.lastBefore - range.first, lines_added: range.lastAfter - range.first, total_lines: after.length },
  });
}

/**
 * The atomic write of a sidecar of 10,000 annotations flushed to the disk (`fsync`) before the rename,
 * as the CLI writes, against the same write without the flush, as the editor writes on every tag: what
 * durability would cost the editor on this machine's disk (docs/performance.md says why it skips it).
 */
export async function durableSidecarWrite(options: BenchOptions): Promise<Figure> {
  const count = options.quick ? 1_000 : 10_000;
  const rand = seededRandom(10_000);
  const text = generateProse(rand, count * 120);
  const content = writeSidecar(sidecarOf('article.txt', generateAnnotations(rand, text, count)));
  const file = path.join(options.scratch, 'durable.txt.annotations.yaml');
  const repeats = options.quick ? { warmup: 3, runs: 11 } : { warmup: 5, runs: 31 };
  const ours = await medianMs(() => writeFileAtomic(file, content), repeats);
  const reference = await medianMs(() => writeFileAtomic(file, content, { durable: false }), repeats);
  return figure({
    name: `atomic write of a sidecar of ${count.toLocaleString('en-US')} annotations with fsync (the CLI's write)`,
    n: count,
    median_ms: ours,
    reference: 'the same write without fsync (the editor’s write on every tag)',
    reference_median_ms: reference,
    target: '≤ 50 ms; the file holds the content written',
    met: ours <= 50 && readFileSync(file, 'utf8') === content,
    details: { sidecar_bytes: Buffer.byteLength(content) },
  });
}

/**
 * A tag written into a sidecar of 10,000 annotations as the sync engine writes it, without the
 * editor around it: the splice, the atomic write without `fsync` (its bytes kept from the write
 * before), and the read-back. Against the write alone of the same text encoded whole, which is what
 * the editor's write cost before it kept the bytes (docs/performance.md). Each run tags a new span.
 */
export async function tagWriteLargeSidecar(options: BenchOptions): Promise<Figure> {
  const count = options.quick ? 1_000 : 10_000;
  const rand = seededRandom(4242);
  const text = generateProse(rand, count * 70);
  const sidecar = sidecarOf('article.txt', generateAnnotations(rand, text, count));
  const file = path.join(options.scratch, 'tagged.txt.annotations.yaml');
  const referenceFile = path.join(options.scratch, 'reference.txt.annotations.yaml');
  let source = writeSidecar(sidecar);
  writeFileSync(file, source);
  // As the sync engine does: the read prepares the text in its cache, each write splices into the last.
  const sources = new SourceCache();
  const annotations = readSidecar(source, sources).sidecar!.annotations;
  // The read-back of each write, kept as the engine keeps it (its merge base) and given to the next.
  let base: readonly Annotation[] | undefined;
  // The engine's revision of the document: its text does not change here, so the records stay as written.
  const revision = {};
  const tag = (run: number): void => {
    const start = (run * 7_919) % (count * 60);
    annotations.push({ id: `t${run.toString(16).padStart(7, '0')}`, label: 'claim', start, end: start + 25, text: `span ${run} “tagged” 😀`, created: '2026-12-05T10:00:00Z' });
    source = writeSidecar({ ...sidecar, annotations }, source, sources, revision);
    writeFileAtomic(file, sources.bytesOf(source) ?? source, { durable: false });
    base = readSidecar(source, sources, base).sidecar!.annotations;
  };
  const repeats = options.quick ? { warmup: 5, runs: 11 } : { warmup: 10, runs: 31 };
  const [ours, reference] = await medianPairMs(tag, () => writeFileAtomic(referenceFile, source, { durable: false }), repeats);
  return figure({
    name: `a tag written into a sidecar of ${count.toLocaleString('en-US')} annotations: splice, atomic write, read back`,
    n: count,
    median_ms: ours,
    reference: 'the atomic write alone of the same text, encoded whole',
    reference_median_ms: reference,
    target: '≤ 20 ms (a whole tag’s budget, issue 20); the file holds the text written',
    met: ours <= 20 && readFileSync(file, 'utf8') === source,
    details: { sidecar_bytes: Buffer.byteLength(source) },
  });
}
