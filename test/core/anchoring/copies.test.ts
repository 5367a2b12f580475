// The search fallback's checks of placements on repeated text: whose characters an occurrence is, and
// which far placements on one of several copies stand.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Annotation } from '../../../src/core/model';
import { OffsetIndex } from '../../../src/core/text';
import { Claims, orphanUnsupportedCopies } from '../../../src/core/anchoring/copies';
import { Occurrences } from '../../../src/core/anchoring/occurrences';
import type { AnchorResult } from '../../../src/core/anchoring/reanchor';

function annotation(id: string, start: number, text: string): Annotation {
  return { id, label: 'quote', start, end: start + [...text].length, text };
}

/** A's result: moved by search to `start`, its text unchanged. */
function movedTo(a: Annotation, start: number): AnchorResult {
  return { annotation: { ...a, start, end: start + (a.end - a.start) }, outcome: 'moved', score: 1, method: 'search' };
}

test('an occurrence is claimed by another placement of unchanged text that moved by another amount', () => {
  const held = annotation('held', 10, 'dangerous point');
  const edited = annotation('edited', 40, 'talks went on');
  const results: AnchorResult[] = [
    { annotation: held, outcome: 'held', score: 1, method: 'held' },
    { annotation: { ...edited, text: 'talks went on and on', end: 60 }, outcome: 'edited', score: 0.8, method: 'search' },
  ];
  const claims = Claims.of([held, edited], results);
  assert.equal(claims.claimed(2, 12, 20, 5), true, 'overlaps the held one, which moved by 0');
  assert.equal(claims.claimed(2, 12, 20, 0), false, 'moved by the same amount: the same old characters');
  assert.equal(claims.claimed(0, 12, 20, 5), false, 'its own placement');
  assert.equal(claims.claimed(2, 25, 30, 5), false, 'touches nothing');
  assert.equal(claims.claimed(2, 45, 50, 5), false, 'edited placements claim nothing');
});

/** Two copies of a warning, the first far nearer the place the walk expected. */
const WARNING = 'Biden warned of severe consequences.';
const FAR = ' '.repeat(300);

test('a far placement on the nearer of two copies, with no annotation after it to measure by, is orphaned', () => {
  const text = `Ryabkov spoke.${FAR}${WARNING}${FAR}${WARNING}\n`;
  const talks = annotation('talks', 100, 'Ryabkov spoke');
  const biden = annotation('biden', 120, 'Biden warned');
  const results = [movedTo(talks, 0), movedTo(biden, text.indexOf(WARNING))];
  orphanUnsupportedCopies([talks, biden], results, new OffsetIndex(text), [0, 1], [false, true], new Occurrences(text));
  assert.deepEqual(results.map((r) => r.outcome), ['moved', 'orphaned']);
});

test('a far placement on one of two copies stands when an annotation that moved alike beside it has a text standing once', () => {
  const text = `Ryabkov spoke.${FAR}${WARNING}${FAR}${WARNING} Markets fell.\n`;
  const talks = annotation('talks', 100, 'Ryabkov spoke');
  const biden = annotation('biden', 120, 'Biden warned');
  const markets = annotation('markets', 157, 'Markets fell');
  const second = text.lastIndexOf(WARNING);
  const results = [movedTo(talks, 0), movedTo(biden, second), movedTo(markets, second + 37)];
  orphanUnsupportedCopies([talks, biden, markets], results, new OffsetIndex(text), [0, 1, 2], [false, true, false], new Occurrences(text));
  assert.deepEqual(results.map((r) => r.outcome), ['moved', 'moved', 'moved']);
});

test('of two copies in order between the annotations around it, the placement on the one the fewest edits explain stands', () => {
  const text = `Ryabkov spoke.${FAR}${WARNING}${FAR}${WARNING} Markets fell.${FAR}The end.\n`;
  const talks = annotation('talks', 100, 'Ryabkov spoke');
  const biden = annotation('biden', 700, 'Biden warned');
  const end = annotation('end', 1100, 'The end');
  const second = text.lastIndexOf(WARNING);
  // Shifts: talks −100, the second copy −50, the end −100: 100 code points inserted and deleted
  // around the second copy; the first (−386) would need 572.
  const results = [movedTo(talks, 0), movedTo(biden, second), movedTo(end, text.indexOf('The end'))];
  orphanUnsupportedCopies([talks, biden, end], results, new OffsetIndex(text), [0, 1, 2], [false, true, false], new Occurrences(text));
  assert.equal(results[1]!.outcome, 'moved');
  const onFirst = [movedTo(talks, 0), movedTo(biden, text.indexOf(WARNING)), movedTo(end, text.indexOf('The end'))];
  orphanUnsupportedCopies([talks, biden, end], onFirst, new OffsetIndex(text), [0, 1, 2], [false, true, false], new Occurrences(text));
  assert.equal(onFirst[1]!.outcome, 'orphaned', 'the copy more edits would be needed for');
});

test('of two copies pasted beside each other, no annotation moved as either did, neither stands: the shifts cannot tell them apart', () => {
  // Scenario 45356: a paragraph copied above the byline before it, another deleted further on. The copy
  // needed the fewest edits by the shifts (the byline moved below it would do), the original was the truth.
  const biden = annotation('biden', 7, WARNING);
  const place = (between: string) => {
    const text = `${WARNING}${between}${WARNING}\n${FAR}The end.\n`;
    const end = annotation('end', text.indexOf('The end') - 10, 'The end');
    const results = [movedTo(biden, 0), movedTo(end, text.indexOf('The end'))];
    orphanUnsupportedCopies([biden, end], results, new OffsetIndex(text), [0, 1], [false, false], new Occurrences(text));
    return results[0]!.outcome;
  };
  assert.equal(place('\nBy AP.\n'), 'orphaned', 'eight code points apart, shorter than the text');
  assert.equal(place(`\nBy AP.\n${FAR}`), 'moved', '308 apart: the fewest edits tell');
});

test('a text standing more than 32 times is as good as countless: no copy of it is the one the fewest edits explain', () => {
  const base = `Ryabkov spoke.${FAR}${WARNING}${FAR}${WARNING} Markets fell.${FAR}The end.\n`;
  const talks = annotation('talks', 100, 'Ryabkov spoke');
  const biden = annotation('biden', 700, 'Biden warned');
  const end = annotation('end', 1100, 'The end');
  const outcome = (copiesAfterTheEnd: number) => {
    const text = base + WARNING.repeat(copiesAfterTheEnd);
    const results = [movedTo(talks, 0), movedTo(biden, base.lastIndexOf(WARNING)), movedTo(end, text.indexOf('The end'))];
    orphanUnsupportedCopies([talks, biden, end], results, new OffsetIndex(text), [0, 1, 2], [false, true, false], new Occurrences(text));
    return results[1]!.outcome;
  };
  assert.equal(outcome(30), 'moved', '32 copies, the others out of order');
  assert.equal(outcome(31), 'orphaned', '33 copies');
});
