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

/** Three sentences for the edge rules: the span 6..31, `beta gamma. Delta epsilon`, holds parts of the first two. */
const SENTENCES = 'Alpha beta gamma. Delta epsilon. Zeta.';

/** `text` after the splices `[at, length, inserted]`, in order. */
function spliced(text: string, ...splices: [number, number, string][]): TrackedText {
  const t = new TrackedText(text);
  for (const [at, length, inserted] of splices) t.splice(at, length, inserted);
  return t;
}

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

test('an edge word inserted again beside itself inside a span may have gone in outside it: the text is the same', () => {
  // "beta beta gamma": "beta " inserted after "beta " (inside) reads as "beta " inserted before the span.
  const first = edited((t) => t.splice(11, 0, 'beta '));
  assert.equal(first.text, 'Alpha beta beta gamma. Delta epsilon.');
  assert.deepEqual(first.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 21, alternatives: [{ start: 11, end: 21 }] });
  const last = edited((t) => t.splice(11, 0, 'gamma '));
  assert.equal(last.text, 'Alpha beta gamma gamma. Delta epsilon.');
  assert.deepEqual(last.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 22, alternatives: [{ start: 6, end: 16 }] });
  // A word that does not repeat its neighbour cannot slide out.
  const other = edited((t) => t.splice(11, 0, 'beat '));
  assert.deepEqual(other.truth(SPAN.start, SPAN.end).alternatives, []);
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
  copied.copy(6, 8, 0, '\n\n');
  assert.equal(copied.text, 'Two two.\n\nOne.\n\nTwo two.\n\nThree.\n');
  assert.deepEqual(copied.truth(6, 13), { kind: 'intact', start: 16, end: 23, alternatives: [] });
});

/** Four paragraphs; "Two two" at 6..13 in the second, "Three" at 16..21 in the third. */
const PARAGRAPHS = 'One.\n\nTwo two.\n\nThree.\n\nFour.\n';

test('a paragraph moved and copied is undetermined: each copy is as true as the moved original', () => {
  // Moved to the end, then copied to the top: the same text as moved to the top and copied to the end.
  const movedThenCopied = new TrackedText(PARAGRAPHS);
  movedThenCopied.move(6, 10, PARAGRAPHS.length);
  movedThenCopied.copy(20, 8, 0, '\n\n');
  assert.equal(movedThenCopied.text, 'Two two.\n\nOne.\n\nThree.\n\nFour.\nTwo two.\n\n');
  assert.deepEqual(movedThenCopied.truth(6, 13), { kind: 'intact', start: 30, end: 37, alternatives: [{ start: 0, end: 7 }], undetermined: true });
  // Copied to the top, then the original moved to the end.
  const copiedThenMoved = new TrackedText(PARAGRAPHS);
  copiedThenMoved.copy(6, 8, 0, '\n\n');
  copiedThenMoved.move(16, 10, copiedThenMoved.length);
  assert.equal(copiedThenMoved.text, movedThenCopied.text);
  assert.deepEqual(copiedThenMoved.truth(6, 13), movedThenCopied.truth(6, 13));
});

test('a paragraph moved and copied, then the moved one edited, is undetermined: the unedited copy may be the original', () => {
  // Scenario 73356: moved, copied, the moved one then edited — the same text as moved to where the copy
  // is, copied back, and the copy edited: as many edits.
  const moved = new TrackedText(PARAGRAPHS);
  moved.move(6, 10, PARAGRAPHS.length);
  moved.copy(20, 8, 0, '\n\n');
  moved.splice(moved.text.lastIndexOf('two.'), 3, 'TWO');
  assert.equal(moved.text, 'Two two.\n\nOne.\n\nThree.\n\nFour.\nTwo TWO.\n\n');
  assert.deepEqual(moved.truth(6, 13), { kind: 'edited', start: 30, end: 37, alternatives: [{ start: 0, end: 7 }], undetermined: true });
  // A paragraph that stayed, copied, then edited: the copy is one edit, the other story three.
  const stayed = new TrackedText(PARAGRAPHS);
  stayed.copy(6, 8, 0, '\n\n');
  stayed.splice(stayed.text.lastIndexOf('two.'), 3, 'TWO');
  assert.deepEqual(stayed.truth(6, 13), { kind: 'edited', start: 16, end: 23, alternatives: [] });
});

test('a paragraph swapped with its neighbour and copied is undetermined: either of the two moved', () => {
  // "Three." moved above "Two two." is "Two two." moved below "Three.": copied to the top, no telling.
  const t = new TrackedText(PARAGRAPHS);
  t.move(16, 8, 6);
  t.copy(14, 8, 0, '\n\n');
  assert.equal(t.text, 'Two two.\n\nOne.\n\nThree.\n\nTwo two.\n\nFour.\n');
  assert.deepEqual(t.truth(6, 13), { kind: 'intact', start: 24, end: 31, alternatives: [{ start: 0, end: 7 }], undetermined: true });
  assert.deepEqual(t.truth(16, 21), { kind: 'intact', start: 16, end: 21, alternatives: [] }, 'the paragraph not copied');
});

test('a moved paragraph without a copy, or a copy of one that stayed, has one true place', () => {
  const movedOnly = new TrackedText(PARAGRAPHS);
  movedOnly.move(6, 10, PARAGRAPHS.length);
  assert.deepEqual(movedOnly.truth(6, 13), { kind: 'intact', start: 20, end: 27, alternatives: [] });
  const copiedOnly = new TrackedText(PARAGRAPHS);
  copiedOnly.copy(6, 8, 24, '\n\n');
  assert.equal(copiedOnly.text, 'One.\n\nTwo two.\n\nThree.\n\nTwo two.\n\nFour.\n');
  assert.deepEqual(copiedOnly.truth(6, 13), { kind: 'intact', start: 6, end: 13, alternatives: [] });
});

test('a paragraph copied, then deleted or replaced, is undetermined: the copy is where a move puts it', () => {
  // "Two two." copied below "Three.", then deleted: the same text as "Two two." moved below "Three.".
  const deleted = new TrackedText(PARAGRAPHS);
  deleted.copy(6, 8, 24, '\n\n');
  deleted.splice(6, 10, '');
  const moved = new TrackedText(PARAGRAPHS);
  moved.move(6, 10, 24);
  assert.equal(deleted.text, moved.text);
  assert.deepEqual(deleted.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [{ start: 14, end: 21 }], undetermined: true });
  // Replaced by another paragraph (which keeps the full stop): the same text as moved, and another paragraph put in its place.
  const replaced = new TrackedText(PARAGRAPHS);
  replaced.copy(6, 8, 24, '\n\n');
  replaced.splice(6, 8, 'Five.');
  assert.equal(replaced.text, 'One.\n\nFive.\n\nThree.\n\nTwo two.\n\nFour.\n');
  assert.deepEqual(replaced.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [{ start: 21, end: 28 }], undetermined: true });
});

test('a span edited, then copied, then deleted: its edited copy is as true as the orphan (moved there, edited)', () => {
  // 317661: the lead's last word replaced, the lead copied to the top, the original deleted.
  const replaced = new TrackedText(PARAGRAPHS);
  replaced.splice(10, 3, 'too');
  replaced.copy(6, 8, 24, '\n\n');
  replaced.splice(6, 10, '');
  assert.equal(replaced.text, 'One.\n\nThree.\n\nTwo too.\n\nFour.\n');
  assert.deepEqual(replaced.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [{ start: 14, end: 21 }], undetermined: true });
  // A word put in it before the copy is inside the copy's bounds; one put at its edge is not.
  const inserted = new TrackedText(PARAGRAPHS);
  inserted.splice(10, 0, 'big ');
  inserted.splice(6, 0, 'So ');
  inserted.copy(6, 15, 31, '\n\n');
  inserted.splice(6, 17, '');
  assert.equal(inserted.text, 'One.\n\nThree.\n\nSo Two big two.\n\nFour.\n');
  assert.deepEqual(inserted.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [{ start: 17, end: 28 }], undetermined: true });
  // Only part of it copied: no move of it.
  const half = new TrackedText(PARAGRAPHS);
  half.splice(10, 3, 'too');
  half.copy(10, 3, 24, '\n\n');
  half.splice(6, 10, '');
  assert.deepEqual(half.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [] });
});

test('a copy is no answer for a gone span when the copy was edited over it or some of the copied text stands', () => {
  // The copy's span edited ("two" → "too"), then the original deleted: no move makes that text.
  const copyEdited = new TrackedText(PARAGRAPHS);
  copyEdited.copy(6, 8, 24, '\n\n');
  copyEdited.splice(28, 3, 'too');
  copyEdited.splice(6, 10, '');
  assert.equal(copyEdited.text, 'One.\n\nThree.\n\nTwo too.\n\nFour.\n');
  assert.deepEqual(copyEdited.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [] });
  // Only the span "Two" deleted from the original, the rest of its paragraph standing: the copy is a copy.
  const partly = new TrackedText(PARAGRAPHS);
  partly.copy(6, 8, 24, '\n\n');
  partly.splice(6, 4, '');
  assert.equal(partly.text, 'One.\n\ntwo.\n\nThree.\n\nTwo two.\n\nFour.\n');
  assert.deepEqual(partly.truth(6, 9), { kind: 'gone', start: -1, end: -1, alternatives: [] });
  // Deleted without a copy.
  const deletedOnly = new TrackedText(PARAGRAPHS);
  deletedOnly.splice(6, 10, '');
  assert.deepEqual(deletedOnly.truth(6, 13), { kind: 'gone', start: -1, end: -1, alternatives: [] });
});

test('a paragraph copied right beside itself is undetermined: copied above is the same text as copied below', () => {
  const above = new TrackedText(PARAGRAPHS);
  above.copy(6, 8, 6, '\n\n');
  const below = new TrackedText(PARAGRAPHS);
  below.copy(6, 8, 16, '\n\n');
  assert.equal(above.text, 'One.\n\nTwo two.\n\nTwo two.\n\nThree.\n\nFour.\n');
  assert.equal(below.text, above.text);
  assert.deepEqual(above.truth(6, 13), { kind: 'intact', start: 16, end: 23, alternatives: [{ start: 6, end: 13 }], undetermined: true });
  assert.deepEqual(below.truth(6, 13), { kind: 'intact', start: 6, end: 13, alternatives: [{ start: 16, end: 23 }], undetermined: true });
  // Copied above "One.", then "One." deleted: the copy now stands against its original (scenario 9991).
  const between = new TrackedText(PARAGRAPHS);
  between.copy(6, 8, 0, '\n\n');
  between.splice(10, 6, '');
  assert.equal(between.text, above.text.slice(6));
  assert.deepEqual(between.truth(6, 13), { kind: 'intact', start: 10, end: 17, alternatives: [{ start: 0, end: 7 }], undetermined: true });
  // A copy beside an original that was edited is no longer the same text either way round.
  const edited = new TrackedText(PARAGRAPHS);
  edited.copy(6, 8, 16, '\n\n');
  edited.splice(10, 3, 'too');
  assert.deepEqual(edited.truth(6, 9), { kind: 'intact', start: 6, end: 9, alternatives: [] });
});

test('a copy next to an unmoved original has one true place, whatever moved around it', () => {
  // "Two two." copied below "Three."; "Four." moved to the top; "One." moved to the end, away from it.
  const t = new TrackedText(PARAGRAPHS);
  t.copy(6, 8, 24, '\n\n');
  t.move(34, 6, 0);
  t.move(6, 6, t.length);
  assert.equal(t.text, 'Four.\nTwo two.\n\nThree.\n\nTwo two.\n\nOne.\n\n');
  assert.deepEqual(t.truth(6, 13), { kind: 'intact', start: 6, end: 13, alternatives: [] });
});

test('an edge word replaced and text inserted against it is undetermined: the span may take the insertion', () => {
  // "formally " + "beta" → "theta" is the same text as "beta" → "formally theta".
  const start = edited((t) => {
    t.splice(6, 4, 'theta');
    t.splice(6, 0, 'formally ');
  });
  assert.equal(start.text, 'Alpha formally theta gamma. Delta epsilon.');
  assert.deepEqual(start.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 15, end: 26, alternatives: [{ start: 6, end: 26 }], undetermined: true });
  const end = edited((t) => {
    t.splice(11, 5, 'zeta');
    t.splice(15, 0, ' again');
  });
  assert.equal(end.text, 'Alpha beta zeta again. Delta epsilon.');
  assert.deepEqual(end.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 15, alternatives: [{ start: 6, end: 21 }], undetermined: true });
  // The first word deleted and a word inserted where it was: the same text as the word replaced.
  const deleted = edited((t) => {
    t.splice(6, 5, '');
    t.splice(6, 0, 'new ');
  });
  assert.equal(deleted.text, 'Alpha new gamma. Delta epsilon.');
  assert.deepEqual(deleted.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 10, end: 15, alternatives: [{ start: 6, end: 15 }], undetermined: true });
  // A word inserted, then replaced: still only inserted text, seen from the original.
  const replacedInsertion = edited((t) => {
    t.splice(6, 4, 'theta');
    t.splice(6, 0, 'formally ');
    t.splice(6, 8, 'new');
  });
  assert.equal(replacedInsertion.text, 'Alpha new theta gamma. Delta epsilon.');
  assert.deepEqual(replacedInsertion.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 10, end: 21, alternatives: [{ start: 6, end: 21 }], undetermined: true });
});

test('a word inserted before the last word, which is then replaced, is inside the span with its replacement', () => {
  const t = edited((t) => {
    t.splice(11, 0, 'very ');
    t.splice(16, 5, 'zeta');
  });
  assert.equal(t.text, 'Alpha beta very zeta. Delta epsilon.');
  assert.deepEqual(t.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 6, end: 20, alternatives: [] });
});

test('text inserted past the old space after a replaced edge word is as much against the edge: no text says which space is old', () => {
  // "Alpha beta": "beta" → "zeta", "again " inserted before "gamma" — the same text as " again" inserted after "zeta".
  const t = edited((t) => {
    t.splice(6, 4, 'zeta');
    t.splice(11, 0, 'again ');
  });
  assert.equal(t.text, 'Alpha zeta again gamma. Delta epsilon.');
  assert.deepEqual(t.truth(0, 10), { kind: 'edited', start: 0, end: 10, alternatives: [{ start: 0, end: 16 }], undetermined: true });
});

test('text inserted at an edge whose word was not replaced, or beyond a sentence’s end, is outside the span', () => {
  const wordKept = edited((t) => {
    t.splice(11, 5, 'zeta');
    t.splice(6, 0, 'formally ');
  });
  assert.deepEqual(wordKept.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 15, end: 24, alternatives: [] });
  const notTouching = edited((t) => {
    t.splice(6, 4, 'theta');
    t.splice(0, 0, 'formally ');
  });
  assert.deepEqual(notTouching.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 15, end: 26, alternatives: [] });
  // A sentence inserted before the replaced first word: only what follows its full stop could be the word's.
  const sentence = edited((t) => {
    t.splice(6, 4, 'theta');
    t.splice(6, 0, 'It rained. Sadly ');
  });
  assert.equal(sentence.text, 'Alpha It rained. Sadly theta gamma. Delta epsilon.');
  assert.deepEqual(sentence.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 23, end: 34, alternatives: [{ start: 17, end: 34 }], undetermined: true });
  const line = edited((t) => {
    t.splice(6, 4, 'theta');
    t.splice(6, 0, 'New line.\n');
  });
  assert.deepEqual(line.truth(SPAN.start, SPAN.end), { kind: 'edited', start: 16, end: 27, alternatives: [] });
});

test('an edge sentence replaced, or deleted with sentences inserted against it, is undetermined: each sentence boundary is an edge', () => {
  // "beta gamma" replaced by "It rained" is the same text as "beta gamma." deleted and "It rained. " inserted before the span.
  const replaced = spliced(SENTENCES, [6, 10, 'It rained']);
  assert.equal(replaced.text, 'Alpha It rained. Delta epsilon. Zeta.');
  assert.deepEqual(replaced.truth(6, 31), { kind: 'edited', start: 6, end: 30, alternatives: [{ start: 17, end: 30 }], undetermined: true });
  // Deleted, a sentence inserted before the span: the same text as the sentence replaced by the inserted one.
  const deleted = spliced(SENTENCES, [6, 12, ''], [6, 0, 'Markets fell. ']);
  assert.equal(deleted.text, 'Alpha Markets fell. Delta epsilon. Zeta.');
  assert.deepEqual(deleted.truth(6, 31), { kind: 'edited', start: 20, end: 33, alternatives: [{ start: 6, end: 33 }], undetermined: true });
  // The last sentence replaced by two: the span may end after either, or before both.
  const last = spliced(SENTENCES, [18, 13, 'Markets fell. Rain came']);
  assert.equal(last.text, 'Alpha beta gamma. Markets fell. Rain came. Zeta.');
  assert.deepEqual(last.truth(6, 31), {
    kind: 'edited',
    start: 6,
    end: 41,
    alternatives: [
      { start: 6, end: 31 },
      { start: 6, end: 17 },
    ],
    undetermined: true,
  });
  // Scenario 82814: the sentence inserted before the space the span kept, the same sentence replacing the
  // span's last one: the span may end after either, or before both, as above; or on the first `came`,
  // `Delta epsilon` replaced by it and the `. ` after it kept.
  const twice = spliced(SENTENCES, [18, 19, 'Rain came'], [17, 0, ' Rain came.']);
  assert.equal(twice.text, 'Alpha beta gamma. Rain came. Rain came.');
  assert.deepEqual(twice.truth(6, 31), {
    kind: 'edited',
    start: 6,
    end: 29,
    alternatives: [
      { start: 6, end: 38 },
      { start: 6, end: 28 },
      { start: 6, end: 17 },
      { start: 6, end: 27 },
    ],
    undetermined: true,
  });
  // A last word replaced by words that end no sentence is the word's new text alone.
  const word = spliced(SENTENCES, [24, 7, 'rose sharply']);
  assert.deepEqual(word.truth(6, 31), { kind: 'edited', start: 6, end: 36, alternatives: [] });
});

test('a full stop kept after a replaced last part, sentences inserted after it (or after the space it kept) ending as it did: the span may end before the last', () => {
  // Scenario 137246: "Delta epsilon" replaced by "Rain came", then " Sun shone." inserted after the kept
  // full stop — the same text as "Delta epsilon" replaced by "Rain came. Sun shone", the full stop kept
  // last. Scenario 203276: "Delta epsilon." replaced by "Rain came." (the full stop kept) and "Sun shone. "
  // inserted after the space that followed it: the full stop and the space kept last.
  const stories: { n: number; replaced: [number, number, string]; inserted: [number, number, string] }[] = [
    { n: 137246, replaced: [18, 13, 'Rain came'], inserted: [28, 0, ' Sun shone.'] },
    { n: 203276, replaced: [18, 14, 'Rain came.'], inserted: [29, 0, 'Sun shone. '] },
  ];
  for (const { n, replaced, inserted } of stories) {
    const t = spliced(SENTENCES, replaced, inserted);
    assert.equal(t.text, 'Alpha beta gamma. Rain came. Sun shone. Zeta.', `${n}`);
    const truth = t.truth(6, 31);
    assert.deepEqual([truth.kind, truth.start, truth.end], ['edited', 6, 27], `${n}`);
    assert.ok(truth.alternatives.some((b) => b.start === 6 && b.end === t.text.indexOf('. Zeta')), `${n}: ${JSON.stringify(truth.alternatives)}`);
    // Inserted text that ends with another mark is no such story.
    const other = spliced(SENTENCES, replaced, [inserted[0], 0, inserted[2].replace('.', '!')]);
    assert.equal(other.text, 'Alpha beta gamma. Rain came. Sun shone! Zeta.', `${n}`);
    assert.ok(!other.truth(6, 31).alternatives.some((b) => b.end === other.text.indexOf('! Zeta')), `${n}`);
  }
});

test('an edge word deleted and inserted again against the edge, with more, is undetermined: the word may be the span\'s, kept', () => {
  // Scenario 55893: `The ` deleted, `The talks are expected … days. ` inserted before the span — the same
  // text as the span's `The ` kept and `talks … days. ` inserted after it, one edit fewer.
  const before = spliced(SENTENCES, [6, 5, ''], [6, 0, 'beta rose. ']);
  assert.equal(before.text, 'Alpha beta rose. gamma. Delta epsilon. Zeta.');
  assert.deepEqual(before.truth(6, 31), { kind: 'edited', start: 17, end: 37, alternatives: [{ start: 6, end: 37 }], undetermined: true });
  const after = spliced(SENTENCES, [23, 8, ''], [23, 0, ' fell, epsilon']);
  assert.equal(after.text, 'Alpha beta gamma. Delta fell, epsilon. Zeta.');
  assert.deepEqual(after.truth(6, 31), { kind: 'edited', start: 6, end: 23, alternatives: [{ start: 6, end: 37 }], undetermined: true });
  // Only the whole word: `betamax` is not `beta` again.
  const longer = spliced(SENTENCES, [6, 5, ''], [6, 0, 'betamax rose. ']);
  assert.deepEqual(longer.truth(6, 31), { kind: 'edited', start: 20, end: 40, alternatives: [] });
});

test('the marks after a span, inside its new end after its last words were replaced: the span may end before them', () => {
  // Scenario 183186: the span's last words and the `. ` after them deleted, a sentence put in after the
  // kept `gamma.` — the same text as `Delta epsilon` replaced by `Rain came`, the `. ` after it kept.
  const t = spliced(SENTENCES, [18, 15, ''], [17, 0, ' Rain came.']);
  assert.equal(t.text, 'Alpha beta gamma. Rain came. Zeta.');
  const truth = t.truth(6, 31);
  assert.deepEqual([truth.kind, truth.start, truth.end], ['edited', 6, 29]);
  assert.ok(truth.alternatives.some((b) => b.start === 6 && b.end === 27), JSON.stringify(truth.alternatives));
  // Other marks there are no such story.
  const other = spliced(SENTENCES, [18, 15, ''], [17, 0, ' Rain came!']);
  assert.ok(!other.truth(6, 31).alternatives.some((b) => b.end === 27), JSON.stringify(other.truth(6, 31).alternatives));
});

test('marks left between deleted text at an edge are undetermined: which of equal marks survived no text tells', () => {
  // Scenario 32584: `100,000 ` and `troops` deleted leave `over , with`; the comma may be the figure's (inside the span).
  const figure = spliced('They massed over 100,000 troops, with tanks.', [17, 8, ''], [17, 6, '']);
  assert.equal(figure.text, 'They massed over , with tanks.');
  assert.deepEqual(figure.truth(0, 31), { kind: 'edited', start: 0, end: 17, alternatives: [{ start: 0, end: 19 }], undetermined: true });
  // Scenario 15001: the full stop left may be the one after `U.S.` (inside) or after `it` (outside).
  const stop = spliced('Rejected by the U.S. and its allies, who see it. The alliance warned.', [21, 28, ''], [15, 4, '']);
  assert.equal(stop.text, 'Rejected by the. The alliance warned.');
  assert.deepEqual(stop.truth(0, 47), { kind: 'edited', start: 0, end: 17, alternatives: [{ start: 0, end: 15 }], undetermined: true });
  // Scenario 290521: the marks stand against the word that replaced the span's own last one.
  const replaced = spliced('They ban sending U.S. and Russian warships there. The end.', [21, 28, ''], [17, 3, 'officially']);
  assert.equal(replaced.text, 'They ban sending officially. The end.');
  assert.deepEqual(replaced.truth(0, 48), { kind: 'edited', start: 0, end: 28, alternatives: [{ start: 0, end: 27 }], undetermined: true });
  // White space alone is no other place (an edge may differ from the truth by it anyway).
  const space = spliced('Alpha beta gamma. Delta epsilon.', [6, 5, '']);
  assert.deepEqual(space.truth(6, 16), { kind: 'edited', start: 6, end: 11, alternatives: [] });
});

test('a mark replaced twice at an edge is no insertion: the edge word’s replacement stays the only answer', () => {
  // Scenario 4165: "as" → "fresh", and the quote before it made curly, then straight again.
  const t = new TrackedText('He said "as early as" Monday.');
  t.splice(9, 2, 'fresh');
  t.splice(8, 1, '“');
  t.splice(8, 1, '"');
  assert.equal(t.text, 'He said "fresh early as" Monday.');
  assert.deepEqual(t.truth(9, 20), { kind: 'edited', start: 9, end: 23, alternatives: [] });
});

test('an edge word replaced, then its replacement replaced again: the last replacement is inside the span', () => {
  // Scenario 10954: "concessions" → "formally" → "however".
  const t = new TrackedText('Talks went on for concessions today.');
  t.splice(18, 11, 'formally');
  t.splice(18, 8, 'however');
  assert.equal(t.text, 'Talks went on for however today.');
  assert.deepEqual(t.truth(6, 29), { kind: 'edited', start: 6, end: 25, alternatives: [] });
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

test('classify: an orphan whose place the texts do not determine is its own verdict; every true place is right', () => {
  const codePoints = [...'beta. Alpha beta gamma.'];
  const copied = { kind: 'intact' as const, start: 12, end: 16, alternatives: [{ start: 0, end: 4 }], undetermined: true as const };
  assert.equal(classify(copied, null, codePoints), 'orphaned-undetermined');
  assert.equal(classify(copied, { start: 0, end: 4, text: 'beta' }, codePoints), 'exact', 'the copy');
  assert.equal(classify(copied, { start: 12, end: 16, text: 'beta' }, codePoints), 'exact', 'the original');
  assert.equal(classify(copied, { start: 6, end: 11, text: 'Alpha' }, codePoints), 'silently-wrong');
  const grown = { kind: 'edited' as const, start: 12, end: 22, alternatives: [{ start: 6, end: 22 }], undetermined: true as const };
  assert.equal(classify(grown, null, codePoints), 'orphaned-undetermined');
  assert.equal(classify(grown, { start: 6, end: 22, text: 'Alpha beta gamma' }, codePoints), 'edited-correctly');
  assert.equal(classify(grown, { start: 17, end: 22, text: 'gamma' }, codePoints), 'silently-wrong');
});

test('classify: a gone span copied, then deleted: the orphan is right, and so is the copy', () => {
  const codePoints = [...'beta. Alpha beta gamma.'];
  const copiedThenDeleted = { kind: 'gone' as const, start: -1, end: -1, alternatives: [{ start: 0, end: 4 }], undetermined: true as const };
  assert.equal(classify(copiedThenDeleted, null, codePoints), 'orphaned-rightly');
  assert.equal(classify(copiedThenDeleted, { start: 0, end: 4, text: 'beta' }, codePoints), 'exact', 'the copy');
  assert.equal(classify(copiedThenDeleted, { start: 12, end: 16, text: 'beta' }, codePoints), 'silently-wrong', 'another occurrence');
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
