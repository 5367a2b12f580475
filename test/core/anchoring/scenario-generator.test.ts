/**
 * The scenario generator's known answers (bench/scenarios/): the truth rules of `TrackedText`, the
 * verdicts of `classify`, and that scenarios are reproducible and their truths consistent.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { classify } from '../../../bench/scenarios/classify';
import { EDIT_KINDS, generateScenario, generateScenarios, loadSeeds } from '../../../bench/scenarios/generate';
import { TrackedText } from '../../../bench/scenarios/tracked-text';
import { normalizeText } from '../../../src/core/text';
import { REPO_ROOT } from '../../fixture-path';

const TEXT = 'Alpha beta gamma. Delta epsilon.';
/** "beta gamma" at 6..16. */
const SPAN = { start: 6, end: 16 };

function edited(edit: (t: TrackedText) => void): TrackedText {
  const t = new TrackedText(TEXT);
  edit(t);
  return t;
}

test('a span that no edit touches is intact, moved by the edits before it', () => {
  const t = edited((t) => t.splice(0, 0, 'New. '));
  assert.deepEqual(t.truth(SPAN.start, SPAN.end), { kind: 'intact', start: 11, end: 21, alternatives: [] });
});

test('a pure insertion exactly at a span’s edge is outside it', () => {
  const before = edited((t) => t.splice(6, 0, 'very '));
  assert.deepEqual(before.truth(SPAN.start, SPAN.end), { kind: 'intact', start: 11, end: 21, alternatives: [] });
  const after = edited((t) => t.splice(16, 0, ' rays'));
  assert.deepEqual(after.truth(SPAN.start, SPAN.end), { kind: 'intact', start: 6, end: 16, alternatives: [] });
});

test('an insertion strictly inside a span is inside it', () => {
  const t = edited((t) => t.splice(11, 0, 'and '));
  assert.equal(t.text, 'Alpha beta and gamma. Delta epsilon.');
  assert.deepEqual(t.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 20, alternatives: [] });
});

test('a replacement of a span’s first or last word is inside it', () => {
  const first = edited((t) => t.splice(6, 4, 'theta'));
  assert.deepEqual(first.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 17, alternatives: [] });
  const last = edited((t) => t.splice(11, 5, 'zeta'));
  assert.deepEqual(last.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 15, alternatives: [] });
});

test('a replacement keeps the characters it leaves as they were at its ends', () => {
  // "gamma." → "omega.": the full stop after the span is not part of the replacement.
  const t = edited((t) => t.splice(11, 6, 'omega.'));
  assert.equal(t.text, 'Alpha beta omega. Delta epsilon.');
  assert.deepEqual(t.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 16, alternatives: [] });
});

test('a replacement across a span’s edge may be taken either way', () => {
  // "gamma. Delta" (half in the span, half out) replaced by "rho": the span keeps "beta ", or takes "rho".
  const t = edited((t) => t.splice(11, 12, 'rho'));
  assert.equal(t.text, 'Alpha beta rho epsilon.');
  assert.deepEqual(t.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 11, alternatives: [{ start: 6, end: 14 }] });
});

test('a span whose text was deleted wholly is gone; partly, edited to what survives', () => {
  assert.equal(edited((t) => t.splice(5, 11, '')).truth(SPAN.start, SPAN.end).kind, 'gone');
  assert.equal(edited((t) => t.splice(6, 10, 'delta')).truth(SPAN.start, SPAN.end).kind, 'gone');
  const partly = edited((t) => t.splice(6, 5, ''));
  assert.deepEqual(partly.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 11, alternatives: [] });
});

test('a moved paragraph carries its spans; a copy is new text, the original stays the answer', () => {
  const text = 'One.\n\nTwo two.\n\nThree.\n';
  const moved = new TrackedText(text);
  moved.move(6, 10, 0); // "Two two.\n\n" to the top
  assert.equal(moved.text, 'Two two.\n\nOne.\n\nThree.\n');
  assert.deepEqual(moved.truth(6, 13), { kind: 'intact', start: 0, end: 7, alternatives: [] });
  const copied = new TrackedText(text);
  copied.splice(0, 0, 'Two two.\n\n');
  assert.deepEqual(copied.truth(6, 13), { kind: 'intact', start: 16, end: 23, alternatives: [] });
});

test('an emoji counts as one code point', () => {
  const t = edited((t) => t.splice(0, 0, '🇺🇦 '));
  assert.deepEqual(t.truth(SPAN.start, SPAN.end), { kind: 'intact', start: 9, end: 19, alternatives: [] });
});

test('classify: wrong placements are silently wrong; orphans are right only when the text is gone', () => {
  const codePoints = [...'Alpha beta gamma.'];
  const intact = { kind: 'intact' as const, start: 6, end: 10, alternatives: [] };
  const gone = { kind: 'gone' as const, start: -1, end: -1, alternatives: [] };
  const edit = { kind: 'edited' as const, start: 6, end: 16, alternatives: [] };
  assert.equal(classify(intact, { start: 6, end: 10, text: 'beta' }, codePoints), 'exact');
  assert.equal(classify(intact, { start: 6, end: 11, text: 'beta ' }, codePoints), 'silently-wrong');
  assert.equal(classify(intact, { start: 6, end: 10, text: 'bet' }, codePoints), 'silently-wrong', 'text not the document’s');
  assert.equal(classify(intact, null, codePoints), 'orphaned-wrongly');
  assert.equal(classify(gone, null, codePoints), 'orphaned-rightly');
  assert.equal(classify(gone, { start: 0, end: 5, text: 'Alpha' }, codePoints), 'silently-wrong');
  assert.equal(classify(edit, { start: 6, end: 16, text: 'beta gamma' }, codePoints), 'edited-correctly');
  assert.equal(classify(edit, { start: 5, end: 16, text: ' beta gamma' }, codePoints), 'edited-correctly', 'a space at an edge');
  assert.equal(classify(edit, { start: 7, end: 16, text: 'eta gamma' }, codePoints), 'silently-wrong', 'a cut word');
  assert.equal(classify(edit, null, codePoints), 'orphaned-edited');
});

const seeds = loadSeeds(path.join(REPO_ROOT, 'seeds'));

test('scenarios are reproducible: scenario n is the same every time', () => {
  const again = generateScenario(seeds[3 % seeds.length]!, 3);
  assert.deepEqual(generateScenarios(seeds, 1, 3)[0], again);
  assert.notDeepEqual(generateScenarios(seeds, 1, 4)[0]!.newText, again.newText);
});

test('every scenario is consistent: the raw file reads as its text, every truth lies on it, every kind occurs', () => {
  const scenarios = generateScenarios(seeds, 300);
  const kinds = new Set<string>();
  for (const s of scenarios) {
    assert.equal(normalizeText(s.raw), s.newText, `scenario ${s.number}`);
    const codePoints = [...s.newText];
    s.truths.forEach((truth, i) => {
      const a = s.annotations[i]!;
      if (truth.kind === 'intact') assert.equal(codePoints.slice(truth.start, truth.end).join(''), a.text, `scenario ${s.number}, ${a.id}`);
      if (truth.kind === 'edited') assert.notEqual(codePoints.slice(truth.start, truth.end).join(''), a.text, `scenario ${s.number}, ${a.id}`);
    });
    for (const e of s.edits) kinds.add(e.replace(/[ :(].*/, ''));
  }
  for (const kind of EDIT_KINDS) assert.ok(kinds.has(kind), `some scenario has a ${kind} edit`);
  assert.ok(kinds.has('saved'), 'some scenario is saved with CRLF or a BOM');
});
