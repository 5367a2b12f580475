/**
 * `marginalia agree` over two annotators' folders of 100,000 annotations each (1,000 documents × 100
 * spans; B moves a tenth of A's spans, relabels a twentieth and drops a twentieth), against reading
 * both trees alone (sidecars parsed, documents read) in the same run.
 */
import { promises as fsp, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { agreeCommand } from '../../src/cli/commands/agree';
import type { CliIO } from '../../src/cli/run';
import type { Annotation } from '../../src/core/model';
import { readSidecar } from '../../src/core/sidecar/read';
import { writeSidecar } from '../../src/core/sidecar/write';
import { seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';

const LABELS = ['claim', 'quote', 'figure'];
const SENTENCE = 'The council said on Friday that taxes would fall by five percent next year. ';

/** One document's text and A's and B's spans of it. */
function generateDocument(rand: () => number, spans: number): { text: string; a: Annotation[]; b: Annotation[] } {
  const text = SENTENCE.repeat(spans);
  const chars = [...text];
  const a: Annotation[] = [];
  const b: Annotation[] = [];
  for (let n = 0; n < spans; n++) {
    const start = n * SENTENCE.length + Math.floor(rand() * 20);
    const end = start + 5 + Math.floor(rand() * 40);
    const label = LABELS[Math.floor(rand() * LABELS.length)]!;
    const id = n.toString(16).padStart(8, '0');
    a.push({ id, label, start, end, text: chars.slice(start, end).join(''), attributes: { unit: 'percent' } });
    const roll = rand();
    if (roll < 0.05) continue; // dropped by B
    const moved = roll < 0.15 ? { start: start + 2, end: end + 3 } : { start, end };
    b.push({ id, label: roll > 0.95 ? LABELS[(LABELS.indexOf(label) + 1) % LABELS.length]! : label, ...moved, text: chars.slice(moved.start, moved.end).join(''), attributes: { unit: roll < 0.5 ? 'percent' : 'share' } });
  }
  return { text, a, b };
}

export async function agreeTwoTrees(options: BenchOptions): Promise<Figure> {
  const documents = options.quick ? 50 : 1_000;
  const spans = 100;
  const rand = seededRandom(17);
  const folders = { a: path.join(options.scratch, 'agree', 'a'), b: path.join(options.scratch, 'agree', 'b') };
  for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
  const files: string[] = [];
  for (let d = 0; d < documents; d++) {
    const name = `doc-${String(d).padStart(4, '0')}.txt`;
    const { text, a, b } = generateDocument(rand, spans);
    for (const [side, annotations] of [
      ['a', a],
      ['b', b],
    ] as const) {
      writeFileSync(path.join(folders[side], name), text);
      writeFileSync(path.join(folders[side], `${name}.annotations.yaml`), writeSidecar({ version: 1, document: name, annotations }));
      files.push(path.join(folders[side], name));
    }
  }
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 };
  const reference = await medianMs(async () => {
    for (const file of files) {
      readSidecar(await fsp.readFile(`${file}.annotations.yaml`, 'utf8'));
      await fsp.readFile(file, 'utf8');
    }
  }, repeats);
  const io: CliIO = { stdout: { write: () => true }, stderr: { write: (s: string) => process.stderr.write(s) }, cwd: path.join(options.scratch, 'agree') };
  const ours = await medianMs(() => agreeCommand(['a', 'b', '--json'], io), repeats);
  return figure({
    name: 'marginalia agree A B --json',
    n: documents * spans,
    median_ms: ours,
    reference: 'reading both trees alone (sidecars parsed, documents read)',
    reference_median_ms: reference,
    target: '≤ 2× the reference',
    met: ours / reference <= 2,
  });
}
