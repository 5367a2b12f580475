/**
 * Import: a Label Studio export of 200 CRLF documents of 30,000 characters with 200 regions each
 * (40,000 regions, each with its value.text), parsed into spans against JSON.parse of the same file.
 * CRLF makes every offset move onto the LF text, the path a quadratic version once took.
 */
import { parseLabelStudio } from '../../src/core/import/labelstudio';
import { lowerBound } from '../../src/core/text';
import { generateAnnotations, generateProse, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';

const PER_DOCUMENT = 200;

/** The export, as Label Studio writes it for texts with CRLF line ends (offsets count the CR). */
function labelStudioExport(options: BenchOptions): string {
  const rand = seededRandom(16);
  const tasks = [];
  for (let d = 0; d < (options.quick ? 20 : 200); d++) {
    const text = generateProse(rand, 30_000);
    const raw = text.replace(/\n/g, '\r\n');
    const lineEnds = [...text].flatMap((c, at) => (c === '\n' ? [at] : []));
    const crBefore = (codePoint: number): number => lowerBound(lineEnds, codePoint);
    const result = generateAnnotations(rand, text, PER_DOCUMENT).map((a) => ({
      id: a.id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: a.start + crBefore(a.start), end: a.end + crBefore(a.end), text: a.text.replace(/\n/g, '\r\n'), labels: [a.label] },
    }));
    tasks.push({ id: d + 1, data: { text: raw }, annotations: [{ completed_by: 1, result }] });
  }
  return JSON.stringify(tasks);
}

export async function importLabelStudio(options: BenchOptions): Promise<Figure> {
  const content = labelStudioExport(options);
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 7 };
  const parsed = parseLabelStudio(content, 'bench.json');
  if (parsed.problems.length) throw new Error(`the bench export does not parse: ${parsed.problems[0]!.message}`);
  const regions = parsed.documents.reduce((n, d) => n + d.spans.length, 0);
  const ours = await medianMs(() => parseLabelStudio(content, 'bench.json'), repeats);
  const reference = await medianMs(() => JSON.parse(content), repeats);
  return figure({
    name: 'import a Label Studio export (CRLF texts)',
    n: regions,
    median_ms: ours,
    reference: 'JSON.parse of the same file',
    reference_median_ms: reference,
    target: '≤ 3× the reference',
    met: ours / reference <= 3,
    details: { characters: content.length },
  });
}
