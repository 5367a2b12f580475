/** Export: 100,000 annotations to doccano JSONL, against JSON.stringify of the same records. */
import { doccanoExporter } from '../../src/core/export/doccano';
import { DEFAULT_LABEL_CONFIG } from '../../src/core/config';
import type { ExportDocument } from '../../src/core/export/types';
import { generateAnnotations, generateProse, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';

export async function exportDoccano(options: BenchOptions): Promise<Figure> {
  const documents = options.quick ? 100 : 2_000;
  const perDocument = 50;
  const rand = seededRandom(11);
  const docs: ExportDocument[] = [];
  for (let d = 0; d < documents; d++) {
    const text = generateProse(rand, 6_000);
    docs.push({ source: `corpus/doc-${String(d).padStart(4, '0')}.txt`, text, annotations: generateAnnotations(rand, text, perDocument) });
  }
  const repeats = options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 7 };
  const ours = await medianMs(() => doccanoExporter.write(docs, DEFAULT_LABEL_CONFIG), repeats);
  const reference = await medianMs(
    () => docs.map((d) => JSON.stringify({ text: d.text, annotations: d.annotations })).join('\n'),
    repeats,
  );
  const ratio = ours / reference;
  return figure({
    name: 'export to doccano JSONL',
    n: documents * perDocument,
    median_ms: ours,
    reference: 'JSON.stringify of the same documents and records',
    reference_median_ms: reference,
    target: '≤ 3× the reference',
    met: ratio <= 3,
  });
}
