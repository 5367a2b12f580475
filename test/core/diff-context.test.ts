import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { contextOf } from '../../src/core/diff-context';
import type { Annotation } from '../../src/core/model';
import { OffsetIndex } from '../../src/core/text';

const TEXT = 'On Friday the council said that taxes will fall by 5% next year, after a long and heated debate about the budget.';

function at(text: string, phrase: string, extra: Partial<Annotation> = {}): Annotation {
  const start = text.indexOf(phrase);
  return { id: 'a1', label: 'claim', start, end: start + phrase.length, text: phrase, ...extra };
}

test('a span in context: six words on each side, the span in bold, "…" where the text goes on', () => {
  assert.equal(contextOf(at(TEXT, 'taxes will fall'), new OffsetIndex(TEXT)), 'On Friday the council said that **taxes will fall** by 5\\% next year\\, after a…');
  const later = 'Long before all this, on Friday the council said';
  assert.equal(contextOf(at(later, 'said'), new OffsetIndex(later)), '…all this\\, on Friday the council **said**');
});

test('at the start or the end of the document there is no "…" on that side', () => {
  const text = 'Taxes will fall, said the mayor.';
  assert.equal(contextOf(at(text, 'Taxes will fall'), new OffsetIndex(text)), '**Taxes will fall**\\, said the mayor\\.');
});

test('document text is escaped: it cannot make a link, an image, HTML, a heading or a mention', () => {
  const text = 'See [x](https://evil.example) <img src=x> and\n# heading @team ![i](j) then *the claim* here.';
  const md = contextOf(at(text, '*the claim*'), new OffsetIndex(text))!;
  assert.equal(md, '…and \\# heading \\@team \\!\\[i\\]\\(j\\) then **\\*the claim\\*** here\\.');
  assert.doesNotMatch(md, /\n/);
});

test('without the text, or when the record no longer sits on it, its own prefix and suffix are used', () => {
  const record = at(TEXT, 'taxes will fall', { prefix: 'the council said that ', suffix: ' by 5%' });
  assert.equal(contextOf(record, undefined), '…the council said that **taxes will fall** by 5\\%…');
  assert.equal(contextOf(record, new OffsetIndex('Another text entirely, long enough to hold the offsets.')), '…the council said that **taxes will fall** by 5\\%…');
  assert.equal(contextOf({ ...record, prefix: undefined, suffix: undefined }, undefined), undefined);
});
