/**
 * Agreement on the fixtures of test/fixtures/agreement, whose figures its README works out by hand,
 * and against a brute-force κ computed code point by code point.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { measureAgreement } from '../../../src/core/agreement/agreement';
import { renderAgreementMarkdown } from '../../../src/core/agreement/render';
import { side } from './fixture-sides';
import type { Annotation } from '../../../src/core/model';

const close = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${what}: ${actual} instead of ${expected}`);
};

test('the fixtures give the figures worked out by hand in their README', () => {
  const report = measureAgreement(side('a'), side('b'));
  assert.equal(report.documents, 1);
  assert.deepEqual(Object.keys(report.labels), ['claim', 'figure', 'quote']);
  const { claim, figure, quote } = report.labels as Record<string, NonNullable<(typeof report.labels)[string]>>;
  assert.deepEqual([claim!.a, claim!.b, claim!.exact_f1, claim!.overlap_f1], [2, 2, 0.5, 0.5]);
  close(claim!.kappa, -1844 / 4428, 'claim κ');
  assert.deepEqual([figure!.a, figure!.b, figure!.exact_f1, figure!.overlap_f1], [2, 2, 0.5, 1]);
  close(figure!.kappa, 1848 / 2730, 'figure κ');
  assert.deepEqual(figure!.attributes, { unit: { pairs: 2, equal: 1, agreement: 0.5 } });
  assert.deepEqual([quote!.exact_f1, quote!.overlap_f1, quote!.kappa], [1, 1, 1]);
  assert.deepEqual(quote!.attributes, { speaker: { pairs: 1, equal: 1, agreement: 1 } });
  assert.equal(report.overall.exact_f1, 0.6);
  assert.equal(report.overall.overlap_f1, 0.8);
  close(report.overall.kappa, (-1844 / 4428 + 1848 / 2730 + 1) / 3, 'overall κ');
  assert.deepEqual(report.left_out, {
    only_in_a: ['only-a.txt'],
    only_in_b: [],
    text_differs: ['edited.txt'],
    text_missing: [],
    orphaned: { a: 0, b: 1 },
    drifted: { a: 0, b: 0 },
  });
});

/** κ of one label counted the slow way: one judgement per code point per side. */
function bruteForceKappa(documents: { length: number; a: Annotation[]; b: Annotation[] }[], label: string): number {
  const counts = [0, 0, 0, 0]; // [neither, A only, B only, both]
  for (const d of documents) {
    const inA = new Array<boolean>(d.length).fill(false);
    const inB = new Array<boolean>(d.length).fill(false);
    for (const r of d.a) if (r.label === label) for (let i = r.start; i < r.end; i++) inA[i] = true;
    for (const r of d.b) if (r.label === label) for (let i = r.start; i < r.end; i++) inB[i] = true;
    for (let i = 0; i < d.length; i++) counts[(inA[i] ? 1 : 0) + (inB[i] ? 2 : 0)]!++;
  }
  const n = counts.reduce((x, y) => x + y, 0);
  const pa = (counts[1]! + counts[3]!) / n;
  const pb = (counts[2]! + counts[3]!) / n;
  const po = (counts[0]! + counts[3]!) / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return (po - pe) / (1 - pe);
}

test('κ over several documents with nested and overlapping spans equals a code-point-by-code-point count', () => {
  let seed = 11;
  const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  const labels = ['claim', 'quote'];
  const documents = Array.from({ length: 5 }, (_, k) => {
    const text = `Document ${k}: ` + 'word '.repeat(20 + random(40));
    const chars = [...text];
    const records = (prefix: string): Annotation[] =>
      Array.from({ length: 1 + random(6) }, (_, i) => {
        const start = random(chars.length - 1);
        const end = start + 1 + random(Math.min(30, chars.length - start - 1));
        return { id: `${prefix}${k}${i}`, label: labels[random(2)]!, start, end, text: chars.slice(start, end).join('') };
      });
    return { document: `d${k}.txt`, text, length: chars.length, a: records('a'), b: records('b') };
  });
  const report = measureAgreement(
    documents.map((d) => ({ document: d.document, annotations: d.a, text: d.text })),
    documents.map((d) => ({ document: d.document, annotations: d.b, text: d.text })),
  );
  for (const label of labels) close(report.labels[label]!.kappa, bruteForceKappa(documents, label), `${label} κ`);
});

test('a label only marked with empty spans has no κ, says why, and is left out of the overall mean', () => {
  const text = 'Taxes will fall.';
  const claim: Annotation = { id: 'c1', label: 'claim', start: 0, end: 5, text: 'Taxes' };
  const empty: Annotation = { id: 'e1', label: 'figure', start: 6, end: 6, text: '' };
  const report = measureAgreement([{ document: 'd.txt', annotations: [claim, empty], text }], [{ document: 'd.txt', annotations: [claim, { ...empty, id: 'e2' }], text }]);
  assert.equal(report.labels.figure!.kappa, null);
  assert.equal(report.labels.figure!.kappa_undefined, 'neither side marked any text with this label');
  assert.equal(report.overall.kappa, 1);
  assert.deepEqual(report.overall.kappa_left_out, ['figure']);
  assert.match(renderAgreementMarkdown(report, 'alice', 'bob'), /κ of `figure` is undefined: neither side marked any text with this label\./);
});

test('records no longer on their text are left out and counted, not compared at stale offsets', () => {
  const text = 'Taxes will fall.';
  const held: Annotation = { id: 'c1', label: 'claim', start: 0, end: 5, text: 'Taxes' };
  const drifted: Annotation = { id: 'c2', label: 'claim', start: 6, end: 10, text: 'rise' };
  const report = measureAgreement([{ document: 'd.txt', annotations: [held, drifted], text }], [{ document: 'd.txt', annotations: [held], text }]);
  assert.deepEqual(report.left_out.drifted, { a: 1, b: 0 });
  assert.equal(report.labels.claim!.exact_f1, 1);
});

test('a document whose text cannot be read on one side is listed, not compared', () => {
  const a = [{ document: 'd.txt', annotations: [], text: 'x' }];
  const b = [{ document: 'd.txt', annotations: [], text: undefined }];
  const report = measureAgreement(a, b);
  assert.equal(report.documents, 0);
  assert.deepEqual(report.left_out.text_missing, ['d.txt']);
  assert.equal(report.overall.exact_f1, null);
  assert.equal(report.overall.kappa, null);
});
