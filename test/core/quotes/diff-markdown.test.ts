import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/core/markdown-escape';
import { printDiffMarkdown } from '../../../src/core/quotes/diff-markdown';

test('words only in the other print are bold, words only in this one struck', () => {
  const { markdown, differs } = printDiffMarkdown('we are ready to go for talks', 'we are ready, even tomorrow, to go for talks');
  assert.equal(differs, true);
  // "ready," is "ready": punctuation is folded as the clustering folds it, and shown as printed.
  assert.equal(markdown, 'we are ready **even tomorrow\\,** to go for talks');
});

test('quote and dash styles, case and apostrophes are not differences', () => {
  const here = 'We are ready to immediately, even tomorrow -- literally tomorrow';
  const there = 'we are ready to immediately, even tomorrow — literally tomorrow';
  assert.equal(printDiffMarkdown(here, there).differs, false);
  assert.equal(printDiffMarkdown("sanctions like he's never seen", 'sanctions like he’s never seen').differs, false);
});

test('text from a sidecar is escaped: no link, image, HTML or icon comes out of a print', () => {
  const inserted = '<img src=x> [x](command:evil) $(alert)';
  const { markdown } = printDiffMarkdown('a b', `a ${inserted} b`);
  assert.equal(markdown, `a **${escapeMarkdown(inserted)}** b`);
  assert.doesNotMatch(markdown, /(?<!\\)[<[(]/, 'every bracket escaped');
});

test('a long run of the same words is cut in the middle, keeping the words beside the differences', () => {
  const same = Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ');
  const { markdown } = printDiffMarkdown(`start ${same} end`, `begin ${same} stop`);
  assert.equal(markdown, '~~start~~ **begin** w0 w1 w2 w3 w4 … w15 w16 w17 w18 w19 ~~end~~ **stop**');
  // The first and last runs need no context on their outer side.
  assert.equal(printDiffMarkdown(`${same} end`, `${same} stop`).markdown, '… w15 w16 w17 w18 w19 ~~end~~ **stop**');
  assert.equal(printDiffMarkdown(`start ${same}`, `begin ${same}`).markdown, '~~start~~ **begin** w0 w1 w2 w3 w4 …');
});
