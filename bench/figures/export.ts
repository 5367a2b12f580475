/**
 * Export: 100,000 annotations to doccano JSONL, and 100,000 claims to ClaimReview JSON-LD, each
 * against JSON.stringify of the same records. Every document has a `source:` header, as a corpus of
 * news reports would.
 */
import { claimReviewExporter } from '../../src/core/export/claimreview';
import { doccanoExporter } from '../../src/core/export/doccano';
import { DEFAULT_LABEL_CONFIG } from '../../src/core/config';
import type { ExportDocument } from '../../src/core/export/types';
import type { Annotation } from '../../src/core/model';
import { generateAnnotations, generateProse, seededRandom } from '../data';
import { figure, type BenchOptions, type Figure } from '../figure';
import { medianMs } from '../measure';

const PER_DOCUMENT = 50;
const VERDICTS = ['True', 'Mostly true', 'Misleading', 'False'];

function corpus(options: BenchOptions, claims: boolean): ExportDocument[] {
  const documents = options.quick ? 100 : 2_000;
  const rand = seededRandom(11);
  const docs: ExportDocument[] = [];
  for (let d = 0; d < documents; d++) {
    const text = generateProse(rand, 6_000);
    let annotations = generateAnnotations(rand, text, PER_DOCUMENT);
    if (claims) {
      // Every claim of the ClaimReview corpus: half with a verdict, a third linked to one of 500 entities.
      annotations = annotations.map((a, i): Annotation => ({
        ...a,
        label: 'claim',
        ...(i % 3 === 0 ? { entity: `claim-${(d * PER_DOCUMENT + i) % 500}` } : {}),
        ...(i % 2 === 0 ? { attributes: { verdict: VERDICTS[(d * PER_DOCUMENT + i) % 500 % VERDICTS.length]! } } : {}),
      }));
    }
    const publication = { outlet: `Outlet ${d % 40}`, url: `https://news.example/${d}`, published: `2021-12-${String((d % 28) + 1).padStart(2, '0')}` };
    docs.push({ source: `corpus/doc-${String(d).padStart(4, '0')}.txt`, text, annotations, publication });
  }
  return docs;
}

function repeatsOf(options: BenchOptions): { warmup: number; runs: number } {
  return options.quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 7 };
}

/** The figure of an export whose target is at most three times the time of its reference. */
function withinThreeTimes(name: string, docs: ExportDocument[], ours: number, referenceName: string, reference: number): Figure {
  return figure({
    name,
    n: docs.length * PER_DOCUMENT,
    median_ms: ours,
    reference: referenceName,
    reference_median_ms: reference,
    target: '≤ 3× the reference',
    met: ours / reference <= 3,
  });
}

export async function exportDoccano(options: BenchOptions): Promise<Figure> {
  const docs = corpus(options, false);
  const repeats = repeatsOf(options);
  const ours = await medianMs(() => doccanoExporter.write(docs, DEFAULT_LABEL_CONFIG), repeats);
  const reference = await medianMs(
    () => docs.map((d) => JSON.stringify({ text: d.text, annotations: d.annotations })).join('\n'),
    repeats,
  );
  return withinThreeTimes('export to doccano JSONL', docs, ours, 'JSON.stringify of the same documents and records', reference);
}

export async function exportClaimReview(options: BenchOptions): Promise<Figure> {
  const docs = corpus(options, true);
  const repeats = repeatsOf(options);
  const review = { reviewAuthor: 'Example Fact Check', reviewUrl: 'https://factcheck.example/a', reviewDate: '2026-12-04' };
  const ours = await medianMs(() => claimReviewExporter.write(docs, DEFAULT_LABEL_CONFIG, review), repeats);
  // The records without the documents' texts, which ClaimReview does not carry.
  const reference = await medianMs(() => JSON.stringify(docs.map((d) => ({ source: d.source, publication: d.publication, annotations: d.annotations })), null, 2), repeats);
  return withinThreeTimes('export claims to ClaimReview JSON-LD', docs, ours, 'JSON.stringify (indented) of the same records and headers', reference);
}
