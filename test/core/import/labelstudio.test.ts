import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_LABEL_CONFIG } from '../../../src/core/config';
import { parseLabelStudio } from '../../../src/core/import/labelstudio';
import { mergeImported } from '../../../src/core/import/merge';
import type { ImportedDocument } from '../../../src/core/import/types';
import { fixturePath } from '../../fixture-path';

const NAME = 'labelstudio-project.json';
const parsed = parseLabelStudio(readFileSync(fixturePath('import', NAME), 'utf8'), NAME);
const [article, notes, skipped] = parsed.documents as [ImportedDocument, ImportedDocument, ImportedDocument];

/** The text a span covers in its document's (normalised) text, counted in code points. */
function covered(document: ImportedDocument, span: { start: number | undefined; end: number | undefined }): string {
  return [...document.text!].slice(span.start, span.end).join('');
}

test('labelstudio: one document per task, its text with CRLF read as LF, named by meta.source, file_upload or task id', () => {
  assert.equal(parsed.documents.length, 3);
  assert.ok(article.text!.includes('quarter.\nAnalysts'), 'CRLF is read as LF');
  assert.deepEqual(article.candidates, ['task-7.txt']);
  assert.deepEqual(notes.candidates, ['notes.txt'], "Label Studio's upload prefix is dropped");
  assert.equal(notes.text, 'Plain notes.', "the text is data's only string field besides the source header");
  assert.deepEqual(notes.publication, { outlet: 'Daily' });
  assert.deepEqual(skipped.spans, []);
  assert.ok(parsed.ignored.some((n) => /\[2\]\.annotations\[0\]: the annotator skipped the task \(was_cancelled\)/.test(n)));
});

test('labelstudio: code-point offsets after an emoji and after a CRLF land on the text value.text gives', () => {
  const first = article.spans.filter((s) => s.origin.includes('.annotations[0].'));
  assert.deepEqual(
    first.map((s) => [s.id, s.label, s.start, s.end, covered(article, s)]),
    [
      ['ceo', 'person', 14, 21, 'the CEO'],
      ['rev', 'claim', 27, 60, 'revenue rose 12% 📈 in the quarter'],
      ['fell', 'claim', 76, 83, 'it fell'],
    ],
  );
  for (const span of first) assert.equal(span.text, covered(article, span));
  assert.equal(first[1]!.note, 'needs a source', "a region's meta.text is its note");
});

test('labelstudio: UTF-16 offsets of an older export are recognised by value.text and converted to code points, with a note', () => {
  const older = article.spans.find((s) => s.origin.includes('.annotations[1].'))!;
  assert.deepEqual([older.start, older.end, covered(article, older)], [27, 60, 'revenue rose 12% 📈 in the quarter']);
  assert.ok(parsed.ignored.some((n) => /^labelstudio-project\.json: 1 regions counted in UTF-16 units/.test(n)));
});

test('labelstudio: a value.text that the text does not hold at the region is reported, not imported', () => {
  assert.ok(!article.spans.some((s) => s.id === 'bad'));
  const problem = parsed.problems.find((p) => p.origin === `${NAME} [0].annotations[0].result[3]`);
  assert.match(problem?.message ?? '', /value\.text is "quartet", but the task's text holds "quarter" at 53\.\.60/);
});

test('labelstudio: each annotation is imported with its annotator as author; region keys are told apart per annotation', () => {
  assert.deepEqual(
    article.spans.map((s) => [s.key, s.author]),
    [
      ['ceo', 'Label Studio user 3'],
      ['rev', 'Label Studio user 3'],
      ['fell', 'Label Studio user 3'],
      ['rev (annotations[1])', 'ana@example.org'],
    ],
  );
  assert.ok(!article.spans.some((s) => s.label === 'person' && s.origin.includes('predictions')), 'predictions are not imported when the task has annotations');
});

test('labelstudio: predictions are imported only when a task has no annotations, and that is said', () => {
  assert.deepEqual(
    notes.spans.map((s) => [s.label, covered(notes, s), s.origin]),
    [['claim', 'notes', `${NAME} [1].predictions[0].result[0]`]],
  );
  assert.ok(parsed.ignored.includes(`${NAME} [1]: the task has no annotations; its 1 prediction(s) are imported instead`));
});

test('labelstudio: relations by direction (left swaps the ends, bi is marked); one to a region that is not there is reported', () => {
  assert.deepEqual(
    article.relations!.map((r) => [r.type, r.from, r.to, r.bidirectional ?? false]),
    [
      ['said-by', 'rev', 'ceo', false],
      ['contradicts', 'rev', 'fell', true],
      ['said-by', 'fell', 'ceo', true],
    ],
  );
  const problem = parsed.problems.find((p) => p.origin === `${NAME} [0].annotations[0].result[8]`);
  assert.equal(problem?.message, 'relation supports: region gone is not a labelled text region of this annotation');
});

test('labelstudio: a relation naming an id two regions of one annotation share is reported, not given to either', () => {
  const region = (start: number, end: number) => ({ id: 'r1', type: 'labels', value: { start, end, labels: ['claim'] } });
  const task = { id: 1, data: { text: 'Taxes fall. Rates rise.' }, annotations: [{ result: [region(0, 11), region(12, 23), { type: 'relation', from_id: 'r1', to_id: 'r1', labels: ['same-as'] }] }] };
  const shared = parseLabelStudio(JSON.stringify([task]), 'shared.json');
  assert.equal(shared.documents[0]!.spans.length, 2, 'both regions are imported');
  assert.equal(shared.documents[0]!.relations, undefined);
  assert.match(shared.problems.map((p) => p.message).join('\n'), /two regions of this annotation have the id "r1"/);
});

test('labelstudio: results that are not text spans are named in a note (HyperText regions, choices)', () => {
  assert.ok(parsed.ignored.some((n) => /results of type "hypertextlabels" \(spans over HTML/.test(n)));
  assert.ok(parsed.ignored.some((n) => /results of type "choices"/.test(n)));
});

test('labelstudio: one task object instead of an array; not JSON is a problem', () => {
  const one = parseLabelStudio(JSON.stringify({ id: 1, data: { text: 'a 😀 b' }, annotations: [{ result: [{ id: 'x', type: 'labels', value: { start: 4, end: 5, labels: ['claim'] } }] }] }), 'one.json');
  assert.deepEqual(
    one.documents[0]!.spans.map((s) => [s.start, s.end, s.text]),
    [[4, 5, 'b']],
  );
  assert.ok(one.ignored.some((n) => /without value\.text .* read in code points/.test(n)), 'without value.text the reading cannot be checked: said');
  assert.match(parseLabelStudio('[{', 'x.json').problems[0]!.message, /not valid JSON/);
  const minimal = parseLabelStudio(JSON.stringify([{ id: 1, text: 'a b', label: [{ start: 0, end: 1, text: 'a', labels: ['claim'] }] }]), 'min.json');
  assert.deepEqual(minimal.documents, []);
  assert.match(minimal.problems[0]!.message, /^the task has no text: .*JSON-MIN export.*export as JSON\)$/);
});

test('labelstudio: a region across a CRLF, after a BOM and an emoji, counted as Label Studio counts (CR included) and moved onto the LF text', () => {
  const text = '\uFEFFab\r\ncd 😀\r\nef';
  const points = [...text];
  const [start, end] = [points.indexOf('b'), points.indexOf('f')];
  const task = { id: 1, data: { text }, annotations: [{ result: [{ id: 'r', type: 'labels', value: { start, end, text: points.slice(start, end).join(''), labels: ['claim'] } }] }] };
  const [document] = parseLabelStudio(JSON.stringify(task), 'crlf.json').documents;
  assert.equal(document!.text, 'ab\ncd 😀\nef');
  assert.deepEqual(
    document!.spans.map((s) => [s.start, s.end, s.text]),
    [[1, 9, 'b\ncd 😀\ne']],
  );
});

test('labelstudio: a relation to a region whose first label is not configured goes to the span of a label that is', () => {
  const text = 'Smith said "We will win."';
  const task = {
    id: 1,
    data: { text },
    annotations: [
      {
        result: [
          { id: 'r1', type: 'labels', value: { start: 0, end: 5, text: 'Smith', labels: ['unconfigured', 'claim'] } },
          { id: 'r2', type: 'labels', value: { start: 11, end: 25, text: '"We will win."', labels: ['quote'] } },
          { type: 'relation', from_id: 'r2', to_id: 'r1', direction: 'right', labels: ['said-by'] },
        ],
      },
    ],
  };
  const [document] = parseLabelStudio(JSON.stringify([task]), 'task.json').documents;
  const merged = mergeImported([], document!.spans, text, undefined, DEFAULT_LABEL_CONFIG, document!.relations);
  assert.equal(merged.skipped.length, 1, 'the unconfigured label is skipped');
  assert.deepEqual(merged.skippedRelations, []);
  const claim = merged.annotations.find((a) => a.label === 'claim')!;
  assert.deepEqual(merged.annotations.find((a) => a.label === 'quote')!.relations, [{ type: 'said-by', to: claim.id }]);
});

test('labelstudio: a label that is not a name, and a result of no known type, are each reported with its task and result id', () => {
  const name = 'labelstudio-odd-results.json';
  const odd = parseLabelStudio(readFileSync(fixturePath('import', name), 'utf8'), name);
  const [document] = odd.documents;
  assert.deepEqual(
    document!.spans.map((s) => [s.id, s.label, s.text]),
    [
      ['ok', 'claim', 'taxes fell by 3%'],
      ['mixed', 'figure', '3%'],
    ],
    "a region's label names are imported; nothing is made of what is not a name",
  );
  const at = (r: number): string => `${name} [0].annotations[0].result[${r}]`;
  assert.deepEqual(
    odd.problems.map((p) => [p.origin, p.message]),
    [
      [at(1), 'result "mixed": value.labels[1] is 7, not a label name: not imported as a label'],
      [at(2), 'result "num": value.labels[0] is 42, not a label name: not imported as a label'],
      [at(3), 'result "nul": value.labels[0] is null, not a label name: not imported as a label'],
      [at(4), 'result "obj": value.labels[0] is {"name":"person"}, not a label name: not imported as a label'],
      [at(5), 'result "str": value.labels is "person", not a list of label names: not imported'],
      [at(6), 'result "notype": the result has no "type": not imported'],
      [at(7), 'result "weird": unknown result type "spans" (expected "labels", "relation" or another Label Studio type): not imported'],
      [at(8), 'result 9: the result\'s "type" is 3, not a Label Studio result type: not imported'],
      [at(9), 'the relation ok → mixed: labels[0] is null, not a relation type: not imported'],
    ],
  );
  assert.equal(document!.relations, undefined);
  assert.deepEqual(odd.ignored, [`${name}: 1 results of type "choices" (not spans: not imported)`], 'a known type that is not a span is noted, as before');
});
