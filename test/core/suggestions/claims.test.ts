import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DEFAULT_CLAIM_CUES, findClaims, sentenceAround } from '../../../src/core/suggestions/claims';

function claims(text: string, anchor: string, cues = DEFAULT_CLAIM_CUES): string[] {
  const at = text.indexOf(anchor);
  return findClaims(text, [{ start: at, end: at + anchor.length }], cues).map((s) => text.slice(s.start, s.end));
}

describe('claim suggester', () => {
  test('the sentence around a figure, without its final period, when a cue is in it', () => {
    const text = 'Tensions rose. The West says Moscow has readied some 100,000 troops for an attack. Talks follow.';
    assert.deepEqual(claims(text, '100,000 troops'), ['The West says Moscow has readied some 100,000 troops for an attack']);
  });

  test('no cue, no claim; a project cue list replaces the default one', () => {
    const text = 'There were 100,000 troops near the border.';
    assert.deepEqual(claims(text, '100,000 troops'), []);
    assert.deepEqual(claims(text, '100,000 troops', ['border']), ['There were 100,000 troops near the border']);
  });

  test('a sentence that opens with a quotation mark is a quote, not a claim', () => {
    assert.deepEqual(claims('"We have 100,000 troops," he said.', '100,000 troops'), []);
  });

  test('abbreviations and initials do not end a sentence', () => {
    const text = 'The U.S. President Biden said 5,000 people left. Next.';
    const at = text.indexOf('5,000');
    assert.equal(text.slice(...Object.values(sentenceAround(text, at)) as [number, number]), 'The U.S. President Biden said 5,000 people left');
  });
});
