import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { projectMarkdown } from '../../src/core/markdown';
import { OffsetIndex, normalizeText } from '../../src/core/text';
import { fixturePath } from '../fixture-path';

/** The code-point span of the first occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `${JSON.stringify(needle)} should occur in the text`);
  const index = new OffsetIndex(text);
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + needle.length) };
}

/** Project `source`, map the span of `needle` and return the plain text it covers. */
async function mapped(source: string, needle: string): Promise<string | undefined> {
  const projection = await projectMarkdown(source);
  const { start, end } = spanOf(source, needle);
  const span = projection.mapSpan(start, end);
  return span && new OffsetIndex(projection.text).slice(span.start, span.end);
}

test('the plain text drops markup: emphasis, links, code fences, escapes, references, quote markers', async () => {
  const source = '# Title *x*\n\nSome **bold** [link](http://x) `code` \\* &amp; &copy; 😀\n\n> one\n> two\n\n- a\n- b\n';
  const { text } = await projectMarkdown(source);
  assert.equal(text, 'Title x\n\nSome bold link code * & © 😀\n\none\ntwo\n\na\nb');
});

test('a span covering only text maps onto the same text', async () => {
  const source = 'Plain paragraph with words.\n';
  assert.equal(await mapped(source, 'paragraph with'), 'paragraph with');
});

test('a span with markup inside maps onto the text without it', async () => {
  const source = 'The **budget** grows by [3.5 %](http://e.org) now.\n';
  assert.equal(await mapped(source, 'The **budget** grows by [3.5 %](http://e.org)'), 'The budget grows by 3.5 %');
});

test('a span starting or ending inside markup snaps inwards to the nearest text', async () => {
  const source = 'Growth of [3.5 percent](https://example.org) next year.\n';
  assert.equal(await mapped(source, '[3.5 percent]('), '3.5 percent', 'start on "[" moves forward, end on "](" moves back');
  assert.equal(await mapped(source, 'percent](https://example.org) next'), 'percent next');
});

test('a span over markup alone maps to nothing', async () => {
  assert.equal(await mapped('A [link](https://example.org) here.\n', '](https://example.org)'), undefined);
  assert.equal(await mapped('# Heading\n\n---\n\nText\n', '---'), undefined);
});

test('a span across blockquote lines keeps the line break and loses the marker', async () => {
  assert.equal(await mapped('> "We will not,\n> not this year."\n', '"We will not,\n> not this year."'), '"We will not,\nnot this year."');
});

test('character references and emoji: offsets are code points on both sides', async () => {
  const source = '🚀 Rose 12% &amp; fell 😀 twice.\n';
  assert.equal(await mapped(source, '12% &amp; fell 😀'), '12% & fell 😀');
  assert.equal(await mapped(source, 'twice'), 'twice');
  const projection = await projectMarkdown(source);
  assert.equal(projection.text, '🚀 Rose 12% & fell 😀 twice.');
});

test('the fixture Markdown document projects as a reader would read it', async () => {
  const source = normalizeText(readFileSync(fixturePath('export', 'docs', 'notes', 'brief.md'), 'utf8'));
  const { text } = await projectMarkdown(source);
  assert.equal(
    text,
    'Budget brief 🚀\n\nThe minister said the budget would grow by 3.5 percent next year.\n\n"We will not raise taxes,\nnot this year and not next."\n\nRevenue rose 12% & costs fell.\nCode: grow() stays.',
  );
});

test('mapping never goes backwards: every prefix of the source maps to a prefix of the plain text', async () => {
  const source = normalizeText(readFileSync(fixturePath('export', 'docs', 'notes', 'brief.md'), 'utf8'));
  const projection = await projectMarkdown(source);
  const length = new OffsetIndex(source).length;
  let previousEnd = 0;
  for (let end = 1; end <= length; end++) {
    const span = projection.mapSpan(0, end);
    if (!span) continue;
    assert.equal(span.start, 0);
    assert.ok(span.end >= previousEnd, `end ${end} maps to ${span.end}, before ${previousEnd}`);
    previousEnd = span.end;
  }
  assert.equal(previousEnd, new OffsetIndex(projection.text).length, 'the whole source maps onto the whole plain text');
});
