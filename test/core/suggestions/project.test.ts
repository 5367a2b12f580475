import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findProjectMatches } from '../../../src/core/suggestions/project';
import { MAX_PATTERN_INPUT } from '../../../src/core/suggestions/pattern-safety';

const spans = (text: string, patterns: string[], terms: string[]) => findProjectMatches(text, patterns, terms).map((m) => [text.slice(m.start, m.end), m.source]);

test('a term matches as a whole word in any case, spaces inside it as any run of white space', () => {
  assert.deepEqual(spans('Sergei  Ryabkov spoke; sergei ryabkovs did not.', [], ['Sergei Ryabkov']), [['Sergei  Ryabkov', 'term']]);
});

test('the longer of two terms wins where both start', () => {
  assert.deepEqual(spans('The Kremlin Palace and the Kremlin.', [], ['Kremlin', 'Kremlin Palace']), [
    ['Kremlin Palace', 'term'],
    ['Kremlin', 'term'],
  ]);
});

test('a pattern matches within one paragraph, never across a line break', () => {
  assert.deepEqual(spans('Mr Smith said\nMr\nJones', ['Mr \\p{Lu}\\p{Ll}+'], []), [['Mr Smith', 'pattern']]);
  assert.deepEqual(spans('a\nb', ['a\\sb'], []), []);
});

test('a pattern that can match empty text moves on instead of looping', () => {
  assert.deepEqual(spans('xx', ['y*'], []), []);
});

test(`a paragraph longer than ${MAX_PATTERN_INPUT} code units is cut at a space, so each call sees a bounded input`, () => {
  const word = 'lorem ';
  const text = word.repeat(Math.ceil((MAX_PATTERN_INPUT * 2.5) / word.length)) + 'TARGET';
  const matches = findProjectMatches(text, ['TARGET'], []);
  assert.deepEqual(matches.map((m) => text.slice(m.start, m.end)), ['TARGET']);
  const longest = findProjectMatches(text, ['[a-z ]+'], []).reduce((n, m) => Math.max(n, m.end - m.start), 0);
  assert.ok(longest <= MAX_PATTERN_INPUT, `a match of ${longest} code units`);
});

test('no patterns and no terms: nothing', () => {
  assert.deepEqual(findProjectMatches('anything', [], []), []);
});
