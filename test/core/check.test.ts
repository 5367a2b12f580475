// checkAnnotations: every annotation that does not sit on its text is reported at its record's line;
// with fix, the drifted ones are re-anchored and the fixed sidecar is returned only when something changed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkAnnotations } from '../../src/core/check';
import type { Annotation, Sidecar } from '../../src/core/model';

const TEXT = 'Rain is falling 😀 over the quiet harbour tonight.';

function sidecar(...annotations: Annotation[]): Sidecar {
  return { version: 1, document: 'a.txt', annotations };
}

/** An annotation on the first occurrence of `text` in TEXT, offsets in code points. */
function on(id: string, text: string, shift = 0): Annotation {
  const start = [...TEXT.slice(0, TEXT.indexOf(text))].length + shift;
  return { id, label: 'claim', start, end: start + [...text].length, text };
}

test('annotations that sit on their text give no finding, offsets counted in code points', () => {
  const result = checkAnnotations(sidecar(on('a', 'quiet harbour'), on('b', '😀 over')), TEXT, new Map(), false);
  assert.deepEqual(result, { findings: [], fixed: undefined, outcomes: [] });
});

test('a shifted annotation is a text-mismatch at its record line, quoting both texts', () => {
  const result = checkAnnotations(sidecar(on('a', 'quiet harbour', 2)), TEXT, new Map([['a', 7]]), false);
  assert.equal(result.findings.length, 1);
  const [finding] = result.findings;
  assert.equal(finding!.code, 'text-mismatch');
  assert.equal(finding!.line, 7);
  assert.equal(finding!.annotationId, 'a');
  assert.match(finding!.message, /"iet harbour t"/);
  assert.match(finding!.message, /"quiet harbour"/);
});

test('offsets past the end of the document are reported as out of range', () => {
  const annotation: Annotation = { id: 'a', label: 'claim', start: 40, end: 400, text: 'x' };
  assert.deepEqual(checkAnnotations(sidecar(annotation), TEXT, new Map(), false).findings.map((f) => [f.code, f.line]), [['offset-out-of-range', 1]]);
});

test('an orphaned record is always reported, even when its offsets happen to match', () => {
  const orphan = { ...on('a', 'Rain'), status: 'orphaned' as const };
  const result = checkAnnotations(sidecar(orphan), TEXT, new Map(), false);
  assert.deepEqual(result.findings.map((f) => f.code), ['orphaned']);
});

test('with fix, a drifted annotation is moved back to its text and the fixed sidecar returned', () => {
  const drifted = on('a', 'quiet harbour', 2);
  const input = sidecar(on('b', 'Rain'), drifted);
  const result = checkAnnotations(input, TEXT, new Map(), true);
  assert.deepEqual(result.findings, []);
  assert.deepEqual(result.fixed?.annotations, [on('b', 'Rain'), on('a', 'quiet harbour')]);
  assert.deepEqual(result.outcomes.map((o) => [o.position, o.outcome]), [[1, 'moved']]);
  assert.deepEqual(input.annotations[1], drifted, 'the input is not changed');
});

test('with fix and nothing drifted, nothing is rewritten', () => {
  const result = checkAnnotations(sidecar(on('a', 'Rain')), TEXT, new Map(), true);
  assert.equal(result.fixed, undefined);
  assert.deepEqual(result.findings, []);
});

test('with fix, text that is gone is kept as orphaned and reported', () => {
  const gone: Annotation = { id: 'g', label: 'quote', start: 0, end: 24, text: 'Completely different words' };
  const result = checkAnnotations(sidecar(gone), TEXT, new Map([['g', 4]]), true);
  assert.deepEqual(result.findings.map((f) => [f.code, f.line]), [['orphaned', 4]]);
  assert.equal(result.fixed?.annotations[0]?.status, 'orphaned');
  assert.equal(result.fixed?.annotations[0]?.text, gone.text, 'the record is kept, its text as it was');
});

test('two records with the same id each keep their own result', () => {
  const result = checkAnnotations(sidecar(on('d', 'Rain'), on('d', 'quiet harbour', 1)), TEXT, new Map(), true);
  assert.deepEqual(result.fixed?.annotations, [on('d', 'Rain'), on('d', 'quiet harbour')]);
});

test('an empty document: every annotation is out of range', () => {
  assert.deepEqual(checkAnnotations(sidecar(on('a', 'Rain')), '', new Map(), false).findings.map((f) => f.code), ['offset-out-of-range']);
});

test('with fix, a re-anchored annotation keeps its relations, and those pointing at it still name its id', () => {
  const quote = { ...on('q', 'quiet harbour', 3), relations: [{ type: 'same-as', to: 'r' }] };
  const rain = { ...on('r', 'Rain', 1), relations: [{ type: 'same-as', to: 'q', document: 'b.txt' }] };
  const result = checkAnnotations(sidecar(quote, rain), TEXT, new Map(), true);
  const fixed = result.fixed!.annotations;
  assert.deepEqual(
    fixed.map((a) => [a.id, a.text, a.start, a.relations]),
    [
      ['q', 'quiet harbour', on('q', 'quiet harbour').start, quote.relations],
      ['r', 'Rain', 0, rain.relations],
    ],
  );
});

test('with fix, an annotation two diffs as good place differently is orphaned and the finding says so', () => {
  // The paragraph moved below the next one and also copied further down: "moved here, copied there" is the same text as the reverse.
  const paragraph = 'The army had about 265,000 troops at the border, officials said.\n\n';
  const before = `Intro line.\n\n${paragraph}The talks stalled.\n`;
  const after = `Intro line.\n\nThe talks stalled.\n\n${paragraph}More talks.\n\n${paragraph}`;
  const start = before.indexOf('about 265,000 troops');
  const a: Annotation = { id: 'r', label: 'claim', start, end: start + 'about 265,000 troops'.length, text: 'about 265,000 troops' };
  const result = checkAnnotations(sidecar(a), after, new Map([['r', 4]]), true, { previousText: before });
  assert.deepEqual(result.findings.map((f) => [f.code, f.line]), [['orphaned', 4]]);
  assert.match(result.findings[0]!.message, /cannot be placed for sure/);
  assert.doesNotMatch(result.findings[0]!.message, /was deleted/);
});

test('with fix, the annotations that still hold are the search’s witnesses: an echo on its old offsets is orphaned', () => {
  // Scenario 264841's shape: a paragraph rewritten, its `dangerous point` echoed by the new text so that
  // the echo stands exactly on the quote's old offsets. Passed alone, the two drifted annotations could
  // not show the passage rewritten around the one that held.
  const denied = 'Moscow has denied plans to attack its neighbor, officials said.';
  const paragraph = 'Deputy Foreign Minister Sergei Ryabkov said that relations with the West have approached a “dangerous point,” noting that drills near Russia have raised “unacceptable” threats to its security.';
  const echo = '“We will see,” an aide said when asked about the talks ahead. Earlier reports had spoken of dangerous point as well.';
  const last = 'Ryabkov told reporters that Moscow proposed talks in Geneva, which the U.S. has not yet answered.';
  const before = `Intro.\n${denied}\n${paragraph}\n${last}\n`;
  const after = before.replace(paragraph, echo);
  assert.equal(after.indexOf('dangerous point'), before.indexOf('dangerous point'));
  const at = (text: string, id: string): Annotation => {
    const start = before.indexOf(text);
    return { id, label: 'quote', start, end: start + text.length, text, prefix: before.slice(Math.max(0, start - 32), start), suffix: before.slice(start + text.length, start + text.length + 32) };
  };
  const annotations = [at(denied, 'a'), at('Deputy Foreign Minister Sergei Ryabkov', 'b'), at('dangerous point', 'c'), at('unacceptable', 'd'), at(last, 'e')];
  const result = checkAnnotations(sidecar(...annotations), after, new Map(), true);
  assert.deepEqual(result.outcomes.map((o) => [o.annotation.id, o.outcome]), [['b', 'orphaned'], ['c', 'orphaned'], ['d', 'orphaned'], ['e', 'moved']]);
  assert.equal(result.fixed?.annotations[2]?.status, 'orphaned');
});
