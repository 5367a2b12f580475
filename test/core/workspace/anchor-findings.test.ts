// anchorFindings: what the Problems panel says about annotations that no longer lie where their
// sidecar says: drifted (same text elsewhere), edited (text changed), orphaned (not found).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ANCHOR_CODES, anchorFindings } from '../../../src/core/workspace/anchor-findings';
import type { Annotation } from '../../../src/core/model';

const now = (id: string, start: number, end: number, text: string, more: Partial<Annotation> = {}): Annotation => ({ id, label: 'claim', start, end, text, ...more });
const lines = new Map([
  ['a', 4],
  ['b', 9],
  ['c', 14],
]);

test('an annotation that holds where its sidecar says has no finding', () => {
  assert.deepEqual(anchorFindings([now('a', 0, 4, 'Rain')], new Map(), lines), []);
});

test('drifted: the same text at a new place, a warning at its record naming both places and how it was placed', () => {
  const [finding] = anchorFindings([now('a', 10, 14, 'Rain')], new Map([['a', now('a', 0, 4, 'Rain')]]), lines, new Map([['a', { method: 'diff', score: 1 }]]));
  assert.deepEqual(finding, {
    severity: 'warning',
    code: ANCHOR_CODES.drifted,
    message: 'annotation a (claim) drifted: the sidecar says 0..4, its text is now at 10..14 (re-anchored by diff); re-anchor (or save the document) to write the new place',
    line: 4,
    column: 1,
    annotationId: 'a',
  });
});

test('edited: the text changed, both texts quoted and the search score given', () => {
  const [finding] = anchorFindings([now('b', 0, 9, 'Rain fell')], new Map([['b', now('b', 0, 10, 'Rain falls')]]), lines, new Map([['b', { method: 'search', score: 0.9123 }]]));
  assert.equal(finding?.code, ANCHOR_CODES.edited);
  assert.equal(finding?.severity, 'warning');
  assert.equal(finding?.line, 9);
  assert.match(finding!.message, /^annotation b \(claim\): its text changed from .*Rain falls.* to .*Rain fell.* \(re-anchored by search, score 0\.91\); re-anchor to accept the new text$/);
});

test('orphaned: an error, saying when the diff shows the text deleted', () => {
  const orphan = now('c', 0, 4, 'Rain', { status: 'orphaned' });
  const [bySearch] = anchorFindings([orphan], new Map(), lines);
  assert.equal(bySearch?.severity, 'error');
  assert.equal(bySearch?.code, ANCHOR_CODES.orphaned);
  assert.equal(bySearch?.line, 14);
  assert.match(bySearch!.message, /^annotation c \(claim\) is orphaned: .*Rain.* is no longer in the document; restore the text and re-anchor, or remove the annotation$/);
  const [byDiff] = anchorFindings([orphan], new Map(), lines, new Map([['c', { method: 'diff', score: 0 }]]));
  assert.match(byDiff!.message, /no longer in the document \(the diff from the text it was made on shows it deleted\);/);
});

test('an annotation whose record line is unknown points at line 1; a held placement says nothing of how', () => {
  const [finding] = anchorFindings([now('z', 10, 14, 'Rain')], new Map([['z', now('z', 0, 4, 'Rain')]]), new Map(), new Map([['z', { method: 'held', score: 1 }]]));
  assert.equal(finding?.line, 1);
  assert.doesNotMatch(finding!.message, /re-anchored/);
});

test('a long text is cut short in the message', () => {
  const long = 'word '.repeat(40).trim();
  const [finding] = anchorFindings([now('c', 0, long.length, long, { status: 'orphaned' })], new Map(), lines);
  assert.ok(finding!.message.length < long.length + 100, finding!.message);
});
