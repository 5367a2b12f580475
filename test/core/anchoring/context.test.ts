// The context kept beside an annotation: up to CONTEXT_LENGTH code points either side, less at the edges.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CONTEXT_CHECK, CONTEXT_LENGTH, contextAround, contextFromOverlaps, contextRefutes } from '../../../src/core/anchoring/context';
import type { Annotation } from '../../../src/core/model';
import { OffsetIndex } from '../../../src/core/text';

test('the prefix ends at the start and the suffix begins at the end, each CONTEXT_LENGTH code points', () => {
  const text = 'a'.repeat(50) + 'SPAN' + 'b'.repeat(50);
  assert.deepEqual(contextAround(new OffsetIndex(text), 50, 54), { prefix: 'a'.repeat(CONTEXT_LENGTH), suffix: 'b'.repeat(CONTEXT_LENGTH) });
});

test('at the document edges the context is shorter', () => {
  assert.deepEqual(contextAround(new OffsetIndex('xyzSPANuv'), 3, 7), { prefix: 'xyz', suffix: 'uv' });
  assert.deepEqual(contextAround(new OffsetIndex('SPAN'), 0, 4), { prefix: '', suffix: '' });
  assert.deepEqual(contextAround(new OffsetIndex(''), 0, 0), { prefix: '', suffix: '' });
});

test('lengths are counted in code points: an emoji is one, never split', () => {
  const text = '😀'.repeat(40) + 'X' + '👍'.repeat(40);
  const { prefix, suffix } = contextAround(new OffsetIndex(text), 40, 41);
  assert.equal(prefix, '😀'.repeat(CONTEXT_LENGTH));
  assert.equal(suffix, '👍'.repeat(CONTEXT_LENGTH));
});

/** An annotation of `text`'s code points start..end. */
function span(id: string, text: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation {
  return { id, label: 'figure', start, end, text: [...text].slice(start, end).join(''), ...extra };
}

const CLAIM = 'Officials say Russia has moved 70,000 soldiers to its border with Ukraine.';
const FIGURE_AT = CLAIM.indexOf('70,000 soldiers');

test('a span inside another one has the enclosing text around it as context', () => {
  const figure = span('f', CLAIM, FIGURE_AT, FIGURE_AT + 15);
  const claim = span('c', CLAIM, 0, CLAIM.length);
  assert.deepEqual(contextFromOverlaps([claim, figure])(figure), { prefix: 'Officials say Russia has moved ', suffix: ' to its border with Ukraine.' });
});

test('the context is at most CONTEXT_LENGTH code points a side, and pieced together from several spans', () => {
  const text = '😀'.repeat(40) + 'FIGURE' + '👍'.repeat(40);
  const figure = span('f', text, 40, 46);
  const before = span('b', text, 0, 41);
  const after = span('a', text, 45, 60);
  const beyond = span('z', text, 60, 86);
  assert.deepEqual(contextFromOverlaps([before, after, beyond])(figure), { prefix: '😀'.repeat(CONTEXT_LENGTH), suffix: '👍'.repeat(CONTEXT_LENGTH) });
});

test(`a side of which fewer than CONTEXT_CHECK (${CONTEXT_CHECK}) code points are known is not given`, () => {
  const figure = span('f', CLAIM, FIGURE_AT, FIGURE_AT + 15);
  const tail = span('t', CLAIM, FIGURE_AT - 3, CLAIM.length);
  assert.deepEqual(contextFromOverlaps([tail])(figure), { suffix: ' to its border with Ukraine.' });
  assert.deepEqual(contextFromOverlaps([])(figure), {});
});

test('annotations whose texts disagree with each other where they overlap tell nothing', () => {
  const figure = span('f', CLAIM, FIGURE_AT, FIGURE_AT + 15);
  const claim = span('c', CLAIM, 0, CLAIM.length);
  const other = span('o', CLAIM.replace('moved', 'mover'), 0, FIGURE_AT);
  assert.deepEqual(contextFromOverlaps([claim, other])(figure), {});
  const shiftedFigure = { ...figure, text: '0,000 soldiers ' };
  assert.deepEqual(contextFromOverlaps([claim])(shiftedFigure), {});
});

test('an orphaned annotation (offsets on an older text) and a text of the wrong length tell nothing', () => {
  const figure = span('f', CLAIM, FIGURE_AT, FIGURE_AT + 15);
  const claim = span('c', CLAIM, 0, CLAIM.length);
  assert.deepEqual(contextFromOverlaps([{ ...claim, status: 'orphaned' }])(figure), {});
  assert.deepEqual(contextFromOverlaps([{ ...claim, end: claim.end + 1 }])(figure), {});
});

test('context refutes a place only when it is known on both sides and stands on neither', () => {
  const text = 'They said Russia has massed over nearly 100,000 troops, with tanks.';
  const at = text.indexOf('100,000 troops');
  const figure: Annotation = { id: 'f', label: 'figure', start: 0, end: 14, text: '100,000 troops' };
  const end = at + figure.text.length;
  assert.equal(contextRefutes({ ...figure, prefix: 'has massed over ', suffix: ', with tanks.' }, text, at, end), false);
  assert.equal(contextRefutes({ ...figure, prefix: 'has massed over ', suffix: ' and guns.' }, text, at, end), true);
  assert.equal(contextRefutes({ ...figure, prefix: 'has massed over ' }, text, at, end), false);
  assert.equal(contextRefutes(figure, text, at, end), false);
});
