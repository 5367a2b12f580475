// Word edges: a quote edge inside a word moves to the nearest word edge, the tighter one on a tie.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { charKind, isWordChar, nearestWordEdge, splitsWord } from '../../../src/core/anchoring/words';

//            0123456789012345678
const TEXT = 'the quick brown fox';

test('letters and digits of any script are word characters; nothing is not', () => {
  for (const c of ['a', 'Z', '7', 'é', 'ж', '中']) assert.equal(isWordChar(c), true, c);
  for (const c of ['', ' ', '-', '.', '\n', '\uD83D']) assert.equal(isWordChar(c), false, JSON.stringify(c));
});

test('character kinds: word, white space, other, none', () => {
  assert.equal(charKind('a'), 0);
  assert.equal(charKind(' '), 1);
  assert.equal(charKind('\n'), 1);
  assert.equal(charKind(','), 2);
  assert.equal(charKind(''), 3);
});

test('an offset splits a word between two letters, or beside an apostrophe that joins two', () => {
  const text = "NATO’s allies' view, don't";
  assert.equal(splitsWord(text, 2), true, 'NA|TO');
  assert.equal(splitsWord(text, 4), true, 'NATO|’s');
  assert.equal(splitsWord(text, 5), true, 'NATO’|s');
  assert.equal(splitsWord(text, 24), true, "don|'t");
  assert.equal(splitsWord(text, 25), true, "don'|t");
  assert.equal(splitsWord(text, 6), false, 'NATO’s| ');
  assert.equal(splitsWord(text, 13), false, "allies|' view: the mark closes a quote");
  assert.equal(splitsWord(text, 14), false, "allies'| view");
  assert.equal(splitsWord(text, 0), false, 'the text start');
});

test('an edge already on a word edge, or at the text ends, stays', () => {
  assert.equal(nearestWordEdge(TEXT, 4, 19, true), 4);
  assert.equal(nearestWordEdge(TEXT, 0, 19, true), 0);
  assert.equal(nearestWordEdge(TEXT, 0, 9, false), 9);
  assert.equal(nearestWordEdge(TEXT, 0, 19, false), 19);
});

test('a start inside a word moves to that word start or to the next word start, whichever is nearer', () => {
  assert.equal(nearestWordEdge(TEXT, 6, 19, true), 4, 'two back, four ahead');
  assert.equal(nearestWordEdge(TEXT, 8, 19, true), 10, 'four back, two ahead');
  assert.equal(nearestWordEdge(TEXT, 7, 19, true), 10, 'a tie takes the tighter quote');
});

test('a start never moves past the end of the quote', () => {
  assert.equal(nearestWordEdge(TEXT, 8, 9, true), 4);
});

test('an end inside a word moves to that word end or the previous word end, whichever is nearer', () => {
  assert.equal(nearestWordEdge(TEXT, 0, 14, false), 15, 'one ahead, five back');
  assert.equal(nearestWordEdge(TEXT, 0, 11, false), 9, 'two back, four ahead');
  assert.equal(nearestWordEdge(TEXT, 0, 12, false), 9, 'a tie takes the tighter quote');
});
