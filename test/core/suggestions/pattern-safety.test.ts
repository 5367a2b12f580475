import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_PATTERN_LENGTH, patternProblem } from '../../../src/core/suggestions/pattern-safety';

describe('project patterns: refused up front when they could take exponential time', () => {
  test('plain patterns, fixed counts and bounded repeats are accepted', () => {
    for (const pattern of ['\\bNATO\\b', '(?:Mr|Mrs)\\.? [A-Z]\\w+', '\\d{1,3}(?:,\\d{3})+', '(?:\\s\\w+){0,3} said', '[(a+)+]x', '\\(a+\\)+'])
      assert.equal(patternProblem(pattern), undefined, pattern);
  });

  test('a group repeated without bound that holds a quantifier or an alternation is refused, with the place named', () => {
    for (const pattern of ['(a+)+$', '(?:\\w+\\s?)*x', '(a|ab)*c', '((ab)*c)+', '(x{1,3}){2,}', '(a+?)+?b'])
      assert.match(patternProblem(pattern) ?? '', /group repeated without bound holds (a quantifier|an alternation) \(near "/, pattern);
  });

  test('back-references, invalid syntax, empty matches and over-long patterns are refused with the reason', () => {
    assert.match(patternProblem('(a)\\1') ?? '', /back-references/);
    assert.match(patternProblem('(?<q>a)\\k<q>') ?? '', /back-references/);
    assert.match(patternProblem('(unclosed') ?? '', /not a valid regular expression/);
    assert.match(patternProblem('a*') ?? '', /matches the empty text/);
    assert.match(patternProblem('') ?? '', /empty/);
    assert.match(patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1)) ?? '', /longer than 500/);
  });
});
